/**
 * The centre's numbers (lifecycle stage 8, spec §8): the KPIs against their targets for any period and filter, the
 * counts behind them, and the series the dashboard draws (trends, root causes, open cases, workload), all for
 * supervisors, managers and directors under {@code /api/reports}. Computed from the facts the case record keeps
 * ({@code complaint_fact}, {@code complaint}, {@code complaint_event}; {@code io.redress.casefile.CaseFacts}), never
 * from the engine's history.
 */
package io.redress.reports;
