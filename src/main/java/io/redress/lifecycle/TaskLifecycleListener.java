package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecords;
import io.redress.identity.Groups;
import io.redress.sla.Sla;
import io.redress.workflow.TaskHolders;
import io.redress.workflow.TaskKeys;
import java.util.Optional;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;

/**
 * What happens on a user task whatever its stage, named in the BPMN on the task (its create, assignment and complete
 * events, and first among its end listeners): the timeline (created, claimed, completed, and by whom), the case's
 * deadline row (owner, met, ended) and {@link StageRules} on completion (the case sheet every form shows is read when
 * the form opens: {@link CaseSheetFormFields}). The model
 * names {@link StageTracking} ({@code ${stageTracking}}) on a stage's task, which also keeps the case record's stage
 * and open work, and {@link TaskAudit} ({@code ${taskAudit}}) on a task beside the stages (the escalation's). The
 * rules are checked when the task's activity ends, not in the task's complete event: the engine wraps what a task
 * listener throws into a server error, while an execution listener's exception reaches the caller as it is (400 from
 * the engine REST API). Versions deployed before the model named them get them from {@link TaskLifecyclePlugin}.
 */
abstract class TaskLifecycleListener implements TaskListener, ExecutionListener {

  /** Who completed the task, handed from the task's complete event to the activity's end (never stored). */
  static final String COMPLETED_BY = "redressCompletedBy";
  /** The bean names the model uses for it: on a stage's task, and on a task beside the stages. */
  static final java.util.Set<String> NAMES = java.util.Set.of("stageTracking", "taskAudit");

  private final CaseRecords records;
  private final Timeline timeline;
  private final StageRules rules;
  private final CaseDeadlines caseDeadlines;
  private final RootCauseCategories rootCauses;
  /** Whether the task is a stage of the case: its record keeps the stage and the open work's due date and holder. */
  private final boolean stage;

  TaskLifecycleListener(CaseRecords records, Timeline timeline, StageRules rules, CaseDeadlines caseDeadlines,
      RootCauseCategories rootCauses, boolean stage) {
    this.rootCauses = rootCauses;
    this.caseDeadlines = caseDeadlines;
    this.records = records;
    this.timeline = timeline;
    this.rules = rules;
    this.stage = stage;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = complaintNumber(task);
    if (number == null) {
      return;
    }
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> created(task, number);
      case EVENTNAME_ASSIGNMENT -> assigned(task, number);
      case EVENTNAME_COMPLETE ->
          task.getExecution().setVariableLocal(COMPLETED_BY, Variables.stringValue(currentUser(task), true));
      default -> {
      }
    }
  }

  /** The end of a user task's activity: after a completion, unless the activity was cancelled. */
  @Override
  public void notify(DelegateExecution execution) {
    String number = complaintNumber(execution);
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
    if (!stage) {
      return; // what such a task's creation means is told by the listener the model names beside this one
    }
    records.enterStage(number, key, due, task.getAssignee());
    if (TaskKeys.INVESTIGATE.equals(key)) {
      offerRootCauses(task);
    }
    TimelineFacts facts = task.getAssignee() != null
        ? TimelineFacts.say("task-created.assignee").with("assignee", task.getAssignee())
        : TimelineFacts.say("task-created.groups").with("groups",
            String.join(", ", Groups.candidateGroups(task.getCandidates())));
    timeline.record(number, now(), TimelineEvent.TASK_CREATED, key, "system",
        facts.with("task", key).with("taskName", modelName(task)).with("dueAt", due));
  }

  /** The investigate form's choices of root-cause category ({@code rootCauseOptions}), when the table exists. */
  private void offerRootCauses(DelegateTask task) {
    java.util.Map<String, String> choices = rootCauses.of(task.getExecution());
    if (choices == null) {
      return;
    }
    try {
      task.setVariable(ROOT_CAUSE_OPTIONS, org.camunda.spin.plugin.variable.SpinValues.jsonValue(
          new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(RootCauseCategories.options(choices)))
          .create());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void assigned(DelegateTask task, String number) {
    String assignee = task.getAssignee();
    deadlineRow(task.getExecution()).ifPresent(id -> caseDeadlines.owner(id, owner(task), null));
    if (stage) {
      records.updateOpenWork(number, task.getDueDate() == null ? null : task.getDueDate().toInstant(), assignee);
    }
    timeline.record(number, now(), TimelineEvent.TASK_CLAIMED, task.getTaskDefinitionKey(),
        assignee == null ? currentUser(task) : assignee,
        assignee == null ? TimelineFacts.say("task-claimed.returned")
            : TimelineFacts.say(TimelineEvent.TASK_CLAIMED).with("assignee", assignee));
  }

  private void completed(DelegateExecution task, String key, String name, String number, String actor) {
    rules.check(key, task, actor);
    Instant now = now();
    deadlineRow(task).ifPresent(id -> caseDeadlines.met(id, now));
    if (stage) {
      records.updateOpenWork(number, null, null);
    }
    timeline.record(number, now, TimelineEvent.TASK_COMPLETED, key, actor, TimelineFacts.say(
        TimelineEvent.TASK_COMPLETED).with("task", key).with("taskName", name)
        .with("amount", TaskKeys.EXECUTE.equals(key) ? records.approvedAmount(number)
            .map(a -> a.stripTrailingZeros().toPlainString()).orElse(null) : null));
    // what the stage itself does follows in the listeners the model names after this one on the task
  }

  /** The row of case_deadline that the stage's deadline opened (kept in the stage's scope by {@link Sla}). */
  static Optional<Long> deadlineRow(org.camunda.bpm.engine.delegate.VariableScope scope) {
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
    return TaskHolders.holder(task.getAssignee(), Groups.candidateGroups(task.getCandidates()));
  }

  static String currentUser(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (auth != null && auth.getUserId() != null) {
      return auth.getUserId();
    }
    return task.getAssignee();
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
