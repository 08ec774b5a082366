package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.approval.ApprovalAuthority;
import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecords;
import io.redress.notification.Notifications;
import io.redress.notification.Templates;
import io.redress.sla.Deadlines;
import io.redress.sla.Sla;
import io.redress.workflow.TaskHolders;
import io.redress.workflow.TaskKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.security.AuditLog;
import java.time.Instant;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Runs on every user task of every model (added by {@link TaskLifecyclePlugin}): keeps the case record's stage,
 * writes the timeline (created, claimed, completed, escalated, and by whom), and holds completions to
 * {@link StageRules}. The rules are checked when the task's activity ends, not in the task's complete event:
 * the engine wraps what a task listener throws into a server error, while an execution listener's exception reaches
 * the caller as it is (400 from the engine REST API).
 */
@Component
class TaskLifecycleListener implements TaskListener, ExecutionListener {

  /** Who completed the task, handed from the task's complete event to the activity's end (never stored). */
  static final String COMPLETED_BY = "redressCompletedBy";
  /** The amount the task's variables held at its completion, handed the same way (never stored). */
  private static final String AMOUNT_AT_COMPLETION = "redressAmountAtCompletion";

  private final CaseRecords records;
  private final Timeline timeline;
  private final StageRules rules;
  private final Deadlines deadlines;
  private final ApprovalAuthority authority;
  private final AuditLog audit;
  private final CaseDeadlines caseDeadlines;
  private final Notifications notifications;
  private final CaseSheet sheet;

