-- The case searches measured for the V90 indexes (docs/postgres-tuning.md). Run by hand:
--   psql -d <db> -v ON_ERROR_STOP=1 -f docs/bench/search-queries.sql
-- Q1 open complaints, newest first
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE status = 'open' ORDER BY received_at DESC LIMIT 50;
-- Q2 a handler's open cases
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE handler = 'h8' AND status = 'open' ORDER BY received_at DESC LIMIT 50;
-- Q3 open important complaints
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE status = 'open' AND severity = 'important' ORDER BY received_at DESC LIMIT 50;
-- Q4 a customer's complaints by phone
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE customer_phone = '13800791900' ORDER BY received_at DESC;
-- Q5 the complaints about one order
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE order_ref = 'ORD-123456';
-- Q6 missed deadlines in a month (KPI report)
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM complaint_event WHERE event_type = 'deadline-escalated'
  AND occurred_at >= TIMESTAMP WITH TIME ZONE '2025-03-01' AND occurred_at < TIMESTAMP WITH TIME ZONE '2025-04-01';
-- Q7 open complaints at one stage (the supervisors' assignment queue)
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE status = 'open' AND stage = 'investigateComplaint' ORDER BY received_at DESC LIMIT 50;
-- Q2b, Q3b, Q7b: the same searches for a combination that is rare (here: none), the worst case without an index
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE handler = 'h7' AND status = 'open' ORDER BY received_at DESC LIMIT 50;
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE status = 'open' AND severity = 'urgent' ORDER BY received_at DESC LIMIT 50;
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM complaint WHERE status = 'open' AND stage = 'assignComplaint' ORDER BY received_at DESC LIMIT 50;
