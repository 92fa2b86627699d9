-- Segmentation's state moved into its Kafka Streams topology (RocksDB stores with changelog topics): customer
-- aggregates, aliases, consent, erasure markers, event ids and offsets are no longer kept here, nor is the outbox.
-- What stays is the query side: the membership table, filled from mosaic.segment-changes.
drop table applied_offset, applied_event, customer_state, customer_alias, profiling_consent, erased_customer,
    condition_replay, outbox;

-- Segment definitions live on the compacted mosaic.segment-definitions topic now. The rows of a deployment that
-- had them are kept under another name until LegacySegmentImport has written them to the topic.
alter table segment rename to legacy_segment;
alter table tenant rename to legacy_tenant;
