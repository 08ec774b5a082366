package io.redress.sla;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.workflow.TaskKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A case waiting on the customer pauses its deadlines: every armed timer of its process (stage deadlines,
 * reminders, escalations, customer deadlines, progress and follow-up cycles) is suspended with the time it had left,
 * counted as the timer counts: working time for the stages' timers, clock time for the customer-facing ones (the
 * timers of the event sub-processes). The tasks lose their due date meanwhile, so Tasklist's "Overdue" filter does not
 * list them, and the case's deadlines show as {@code paused}. When the customer answers (or staff resume), each timer
 * gets now plus the time it had left, on its own basis, and runs again.
 */
@Service
public class DeadlinePause {

  private final CaseRecords records;
  private final CaseDeadlines deadlines;
  private final Timeline timeline;
  private final Sla sla;
  private final ManagementService managementService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final JdbcTemplate jdbc;

  DeadlinePause(CaseRecords records, CaseDeadlines deadlines, Timeline timeline, Sla sla,
      ManagementService managementService, RuntimeService runtimeService, TaskService taskService,
      RepositoryService repositoryService, JdbcTemplate jdbc) {
    this.records = records;
    this.deadlines = deadlines;
    this.timeline = timeline;
    this.sla = sla;
    this.managementService = managementService;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.jdbc = jdbc;
  }

  /** The case cannot be paused or resumed as asked. */
  public static class NotPausable extends RuntimeException {
    public NotPausable(String message) {
      super(message);
    }
  }

  /** Pauses an open case's deadlines. The caller holds the case row locked ({@link CaseRecords#findForUpdate}). */
  @Transactional
  public void pause(CaseRecord record, String reason, String actor) {
    if (records.pausedAt(record.number()).isPresent()) {
      throw new NotPausable("Complaint " + record.number() + " already waits on the customer");
    }
    Instant now = now();
    String pi = record.processInstanceId();
    BpmnModelInstance model = null;
    int timers = 0;
    for (Job job : managementService.createJobQuery().processInstanceId(pi).timers().active().list()) {
      if (model == null) {
        model = repositoryService.getBpmnModelInstance(job.getProcessDefinitionId());
      }
      String basis = basis(model, record.number(), activityOf(job));
      long left = sla.between(basis, now, job.getDuedate().toInstant()).toMillis();
      jdbc.update("INSERT INTO paused_timer (job_id, complaint_number, basis, remaining_ms) VALUES (?, ?, ?, ?)",
          job.getId(), record.number(), basis, left);
      managementService.suspendJobById(job.getId());
      timers++;
    }
    for (CaseDeadlines.Deadline d : deadlines.openOf(record.number())) {
      if (CaseDeadlines.BREACHED.equals(d.stateAt(now))) {
        continue; // a breach stays a breach
      }
      Long warnLeft = d.warnAt() == null || !d.warnAt().isAfter(now) ? null
          : sla.between(d.basis(), now, d.warnAt()).toMillis();
      deadlines.paused(d.id(), sla.between(d.basis(), now, d.dueAt()).toMillis(), warnLeft);
    }
    for (Task task : taskService.createTaskQuery().processInstanceId(pi).list()) {
      task.setDueDate(null);
      taskService.saveTask(task);
    }
    records.paused(record.number(), now, reason);
    records.updateOpenWork(record.number(), null, record.assignee());
    timeline.record(record.number(), now, TimelineEvent.PAUSED, record.stage(), actor,
        TimelineFacts.say(TimelineEvent.PAUSED).with("timers", timers));
  }

  /**
   * Resumes a paused case, because the customer answered or because {@code actor} resumed it. The caller holds the
   * case row locked.
   */
  @Transactional
  public void resume(CaseRecord record, String actor, boolean customerAnswered) {
    Instant pausedAt = records.pausedAt(record.number())
        .orElseThrow(() -> new NotPausable("Complaint " + record.number() + " does not wait on the customer"));
    Instant now = now();
    List<Object[]> paused = jdbc.query("SELECT job_id, basis, remaining_ms FROM paused_timer WHERE "
        + "complaint_number = ?", (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)},
        record.number());
    for (Object[] p : paused) {
      String jobId = (String) p[0];
      Instant due = sla.plus((String) p[1], now, Duration.ofMillis((Long) p[2]));
      if (managementService.createJobQuery().jobId(jobId).count() > 0) {
        managementService.setJobDuedate(jobId, Date.from(due));
        managementService.activateJobById(jobId);
      }
    }
    jdbc.update("DELETE FROM paused_timer WHERE complaint_number = ?", record.number());
    for (CaseDeadlines.Deadline d : deadlines.openOf(record.number())) {
      if (!CaseDeadlines.PAUSED.equals(d.state())) {
        continue;
      }
      Instant due = sla.plus(d.basis(), now, Duration.ofMillis(d.remainingMs()));
      Instant warn = d.warnRemainingMs() == null ? d.warnAt()
          : sla.plus(d.basis(), now, Duration.ofMillis(d.warnRemainingMs()));
      boolean warned = d.warnAt() != null && !d.warnAt().isAfter(pausedAt);
      deadlines.resumed(d.id(), due, warn, warned ? CaseDeadlines.WARNED : CaseDeadlines.ON_TIME);
    }
    Instant nearest = null;
    for (Task task : taskService.createTaskQuery().processInstanceId(record.processInstanceId()).list()) {
      Object id = runtimeService.getVariableLocal(task.getExecutionId(), Sla.DEADLINE_ID);
      if (id instanceof Long rowId) {
        var row = deadlines.find(rowId).orElse(null);
        if (row != null) {
          task.setDueDate(Date.from(row.dueAt()));
          taskService.saveTask(task);
          if (!TaskKeys.HANDLE_ESCALATION.equals(task.getTaskDefinitionKey())
              && (nearest == null || row.dueAt().isBefore(nearest))) {
            nearest = row.dueAt();
          }
        }
      }
    }
    records.paused(record.number(), null, null);
    records.updateOpenWork(record.number(), nearest, record.assignee());
    timeline.record(record.number(), now, TimelineEvent.RESUMED, record.stage(), actor,
        TimelineFacts.say(customerAnswered ? "resumed.answered" : "resumed.staff").with("by", actor)
            .with("minutes", Duration.between(pausedAt, now).toMinutes()));
  }

  /**
   * How a timer counts: the customer deadlines of the event sub-processes count as the policy says (the row of that
   * deadline), the other timers of event sub-processes on the clock, every other timer in working time.
   */
  private String basis(BpmnModelInstance model, String number, String activityId) {
    FlowElement element = activityId == null ? null : model.getModelElementById(activityId);
    if (element instanceof StartEvent start && start.getParentElement() instanceof SubProcess) {
      String kind = DeadlineTimers.kindOf(start);
      if (kind != null) {
        return deadlines.openOfKind(number, kind).map(CaseDeadlines.Deadline::basis).orElse(CaseDeadlines.CLOCK);
      }
      return CaseDeadlines.CLOCK;
    }
    return CaseDeadlines.WORKING;
  }

  /** The activity a job belongs to (its job definition's). */
  private String activityOf(Job job) {
    if (job.getJobDefinitionId() == null) {
      return null;
    }
    var definition = managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
        .singleResult();
    return definition == null ? null : definition.getActivityId();
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
