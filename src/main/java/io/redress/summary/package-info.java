/**
 * The monthly summary (lifecycle stage 8): the process {@code monthly-summary} that starts at each month's start in
 * the centre's time zone, builds last month's figures (counts by category and severity, overdue cases, the KPIs
 * against their targets, the top root causes with example complaint numbers; no personal data), keeps them, asks the
 * managers for their findings and improvement actions, and publishes the summary as a PDF in the centre's language,
 * e-mailed to managers and directors and served by {@code GET /api/reports/monthly/{month}}.
 */
package io.redress.summary;
