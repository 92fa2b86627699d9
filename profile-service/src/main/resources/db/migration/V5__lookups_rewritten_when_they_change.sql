-- The read model renders documents from the topology's state changelog; the keys a profile is found by change far
-- less often than the profile, so they are rewritten only when the state's lookups version moved past this one.
alter table profile_document add column lookups_version bigint not null default 0;
