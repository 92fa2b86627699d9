-- How each segment moved: per day (UTC) the customers who entered and left, counted by the membership sink as it
-- applies changes that really add or remove a member (a redelivered batch adds nothing). The size at the end of a
-- day is derived when read: today's size is the membership count, each earlier day's the next day's minus its
-- entries plus its exits.
create table segment_day (
    tenant     text   not null,
    segment_id text   not null,
    day        date   not null,
    entries    bigint not null default 0,
    exits      bigint not null default 0,
    primary key (tenant, segment_id, day)
);
