-- Two of Camunda's lookups that every claim, completion and escalation makes, planned by H2 as scans.
--
-- 1. A task's subtasks (select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?), asked at every task's end: Camunda's
--    schema has no index on the column, so H2 (and PostgreSQL, db/vendor/postgresql/V21) read every open task.
CREATE INDEX IF NOT EXISTS REDRESS_IDX_TASK_PARENT ON ACT_RU_TASK(PARENT_TASK_ID_);
--
-- 2. Conditions "column IS NULL" on a column that is null in nearly every row. Camunda adds TENANT_ID_ IS NULL to
--    its queries, and reads an execution's variables with EXECUTION_ID_ = ? AND TASK_ID_ IS NULL. Until H2 has
--    analysed a table (after 2,000 changed rows, then after twice as many each time), it deems every column equally
--    selective and, of two indexes that fit, takes the first created: the one on TENANT_ID_ or TASK_ID_, which
--    matches nearly every row. A plan made then stays with the pooled connection's statement cache. So loading one
--    execution's variables read every variable row, and counting one variable's history rows (the variable history's
--    check at a task's completion) read all of ACT_HI_DETAIL. Declared here as what ANALYZE finds for them (one
--    value in nearly every row), the first plan uses the index on the execution or the variable instead; ANALYZE
--    later keeps them so.
ALTER TABLE ACT_RU_VARIABLE ALTER COLUMN TASK_ID_ SELECTIVITY 1;
ALTER TABLE ACT_HI_ACTINST ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_HI_DETAIL ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_HI_EXT_TASK_LOG ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_HI_IDENTITYLINK ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_HI_INCIDENT ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_HI_JOB_LOG ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_HI_PROCINST ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_HI_TASKINST ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_HI_VARINST ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RE_DEPLOYMENT ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RE_PROCDEF ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RU_EVENT_SUBSCR ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RU_EXECUTION ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RU_EXT_TASK ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RU_INCIDENT ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RU_JOB ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RU_JOBDEF ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RU_TASK ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
ALTER TABLE ACT_RU_VARIABLE ALTER COLUMN TENANT_ID_ SELECTIVITY 1;
