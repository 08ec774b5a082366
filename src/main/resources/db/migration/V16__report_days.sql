-- Issue 17 part 6: the reports answer as fast at a million ended cases as at a hundred. The facts of the ended cases
-- (complaint_fact) are summed per day in the centre's zone (${zone}, redress.calendar.zone) and per filter (channel,
-- category, severity, tier), kept in the same transaction as the fact row (io.redress.casefile.ReportDays): added
-- when a case ends, taken away when it is reopened. A report sums the days of its period. Category and severity
-- are '' for none (unclassified): a key column is never null. A row can fall to zero; readers skip zeros. Each sum is
-- kept twice: per day (span 'day') and per calendar month (span 'month', dated its first day), so that a period
-- reads its whole months' rows and the days of its partial months only.

-- the cases that ended on the day: what the outcome KPIs, the closed counts, compensation and the survey add up
CREATE TABLE report_closed_day (
    span                  VARCHAR(5)     NOT NULL,
    ended_on              DATE           NOT NULL,
    channel               VARCHAR(16)    NOT NULL,
    category              VARCHAR(64)    NOT NULL,
    severity              VARCHAR(16)    NOT NULL,
    tier                  VARCHAR(16)    NOT NULL,
    -- every ended case, and the withdrawn ones among them
    ended                 BIGINT         NOT NULL,
    withdrawn             BIGINT         NOT NULL,
    -- the KPIs' cases (ended, not withdrawn) and their numerators and denominators
    counted               BIGINT         NOT NULL,
    first_reply_due       BIGINT         NOT NULL,
    first_reply_on_time   BIGINT         NOT NULL,
    full_process_due      BIGINT         NOT NULL,
    full_process_on_time  BIGINT         NOT NULL,
    resolved_at_intake    BIGINT         NOT NULL,
    stage_tasks           BIGINT         NOT NULL,
    stage_tasks_on_time   BIGINT         NOT NULL,
    callbacks             BIGINT         NOT NULL,
    satisfied_callbacks   BIGINT         NOT NULL,
    -- every ended case: compensation approved and paid, the survey's last answers
    approved              BIGINT         NOT NULL,
    approved_amount       DECIMAL(31, 2) NOT NULL,
    paid                  BIGINT         NOT NULL,
    paid_amount           DECIMAL(31, 2) NOT NULL,
    answers               BIGINT         NOT NULL,
    attitude_answers      BIGINT         NOT NULL,
    attitude_sum          BIGINT         NOT NULL,
    speed_answers         BIGINT         NOT NULL,
    speed_sum             BIGINT         NOT NULL,
    effectiveness_answers BIGINT         NOT NULL,
    effectiveness_sum     BIGINT         NOT NULL,
    PRIMARY KEY (span, ended_on, channel, category, severity, tier)
);

-- the ended cases by the day they were received (the open ones are counted from complaint itself)
CREATE TABLE report_received_day (
    span                  VARCHAR(5)     NOT NULL,
    received_on           DATE           NOT NULL,
    channel               VARCHAR(16)    NOT NULL,
    category              VARCHAR(64)    NOT NULL,
    severity              VARCHAR(16)    NOT NULL,
    tier                  VARCHAR(16)    NOT NULL,
    received              BIGINT         NOT NULL,
    -- major or escalated to leadership
    escalated             BIGINT         NOT NULL,
    PRIMARY KEY (span, received_on, channel, category, severity, tier)
);

-- the cases that ended on the day per root-cause category (kind root-cause, withdrawn ones left out, '' for none)
-- and per handler (kind handler)
CREATE TABLE report_closed_count (
    span                  VARCHAR(5)     NOT NULL,
    ended_on              DATE           NOT NULL,
    channel               VARCHAR(16)    NOT NULL,
    category              VARCHAR(64)    NOT NULL,
    severity              VARCHAR(16)    NOT NULL,
    tier                  VARCHAR(16)    NOT NULL,
    kind                  VARCHAR(16)    NOT NULL,
    item                  VARCHAR(64)    NOT NULL,
    cases                 BIGINT         NOT NULL,
    PRIMARY KEY (kind, span, ended_on, item, channel, category, severity, tier)
);

-- the fact rows already there, by their days in the centre's zone (the session's zone for the casts below; both
-- H2 and PostgreSQL cast a timestamp with time zone to the date in the session's zone)
SET TIME ZONE '${zone}';

INSERT INTO report_closed_day (span, ended_on, channel, category, severity, tier, ended, withdrawn, counted,
  first_reply_due, first_reply_on_time, full_process_due, full_process_on_time, resolved_at_intake, stage_tasks,
  stage_tasks_on_time, callbacks, satisfied_callbacks, approved, approved_amount, paid, paid_amount, answers,
  attitude_answers, attitude_sum, speed_answers, speed_sum, effectiveness_answers, effectiveness_sum)
SELECT 'day', CAST(f.closed_at AS DATE), f.channel, COALESCE(f.category, ''), COALESCE(f.severity, ''), f.tier,
  COUNT(*),
  SUM(CASE WHEN f.status = 'withdrawn' THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' AND f.first_reply_on_time IS NOT NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' AND f.first_reply_on_time THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' AND f.full_process_on_time IS NOT NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' AND f.full_process_on_time THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' AND f.resolved_at_intake THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' THEN f.stage_tasks ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' THEN f.stage_tasks_on_time ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' THEN f.callbacks ELSE 0 END),
  SUM(CASE WHEN f.status <> 'withdrawn' THEN f.satisfied_callbacks ELSE 0 END),
  COUNT(f.approved_amount), COALESCE(SUM(f.approved_amount), 0), COUNT(f.paid_amount), COALESCE(SUM(f.paid_amount), 0),
  COUNT(f.satisfaction), COUNT(f.attitude), COALESCE(SUM(f.attitude), 0), COUNT(f.speed), COALESCE(SUM(f.speed), 0),
  COUNT(f.effectiveness), COALESCE(SUM(f.effectiveness), 0)
