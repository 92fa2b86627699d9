package io.mosaic.benchmarks;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging of the benchmark's own JVM (load generator, embedded broker, Kafka's perf tools). Quarkus's bootstrap jar
 * on the class path leaves JBoss LogManager unconfigured, with no level: every TRACE line of the clients and the
 * broker was formatted and dropped, a tenth of this JVM's CPU, which the reports charge to the broker.
 */
final class BenchLogging {
    private BenchLogging() {}

    /** Warnings and errors on standard error; nothing below them is formatted. */
    static void warningsOnly() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        root.addHandler(console);
    }
}
