package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.CASE_DEADLINES;
import static io.redress.workflow.ProcessVariables.CASE_EVIDENCE;
import static io.redress.workflow.ProcessVariables.CASE_TIMELINE;
import static io.redress.workflow.ProcessVariables.CUSTOMER_EMAIL_MASKED;
import static io.redress.workflow.ProcessVariables.CUSTOMER_NAME;
import static io.redress.workflow.ProcessVariables.CUSTOMER_PHONE_MASKED;
import static io.redress.workflow.ProcessVariables.DEADLINE_TEXT;
import static io.redress.workflow.ProcessVariables.DESCRIPTION;
import static io.redress.workflow.ProcessVariables.DESIRED_OUTCOME;
import static io.redress.workflow.ProcessVariables.EARLIER_COMPLAINT;
import static io.redress.workflow.ProcessVariables.IDENTITY_CHECK;
import static io.redress.workflow.ProcessVariables.ORDER_REF;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.PersonalData;
import io.redress.sla.Deadlines;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.workflow.ModelTexts;
import io.redress.workflow.StuckCases;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What every task form shows of the case beside its fields: the timeline so far (when, who, what), every deadline
 * with its state and the evidence the customer sent (names, types, sizes; the files are downloads of the complaint
 * API), times in the centre's time zone ({@code redress.calendar.zone}), words in the working language.
 * Plain text under the form keys {@code caseTimeline}, {@code caseDeadlines} and {@code caseEvidence}, made from the
 * case record each time a task's form variables are read ({@link CaseSheetFormFields}), so it is as of that moment and
 * is stored nowhere (it was three variables of each task, rewritten on every claim); shown by read-only text areas:
 * never markup, never evaluated.
 * The timeline holds no personal data (see {@link Timeline}); the customer's own words are in
 * {@code customerMessages}.
 * <p>
 * The case's own fields the forms show ({@link #FIELD_KEYS}: the customer's name, masked phone and e-mail, the
 * description, desired outcome, order, identity check, earlier complaint) and the task's deadline in words
 * ({@code deadlineText}) are made the same way, from the case record and the task's due date ({@link #fields}): they
 * are not process variables of each case (issue 20: every variable is a row at run time and one in history, and
 * their indexes were most of what an intake wrote), and they show the record as it is now, erasure included.
 */
@Component
class CaseSheet {

  /** What a form's text area shows at most (Camunda's string variables held 4,000); the newest entries are kept. */
  static final int MAX_CHARS = 3900;

  private final Timeline timeline;
  private final CaseDeadlines deadlines;
  private final ModelTexts texts;
  private final ZoneId zone;
  private final DateTimeFormatter format;
  private final StuckCases stuck;

  private final io.redress.casefile.CaseEvidence evidence;
  private final CaseRecords records;
  private final Deadlines deadlineText;

  CaseSheet(Timeline timeline, CaseDeadlines deadlines, ModelTexts texts,
      @Value("${redress.calendar.zone:Asia/Shanghai}") String zone, StuckCases stuck,
      io.redress.casefile.CaseEvidence evidence, CaseRecords records, Deadlines deadlineText) {
    this.records = records;
    this.deadlineText = deadlineText;
    this.evidence = evidence;
    this.stuck = stuck;
    this.timeline = timeline;
    this.deadlines = deadlines;
    this.texts = texts;
    this.zone = ZoneId.of(zone);
    this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(this.zone);
  }

  /** The form keys of the sheet, in the order {@link #of} gives them. */
  static final java.util.List<String> KEYS = java.util.List.of(CASE_TIMELINE, CASE_DEADLINES, CASE_EVIDENCE);

  /** The form keys of the case's fields and the task's deadline, in the order {@link #fields} gives them. */
  static final java.util.List<String> FIELD_KEYS = java.util.List.of(CUSTOMER_NAME, CUSTOMER_PHONE_MASKED,
      CUSTOMER_EMAIL_MASKED, ORDER_REF, DESCRIPTION, DESIRED_OUTCOME, IDENTITY_CHECK, EARLIER_COMPLAINT, DEADLINE_TEXT);

  /**
   * The case's fields as the record holds them now, contact data masked, the order left out when the caller's
   * identity check failed (nothing about the order is shown to whoever talks to them), and the task's due date as
   * people read it; a field the case does not have is absent (the form shows it empty).
   */
  Map<String, String> fields(String number, Date due) {
    Map<String, String> fields = new LinkedHashMap<>();
    records.find(number).ifPresent(r -> {
      fields.put(CUSTOMER_NAME, r.customerName());
      fields.put(CUSTOMER_PHONE_MASKED, PersonalData.maskPhone(r.customerPhone()));
      fields.put(CUSTOMER_EMAIL_MASKED, PersonalData.maskEmail(r.customerEmail()));
      fields.put(ORDER_REF, r.identityFailed() ? null : r.orderRef());
      fields.put(DESCRIPTION, r.description());
      fields.put(DESIRED_OUTCOME, r.desiredOutcome());
      fields.put(IDENTITY_CHECK, r.identityCheck());
      fields.put(EARLIER_COMPLAINT, r.earlierComplaint());
    });
    fields.put(DEADLINE_TEXT, due == null ? null : deadlineText.format(due));
    return fields;
  }

