-- PostgreSQL 14 and later: statistics on the permission bits of Camunda's grants (ACT_RU_AUTHORIZATION), so that the
-- planner knows how many grants a task query's authorization check really matches.
--
-- Every candidate group of a task gets a grant of its own, so with 10,000 open tasks there are some 10,000 grants.
-- Camunda's task query joins them with AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*') after filtering them with
-- A.PERMS_ & 2 = 2; PostgreSQL has no statistics for such an expression and guesses 0.5% of the rows match, so it
-- plans a nested loop that compares every task with every grant: 15 to 20 s for the first page of "My group's tasks"
-- at 10,000 open cases. With statistics on the expressions it looks each task's grants up in the index on
-- RESOURCE_ID_ instead (0.34 s; docs/benchmark-notes.md). The statistics only help a plan made for the query's
-- values: the postgres profile sets plan_cache_mode = force_custom_plan.
--
-- READ (2) and UPDATE (4) of tasks and instances, READ_TASK (64) and READ_INSTANCE (512) of definitions. Analysed
-- once here (the grants of the groups exist: io.redress.identity.IdentitySetup runs before the migrations);
-- autovacuum keeps the statistics current afterwards. IF NOT EXISTS: databases of earlier builds got them at start-up.
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 140000 THEN
    EXECUTE 'CREATE STATISTICS IF NOT EXISTS redress_st_auth_perms '
        || 'ON (perms_ & 2), (perms_ & 4), (perms_ & 64), (perms_ & 512) FROM act_ru_authorization';
    EXECUTE 'ANALYZE act_ru_authorization';
  END IF;
END
$$;
