package io.mosaic.streams;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * A stream thread that died (its task's state is rolled back to the last commit) is replaced rather than left dead:
 * an error that outlasts its retries, such as a broker away for longer than the delivery timeout, must not stop the
 * instance for good. Records that cannot be applied never get here; they go to the DLQ.
 */
public final class ReplaceFailedThreads implements StreamsUncaughtExceptionHandler {
    private static final System.Logger LOG = System.getLogger(ReplaceFailedThreads.class.getName());

    @Override
    public StreamThreadExceptionResponse handle(Throwable error) {
        LOG.log(
                System.Logger.Level.ERROR,
                "A stream thread failed ({0}); it is replaced and resumes from the last commit.",
                error.toString());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
