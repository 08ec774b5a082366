-- Indexes for the case searches and reports (issue 6; the measurements are in docs/postgres-tuning.md).
-- Plain B-tree indexes on the case record's own tables, valid on PostgreSQL and H2 alike.
-- Every filter leads with its most selective column and ends with received_at, so "newest first" reads the index
-- in order and stops after one page.
CREATE INDEX ix_complaint_status_received_at ON complaint (status, received_at);
CREATE INDEX ix_complaint_handler_status ON complaint (handler, status, received_at);
CREATE INDEX ix_complaint_severity_status ON complaint (severity, status, received_at);
CREATE INDEX ix_complaint_stage_status ON complaint (stage, status, received_at);
CREATE INDEX ix_complaint_customer_phone ON complaint (customer_phone);
CREATE INDEX ix_complaint_order_ref ON complaint (order_ref);
CREATE INDEX ix_complaint_event_type_occurred_at ON complaint_event (event_type, occurred_at);
