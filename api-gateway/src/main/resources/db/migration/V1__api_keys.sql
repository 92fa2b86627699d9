-- API keys. The key itself is never stored: only its public prefix (to find the row) and a keyed hash of the whole
-- key (HMAC-SHA256 with the gateway's secret pepper), compared in constant time.
create table api_key (
    id         text        primary key,
    tenant     text        not null,
    name       text        not null,
    scopes     text[]      not null,
    key_hash   bytea       not null,
    created_at timestamptz not null,
    revoked_at timestamptz
);
create index api_key_tenant on api_key (tenant, created_at);
