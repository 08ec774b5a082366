/**
 * The reports dashboard at {@code /reports} for supervisors, managers and directors: a page in the centre's working
 * language whose script draws the KPIs, trends, root causes, open cases and workload from the reports API
 * ({@code /api/reports/*}) with Apache ECharts served from the application (WebJar), each chart's data downloadable
 * as CSV. Holds the page, its texts and who may open it; the figures are the reports API's.
 */
package io.redress.dashboard;
