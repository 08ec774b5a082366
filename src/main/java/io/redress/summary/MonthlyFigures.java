package io.redress.summary;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A month's figures as the summary keeps them: facts of the case record only (categories, severities, counts,
 * complaint numbers), never a customer's name, phone or e-mail.
 */
@Schema(name = "MonthlyFigures", description = "The figures of a month, as they were when the month was over.")
public record MonthlyFigures(
    @Schema(description = "The month.", example = "2026-11") String month,
    @Schema(description = "Its first day (in the centre's time zone).", example = "2026-11-01") LocalDate from,
    @Schema(description = "Its last day (in the centre's time zone).", example = "2026-11-30") LocalDate to,
    @Schema(description = "The centre's time zone the month is counted in.", example = "Asia/Shanghai") String zone,
    @Schema(description = "Complaints received in the month.", example = "42") long received,
    @Schema(description = "Complaints that ended in the month (closed, closed without response, withdrawn).",
        example = "37") long closed,
    @Schema(description = "Complaints received in the month by category (unclassified: not classified yet).",
        example = "{\"billing-refund\": 12, \"service-attitude\": 5}") Map<String, Long> byCategory,
    @Schema(description = "Complaints received in the month by severity.",
        example = "{\"general\": 30, \"important\": 10, \"urgent\": 2}") Map<String, Long> bySeverity,
    @Schema(description = "Complaints with a deadline that fell due in the month and was missed.") Overdue overdue,
    @Schema(description = "The KPIs of the month against their targets.") List<Kpi> kpis,
    @Schema(description = "The most frequent root causes of the month, with example complaints.")
    List<RootCause> rootCauses) {

  /** Complaints that missed a deadline due in the month, with some of their numbers. */
  @Schema(name = "MonthlyOverdue", description = "Complaints that missed a deadline due in the month.")
  public record Overdue(
      @Schema(description = "How many complaints.", example = "3") long count,
      @Schema(description = "Some of them, by complaint number.", example = "[\"CMP-2026-000042\"]")
      List<String> examples) {
  }

  /** One KPI: numerator / denominator = value, against its target. */
  @Schema(name = "MonthlyKpi", description = "One KPI of the month against its target.")
  public record Kpi(
      @Schema(description = "The KPI, as GET /api/reports/kpis names it; the satisfaction rate per tier as "
          + "satisfactionRate.vip, satisfactionRate.premium, satisfactionRate.standard.",
          example = "fullProcessTimeliness") String name,
      @Schema(description = "What was counted.", example = "36") Double numerator,
      @Schema(description = "Out of how many (customers in contact, in millions, for "
          + "complaintsPerMillionCustomers).", example = "37") Double denominator,
      @Schema(description = "The value (a ratio from 0 to 1, except complaintsPerMillionCustomers); null when "
          + "nothing was counted.", example = "0.973") Double value,
      @Schema(description = "The target; null when the centre set none.", example = "0.96") Double target,
      @Schema(description = "Whether the target was met; null without a value or a target.", example = "true")
      Boolean met) {
  }

  /** A root cause and how often it was found, with some of the complaints it was found in. */
  @Schema(name = "MonthlyRootCause", description = "A root-cause category and how often it was found.")
  public record RootCause(
      @Schema(description = "The root-cause category.", example = "billing-system-error") String category,
      @Schema(description = "Its name in the centre's working language, from the table root-cause-category; absent in "
          + "summaries published before names were kept.", example = "Billing system error") String label,
      @Schema(description = "How many complaints of the month.", example = "7") long count,
      @Schema(description = "Some of them, by complaint number.", example = "[\"CMP-2026-000042\"]")
      List<String> examples) {
  }
}
