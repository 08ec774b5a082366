-- Due jobs are acquired earliest first (io.redress.cluster.JobAcquisitionByDueDate sets jobExecutorAcquireByDueDate
-- and ensureJobDueDateNotNull) through an index on the due date of Camunda's jobs, which Camunda's schema does not
-- have: every open case holds several timers, and without the index each acquisition reads through all of them to
-- find the few that are due. With it the database walks the index from the earliest due date and stops after a
-- handful of rows (H2 deadlines 53 -> 62 a second, PostgreSQL 39 -> 54: docs/benchmark-notes.md).
-- Camunda's tables exist when this runs: the migrations run after the engine has created or updated its schema
-- (io.redress.cluster.DatabaseMigrations). IF NOT EXISTS: databases of earlier builds got the index at start-up.
CREATE INDEX IF NOT EXISTS redress_ix_job_duedate ON act_ru_job (duedate_);

-- Jobs made before every job had a due date (batches, another model's continuations) are due now: the acquisition
-- asks only for due_date <= now.
UPDATE act_ru_job SET duedate_ = CURRENT_TIMESTAMP WHERE duedate_ IS NULL;
