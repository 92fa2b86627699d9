-- Bumped with every change to a tenant's segments; consumers reload their catalog when it moves, inside the
-- transaction that locked their offsets, so a new segment's event conditions count from an exact offset on.
alter table tenant add column catalog_version bigint not null default 0;

-- A segment whose new event conditions need the events before it existed: the offset of each partition from
-- which the live consumer counts them, and how far the replay of older events has been applied.
create table condition_replay (
    tenant          text  not null,
    segment_id      text  not null,
    signatures      jsonb not null,
    live_from       jsonb not null,
    applied_through text,
    primary key (tenant, segment_id)
);

-- When profiling consent was last withdrawn: behavior from before it was cleared and must not come back.
alter table profiling_consent add column cleared_at timestamptz;
