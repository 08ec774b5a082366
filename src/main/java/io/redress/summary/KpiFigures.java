package io.redress.summary;

import io.redress.reports.Reports;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The month's KPIs against their targets and its top root causes, as the reports compute them ({@link Reports}: the
 * cases that ended in the month), each root cause with a few of its complaints by number.
 */
@Component
class KpiFigures {

  static final int TOP = 5;
  private static final Reports.Filter ALL = new Reports.Filter(null, null, null, null);

  private final Reports reports;
  private final JdbcTemplate jdbc;

  KpiFigures(Reports reports, JdbcTemplate jdbc) {
    this.reports = reports;
    this.jdbc = jdbc;
  }

  /** The KPIs in the reports' order; the satisfaction rate also per tier ({@code satisfactionRate.vip} ...). */
  List<MonthlyFigures.Kpi> kpis(YearMonth month) {
    Map<String, Reports.Kpi> all = reports.summary(month.atDay(1), month.atEndOfMonth(), ALL).kpis();
    List<MonthlyFigures.Kpi> kpis = new ArrayList<>();
    all.forEach((name, k) -> {
      kpis.add(kpi(name, k));
      if (k.byTier() != null) {
        k.byTier().forEach((tier, t) -> kpis.add(kpi(name + "." + tier, t)));
      }
    });
    return kpis;
  }

  /** The most frequent root-cause categories of the cases that ended in the month, with example numbers. */
  List<MonthlyFigures.RootCause> rootCauses(YearMonth month, Instant from, Instant to) {
    List<MonthlyFigures.RootCause> causes = new ArrayList<>();
    for (Reports.RootCause c : reports.rootCauses(month.atDay(1), month.atEndOfMonth(), ALL, TOP).top()) {
      List<String> examples = jdbc.queryForList("SELECT complaint_number FROM complaint_fact WHERE closed_at >= ? "
              + "AND closed_at < ? AND status <> 'withdrawn' AND root_cause_category = ? ORDER BY closed_at, "
              + "complaint_number LIMIT " + FigureBuilder.EXAMPLES, String.class, Timestamp.from(from),
          Timestamp.from(to), c.category());
      causes.add(new MonthlyFigures.RootCause(c.category(), c.label(), c.count(), examples));
    }
    return causes;
  }

  /** Closed as the reports count it: the cases that ended in the month (withdrawn ones included). */
  long closed(YearMonth month) {
    return reports.summary(month.atDay(1), month.atEndOfMonth(), ALL).closed();
  }

  private static MonthlyFigures.Kpi kpi(String name, Reports.Kpi k) {
    return new MonthlyFigures.Kpi(name, whole(k.numerator()), whole(k.denominator()), number(k.value()),
        number(k.target()), k.met());
  }

  private static Double number(BigDecimal d) {
    return d == null ? null : d.doubleValue();
  }

  private static Double whole(BigDecimal d) {
    return d == null ? null : d.doubleValue();
  }
}
