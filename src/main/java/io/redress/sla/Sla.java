package io.redress.sla;

import static io.redress.sla.DeadlineArithmetic.basis;
import static io.redress.workflow.ProcessVariables.*;

import io.redress.calendar.WorkingCalendar;
import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecords;
import io.redress.workflow.TaskKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The SLA policy of {@code processes/sla-policy.dmn} applied to cases. The models call it:
 * <ul>
 *   <li>{@code ${sla.stageDeadline(execution, 'investigateComplaint')}} in a user task's due date and its deadline
 *       timer, {@code ${sla.stageWarning(execution, 'investigateComplaint')}} in its reminder (a timeout task listener);
 *       both come from the decision {@code sla-stage-deadline}, are computed once when the stage starts and kept in
 *       the stage's scope, and open the stage's row in {@code case_deadline};
 *   <li>{@code ${sla.customerDeadline(execution, 'resolution')}} in the timers of the customer deadlines (decision
 *       {@code sla-customer-deadline}, clock time from receipt);
 *   <li>{@code ${sla.progressCycle(execution)}} for the progress messages (decision {@code sla-contact-rules}).
 * </ul>
 * Decisions are taken from the deployment of the case's process definition, like the models' other decisions
 * ({@code decisionRefBinding="deployment"}): a changed table, deployed, applies to new cases; open cases keep theirs.
 * This class is the sla module's face to the models and the other modules: the decisions are looked up and cached
 * by {@link PolicyDecisions}, the arithmetic is {@link DeadlineArithmetic}'s, the model's timers are moved by
 * {@link DeadlineTimers}; the rows of {@code case_deadline} are opened here.
 */
@Component("sla")
public class Sla {

  public static final String STAGE_DECISION = "sla-stage-deadline";
  public static final String CUSTOMER_DECISION = "sla-customer-deadline";
  public static final String CONTACT_DECISION = "sla-contact-rules";

  /** The customer deadlines of the policy. */
  public static final String ACKNOWLEDGE = "acknowledge";
  public static final String FIRST_REPLY = "first-reply";
  public static final String EFFECTIVE_REPLY = "effective-reply";
  public static final String RESOLUTION_DEADLINE = "resolution";

  /** Extension property naming the customer deadline a timer of the model stands for. */
  public static final String SLA_PROPERTY = DeadlineTimers.SLA_PROPERTY;

  /**
   * Process variable (a date) set at the start by a channel that knows when the complaint arrived before it was taken
   * in (an e-mail's received date): the customer deadlines count from it instead of from the start.
   */
  public static final String RECEIVED_AT = "receivedAt";

  /** Kept in a stage's scope: the row of {@code case_deadline}, and the reminder time. */
  public static final String DEADLINE_ID = "deadlineId";
  public static final String STAGE_WARNING = "stageWarning";

  private static final Map<String, String> LABELS = Map.of(ACKNOWLEDGE, "Acknowledge the complaint",
      FIRST_REPLY, "First reply to the customer", EFFECTIVE_REPLY, "Effective reply to the customer",
      RESOLUTION_DEADLINE, "Resolve the complaint");

  /** The deadline an escalation code of the models stands for. */
  private static final Map<String, String> ESCALATED_KIND = Map.of("classify-overdue", TaskKeys.CLASSIFY,
      "assign-overdue", TaskKeys.ASSIGN, "investigate-overdue", TaskKeys.INVESTIGATE, "approve-overdue",
      TaskKeys.APPROVE, "execute-overdue", TaskKeys.EXECUTE, "feedback-overdue", TaskKeys.FEEDBACK,
      "reply-overdue", EFFECTIVE_REPLY, "resolution-overdue", RESOLUTION_DEADLINE);

  private final DeadlineArithmetic arithmetic;
  private final PolicyDecisions decisions;
  private final CaseDeadlines deadlines;
  private final CaseRecords records;

  Sla(WorkingCalendar calendar, CaseDeadlines deadlines, CaseRecords records) {
    this.arithmetic = new DeadlineArithmetic(calendar);
    this.decisions = new PolicyDecisions(records);
    this.deadlines = deadlines;
    this.records = records;
  }

  // ------------------------------------------------------------------------------------------------ stage deadlines

  public Date stageDeadline(DelegateExecution execution, String stage) {
    return keep(execution, stage, null)[0];
  }

