-- Why a segment is in status 'failed' (its stored rule cannot be compiled, or its backfill failed); null otherwise.
alter table segment add column failure text;
