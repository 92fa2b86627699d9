package io.mosaic.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the instance together: one block cache for all stores and
 * tasks, and their memtables charged against it. Without this each store of each task takes its own cache and
 * memtables, so memory grows with the partitions an instance holds. Index and filter blocks stay outside the cache
 * (a small share of the data): kept in it, every lookup paid a cache lookup for them, 15% of the topology's
 * throughput in the benchmark. Sizes from the Streams configuration: {@value #CACHE_BYTES} (default 256 MiB) and
 * {@value #MEMTABLE_BYTES} (default a quarter of it); {@code rocksdb.config.setter} names this class.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    public static final String CACHE_BYTES = "mosaic.rocksdb.cache-bytes";
    public static final String MEMTABLE_BYTES = "mosaic.rocksdb.memtable-bytes";
    private static final long DEFAULT_CACHE_BYTES = 256L << 20;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared(configs));
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
    }

    private static synchronized Cache shared(Map<String, Object> configs) {
        if (cache == null) {
            long cacheBytes = bytes(configs.get(CACHE_BYTES), DEFAULT_CACHE_BYTES);
            long memtableBytes = bytes(configs.get(MEMTABLE_BYTES), cacheBytes / 4);
            cache = new LRUCache(cacheBytes);
            writeBuffers = new WriteBufferManager(memtableBytes, cache);
        }
        return cache;
    }

    private static long bytes(Object configured, long fallback) {
        return configured == null ? fallback : Long.parseLong(configured.toString());
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffers are shared by every store of the instance: never closed with one of them
    }
}
