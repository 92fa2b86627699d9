-- A ready profile and every key it is found by, as one relation: what a read by id or identifier returns. The
-- profile service reads it, and so does the gateway, which answers a read that finds exactly one profile itself
-- (docs/ARCHITECTURE.md, "Reading a profile"). The gateway needs no more than SELECT on this view; its columns are
-- a contract between the two: add columns, never rename or drop one without changing both.
create view profile_read as
select l.tenant, l.kind, l.value, l.customer_id, d.document
from profile_lookup l
join profile_document d on d.tenant = l.tenant and d.customer_id = l.customer_id;
