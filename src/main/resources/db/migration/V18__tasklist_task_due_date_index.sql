-- Tasklist lists a filter's tasks by due date, earliest first (scripts/redress-sorting.js), through an index on the
-- due date of Camunda's tasks, which Camunda's schema does not have: without it the database sorts every task of the
-- filter to show the first 15; with it it walks the index from the earliest due date and stops at the page, as it
-- already does for Camunda's own index on the creation time (PostgreSQL, 100,000 open tasks of one group:
-- docs/bench/2026-12-01-tasklist.md). Camunda's tables exist when this runs (io.redress.cluster.DatabaseMigrations).
CREATE INDEX IF NOT EXISTS redress_ix_task_due_date ON act_ru_task (due_date_);
