package io.redress.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redress.identity.Groups;
import io.redress.language.WorkingLanguage;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly summaries, one per month in {@code monthly_summary}: built (the figures, {@code drafted}), then
 * published with the managers' findings and improvement actions ({@code published}: the PDF made, kept and queued
 * by e-mail to managers and directors through the outbox, in the caller's transaction).
 */
@Service
class MonthlySummaries {

  static final String DRAFTED = "drafted";
  static final String PUBLISHED = "published";
  static final int LONG_TEXT = 8000;

  /** A summary as stored. */
  record Summary(String month, String state, String locale, MonthlyFigures figures, Instant builtAt,
      String findings, String actions, String writtenBy, Instant publishedAt, byte[] pdf) {

    boolean published() {
      return PUBLISHED.equals(state);
    }
  }

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final FigureBuilder builder;
  private final KpiFigures kpis;
  private final SummaryPdf pdf;
  private final Notifications notifications;
  private final WorkingLanguage language;
  private final Clock clock;

  MonthlySummaries(JdbcTemplate jdbc, ObjectMapper json, FigureBuilder builder, KpiFigures kpis, SummaryPdf pdf,
      Notifications notifications, WorkingLanguage language, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.builder = builder;
    this.kpis = kpis;
    this.pdf = pdf;
    this.notifications = notifications;
    this.language = language;
    this.clock = clock;
  }

  Optional<Summary> find(YearMonth month) {
    return jdbc.query("SELECT summary_month, state, locale, figures, built_at, findings, actions, written_by, "
        + "published_at, pdf FROM monthly_summary WHERE summary_month = ?", (rs, i) -> new Summary(
        rs.getString(1), rs.getString(2), rs.getString(3), read(rs.getString(4)), instant(rs.getTimestamp(5)),
        rs.getString(6), rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)), rs.getBytes(10)),
        month.toString()).stream().findFirst();
  }

  /**
   * Builds the month's figures and keeps them as a draft; a month already published keeps what it published (its
   * figures are returned as they were).
   */
  @Transactional
  MonthlyFigures build(YearMonth month, String processInstanceId) {
    Optional<Summary> existing = find(month);
    if (existing.isPresent() && existing.get().published()) {
      return existing.get().figures();
    }
    MonthlyFigures figures = builder.figures(month, kpis.closed(month), kpis.kpis(month),
        kpis.rootCauses(month, builder.start(month), builder.end(month)));
    Timestamp now = Timestamp.from(clock.instant());
    if (existing.isPresent()) {
      jdbc.update("UPDATE monthly_summary SET figures = ?, built_at = ?, locale = ?, process_instance_id = ? "
          + "WHERE summary_month = ?", write(figures), now, language.tag(), processInstanceId, month.toString());
    } else {
      jdbc.update("INSERT INTO monthly_summary (summary_month, state, locale, figures, built_at, "
              + "process_instance_id) VALUES (?, ?, ?, ?, ?, ?)", month.toString(), DRAFTED, language.tag(),
          write(figures), now, processInstanceId);
    }
    return figures;
  }

  /**
   * Publishes the month: the findings and actions stored, the PDF made in the centre's language and kept, and an
   * e-mail with it queued to every manager and director (once per person and month).
   */
  @Transactional
  Summary publish(YearMonth month, String findings, String actions, String writtenBy) {
    Summary draft = find(month).orElseThrow(() -> new IllegalStateException("No summary of " + month + " built"));
    Instant now = clock.instant();
    Summary summary = new Summary(draft.month(), PUBLISHED, language.tag(), draft.figures(), draft.builtAt(),
        findings, actions, writtenBy, now, null);
    byte[] document = pdf.render(summary, language);
    jdbc.update("UPDATE monthly_summary SET state = ?, locale = ?, findings = ?, actions = ?, written_by = ?, "
            + "published_at = ?, pdf = ? WHERE summary_month = ?", PUBLISHED, language.tag(), findings, actions,
        writtenBy, Timestamp.from(now), document, month.toString());
    notifications.toGroups(List.of(Groups.MANAGERS, Groups.DIRECTORS), null, Templates.MONTHLY_SUMMARY,
        Map.of("month", month.toString()), "monthly-summary:" + month,
        List.of(new Notifications.Attachment(fileName(month), "application/pdf", document)));
    return new Summary(summary.month(), PUBLISHED, summary.locale(), summary.figures(), summary.builtAt(), findings,
        actions, writtenBy, now, document);
  }

  static String fileName(YearMonth month) {
    return "monthly-summary-" + month + ".pdf";
  }

  private MonthlyFigures read(String figures) {
    try {
      return json.readValue(figures, MonthlyFigures.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The stored figures cannot be read", e);
    }
  }

  private String write(MonthlyFigures figures) {
    try {
      return json.writeValueAsString(figures);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The figures cannot be written", e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
