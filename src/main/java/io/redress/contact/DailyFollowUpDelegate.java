package io.redress.contact;

import static io.redress.workflow.ProcessVariables.*;

import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.casefile.TimelineFacts;
import io.redress.notification.Templates;
import io.redress.sla.Deadlines;
import io.redress.sla.Sla;
import io.redress.workflow.TaskHolders;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The daily follow-up of a case that cannot close quickly: on working days, once the case has been open
 * longer than {@code followUpAfter} of working time ({@code sla-contact-rules}), the holders of its open tasks get the
 * {@link Templates#DAILY_FOLLOW_UP} reminder (the assignee, or else the candidate groups' members); the timeline says
 * whom. Not on days off, and not while the case waits on the customer.
 */
@Component("dailyFollowUpDelegate")
class DailyFollowUpDelegate implements JavaDelegate {

  private final Sla sla;
  private final CaseRecords records;
  private final Timeline timeline;
  private final TaskHolders holders;
  private final Deadlines text;

  private final Clock clock;

  DailyFollowUpDelegate(Sla sla, CaseRecords records, Timeline timeline, TaskHolders holders, Deadlines text, Clock clock) {
    this.clock = clock;
    this.sla = sla;
    this.records = records;
    this.timeline = timeline;
    this.holders = holders;
    this.text = text;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    CaseRecord record = number == null ? null : records.find(number).orElse(null);
    if (record == null || !record.isOpen() || records.pausedAt(number).isPresent()) {
      return;
    }
    Instant now = clock.instant();
    LocalDate today = now.atZone(sla.calendar().zone()).toLocalDate();
    if (!sla.calendar().isWorkingDay(today)) {
      return;
    }
    String after = String.valueOf(sla.contactRules(execution).get(DMN_FOLLOW_UP_AFTER));
    if (sla.add(CaseDeadlines.WORKING, record.receivedAt(), after).isAfter(now)) {
      return;
    }
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    List<String> reminded = new ArrayList<>();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
      Map<String, String> values = Map.of("task", task.getName(),
          "due", task.getDueDate() == null ? "-" : text.format(task.getDueDate()));
      reminded.add(holders.remind(task.getAssignee(),
          TaskHolders.candidateGroups(tasks.getIdentityLinksForTask(task.getId())), number,
          Templates.DAILY_FOLLOW_UP, values, "follow-up:" + task.getId() + ":" + today));
    }
    if (!reminded.isEmpty()) {
      timeline.record(number, now, TimelineEvent.FOLLOW_UP, record.stage(), "system",
          TimelineFacts.say("follow-up.daily").with("reminded", String.join(", ", reminded)));
    }
  }
}