  /** The case's timeline, deadlines and evidence as they stand now, by form key. */
  Map<String, String> of(String number, String processInstanceId) {
    Map<String, String> sheet = new LinkedHashMap<>();
    sheet.put(CASE_TIMELINE, timeline(number));
    sheet.put(CASE_DEADLINES, deadlines(number, processInstanceId));
    sheet.put(CASE_EVIDENCE, evidence(number));
    return sheet;
  }

  /** One line per piece of evidence: number, when, name, type, size (a refused one says so and why). */
  String evidence(String number) {
    String sheet = evidence.sheet(number, texts.text("sheet.refused", "refused"));
    return sheet.isEmpty() ? texts.text("sheet.none", "(none yet)") : fit(java.util.Arrays.asList(sheet.split("\n")));
  }

  /**
   * One line per event, oldest first: {@code 2026-11-25 09:31  fiona  Classified: Severity important, ...}; the
   * timeline gives each entry's facts in words of the working language ({@link TimelineTexts}).
   */
  String timeline(String number) {
    List<String> lines = new ArrayList<>();
    for (TimelineEvent e : timeline.of(number)) {
      String what = texts.text("event." + e.type(), e.type());
      lines.add(format.format(e.at()) + "  " + (e.actor() == null ? "-" : e.actor()) + "  " + what
          + (e.detail() == null || e.detail().isBlank() ? "" : ": " + e.detail()));
    }
    return fit(lines);
  }

  /**
   * One line per deadline, oldest first: what it is for, when it falls due in the centre's time zone, how it is
   * counted, its state, who holds it and whom its breach escalated to. When a step of the case failed
   * ({@link StuckCases}), the last line says so: since when, at which step, why.
   */
  String deadlines(String number, String processInstanceId) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<String> lines = new ArrayList<>();
    for (CaseDeadlines.Deadline d : deadlines.of(number)) {
      StringBuilder line = new StringBuilder(label(d)).append(": ").append(format.format(d.dueAt())).append(' ')
          .append(zone.getId()).append(" (").append(texts.text("basis." + d.basis(), d.basis())).append(") - ")
          .append(texts.text("state." + d.stateAt(now), d.stateAt(now)));
      if (d.open() && d.owner() != null) {
        line.append(", ").append(texts.text("sheet.holder", "held by {0}", holder(d.owner())));
      }
      if (d.escalatedTo() != null) {
        line.append(", ").append(texts.text("sheet.escalated", "escalated to {0}", d.escalatedTo()));
      }
      lines.add(line.toString());
    }
    stuck.of(processInstanceId).ifPresent(s -> lines.add(stuck.line(s, t -> format.format(t) + " " + zone.getId())));
    return fit(lines);
  }

  /** A user or group id as it is; the SLA policy's holder of the customer deadlines in words. */
  private String holder(String owner) {
    return CaseDeadlines.CUSTOMER_SERVICE.equals(owner) ? texts.text("sheet.customer-service", owner) : owner;
  }

  private String label(CaseDeadlines.Deadline d) {
    if (d.kind().startsWith("escalation:")) {
      return texts.text("deadline.escalation", d.label()) + " (" + d.kind().substring("escalation:".length()) + ")";
    }
    return texts.taskName(d.kind()).orElseGet(() -> texts.text("deadline." + d.kind(), d.label()));
  }

  /** The lines, newest kept when they do not all fit, with a first line saying how many were left out. */
  private String fit(List<String> lines) {
    if (lines.isEmpty()) {
      return texts.text("sheet.none", "(none yet)");
    }
    String all = String.join("\n", lines);
    int length = all.length();
    if (length <= MAX_CHARS) {
      return all;
    }
    for (int from = 1; from < lines.size(); from++) {
      length -= lines.get(from - 1).length() + 1;
      String note = texts.text("sheet.earlier", "({0} earlier entries left out)", from);
      if (length + note.length() + 1 <= MAX_CHARS) {
        return note + "\n" + String.join("\n", lines.subList(from, lines.size()));
      }
    }
    String last = lines.get(lines.size() - 1);
    return last.substring(0, Math.min(last.length(), MAX_CHARS));
  }
}
