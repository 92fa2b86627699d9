package io.mosaic.segmentation.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per tenant, how often each global table changed since this instance started: bumped by the global stream thread
 * ({@link GlobalTableLoader}), read by every task's processor to know when to compile or merge again.
 */
final class TableVersions {
    final Map<String, Long> definitions = new ConcurrentHashMap<>();
    final Map<String, Long> rfmHistograms = new ConcurrentHashMap<>();
    /**
     * Each tenant's RFM cuts merged from the histograms at one version, shared by every task of the instance: the
     * histograms change every few seconds under load, and merging them once per task was a few percent of a stream
     * thread.
     */
    final Map<String, MergedCuts> rfmCuts = new ConcurrentHashMap<>();

    record MergedCuts(long version, io.mosaic.segmentation.behavior.RfmCuts cuts) {}
}