  public Date stageWarning(DelegateExecution execution, String stage) {
    Date[] kept = keep(execution, stage, null);
    return kept[1] == null ? kept[0] : kept[1];
  }

  /** An escalation's deadline: its level's response time (decision escalation-level), its reminder from the policy. */
  public Date escalationDeadline(DelegateExecution execution, String responseTime) {
    return keep(execution, TaskKeys.HANDLE_ESCALATION, responseTime)[0];
  }

  public Date escalationWarning(DelegateExecution execution, String responseTime) {
    Date[] kept = keep(execution, TaskKeys.HANDLE_ESCALATION, responseTime);
    return kept[1] == null ? kept[0] : kept[1];
  }

  private Date[] keep(DelegateExecution execution, String stage, String duration) {
    Object due = execution.getVariableLocal(STAGE_DEADLINE);
    if (due instanceof Date d) {
      return new Date[] {d, (Date) execution.getVariableLocal(STAGE_WARNING)};
    }
    Map<String, Object> rule = decisions.stageRule(execution, stage);
    String time = rule.get(DMN_DURATION) == null ? duration : rule.get(DMN_DURATION).toString();
    if (time == null || time.isBlank()) {
      throw new ProcessEngineException("The SLA policy (" + STAGE_DECISION + ") gives no time for " + stage);
    }
    String basis = basis(rule.get(DMN_BASIS));
    Instant start = now();
    Instant dueAt = add(basis, start, time);
    Instant warnAt = arithmetic.warning(basis, start, time, rule.get(DMN_WARN_AT_PERCENT));
    // kept for the other expressions of this stage's start (its due date, deadline timer and reminder), not stored:
    // afterwards the task's due date and the row of case_deadline say it (the forms' deadlineText is made from the
    // task's due date when they open)
    execution.setVariableLocal(STAGE_DEADLINE, Variables.dateValue(Date.from(dueAt), true));
    execution.setVariableLocal(STAGE_WARNING, Variables.dateValue(warnAt == null ? null : Date.from(warnAt), true));
    String number = execution.getProcessBusinessKey();
    if (number != null && records.find(number).isPresent()) {
      String kind = TaskKeys.HANDLE_ESCALATION.equals(stage)
          ? "escalation:" + execution.getVariable(ESCALATION_CODE) : stage;
      String label = execution.getCurrentActivityName() != null ? execution.getCurrentActivityName() : stage;
      long id = deadlines.open(number, kind, label, basis, start, dueAt, warnAt, null, null);
      execution.setVariableLocal(DEADLINE_ID, id);
    }
    return new Date[] {Date.from(dueAt), warnAt == null ? null : Date.from(warnAt)};
  }

  // --------------------------------------------------------------------------------------------- customer deadlines

  /**
   * A customer deadline of the policy, from now (the moment the case is received): for the timers of the model.
   * Kept as the transient process variable {@code <kind>Due} (e.g. {@code resolutionDue}) for the rest of the
   * transaction that arms the timers, not stored (issue 20: each variable is a row at run time and one in history, and
   * their indexes were most of an intake's writes): afterwards the case's rows of {@code case_deadline} and the timers
   * hold them. Cases taken in before kept them as stored variables; those are read as before. A timer armed later in
   * a case's life (a modified or migrated instance) gets the row's due time.
   */
  public Date customerDeadline(DelegateExecution execution, String kind) {
    Object kept = execution.getVariable(variable(kind));
    if (kept instanceof Date d) {
      return d;
    }
    String number = execution.getProcessBusinessKey();
    if (number != null) {
      Optional<CaseDeadlines.Deadline> row = deadlines.openOfKind(number, kind);
      if (row.isPresent()) {
        return Date.from(row.get().dueAt());
      }
    }
    // one evaluation keeps every customer deadline of the case: the other timers of the model read theirs
    Instant start = received(execution);
    for (Map<String, Object> rule : decisions.customerRules(execution)) {
      String name = variable(String.valueOf(rule.get(DMN_DEADLINE)));
      if (!execution.hasVariable(name)) {
        execution.setVariable(name, Variables.dateValue(
            Date.from(add(basis(rule.get(DMN_BASIS)), start, rule.get(DMN_DURATION).toString())), true));
      }
    }
    if (execution.getVariable(variable(kind)) instanceof Date d) {
      return d;
    }
    throw new ProcessEngineException("The SLA policy (" + CUSTOMER_DECISION + ") has no '" + kind
        + "' deadline for this case");
  }

