-- A task's subtasks (select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?), asked at every task's end: Camunda's
-- schema has no index on the column, so PostgreSQL read every open task (a sequential scan of 100,000 rows at
-- 100,000 open cases). Redress makes no subtasks; the index holds only the rows that have a parent, so it costs a
-- task's insert nothing. (H2 also gets statistics for its IS NULL conditions: db/vendor/h2/V21; PostgreSQL keeps
-- its own.)
CREATE INDEX IF NOT EXISTS redress_idx_task_parent ON act_ru_task (parent_task_id_) WHERE parent_task_id_ IS NOT NULL;
