-- The profile's state and decisions moved into the Kafka Streams topology (io.mosaic.profile.stream): its stores
-- and changelogs replace the applied offsets, event ids, outbox, aliases, identifiers, erasure markers and the
-- per-read assembly of several tables. PostgreSQL keeps the read model only, copied from the topology's
-- changelogs; it is rebuilt by replaying them (or the event log), so nothing is migrated.
drop table applied_offset, applied_event, profile, customer_alias, identifier, timeline_entry, behavior,
    segment_membership, erased_customer, outbox;
drop function rfc3339(timestamptz);

-- Each surviving customer's profile, as GET /v1/profiles serves it.
create table profile_document (
    tenant      text not null,
    customer_id text not null,
    document    text not null,
    primary key (tenant, customer_id)
);

-- What a profile is found by: kind 'id' (its own id and every id merged into it), 'email', 'phone', 'whatsapp',
-- 'external' (value "system:id"). A read by id or identifier is one lookup of this key joined to its document.
create table profile_lookup (
    tenant      text not null,
    kind        text not null,
    value       text not null,
    customer_id text not null,
    primary key (tenant, kind, value, customer_id)
);
create index profile_lookup_customer on profile_lookup (tenant, customer_id);

-- The latest interactions of each surviving customer, as served; position is the instant in microseconds (16 hex
-- digits) then the event id, compared byte by byte so that it sorts by time.
create table timeline_entry (
    tenant      text not null,
    customer_id text not null,
    position    text collate "C" not null,
    entry       text not null,
    primary key (tenant, customer_id, position)
);
