-- The profile is served as the database assembles it, in one indexed round trip: traits are kept in their
-- served shape next to their last-writer-wins stamps, and instants are written as the rest of the API writes them.
alter table profile add column traits_view jsonb not null default '{}';

-- An instant as java.time.Instant prints it: UTC, fraction in groups of three digits, none when zero.
create function rfc3339(ts timestamptz) returns text language sql immutable strict as $$
    select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
        || case
               when (extract(microseconds from ts)::bigint % 1000000) = 0 then ''
               when (extract(microseconds from ts)::bigint % 1000) = 0 then '.' || to_char(ts at time zone 'UTC', 'MS')
               else '.' || to_char(ts at time zone 'UTC', 'US')
           end
        || 'Z'
$$;