  TaskLifecycleListener(CaseRecords records, Timeline timeline, StageRules rules, Deadlines deadlines,
      ApprovalAuthority authority, AuditLog audit, CaseDeadlines caseDeadlines,
      Notifications notifications, CaseSheet sheet) {
    this.sheet = sheet;
    this.caseDeadlines = caseDeadlines;
    this.notifications = notifications;
    this.records = records;
    this.timeline = timeline;
    this.rules = rules;
    this.deadlines = deadlines;
    this.authority = authority;
    this.audit = audit;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = (String) task.getVariable(COMPLAINT_NUMBER);
    if (number == null) {
      return;
    }
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> {
        created(task, number);
        sheet.write(task, number);
      }
      case EVENTNAME_ASSIGNMENT -> {
        assigned(task, number);
        sheet.write(task, number);
      }
      case EVENTNAME_COMPLETE -> {
        task.getExecution().setVariableLocal(COMPLETED_BY, Variables.stringValue(currentUser(task), true));
        if (TaskKeys.APPROVE.equals(task.getTaskDefinitionKey())
            || TaskKeys.EXECUTE.equals(task.getTaskDefinitionKey())) {
          Object amount = task.getVariable(COMPENSATION_AMOUNT);
          task.getExecution().setVariableLocal(AMOUNT_AT_COMPLETION, Variables.stringValue(
              amount instanceof Number n ? new java.math.BigDecimal(n.toString()).toPlainString()
                  : String.valueOf(amount), true));
        }
      }
      default -> {
      }
    }
  }

  /** The end of a user task's activity: after a completion, unless the activity was cancelled. */
  @Override
  public void notify(DelegateExecution execution) {
    String number = (String) execution.getVariable(COMPLAINT_NUMBER);
    if (number == null) {
      return;
    }
    if (execution.isCanceled()) {
      // the stage ended another way (withdrawal, an escalation that was not handled in time ...)
      deadlineRow(execution).ifPresent(id -> caseDeadlines.ended(id, now()));
      return;
    }
    Object actor = execution.getVariableLocal(COMPLETED_BY);
    completed(execution, execution.getCurrentActivityId(), modelName(execution), number,
        actor == null ? null : actor.toString());
  }

  private void created(DelegateTask task, String number) {
    String key = task.getTaskDefinitionKey();
    Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
    deadlineRow(task.getExecution()).ifPresent(id -> caseDeadlines.owner(id, owner(task), task.getId()));
    if (TaskKeys.HANDLE_ESCALATION.equals(key)) {
      Object code = task.getVariable(ESCALATION_CODE);
      Object group = task.getVariable(ESCALATION_GROUP);
      escalated(task, number, code, group);
      // kept on the task itself: two escalations of one case may be open at once
      task.setVariableLocal(ESCALATION_CODE, code);
      task.setVariableLocal(ESCALATION_GROUP, group);
      timeline.record(number, now(), TimelineEvent.DEADLINE_ESCALATED, String.valueOf(code).replace("-overdue", ""),
          "system", TimelineFacts.say(TimelineEvent.DEADLINE_ESCALATED).with("code", code).with("group", group)
              .with("dueAt", due));
      return;
    }
    records.updateStage(number, key);
    records.updateOpenWork(number, task.getDueDate() == null ? null : task.getDueDate().toInstant(),
        task.getAssignee());
    showFrozenAmount(task, number, key);
    TimelineFacts facts = task.getAssignee() != null
        ? TimelineFacts.say("task-created.assignee").with("assignee", task.getAssignee())
        : TimelineFacts.say("task-created.groups").with("groups", task.getCandidates().stream()
            .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
            .map(l -> l.getGroupId()).sorted().collect(Collectors.joining(", ")));
    timeline.record(number, now(), TimelineEvent.TASK_CREATED, key, "system",
        facts.with("task", key).with("taskName", modelName(task)).with("dueAt", due));
  }

  private void assigned(DelegateTask task, String number) {
    String assignee = task.getAssignee();
    deadlineRow(task.getExecution()).ifPresent(id -> caseDeadlines.owner(id, owner(task), null));
    if (!TaskKeys.HANDLE_ESCALATION.equals(task.getTaskDefinitionKey())) {
      records.updateOpenWork(number, task.getDueDate() == null ? null : task.getDueDate().toInstant(), assignee);
    }
    timeline.record(number, now(), TimelineEvent.TASK_CLAIMED, task.getTaskDefinitionKey(),
        assignee == null ? currentUser(task) : assignee,
        assignee == null ? TimelineFacts.say("task-claimed.returned")
            : TimelineFacts.say(TimelineEvent.TASK_CLAIMED).with("assignee", assignee));
  }

  private void completed(DelegateExecution task, String key, String name, String number, String actor) {
    rules.check(key, task, actor);
    if (TaskKeys.EXECUTE.equals(key)) {
      amountUnchanged(task, number, records.approvedAmount(number).orElse(null), "the amount approved");
    }
    if (TaskKeys.APPROVE.equals(key)) {
      ApprovalAuthority.Basis basis = authority.basis(number, task);
      amountUnchanged(task, number, basis.amount(), "the investigator's proposal");
      try {
        authority.check(task, basis);
      } catch (org.camunda.bpm.engine.AuthorizationException e) {
        audit.denied(actor, "approve " + number, "approval of " + basis.amount().toPlainString() + " needs "
            + basis.authority());
        throw e;
      }
    }
    Instant now = now();
    deadlineRow(task).ifPresent(id -> caseDeadlines.met(id, now));
    if (!TaskKeys.HANDLE_ESCALATION.equals(key)) {
      records.updateOpenWork(number, null, null);
    }
    timeline.record(number, now, TimelineEvent.TASK_COMPLETED, key, actor, TimelineFacts.say(
        TimelineEvent.TASK_COMPLETED).with("task", key).with("taskName", name)
        .with("amount", TaskKeys.EXECUTE.equals(key) ? records.approvedAmount(number)
            .map(a -> a.stripTrailingZeros().toPlainString()).orElse(null) : null));
    // what the stage itself does follows in the listener the model names on the task (StageCompletion's subclasses)
  }

  /**
   * The approval shows the amount the server recorded at the investigation, the execution the amount frozen at
   * approval: as task variables, so that Tasklist's form shows them whatever the process variable says.
   */
  private void showFrozenAmount(DelegateTask task, String number, String key) {
    java.math.BigDecimal amount = null;
    if (TaskKeys.EXECUTE.equals(key)) {
      amount = records.approvedAmount(number).orElse(null);
    } else if (TaskKeys.APPROVE.equals(key)) {
      amount = authority.recordedProposal(number).orElse(null);
    }
    if (amount != null) {
      task.setVariableLocal(COMPENSATION_AMOUNT, amount.doubleValue());
    }
  }

  /**
   * Refuses the completion (400, rolled back) when the amount was changed: on the task by the completion's variables,
   * or on the process since. A new amount goes back through the investigation and the approval.
   */
  private static void amountUnchanged(DelegateExecution execution, String number, java.math.BigDecimal expected,
      String what) {
    if (expected == null) {
      return;
    }
    List<Object> seen = new java.util.ArrayList<>();
    seen.add(execution.getVariableLocal(AMOUNT_AT_COMPLETION));
    seen.add(execution.getVariable(COMPENSATION_AMOUNT));
    for (Object value : seen) {
      if (value == null) {
        continue;
      }
      java.math.BigDecimal amount;
      try {
        amount = new java.math.BigDecimal(value.toString());
      } catch (NumberFormatException e) {
        amount = null;
      }
      if (amount == null || amount.compareTo(expected) != 0) {
        throw new FormFieldValidationException(COMPENSATION_AMOUNT, "The compensation amount of " + number
            + " is " + expected.stripTrailingZeros().toPlainString() + " (" + what + "); it cannot be changed here. "
            + "A different amount goes back through the investigation and the approval. Nothing was changed.");
      }
    }
  }

  /**
   * A deadline passed and escalated: the deadline it stands for shows as breached and escalated to the group, and the
   * group's members get the {@link Templates#ESCALATION} e-mail.
   */
  private void escalated(DelegateTask task, String number, Object code, Object group) {
    String kind = Sla.escalatedKind(code);
    if (kind != null) {
      caseDeadlines.openOfKind(number, kind).ifPresent(d -> caseDeadlines.breached(d.id(), String.valueOf(group)));
    }
    if (group != null) {
      String task0 = kind == null ? String.valueOf(code) : kind;
      notifications.toGroup(group.toString(), number, Templates.ESCALATION, Map.of("task", task0,
          "due", task.getDueDate() == null ? "-" : deadlines.format(task.getDueDate()), "level", group.toString()),
          "escalation:" + task.getId());
    }
  }

  /** The row of case_deadline that the stage's deadline opened (kept in the stage's scope by {@link Sla}). */
  private static Optional<Long> deadlineRow(org.camunda.bpm.engine.delegate.VariableScope scope) {
    return scope.getVariableLocal(Sla.DEADLINE_ID) instanceof Long id ? Optional.of(id) : Optional.empty();
  }

  static String modelName(DelegateTask task) {
    return io.redress.workflow.ModelTexts.modelName(task);
  }

  private static String modelName(DelegateExecution execution) {
    var element = execution.getBpmnModelElementInstance();
    return element != null && element.getName() != null ? element.getName() : execution.getCurrentActivityName();
  }

  private static String owner(DelegateTask task) {
    return TaskHolders.holder(task.getAssignee(), TaskHolders.candidateGroups(task.getCandidates()));
  }

  private static String currentUser(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (auth != null && auth.getUserId() != null) {
      return auth.getUserId();
    }
    return task.getAssignee();
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
