-- Tasklist shows how many tasks a filter holds beside its list: for "My group's tasks" Camunda counts
--   SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ FROM ACT_RU_TASK RES LEFT JOIN ACT_RU_IDENTITYLINK I
--     ON I.TASK_ID_ = RES.ID_ WHERE I.TYPE_ = 'candidate' AND I.GROUP_ID_ IN (...) AND RES.TENANT_ID_ IS NULL)
-- (without the grant join: io.redress.security.GroupTaskQueries). With Camunda's indexes PostgreSQL reads both
-- tables whole, hashes them and makes the ids distinct in a hash: 110 ms at 100,000 open tasks of one group. These
-- two indexes hold every column the count reads, in the join's order, so PostgreSQL merges two index-only scans and
-- the ids come out sorted, distinct without a hash: 41-48 ms (docs/bench/2026-12-01-fourth.md). Each task and each
-- candidate group of a task costs one more index entry. H2 counts 10,000 in under 10 ms without them (its V19 is
-- empty).
CREATE INDEX IF NOT EXISTS redress_ix_ident_lnk_group_task ON act_ru_identitylink (group_id_, type_, task_id_);
CREATE INDEX IF NOT EXISTS redress_ix_task_id_tenant ON act_ru_task (id_) INCLUDE (tenant_id_);
