-- The case searches measured for V90 (docs/postgres-tuning.md), in the shape of CaseRecords.search (V2's
-- search, ORDER BY received_at DESC, complaint_number DESC, a page of 20). Run by hand:
--   psql -d <db> -f docs/bench/search-queries.sql
-- S1 open, newest first (page + count)
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE 1 = 1 AND status = 'open' ORDER BY received_at DESC, complaint_number DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM complaint WHERE 1 = 1 AND status = 'open';
-- S2 withdrawn (rarer status), newest first
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE 1 = 1 AND status = 'withdrawn' ORDER BY received_at DESC, complaint_number DESC LIMIT 20 OFFSET 0;
-- S3 open at a stage, rare combination
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE 1 = 1 AND status = 'open' AND stage = 'assignComplaint' ORDER BY received_at DESC, complaint_number DESC LIMIT 20 OFFSET 0;
-- S4 one person's cases
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE 1 = 1 AND (assignee = 'h8' OR (assignee IS NULL AND handler = 'h8')) ORDER BY received_at DESC, complaint_number DESC LIMIT 20 OFFSET 0;
-- S5 overdue
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE 1 = 1 AND status = 'open' AND due_at < TIMESTAMP WITH TIME ZONE '2026-06-01' ORDER BY due_at ASC, received_at DESC, complaint_number ASC LIMIT 20 OFFSET 0;
-- S6 received in a month, by severity
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE 1 = 1 AND severity = 'urgent' AND received_at >= TIMESTAMP WITH TIME ZONE '2025-03-01' AND received_at < TIMESTAMP WITH TIME ZONE '2025-04-01' ORDER BY received_at DESC, complaint_number DESC LIMIT 20 OFFSET 0;
-- S7 missed deadlines in a month (KPI)
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM complaint_event WHERE event_type = 'deadline-escalated' AND occurred_at >= TIMESTAMP WITH TIME ZONE '2025-03-01' AND occurred_at < TIMESTAMP WITH TIME ZONE '2025-04-01';
-- S8 open and urgent, rare combination
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE 1 = 1 AND status = 'open' AND severity = 'urgent' ORDER BY received_at DESC, complaint_number DESC LIMIT 20 OFFSET 0;
-- S9 a rare person's open cases
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE 1 = 1 AND status = 'open' AND (assignee = 'h7' OR (assignee IS NULL AND handler = 'h7')) ORDER BY received_at DESC, complaint_number DESC LIMIT 20 OFFSET 0;
