-- 100,000 open "Classify complaint" tasks of the frontline group in the database of a benchmark run
-- (-Dbench.keepDatabase=redress_tasklist_bench): copies of one real task (the engine's own row) with its candidate
-- group link and the grant Camunda's default authorization provider writes for it, created 20 s apart (the
-- benchmark's Seeder copies keep the template's creation time: all 100,000 tie, see the notes).
BEGIN;
CREATE TEMP TABLE tmpl AS SELECT * FROM act_ru_task WHERE id_ = :'template';
INSERT INTO act_ru_task (id_, rev_, execution_id_, proc_inst_id_, proc_def_id_, name_, task_def_key_, priority_,
  create_time_, due_date_, suspension_state_, task_state_)
SELECT 'seed-' || lpad(n::text, 7, '0'), 1, t.execution_id_, t.proc_inst_id_, t.proc_def_id_, t.name_, t.task_def_key_,
  t.priority_, t.create_time_ - (n || ' seconds')::interval * 20, t.due_date_ - (n || ' seconds')::interval * 20,
  1, t.task_state_
FROM tmpl t, generate_series(1, 100000) n;
INSERT INTO act_ru_identitylink (id_, rev_, group_id_, type_, task_id_)
SELECT 'seedl-' || lpad(n::text, 7, '0'), 1, 'frontline', 'candidate', 'seed-' || lpad(n::text, 7, '0')
FROM generate_series(1, 100000) n;
INSERT INTO act_ru_authorization (id_, rev_, type_, group_id_, resource_type_, resource_id_, perms_)
SELECT 'seeda-' || lpad(n::text, 7, '0'), 1, 1, 'frontline', 7, 'seed-' || lpad(n::text, 7, '0'), 6
FROM generate_series(1, 100000) n;
COMMIT;
ANALYZE act_ru_task; ANALYZE act_ru_identitylink; ANALYZE act_ru_authorization;
