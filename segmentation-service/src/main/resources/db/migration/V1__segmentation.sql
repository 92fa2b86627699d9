-- Segmentation's own state; nobody else writes it. Every table is rebuilt by replaying mosaic.interactions.

-- Per partition of a consumed topic: the next offset to apply. Written in the same transaction as the state,
-- so a redelivered record is recognised and skipped.
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

-- The mergeable behavioral aggregate of each customer, its latest summary, and when time alone may next
-- change one of its memberships.
create table customer_state (
    tenant        text        not null,
    customer_id   text        not null,
    aggregate     jsonb       not null,
    summary       jsonb       not null,
    next_check_at timestamptz,
    updated_at    timestamptz not null,
    primary key (tenant, customer_id)
);
create index customer_state_due on customer_state (next_check_at) where next_check_at is not null;

-- Customers merged into another: events for alias_id count for survivor_id.
create table customer_alias (
    tenant      text not null,
    alias_id    text not null,
    survivor_id text not null,
    primary key (tenant, alias_id)
);
create index customer_alias_survivor on customer_alias (tenant, survivor_id);

-- Profiling consent, last writer wins by the consent event's occurredAt.
create table profiling_consent (
    tenant      text        not null,
    customer_id text        not null,
    granted     boolean     not null,
    decided_at  timestamptz not null,
    event_id    text        not null,
    primary key (tenant, customer_id)
);

-- Erased customers, remembered without personal data (a hash of the id) so a replay does not bring them back.
create table erased_customer (
    tenant        text        not null,
    customer_hash text        not null,
    erased_at     timestamptz not null,
    primary key (tenant, customer_hash)
);

create table tenant (
    tenant           text primary key,
    rfm_scale        jsonb,
    rfm_computed_at  timestamptz,
    created_at       timestamptz not null
);

create table segment (
    tenant          text        not null,
    id              text        not null,
    name            text        not null,
    description     text        not null default '',
    rule            jsonb       not null,
    built_in        boolean     not null default false,
    status          text        not null default 'active',
    backfill_total  bigint      not null default 0,
    backfill_done   bigint      not null default 0,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (tenant, id)
);

create table membership (
    tenant      text        not null,
    segment_id  text        not null,
    customer_id text        not null,
    since       timestamptz not null,
    primary key (tenant, segment_id, customer_id)
);
create index membership_customer on membership (tenant, customer_id);

-- Records to publish, written in the transaction that decided them and relayed to Kafka afterwards.
create table outbox (
    id         bigserial primary key,
    topic      text  not null,
    record_key text  not null,
    payload    bytea
);
