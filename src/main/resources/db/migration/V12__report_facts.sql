-- Issue 17: the centre's numbers are facts of the case record, kept when the events happen, so that they outlive
-- Camunda's history cleanup and customers' erasures (none of this is personal data).

-- the root cause's category the investigator picked (investigate-complaint form), the compensation paid when the
-- resolution was carried out, and whether an escalation reached leadership (managers or directors)
ALTER TABLE complaint ADD COLUMN root_cause_category VARCHAR(64);
ALTER TABLE complaint ADD COLUMN paid_amount DECIMAL(19, 2);
ALTER TABLE complaint ADD COLUMN paid_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE complaint ADD COLUMN leadership_escalated BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX ix_complaint_closed_at ON complaint (closed_at);

-- One row per ended case (closed, closed - no response, withdrawn): what the KPIs need of it, computed once when it
-- ends (io.redress.casefile.CaseFacts) from the case record's tables. A reopened case loses its row until it ends
-- again. No foreign key: the row stays whatever happens to the case's other rows.
CREATE TABLE complaint_fact (
    complaint_number     VARCHAR(32)    NOT NULL PRIMARY KEY,
    received_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    status               VARCHAR(32)    NOT NULL,
    channel              VARCHAR(16)    NOT NULL,
    category             VARCHAR(64),
    severity             VARCHAR(16),
    tier                 VARCHAR(16)    NOT NULL,
    major                BOOLEAN,
    handler              VARCHAR(64),
    resolved_at_intake   BOOLEAN        NOT NULL,
    root_cause_category  VARCHAR(64),
    -- null: the case had no such deadline (nothing to count)
    first_reply_on_time  BOOLEAN,
    full_process_on_time BOOLEAN,
    stage_tasks          INTEGER        NOT NULL,
    stage_tasks_on_time  INTEGER        NOT NULL,
    reopened             INTEGER        NOT NULL,
    reassigned           INTEGER        NOT NULL,
    escalations          INTEGER        NOT NULL,
    leadership_escalated BOOLEAN        NOT NULL,
    approved_amount      DECIMAL(19, 2),
    paid_amount          DECIMAL(19, 2),
    -- the last answer; and every time the customer was reached at the feedback stage, and how often satisfied
    satisfaction         VARCHAR(32),
    callbacks            INTEGER        NOT NULL,
    satisfied_callbacks  INTEGER        NOT NULL,
    -- the survey of the last answer, 1-5
    attitude             SMALLINT,
    speed                SMALLINT,
    effectiveness        SMALLINT
);

CREATE INDEX ix_complaint_fact_closed ON complaint_fact (closed_at);

-- the cases of earlier builds: what their record already holds
UPDATE complaint SET leadership_escalated = TRUE WHERE complaint_number IN (SELECT e.complaint_number
    FROM complaint_event e WHERE e.event_type = 'deadline-escalated'
    AND (e.detail LIKE '%"group":"managers"%' OR e.detail LIKE '%"group":"directors"%'));

UPDATE complaint SET paid_amount = approved_amount, paid_at = (SELECT MAX(e.occurred_at) FROM complaint_event e
    WHERE e.complaint_number = complaint.complaint_number AND e.event_type = 'task-completed'
    AND e.stage = 'executeResolution')
    WHERE approved_amount IS NOT NULL AND EXISTS (SELECT 1 FROM complaint_event e
    WHERE e.complaint_number = complaint.complaint_number AND e.event_type = 'task-completed'
    AND e.stage = 'executeResolution');

-- ended cases of earlier builds: the same row io.redress.casefile.CaseFacts writes when a case ends
INSERT INTO complaint_fact (complaint_number, received_at, closed_at, status, channel, category, severity, tier,
  major, handler, resolved_at_intake, root_cause_category, first_reply_on_time, full_process_on_time,
  stage_tasks, stage_tasks_on_time, reopened, reassigned, escalations, leadership_escalated, approved_amount,
  paid_amount, satisfaction, callbacks, satisfied_callbacks, attitude, speed, effectiveness)
SELECT c.complaint_number, c.received_at, c.closed_at, c.status, c.channel, c.category, c.severity,
  c.customer_tier, c.major, c.handler, c.resolved_at_intake, c.root_cause_category,
  CASE WHEN c.resolved_at_intake THEN TRUE ELSE (SELECT CASE WHEN d.state IN ('met', 'cancelled') THEN TRUE
    WHEN d.state IN ('met-late', 'breached') THEN FALSE END FROM case_deadline d
    WHERE d.complaint_number = c.complaint_number AND d.kind = 'first-reply' ORDER BY d.id LIMIT 1) END,
  CASE WHEN c.resolved_at_intake THEN TRUE ELSE (SELECT CASE WHEN d.state IN ('met', 'cancelled') THEN TRUE
    WHEN d.state IN ('met-late', 'breached') THEN FALSE END FROM case_deadline d
    WHERE d.complaint_number = c.complaint_number AND d.kind = 'effective-reply' ORDER BY d.id LIMIT 1) END,
  (SELECT COUNT(*) FROM case_deadline d WHERE d.complaint_number = c.complaint_number
    AND d.kind IN ('classifyComplaint','assignComplaint','investigateComplaint','approveResolution','executeResolution','collectFeedback') AND d.state IN ('met', 'met-late', 'breached')),
  (SELECT COUNT(*) FROM case_deadline d WHERE d.complaint_number = c.complaint_number
    AND d.kind IN ('classifyComplaint','assignComplaint','investigateComplaint','approveResolution','executeResolution','collectFeedback') AND d.state = 'met'),
  (SELECT COUNT(*) FROM complaint_event e WHERE e.complaint_number = c.complaint_number
    AND e.event_type = 'reopened'),
  (SELECT CASE WHEN COUNT(*) > 1 THEN COUNT(*) - 1 ELSE 0 END FROM complaint_event e
    WHERE e.complaint_number = c.complaint_number AND e.event_type = 'assigned'),
  (SELECT COUNT(*) FROM complaint_event e WHERE e.complaint_number = c.complaint_number
    AND e.event_type = 'deadline-escalated'),
  c.leadership_escalated, c.approved_amount, c.paid_amount, c.satisfaction,
  (SELECT COUNT(*) FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number),
  (SELECT COUNT(*) FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number
    AND f.satisfaction IN ('very_satisfied', 'satisfied', 'basically_satisfied')),
  (SELECT f.attitude FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number
    ORDER BY f.recorded_at DESC, f.id DESC LIMIT 1),
  (SELECT f.speed FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number
    ORDER BY f.recorded_at DESC, f.id DESC LIMIT 1),
  (SELECT f.effectiveness FROM complaint_feedback f WHERE f.complaint_number = c.complaint_number
    ORDER BY f.recorded_at DESC, f.id DESC LIMIT 1)
FROM complaint c WHERE c.closed_at IS NOT NULL;
