-- Indexes for the open-case worklists and the escalation report (issue 6; measured in docs/postgres-tuning.md).
-- The case search filters by one column with received_at (V2's indexes); worklists also ask for status = 'open',
-- and when few open cases match, walking a one-column index to fill a page takes hundreds of milliseconds at
-- 300,000 cases. Status first, the filter second, received_at last: one page read in order.
-- Plain B-tree indexes on the case record's own V1 columns, valid on PostgreSQL and H2 alike.
CREATE INDEX ix_complaint_status_stage ON complaint (status, stage, received_at);
CREATE INDEX ix_complaint_status_severity ON complaint (status, severity, received_at);
-- missed deadlines, closures, reopenings per month (the KPI report) without reading the whole timeline
CREATE INDEX ix_complaint_event_type_occurred_at ON complaint_event (event_type, occurred_at);