FROM complaint_fact f
GROUP BY CAST(f.closed_at AS DATE), f.channel, COALESCE(f.category, ''), COALESCE(f.severity, ''), f.tier;

INSERT INTO report_received_day (span, received_on, channel, category, severity, tier, received, escalated)
SELECT 'day', CAST(f.received_at AS DATE), f.channel, COALESCE(f.category, ''), COALESCE(f.severity, ''), f.tier, COUNT(*),
  SUM(CASE WHEN f.major OR f.leadership_escalated THEN 1 ELSE 0 END)
FROM complaint_fact f
GROUP BY CAST(f.received_at AS DATE), f.channel, COALESCE(f.category, ''), COALESCE(f.severity, ''), f.tier;

INSERT INTO report_closed_count (span, ended_on, channel, category, severity, tier, kind, item, cases)
SELECT 'day', CAST(f.closed_at AS DATE), f.channel, COALESCE(f.category, ''), COALESCE(f.severity, ''), f.tier,
  'root-cause', COALESCE(f.root_cause_category, ''), COUNT(*)
FROM complaint_fact f WHERE f.status <> 'withdrawn'
GROUP BY CAST(f.closed_at AS DATE), f.channel, COALESCE(f.category, ''), COALESCE(f.severity, ''), f.tier,
  COALESCE(f.root_cause_category, '');

INSERT INTO report_closed_count (span, ended_on, channel, category, severity, tier, kind, item, cases)
SELECT 'day', CAST(f.closed_at AS DATE), f.channel, COALESCE(f.category, ''), COALESCE(f.severity, ''), f.tier,
  'handler', f.handler, COUNT(*)
FROM complaint_fact f WHERE f.handler IS NOT NULL
GROUP BY CAST(f.closed_at AS DATE), f.channel, COALESCE(f.category, ''), COALESCE(f.severity, ''), f.tier,
  f.handler;

-- the months: the sums of their days
INSERT INTO report_closed_day (span, ended_on, channel, category, severity, tier, ended, withdrawn, counted, first_reply_due, first_reply_on_time, full_process_due, full_process_on_time, resolved_at_intake, stage_tasks, stage_tasks_on_time, callbacks, satisfied_callbacks, approved, approved_amount, paid, paid_amount, answers, attitude_answers, attitude_sum, speed_answers, speed_sum, effectiveness_answers, effectiveness_sum)
SELECT 'month', CAST(d.ended_on - CAST(EXTRACT(DAY FROM d.ended_on) - 1 AS INTEGER) AS DATE), d.channel, d.category, d.severity, d.tier,
  SUM(d.ended), SUM(d.withdrawn), SUM(d.counted), SUM(d.first_reply_due), SUM(d.first_reply_on_time),
  SUM(d.full_process_due), SUM(d.full_process_on_time), SUM(d.resolved_at_intake), SUM(d.stage_tasks),
  SUM(d.stage_tasks_on_time), SUM(d.callbacks), SUM(d.satisfied_callbacks), SUM(d.approved),
  SUM(d.approved_amount), SUM(d.paid), SUM(d.paid_amount), SUM(d.answers), SUM(d.attitude_answers),
  SUM(d.attitude_sum), SUM(d.speed_answers), SUM(d.speed_sum), SUM(d.effectiveness_answers),
  SUM(d.effectiveness_sum)
FROM report_closed_day d WHERE d.span = 'day'
GROUP BY CAST(d.ended_on - CAST(EXTRACT(DAY FROM d.ended_on) - 1 AS INTEGER) AS DATE), d.channel, d.category, d.severity, d.tier;

INSERT INTO report_received_day (span, received_on, channel, category, severity, tier, received, escalated)
SELECT 'month', CAST(d.received_on - CAST(EXTRACT(DAY FROM d.received_on) - 1 AS INTEGER) AS DATE), d.channel, d.category, d.severity, d.tier, SUM(d.received),
  SUM(d.escalated)
FROM report_received_day d WHERE d.span = 'day'
GROUP BY CAST(d.received_on - CAST(EXTRACT(DAY FROM d.received_on) - 1 AS INTEGER) AS DATE), d.channel, d.category, d.severity, d.tier;

INSERT INTO report_closed_count (span, ended_on, channel, category, severity, tier, kind, item, cases)
SELECT 'month', CAST(d.ended_on - CAST(EXTRACT(DAY FROM d.ended_on) - 1 AS INTEGER) AS DATE), d.channel, d.category, d.severity, d.tier, d.kind, d.item, SUM(d.cases)
FROM report_closed_count d WHERE d.span = 'day'
GROUP BY CAST(d.ended_on - CAST(EXTRACT(DAY FROM d.ended_on) - 1 AS INTEGER) AS DATE), d.channel, d.category, d.severity, d.tier, d.kind, d.item;

SET TIME ZONE LOCAL;

-- the open part of the received and open counts
CREATE INDEX ix_complaint_status_received ON complaint (status, received_at);
