-- The profile service's own state; nobody else writes it. Every table is rebuilt by replaying the topics it reads.

-- Per partition of a consumed topic: the next offset to apply, written in the same transaction as the state.
create table applied_offset (
    topic       text    not null,
    partition   integer not null,
    next_offset bigint  not null,
    primary key (topic, partition)
);

-- Event ids already applied, per tenant: a client's retry of the same eventId has effect once.
create table applied_event (
    tenant     text        not null,
    event_id   text        not null,
    applied_at timestamptz not null,
    primary key (tenant, event_id)
);
create index applied_event_age on applied_event (applied_at);

-- One row per surviving customer. traits: {"demographic.city": {"value", "at", "eventId"}, ...} and consent:
-- {"profiling": {"granted", "at", "eventId"}, ...}, each field last-writer-wins by (at, eventId).
create table profile (
    tenant        text        not null,
    customer_id   text        not null,
    traits        jsonb       not null,
    consent       jsonb       not null,
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint      not null,
    primary key (tenant, customer_id)
);

-- Customers merged into another: alias_id answers survivor_id's profile.
create table customer_alias (
    tenant      text not null,
    alias_id    text not null,
    survivor_id text not null,
    primary key (tenant, alias_id)
);
create index customer_alias_survivor on customer_alias (tenant, survivor_id);

-- Identifiers as each customer id presented them (kind: email, phone, whatsapp, external; an external value is
-- "system:id"). Rows keep the id that presented them; merges resolve it through customer_alias.
create table identifier (
    tenant        text        not null,
    kind          text        not null,
    value         text        not null,
    customer_id   text        not null,
    first_seen_at timestamptz not null,
    primary key (tenant, kind, value, customer_id)
);
create index identifier_customer on identifier (tenant, customer_id);

-- Recent interactions, newest first by (occurred_at, event_id); trimmed to a configured number per customer.
create table timeline_entry (
    tenant      text        not null,
    customer_id text        not null,
    occurred_at timestamptz not null,
    event_id    text        not null,
    origin_id   text        not null,
    type        text        not null,
    channel     text,
    source      text,
    properties  jsonb       not null,
    primary key (tenant, customer_id, occurred_at, event_id)
);

-- The latest behavior summary from mosaic.customer-behavior.
create table behavior (
    tenant      text        not null,
    customer_id text        not null,
    as_of       timestamptz not null,
    summary     jsonb       not null,
    primary key (tenant, customer_id)
);

-- Segment memberships from mosaic.segment-changes.
create table segment_membership (
    tenant       text        not null,
    customer_id  text        not null,
    segment_id   text        not null,
    segment_name text,
    since        timestamptz not null,
    primary key (tenant, customer_id, segment_id)
);

-- Erased customers, remembered without personal data (a hash of the id) so a replay does not bring them back.
create table erased_customer (
    tenant        text        not null,
    customer_hash text        not null,
    erased_at     timestamptz not null,
    primary key (tenant, customer_hash)
);

-- Records to publish (merge decisions), written in the transaction that decided them and relayed afterwards.
create table outbox (
    id         bigserial primary key,
    topic      text  not null,
    record_key text  not null,
    payload    bytea
);
