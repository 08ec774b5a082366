/**
 * The centre's numbers (lifecycle stage 8, spec §8): the KPIs against their targets for any period and filter, the
 * counts behind them, and the series the dashboard draws (trends, root causes, open cases, workload), all for
 * supervisors, managers and directors under {@code /api/reports}. Computed from the facts the case record keeps
 * ({@code complaint_fact} summed per day: {@code report_closed_day}, {@code report_received_day},
 * {@code report_closed_count}; {@code complaint}, {@code complaint_event}; {@code io.redress.casefile.CaseFacts} and
 * {@code ReportDays}), never from the engine's history.
 */
package io.redress.reports;
