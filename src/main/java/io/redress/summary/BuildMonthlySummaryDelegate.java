package io.redress.summary;

import io.redress.calendar.WorkingCalendar;
import io.redress.workflow.ModelTexts;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Build last month's summary": the month before the one the process started in (in the centre's time zone), or the
 * month the starter named in {@code summaryMonth} ({@code YYYY-MM}, to build a month again); keeps its figures and
 * gives the managers' task what it shows and when it is due: by the end of the month the summary is written in
 * (the last day, at the end of the working day), with a reminder three days before.
 */
@Component("buildMonthlySummaryDelegate")
class BuildMonthlySummaryDelegate implements JavaDelegate {

  static final String MONTH = "summaryMonth";
  static final String OVERVIEW = "summaryOverview";
  static final String DUE = "summaryDue";
  static final String REMINDER = "summaryReminder";

  private final MonthlySummaries summaries;
  private final WorkingCalendar calendar;
  private final ModelTexts texts;
  private final Clock clock;

  BuildMonthlySummaryDelegate(MonthlySummaries summaries, WorkingCalendar calendar, ModelTexts texts, Clock clock) {
    this.summaries = summaries;
    this.calendar = calendar;
    this.texts = texts;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ZonedDateTime now = clock.instant().atZone(calendar.zone());
    YearMonth month = month(execution.getVariable(MONTH), now);
    MonthlyFigures figures = summaries.build(month, execution.getProcessInstanceId());
    YearMonth writing = YearMonth.from(now);
    Instant due = writing.atEndOfMonth().atTime(calendar.workdayEnd()).atZone(calendar.zone()).toInstant();
    if (!due.isAfter(now.toInstant())) {
      due = now.plusDays(1).toInstant(); // started late, on the month's last evening: a day to write it
    }
    Instant reminder = due.minus(java.time.Duration.ofDays(3));
    if (!reminder.isAfter(now.toInstant())) {
      reminder = now.toInstant().plus(java.time.Duration.ofHours(1));
    }
    execution.setVariable(MONTH, month.toString());
    execution.setVariable(OVERVIEW, overview(figures));
    execution.setVariable(DUE, Date.from(due));
    execution.setVariable(REMINDER, Date.from(reminder));
  }

  /** The month to summarise: as the starter gave it, or the one before {@code now}. */
  static YearMonth month(Object given, ZonedDateTime now) {
    if (given == null || given.toString().isBlank()) {
      return YearMonth.from(now).minusMonths(1);
    }
    YearMonth month;
    try {
      month = YearMonth.parse(given.toString().strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(MONTH + " must be a month as YYYY-MM, e.g. 2026-11");
    }
    if (month.isAfter(YearMonth.from(now).minusMonths(1))) {
      throw new IllegalArgumentException(MONTH + " " + month + " is not over yet");
    }
    return month;
  }

  /** What the managers' form shows of the figures: plain lines in the working language. */
  private String overview(MonthlyFigures f) {
    StringBuilder s = new StringBuilder();
    s.append(texts.text("summary.received", "Received")).append(": ").append(f.received()).append('\n');
    s.append(texts.text("summary.closed", "Closed")).append(": ").append(f.closed()).append('\n');
    s.append(texts.text("summary.overdue", "Missed a deadline due in the month")).append(": ")
        .append(f.overdue().count()).append('\n');
    s.append(texts.text("summary.by-category", "By category")).append(": ")
        .append(join(f.byCategory(), "value.category.")).append('\n');
    s.append(texts.text("summary.by-severity", "By severity")).append(": ")
        .append(join(f.bySeverity(), "value.severity.")).append('\n');
    for (MonthlyFigures.Kpi k : f.kpis()) {
      int dot = k.name().indexOf('.');
      s.append(dot < 0 ? texts.text("summary.kpi." + k.name(), k.name())
              : texts.text("summary.kpi." + k.name().substring(0, dot), k.name()) + " ("
                  + texts.text("value.tier." + k.name().substring(dot + 1), k.name().substring(dot + 1)) + ")")
          .append(": ")
          .append(k.value() == null ? "–" : String.format(java.util.Locale.ROOT, "%.3f", k.value()))
          .append(k.target() == null ? "" : " / " + String.format(java.util.Locale.ROOT, "%.3f", k.target()))
          .append(k.met() == null ? "" : k.met() ? " ✓" : " ✗").append('\n');
    }
    if (!f.rootCauses().isEmpty()) {
      s.append(texts.text("summary.root-causes", "Top root causes")).append(": ").append(f.rootCauses().stream()
          .map(c -> (c.label() == null ? c.category() : c.label()) + " " + c.count()
              + " (" + String.join(", ", c.examples()) + ")")
          .collect(Collectors.joining("; "))).append('\n');
    }
    return s.toString().strip();
  }

  private String join(Map<String, Long> counts, String prefix) {
    return counts.isEmpty() ? "0" : counts.entrySet().stream()
        .map(e -> texts.text(prefix + e.getKey(), e.getKey()) + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
