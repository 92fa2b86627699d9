-- Webhook destinations of a tenant and the deliveries owed to them (docs/DESTINATIONS.md).
CREATE TABLE destination (
    id             UUID PRIMARY KEY,
    tenant         TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    url            TEXT        NOT NULL,
    -- null: every segment
    segments       TEXT[],
    changes        TEXT[]      NOT NULL,
    -- the signing secret, AES-GCM under the platform's key (DestinationSecrets): it must be read back to sign
    secret         BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX destination_tenant ON destination (tenant);

-- One row per change owed to a destination: the queue (pending) and the log (delivered, dead) at once.
CREATE TABLE delivery (
    id              UUID PRIMARY KEY,
    destination_id  UUID        NOT NULL REFERENCES destination (id) ON DELETE CASCADE,
    -- where the change came from (partition:offset of mosaic.segment-changes): a redelivered batch adds nothing
    source          TEXT        NOT NULL,
    seq             BIGSERIAL,
    customer_id     TEXT        NOT NULL,
    body            BYTEA       NOT NULL,
    status          TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    -- an instance sending it holds it until then; a crashed one's claim runs out
    claimed_until   TIMESTAMPTZ,
    last_status     INT,
    last_latency_ms INT,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    done_at         TIMESTAMPTZ,
    UNIQUE (destination_id, source)
);
CREATE INDEX delivery_due ON delivery (destination_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_customer ON delivery (destination_id, customer_id, seq) WHERE status = 'pending';
CREATE INDEX delivery_recent ON delivery (destination_id, created_at DESC);
