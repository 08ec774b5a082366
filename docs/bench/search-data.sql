-- 300,000 synthetic complaints and 1.8 million timeline entries for docs/bench/search-queries.sql. Run by hand on a
-- scratch database after V1__case_record.sql (and, for the "after" figures, V90__search_indexes.sql), then ANALYZE.
INSERT INTO complaint (complaint_number, process_instance_id, status, stage, channel, customer_name, customer_phone,
  customer_tier, order_ref, description, amount_claimed, currency, safety_risk, resolved_at_intake, severity, handler,
  second_complaint, received_at, received_by)
SELECT 'CMP-2026-' || lpad(i::text, 7, '0'), md5(i::text),
  CASE WHEN i % 10 < 8 THEN 'closed' WHEN i % 10 = 8 THEN 'open' ELSE 'withdrawn' END,
  (ARRAY['classifyComplaint','assignComplaint','investigateComplaint','approveResolution','executeResolution',
    'collectFeedback'])[1 + i % 6],
  (ARRAY['phone','chat','email','social','web','letter','visit'])[1 + i % 7],
  'Customer ' || i, '138' || lpad((i::bigint * 7919 % 100000000)::text, 8, '0'), 'standard', 'ORD-' || i,
  'Complaint text ' || i, (i % 5000), 'CNY', false, false,
  (ARRAY['general','general','general','important','urgent'])[1 + i % 5], 'h' || (i % 20),
  false, TIMESTAMP WITH TIME ZONE '2024-01-01' + (i * INTERVAL '5 minutes'), 'fiona'
FROM generate_series(1, 300000) i;
INSERT INTO complaint_event (complaint_number, occurred_at, event_type, stage, actor)
SELECT c.complaint_number, c.received_at + (k * INTERVAL '1 hour'),
  (ARRAY['received','task-created','classified','task-completed','deadline-escalated','closed'])[k], 'x', 'fiona'
FROM complaint c, generate_series(1, 6) k;
ANALYZE;
