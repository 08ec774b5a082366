package io.redress.sla;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.calendar.WorkingCalendar;
import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.workflow.TaskKeys;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
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
  public static final String SLA_PROPERTY = "sla-deadline";

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

  private final WorkingCalendar calendar;
  private final CaseDeadlines deadlines;
  private final CaseRecords records;
  private final Deadlines text;
  private final Map<String, String> decisionIds = new ConcurrentHashMap<>();
  private final Cache<Evaluation, List<Map<String, Object>>> results = Caffeine.newBuilder().maximumSize(10_000)
      .build();

  Sla(WorkingCalendar calendar, CaseDeadlines deadlines, CaseRecords records, Deadlines text) {
    this.calendar = calendar;
    this.deadlines = deadlines;
    this.records = records;
    this.text = text;
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
    Map<String, Object> rule = single(evaluate(execution, STAGE_DECISION, inputs("stage", stage)), STAGE_DECISION,
        stage);
    String time = rule.get("duration") == null ? duration : rule.get("duration").toString();
    if (time == null || time.isBlank()) {
      throw new ProcessEngineException("The SLA policy (" + STAGE_DECISION + ") gives no time for " + stage);
    }
    String basis = basis(rule.get("basis"));
    Instant start = now();
    Instant dueAt = add(basis, start, time);
    Instant warnAt = warning(basis, start, time, rule.get("warnAtPercent"));
    execution.setVariableLocal(STAGE_DEADLINE, Date.from(dueAt));
    execution.setVariableLocal(STAGE_WARNING, warnAt == null ? null : Date.from(warnAt));
    execution.setVariableLocal(DEADLINE_TEXT, text.format(Date.from(dueAt)));
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
   * Kept as the process variable {@code <kind>Due} (e.g. {@code resolutionDue}).
   */
  public Date customerDeadline(DelegateExecution execution, String kind) {
    Object kept = execution.getVariable(variable(kind));
    if (kept instanceof Date d) {
      return d;
    }
    // one evaluation keeps every customer deadline of the case: the other timers of the model read theirs
    Instant start = now();
    for (Map<String, Object> rule : customerRules(execution)) {
      String name = variable(String.valueOf(rule.get("deadline")));
      if (!(execution.getVariable(name) instanceof Date)) {
        execution.setVariable(name, Date.from(add(basis(rule.get("basis")), start, rule.get("duration").toString())));
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
    Instant start = now();
    for (Map<String, Object> rule : customerRules(execution)) {
      String kind = String.valueOf(rule.get("deadline"));
      String basis = basis(rule.get("basis"));
      Object kept = execution.getVariable(variable(kind));
      Instant due = kept instanceof Date d ? d.toInstant() : add(basis, start, rule.get("duration").toString());
      if (deadlines.openOfKind(number, kind).isEmpty()) {
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
    customerRules(execution).stream().filter(r -> RESOLUTION_DEADLINE.equals(r.get("deadline"))).findFirst()
        .ifPresent(r -> {
          Instant due = add(basis(r.get("basis")), row.get().startedAt(), r.get("duration").toString());
          if (due.equals(row.get().dueAt())) {
            return;
          }
          deadlines.due(row.get().id(), due);
          execution.setVariable(variable(RESOLUTION_DEADLINE), Date.from(due));
          withoutAuthorization(() -> {
            for (Job job : timersOf(execution.getProcessEngineServices(), execution.getProcessInstanceId(),
                execution.getProcessDefinitionId(), RESOLUTION_DEADLINE)) {
              execution.getProcessEngineServices().getManagementService().setJobDuedate(job.getId(), Date.from(due));
            }
            return null;
          });
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
    return "R/" + contactRules(execution).get("progressInterval");
  }

  /** The outputs of {@code sla-contact-rules} for this case. */
  public Map<String, Object> contactRules(DelegateExecution execution) {
    Object channel = execution.getVariable(CHANNEL);
    return single(evaluate(execution, CONTACT_DECISION, inputs("channel", channel)), CONTACT_DECISION,
        String.valueOf(channel));
  }

  // ---------------------------------------------------------------------------------------------------- arithmetic

  /** {@code start} plus an ISO-8601 duration, on the working calendar or the clock. */
  public Instant add(String basis, Instant start, String duration) {
    if (CaseDeadlines.CLOCK.equals(basis)) {
      return start.plus(Duration.parse(duration));
    }
    return calendar.add(start, duration);
  }

  /** Time from {@code from} to {@code to}, in working time or on the clock. */
  public Duration between(String basis, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    return CaseDeadlines.CLOCK.equals(basis) ? Duration.between(from, to) : calendar.workingTimeBetween(from, to);
  }

  /** {@code start} plus an amount of working or clock time. */
  public Instant plus(String basis, Instant start, Duration amount) {
    return CaseDeadlines.CLOCK.equals(basis) ? start.plus(amount) : calendar.addWorkingTime(start, amount);
  }

  public WorkingCalendar calendar() {
    return calendar;
  }

  private Instant warning(String basis, Instant start, String duration, Object percent) {
    if (!(percent instanceof Number p) || p.intValue() <= 0 || p.intValue() >= 100) {
      return null;
    }
    Duration total = CaseDeadlines.CLOCK.equals(basis) ? Duration.parse(duration) : calendar.toWorkingTime(duration);
    return plus(basis, start, total.multipliedBy(p.intValue()).dividedBy(100));
  }

  private static String basis(Object value) {
    return CaseDeadlines.CLOCK.equals(value) ? CaseDeadlines.CLOCK : CaseDeadlines.WORKING;
  }

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

  private List<Map<String, Object>> customerRules(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    CaseRecord record = number == null ? null : records.find(number).orElse(null);
    Object channel = record != null ? record.channel() : execution.getVariable(CHANNEL);
    Object tier = record != null ? record.customerTier() : execution.getVariable(CUSTOMER_TIER);
    Object severity = execution.getVariable(SEVERITY);
    if (severity == null && record != null) {
      severity = record.severity();
    }
    Map<String, Object> in = inputs("channel", channel);
    in.put("severity", severity == null ? "general" : severity);
    in.put("tier", tier == null ? "standard" : tier);
    return evaluate(execution, CUSTOMER_DECISION, in);
  }

  private static Map<String, Object> inputs(String name, Object value) {
    Map<String, Object> in = new HashMap<>();
    in.put(name, value);
    return in;
  }

  private static Map<String, Object> single(List<Map<String, Object>> result, String decision, String input) {
    if (result.isEmpty()) {
      throw new ProcessEngineException("The SLA policy (" + decision + ") has no rule for " + input);
    }
    return result.get(0);
  }

  /**
   * Evaluates a decision of the case's own deployment (the newest version when that deployment has none), once per
   * deployed version and inputs: the policy's tables take only the case's stage, channel, severity and tier (no
   * dates), so the rows they give are a function of those and of the deployed version (a new deployment is a new
   * decision definition id, hence evaluated afresh). Cockpit's decision history therefore shows the first
   * evaluation of each combination; each case's own deadlines are in {@code case_deadline} and its variables.
   */
  private List<Map<String, Object>> evaluate(DelegateExecution execution, String key, Map<String, Object> variables) {
    ProcessEngineServices services = execution.getProcessEngineServices();
    String definitionId = execution.getProcessDefinitionId();
    String id = decisionIds.computeIfAbsent(definitionId + "|" + key, k -> withoutAuthorization(() -> {
      String deploymentId = services.getRepositoryService().getProcessDefinition(definitionId).getDeploymentId();
      DecisionDefinition own = services.getRepositoryService().createDecisionDefinitionQuery()
          .deploymentId(deploymentId).decisionDefinitionKey(key).singleResult();
      DecisionDefinition definition = own != null ? own : services.getRepositoryService()
          .createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
      if (definition == null) {
        throw new ProcessEngineException("The SLA policy decision '" + key + "' is not deployed");
      }
      return definition.getId();
    }));
    return results.get(new Evaluation(id, Collections.unmodifiableMap(new HashMap<>(variables))),
        e -> withoutAuthorization(() -> rows(services.getDecisionService().evaluateDecisionById(id)
            .variables(variables).evaluate())));
  }

  private static List<Map<String, Object>> rows(DmnDecisionResult result) {
    return result.getResultList().stream()
        .map(row -> Collections.unmodifiableMap(new HashMap<>(row))).toList();
  }

  /** One evaluation of a policy decision: the deployed decision's id and the inputs. */
  private record Evaluation(String decisionId, Map<String, Object> inputs) {
  }

  /** The timer jobs of a process instance that stand for the customer deadline {@code kind}. */
  static List<Job> timersOf(ProcessEngineServices services, String processInstanceId, String definitionId,
      String kind) {
    BpmnModelInstance model = services.getRepositoryService().getBpmnModelInstance(definitionId);
    List<String> ids = model.getModelElementsByType(StartEvent.class).stream()
        .filter(e -> kind.equals(property(e, SLA_PROPERTY))).map(StartEvent::getId).toList();
    return ids.stream().flatMap(id -> services.getManagementService().createJobQuery()
        .processInstanceId(processInstanceId).timers().activityId(id).list().stream()).toList();
  }

  /** A {@code camunda:property} of a model element, or null. */
  static String property(org.camunda.bpm.model.bpmn.instance.BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream()).filter(p -> name.equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
  }

  private static <T> T withoutAuthorization(Callable<T> call) {
    CommandContext context = Context.getCommandContext();
    try {
      return context == null ? call.call() : context.runWithoutAuthorization(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ProcessEngineException(e);
    }
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