  /** Opens the customer deadlines of a case just received (rows of {@code case_deadline}). */
  public void openCustomerDeadlines(DelegateExecution execution, String number) {
    Instant start = received(execution);
    // one read of the case's open deadlines, not one per kind (a case just received has none)
    java.util.Set<String> open = new java.util.HashSet<>();
    deadlines.openOf(number).forEach(d -> open.add(d.kind()));
    for (Map<String, Object> rule : decisions.customerRules(execution)) {
      String kind = String.valueOf(rule.get(DMN_DEADLINE));
      String basis = basis(rule.get(DMN_BASIS));
      Object kept = execution.getVariable(variable(kind));
      Instant due = kept instanceof Date d ? d.toInstant() : add(basis, start, rule.get(DMN_DURATION).toString());
      if (open.add(kind)) {
        deadlines.open(number, kind, LABELS.getOrDefault(kind, kind), basis, start, due, null, CaseDeadlines.CUSTOMER_SERVICE,
            null);
      }
    }
  }

  /**
   * The severity was confirmed (classification): the resolution target follows it, counted from receipt. Moves the
   * row and the model's timer (the start event with {@code sla-deadline=resolution}).
   */
  public void reviseResolution(DelegateExecution execution, String number) {
    Optional<CaseDeadlines.Deadline> row = deadlines.openOfKind(number, RESOLUTION_DEADLINE);
    if (row.isEmpty() || CaseDeadlines.PAUSED.equals(row.get().state())) {
      return;
    }
    decisions.customerRules(execution).stream().filter(r -> RESOLUTION_DEADLINE.equals(r.get(DMN_DEADLINE))).findFirst()
        .ifPresent(r -> {
          Instant due = add(basis(r.get(DMN_BASIS)), row.get().startedAt(), r.get(DMN_DURATION).toString());
          if (due.equals(row.get().dueAt())) {
            return;
          }
          deadlines.due(row.get().id(), due);
          DeadlineTimers.reschedule(execution, RESOLUTION_DEADLINE, Date.from(due));
        });
  }

  /** The customer deadline of this kind is met now (a person replied, the resolution was carried out ...). */
  public void met(String number, String kind) {
    deadlines.openOfKind(number, kind).ifPresent(d -> deadlines.met(d.id(), now()));
  }

  /** The deadline an escalation code stands for, e.g. {@code investigateComplaint} for {@code investigate-overdue}. */
  public static String escalatedKind(Object code) {
    return ESCALATED_KIND.get(String.valueOf(code));
  }

  // ------------------------------------------------------------------------------------------------- contact rules

  /** The timer cycle of the progress messages to the customer: {@code R/<progressInterval>}. */
  public String progressCycle(DelegateExecution execution) {
    return "R/" + contactRules(execution).get(DMN_PROGRESS_INTERVAL);
  }

  /** The outputs of {@code sla-contact-rules} for this case. */
  public Map<String, Object> contactRules(DelegateExecution execution) {
    return decisions.contactRules(execution);
  }

  // ---------------------------------------------------------------------------------------------------- arithmetic

  /** {@code start} plus an ISO-8601 duration, on the working calendar or the clock. */
  public Instant add(String basis, Instant start, String duration) {
    return arithmetic.add(basis, start, duration);
  }

  /** Time from {@code from} to {@code to}, in working time or on the clock. */
  public Duration between(String basis, Instant from, Instant to) {
    return arithmetic.between(basis, from, to);
  }

  /** {@code start} plus an amount of working or clock time. */
  public Instant plus(String basis, Instant start, Duration amount) {
    return arithmetic.plus(basis, start, amount);
  }

  public WorkingCalendar calendar() {
    return arithmetic.calendar();
  }

  /** The process variable keeping a customer deadline: {@code first-reply} is kept in {@code firstReplyDue}. */
  public static String variable(String kind) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : kind.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.append("Due").toString();
  }

  /** When the customer deadlines start: the channel's received time when it gave one (never later than now). */
  private static Instant received(DelegateExecution execution) {
    Instant now = now();
    return execution.getVariable(RECEIVED_AT) instanceof Date d && d.toInstant().isBefore(now) ? d.toInstant() : now;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
