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
}
