package io.redress.workflow;

import static io.redress.workflow.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.redress.ProcessSpringTest;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseStatus;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.sla.DeadlinePause;
import io.redress.sla.Sla;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Walks every path of {@code complaint-handling} with the real delegates, rules and case record, the job executor
 * off and the clock moved by hand; fires every stage deadline and checks its escalation. The coverage floor
 * ({@link io.redress.CoverageFloor}) is asserted over this class.
 */
@ProcessSpringTest
class ComplaintProcessTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** Monday 2026-11-23 10:00 in Shanghai: a plain working day. */
  static final ZonedDateTime MONDAY_10 = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, SHANGHAI);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired org.camunda.bpm.engine.FormService formService;
  @Autowired io.redress.sla.Deadlines deadlineWords;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired CaseRecords records;
  @Autowired Timeline timeline;
  @Autowired io.redress.casefile.CaseDeadlines caseDeadlines;
  @Autowired DeadlinePause deadlinePause;
  @Autowired io.redress.casefile.CustomerContacts contacts;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    at(MONDAY_10);
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------- paths

  @Test
  void smallComplaintGoesThroughEveryStageToClosed() {
    ProcessInstance pi = start(680, "phone", false);
    String number = pi.getBusinessKey();
    assertThat(number).matches("CMP-2026-\\d{6}");
    assertThat(pi).isWaitingAt(TaskKeys.CLASSIFY).variables()
        .containsEntry(SUGGESTED_SEVERITY, "general").containsEntry(SEVERITY, "general")
        // the case's fields the forms show are read from the case record, not kept as variables (issue 20)
        .doesNotContainKeys(CUSTOMER_PHONE, CUSTOMER_PHONE_MASKED, CUSTOMER_NAME, DESCRIPTION, DEADLINE_TEXT,
            STAGE_DEADLINE, "stageWarning", "firstReplyDue", "resolutionDue", RECEIVED_BY, INITIATOR);
    assertThat(task(pi)).hasCandidateGroup("frontline");
    var form = formService.getTaskFormVariables(task(pi).getId());
    assertThat(form.getValue(CUSTOMER_PHONE_MASKED, String.class)).isEqualTo("138****0001");
    assertThat(form.getValue(CUSTOMER_NAME, String.class)).isNotBlank();
    assertThat(form.getValue(DESCRIPTION, String.class)).isNotBlank();
    assertThat(form.getValue(DEADLINE_TEXT, String.class))
        .isEqualTo(deadlineWords.format(task(pi).getDueDate()));
    assertThat(form.containsKey(CUSTOMER_PHONE)).isFalse();

    complete(pi, "fiona", classification("general", false));
    assertThat(pi).isWaitingAt(TaskKeys.ASSIGN);
    assertThat(task(pi)).hasCandidateGroup("supervisors");
    assertThat(pi).variables().containsKey(HANDLER_OPTIONS);

    complete(pi, "sam", Map.of(HANDLER, "hank"));
    assertThat(pi).isWaitingAt(TaskKeys.INVESTIGATE);
    assertThat(task(pi)).isAssignedTo("hank");

    complete(pi, "hank", investigation(300));
    assertThat(pi).isWaitingAt(TaskKeys.APPROVE);
    assertThat(task(pi)).hasCandidateGroup("supervisors");

    complete(pi, "sam", Map.of(APPROVED, true, APPROVAL_COMMENT, "ok"));
    assertThat(pi).isWaitingAt(TaskKeys.EXECUTE);
    assertThat(task(pi)).isAssignedTo("hank");

    complete(pi, "hank", Map.of(EXECUTION_NOTE, "Refunded 300 as account credit"));
    assertThat(pi).isWaitingAt(TaskKeys.FEEDBACK);
    assertThat(task(pi)).hasCandidateGroup("frontline");

    complete(pi, "fiona", Map.of(CUSTOMER_REACHED, true, SATISFACTION, "satisfied"));
    assertThat(pi).isEnded().hasPassed("Task_CloseComplaint", "EndEvent_ComplaintClosed");

    CaseRecord record = records.find(number).orElseThrow();
    assertThat(record.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(record.satisfaction()).isEqualTo("satisfied");
    assertThat(record.handler()).isEqualTo("hank");
    assertThat(record.severity()).isEqualTo("general");
    assertThat(record.processInstanceId()).isEqualTo(pi.getId());
    assertThat(types(number)).containsSubsequence(TimelineEvent.RECEIVED, TimelineEvent.TASK_CREATED,
        TimelineEvent.CLASSIFIED, TimelineEvent.ASSIGNED, TimelineEvent.TASK_CLAIMED, TimelineEvent.APPROVED,
        TimelineEvent.FEEDBACK, TimelineEvent.CLOSED);
    assertThat(timeline.of(number)).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(TimelineEvent.TASK_COMPLETED);
      assertThat(e.stage()).isEqualTo(TaskKeys.APPROVE);
      assertThat(e.actor()).isEqualTo("sam");
    });
  }

  @ParameterizedTest(name = "compensation {0}, major {1} -> approved by {2}")
  @CsvSource({"0, false, supervisors", "1000, false, supervisors", "1000.01, false, managers",
      "10000, false, managers", "10000.5, false, directors", "10, true, directors"})
  void approvalGoesToTheAuthorityForTheAmount(double amount, boolean major, String group) {
    ProcessInstance pi = start(100, "web", false);
    complete(pi, "fiona", classification("general", major));
    assertThat(task(pi)).hasCandidateGroup(major ? "managers" : "supervisors");
    complete(pi, major ? "maria" : "sam", Map.of(HANDLER, "helen"));
    complete(pi, "helen", investigation(amount));
    assertThat(pi).isWaitingAt(TaskKeys.APPROVE).variables().containsEntry(APPROVER_GROUP, group);
    assertThat(candidateGroups(task(pi))).containsExactly(group);
  }

  @Test
  void refusedApprovalGoesBackToInvestigationWithTheComment() {
    ProcessInstance pi = toApproval(5000);
    assertThat(task(pi)).hasCandidateGroup("managers");
    complete(pi, "maria", Map.of(APPROVED, false, APPROVAL_COMMENT, "Check the taxi receipts first"));
    assertThat(pi).isWaitingAt(TaskKeys.INVESTIGATE).variables()
        .containsEntry(APPROVAL_COMMENT, "Check the taxi receipts first");
    assertThat(task(pi)).isAssignedTo("hank");
    assertThat(types(pi.getBusinessKey())).contains(TimelineEvent.SENT_BACK);

    complete(pi, "hank", investigation(4000));
    complete(pi, "maria", Map.of(APPROVED, true, APPROVAL_COMMENT, "Receipts seen"));
    assertThat(pi).isWaitingAt(TaskKeys.EXECUTE);
  }

  @Test
  void complaintResolvedAtIntakeGoesStraightToFeedback() {
    VariableMap vars = intake(0, "chat", false);
    vars.putValue(RESOLVED_AT_INTAKE, true).putValue(RESOLUTION, "Explained the delivery status");
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(PROCESS_KEY, vars);
    assertThat(pi).isWaitingAt(TaskKeys.FEEDBACK).hasNotPassed(TaskKeys.CLASSIFY);
    complete(pi, "fiona", Map.of(CUSTOMER_REACHED, true, SATISFACTION, "very_satisfied"));
    assertThat(pi).isEnded();
    assertThat(records.find(pi.getBusinessKey()).orElseThrow().status()).isEqualTo(CaseStatus.CLOSED);
  }

  @Test
  void customerNotReachedThreeTimesClosesWithoutResponse() {
    VariableMap vars = intake(0, "letter", false);
    vars.putValue(RESOLVED_AT_INTAKE, true).putValue(RESOLUTION, "Bill corrected");
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(PROCESS_KEY, vars);
    String number = pi.getBusinessKey();
    complete(pi, "fiona", Map.of(CUSTOMER_REACHED, false));
    // the next call waits the call-back gap (2 working hours), so the calls fall at different times of the day
    assertThat(pi).isWaitingAt("Timer_WaitBeforeCallingAgain").variables().containsEntry(FEEDBACK_ATTEMPTS, 1);
    assertThat(callbackWait(pi).getDuedate().toInstant()).isEqualTo(MONDAY_10.plusHours(2).toInstant());
    assertThat(outbox(number, "callback-missed")).isEmpty();
    fire(callbackWait(pi));
    assertThat(pi).isWaitingAt(TaskKeys.FEEDBACK);

    complete(pi, "tom", Map.of(CUSTOMER_REACHED, false));
    // two unanswered calls: a text message with the reason and the next contact time (12:01 + 2 working hours)
    assertThat(outbox(number, "callback-missed")).containsExactly("customer");
    assertThat(jdbc.queryForObject("SELECT channel || ' ' || body FROM outbound_message WHERE complaint_number = ? "
        + "AND template = 'callback-missed'", String.class, number))
        .startsWith("sms").contains("2026-11-23 14:01").contains("the result of your complaint");
    fire(callbackWait(pi));
    assertThat(pi).isWaitingAt(TaskKeys.FEEDBACK);

    complete(pi, "fiona", Map.of(CUSTOMER_REACHED, false));
    assertThat(pi).isEnded();
    CaseRecord record = records.find(number).orElseThrow();
    assertThat(record.status()).isEqualTo(CaseStatus.CLOSED_NO_RESPONSE);
    assertThat(types(number).stream().filter(TimelineEvent.CONTACT_FAILED::equals)).hasSize(3);
    assertThat(outbox(number, "callback-missed")).as("one text message, not one per call").hasSize(1);
  }

  @Test
  void unansweredEmailCaseIsFollowedUpAfter48HoursAndClosedAfter3Days() {
    VariableMap vars = intake(0, "email", false);
    vars.putValue(RESOLVED_AT_INTAKE, true).putValue(RESOLUTION, "Refund sent");
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(PROCESS_KEY, vars);
    String number = pi.getBusinessKey();
    assertThat(pi).isWaitingAt(TaskKeys.FEEDBACK);
    fire(feedbackFollowUp(pi)); // 24 hours: nothing yet
    assertThat(outbox(number, "email-follow-up")).isEmpty();
    fire(feedbackFollowUp(pi)); // 48 hours without an answer: the follow-up e-mail
    assertThat(outbox(number, "email-follow-up")).containsExactly("customer");
    fire(feedbackFollowUp(pi)); // 3 days: closed - no response
    assertThat(outbox(number, "closed-no-response")).containsExactly("customer");
    assertThat(pi).isEnded().hasPassed("Message_EmailUnanswered", "Task_CloseComplaint");
    assertThat(records.find(number).orElseThrow().status()).isEqualTo(CaseStatus.CLOSED_NO_RESPONSE);
  }

  @Test
  void anAnsweredEmailCaseOrAPhoneCaseIsNotClosedByTheEmailRule() {
    VariableMap vars = intake(0, "email", false);
    vars.putValue(RESOLVED_AT_INTAKE, true).putValue(RESOLUTION, "Refund sent");
    ProcessInstance answered = runtimeService.startProcessInstanceByKey(PROCESS_KEY, vars);
    contacts.add(answered.getBusinessKey(), MONDAY_10.plusHours(30).toInstant(), "inbound", "email", "fiona", null,
        "Thanks, received");
    VariableMap phoneVars = intake(0, "phone", false);
    phoneVars.putValue(RESOLVED_AT_INTAKE, true).putValue(RESOLUTION, "Refund sent");
    ProcessInstance phone = runtimeService.startProcessInstanceByKey(PROCESS_KEY, phoneVars);
    for (int day = 0; day < 3; day++) {
      fire(feedbackFollowUp(answered));
      fire(feedbackFollowUp(phone));
    }
    assertThat(answered).isWaitingAt(TaskKeys.FEEDBACK);
    assertThat(phone).isWaitingAt(TaskKeys.FEEDBACK);
    assertThat(outbox(answered.getBusinessKey(), "email-follow-up")).isEmpty();
    assertThat(outbox(phone.getBusinessKey(), "email-follow-up")).isEmpty();
  }

  private Job callbackWait(ProcessInstance pi) {
    return timer(pi, "Timer_WaitBeforeCallingAgain");
  }

  private Job feedbackFollowUp(ProcessInstance pi) {
    return timer(pi, "Timer_FeedbackFollowUp");
  }

  /** The timer job of this activity of the case (a timer event, or a task's reminder). */
  private Job timer(ProcessInstance pi, String activityId) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().activityId(activityId)
        .singleResult();
  }

  /** Moves the clock a minute past the job and runs it. */
  private void fire(Job job) {
    at(ZonedDateTime.ofInstant(job.getDuedate().toInstant(), SHANGHAI).plusMinutes(1));
    managementService.executeJob(job.getId());
  }

  @Test
  void dissatisfiedCustomerReopensTheCaseAsASecondComplaint() {
    ProcessInstance pi = toFeedback(200);
    complete(pi, "fiona", Map.of(CUSTOMER_REACHED, true, SATISFACTION, "very_dissatisfied"));
    assertThat(pi).isWaitingAt(TaskKeys.CLASSIFY).hasPassed("Task_ReopenComplaint").variables()
        .containsEntry(SECOND_COMPLAINT, true).containsEntry(SUGGESTED_SEVERITY, "important")
        .containsEntry(REOPEN_COUNT, 1);
    // the rep tries to keep it general: a second complaint is at least important
    complete(pi, "fiona", classification("general", false));
    assertThat(pi).isWaitingAt(TaskKeys.ASSIGN).variables().containsEntry(SEVERITY, "important");
    CaseRecord record = records.find(pi.getBusinessKey()).orElseThrow();
    assertThat(record.secondComplaint()).isTrue();
    assertThat(record.severity()).isEqualTo("important");
    assertThat(record.status()).isEqualTo(CaseStatus.OPEN);
    assertThat(types(pi.getBusinessKey())).contains(TimelineEvent.REOPENED);
  }

  @Test
  void customerMayWithdrawAtAnyStage() {
    ProcessInstance pi = toApproval(800);
    runtimeService.createMessageCorrelation(WITHDRAWAL_MESSAGE).processInstanceBusinessKey(pi.getBusinessKey())
        .setVariable(WITHDRAWAL_REASON, "Settled with the merchant").correlate();
    assertThat(pi).isEnded().hasPassed("Task_RecordWithdrawal", "EndEvent_ComplaintWithdrawn");
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
    CaseRecord record = records.find(pi.getBusinessKey()).orElseThrow();
    assertThat(record.status()).isEqualTo(CaseStatus.WITHDRAWN);
    assertThat(timeline.of(pi.getBusinessKey())).last()
        .satisfies(e -> assertThat(e.detail()).contains("Settled with the merchant"));
  }

  @Test
  void safetyRiskIsSuggestedUrgentAndMajorAndAssignedByManagers() {
    ProcessInstance pi = start(0, "phone", true);
    assertThat(pi).variables().containsEntry(SUGGESTED_SEVERITY, "urgent").containsEntry(MAJOR, true);
    complete(pi, "fiona", classification("urgent", true));
    assertThat(task(pi)).hasCandidateGroup("managers");
  }

  // ---------------------------------------------------------------- deadlines

  @ParameterizedTest(name = "{0}: due after {1} working minutes, escalated to {2}")
  @CsvSource({
      "classifyComplaint, 60, team-leads",
      "assignComplaint, 1080, managers",
      "investigateComplaint, 2700, managers",
      "approveResolution, 1620, managers",
      "executeResolution, 1080, managers",
      "collectFeedback, 540, team-leads"})
  void missedDeadlineEscalatesToTheNextLevelAndTheWorkGoesOn(String stage, long workingMinutes, String group) {
    ProcessInstance pi = driveTo(stage);
    Task task = task(pi);
    Job timer = deadlineTimer(pi, stage);
    assertThat(task.getDueDate()).isEqualTo(timer.getDuedate());
    // every stage is reached at Monday 10:00 (the clock is set back before each stage task starts)
    assertThat(task.getDueDate().toInstant()).isEqualTo(workingTimeFromMonday10(workingMinutes));

    at(ZonedDateTime.ofInstant(task.getDueDate().toInstant(), SHANGHAI).plusMinutes(1));
    managementService.executeJob(timer.getId());

    assertThat(pi).isWaitingAt(stage, TaskKeys.HANDLE_ESCALATION);
    Task escalation = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TaskKeys.HANDLE_ESCALATION).singleResult();
    assertThat(candidateGroups(escalation)).containsExactly(group);
    assertThat(taskService.getVariableLocal(escalation.getId(), ESCALATION_CODE))
        .isEqualTo(stage.replaceAll("(Complaint|Resolution)$", "").replace("collectFeedback", "feedback")
            .toLowerCase() + "-overdue");
    assertThat(escalation.getDueDate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(timeline.of(pi.getBusinessKey())).anySatisfy(e -> {
      assertThat(e.type()).isEqualTo(TimelineEvent.DEADLINE_ESCALATED);
      assertThat(e.detail()).contains(group);
    });

    taskService.complete(escalation.getId(), Variables.putValue(ESCALATION_NOTE, "Called the owner"));
    assertThat(pi).isWaitingAt(stage);
  }

  @Test
  void deadlinesCountWorkingTimeAcrossTheWeekend() {
    at(ZonedDateTime.of(2026, 11, 27, 15, 0, 0, 0, SHANGHAI)); // Friday 15:00
    ProcessInstance pi = start(100, "phone", false);
    assertThat(task(pi).getDueDate().toInstant())
        .isEqualTo(ZonedDateTime.of(2026, 11, 27, 16, 0, 0, 0, SHANGHAI).toInstant());
    complete(pi, "fiona", classification("general", false));
    // Friday 15:00 + 2 working days = Tuesday 15:00
    assertThat(task(pi).getDueDate().toInstant())
        .isEqualTo(ZonedDateTime.of(2026, 12, 1, 15, 0, 0, 0, SHANGHAI).toInstant());
    assertThat(formService.getTaskFormVariables(task(pi).getId()).getValue(DEADLINE_TEXT, String.class))
        .isEqualTo("2026-12-01 15:00 Asia/Shanghai");
  }

  @Test
  void escalationOfAManagersApprovalGoesToDirectors() {
    ProcessInstance pi = toApproval(5000);
    Job timer = deadlineTimer(pi, TaskKeys.APPROVE);
    at(ZonedDateTime.ofInstant(timer.getDuedate().toInstant(), SHANGHAI).plusMinutes(1));
    managementService.executeJob(timer.getId());
    Task escalation = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TaskKeys.HANDLE_ESCALATION).singleResult();
    assertThat(candidateGroups(escalation)).containsExactly("directors");
  }

  @Test
  void anEscalationNotHandledInTimeClimbsToManagersThenDirectors() {
    ProcessInstance pi = driveTo(TaskKeys.CLASSIFY);
    fireTimerOf(pi, TaskKeys.CLASSIFY);
    Task teamLeads = escalationTask(pi);
    assertThat(candidateGroups(teamLeads)).containsExactly("team-leads");

    fireTimerOf(pi, TaskKeys.HANDLE_ESCALATION);
    Task managers = escalationTask(pi);
    assertThat(managers.getId()).isNotEqualTo(teamLeads.getId());
    assertThat(candidateGroups(managers)).containsExactly("managers");
    // managers answer within 30 working minutes of the climb
    assertThat(managers.getDueDate().toInstant())
        .isEqualTo(ClockUtil.getCurrentTime().toInstant().plus(java.time.Duration.ofMinutes(30)));

    fireTimerOf(pi, TaskKeys.HANDLE_ESCALATION);
    Task directors = escalationTask(pi);
    assertThat(candidateGroups(directors)).containsExactly("directors");
    assertThat(directors.getDueDate().toInstant())
        .isEqualTo(ClockUtil.getCurrentTime().toInstant().plus(java.time.Duration.ofMinutes(10)));
    assertThat(timeline.of(pi.getBusinessKey())).filteredOn(e -> e.type().equals(TimelineEvent.ESCALATION_RAISED))
        .extracting(TimelineEvent::detail)
        .containsExactly("Escalation to team-leads not handled in time: raised to managers",
            "Escalation to managers not handled in time: raised to directors");

    taskService.complete(directors.getId(), Variables.putValue(ESCALATION_NOTE, "Director called the customer"));
    assertThat(pi).isWaitingAt(TaskKeys.CLASSIFY);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TaskKeys.HANDLE_ESCALATION).count()).isZero();
  }

  // ---------------------------------------------------------------- SLA policy

  @Test
  void stageDeadlineComesFromThePolicyAndTheOwnerIsRemindedAt80Percent() {
    ProcessInstance pi = start(100, "phone", false);
    String number = pi.getBusinessKey();
    Task classify = task(pi);
    // sla-stage-deadline: classify 1 working hour, reminder at 80 % = 48 minutes
    assertThat(classify.getDueDate().toInstant()).isEqualTo(MONDAY_10.plusHours(1).toInstant());
    Job reminder = timer(pi, TaskKeys.CLASSIFY); // the timeout listener's job
    assertThat(reminder.getDuedate().toInstant()).isEqualTo(MONDAY_10.plusMinutes(48).toInstant());
    assertThat(deadline(number, TaskKeys.CLASSIFY).state()).isEqualTo("on-time");
    assertThat(deadline(number, TaskKeys.CLASSIFY).owner()).isEqualTo("frontline");

    at(MONDAY_10.plusMinutes(49));
    managementService.executeJob(reminder.getId());

    assertThat(deadline(number, TaskKeys.CLASSIFY).state()).isEqualTo("warned");
    assertThat(types(number)).contains(TimelineEvent.DEADLINE_WARNED);
    // every member of frontline with an e-mail address (fiona, tom) gets one reminder
    assertThat(outbox(number, "deadline-warning")).containsExactlyInAnyOrder("fiona", "tom");
    assertThat(pi).isWaitingAt(TaskKeys.CLASSIFY);

    complete(pi, "fiona", classification("general", false));
    assertThat(deadline(number, TaskKeys.CLASSIFY).state()).isEqualTo("met");
    assertThat(deadline(number, TaskKeys.ASSIGN).state()).isEqualTo("on-time");
  }

  @Test
  void stageDeadlineCountsTheMakeUpSaturdayAndSkipsTheSpringFestival() {
    at(ZonedDateTime.of(2026, 2, 13, 17, 30, 0, 0, SHANGHAI)); // Friday 17:30
    ProcessInstance pi = start(100, "phone", false);
    // 30 working minutes on Friday, the other 30 on Saturday 14 February, a make-up working day
    assertThat(task(pi).getDueDate().toInstant())
        .isEqualTo(ZonedDateTime.of(2026, 2, 14, 9, 30, 0, 0, SHANGHAI).toInstant());

    at(ZonedDateTime.of(2026, 2, 14, 17, 30, 0, 0, SHANGHAI)); // the make-up Saturday, 17:30
    ProcessInstance later = start(100, "phone", false);
    // 15-23 February are the Spring Festival holidays: the rest falls on Tuesday 24 February
    assertThat(task(later).getDueDate().toInstant())
        .isEqualTo(ZonedDateTime.of(2026, 2, 24, 9, 30, 0, 0, SHANGHAI).toInstant());
    // the customer's first reply counts on the clock: 48 hours, holidays or not
    assertThat(caseDeadlines.of(later.getBusinessKey()).stream().filter(d -> d.kind().equals("first-reply"))
        .findFirst().orElseThrow().dueAt())
        .isEqualTo(ZonedDateTime.of(2026, 2, 16, 17, 30, 0, 0, SHANGHAI).toInstant());
  }

  @Test
  void customerDeadlinesFollowChannelTierAndTheConfirmedSeverity() {
    ProcessInstance pi = start(100, "email", false); // a VIP customer with an e-mail address
    String number = pi.getBusinessKey();
    // the acknowledgement went out at intake: met
    assertThat(deadline(number, "acknowledge").state()).isEqualTo("met");
    assertThat(deadline(number, "first-reply").dueAt()).isEqualTo(MONDAY_10.plusHours(48).toInstant());
    assertThat(deadline(number, "effective-reply").dueAt()).isEqualTo(MONDAY_10.plusHours(8).toInstant());
    assertThat(deadline(number, "resolution").dueAt()).isEqualTo(MONDAY_10.plusHours(24).toInstant());
    assertThat(deadline(number, "resolution").basis()).isEqualTo("clock");

    at(MONDAY_10.plusMinutes(20));
    complete(pi, "fiona", classification("urgent", false));

    // urgent: resolved within 12 hours of receipt; the timer moved with it
    assertThat(deadline(number, "resolution").dueAt()).isEqualTo(MONDAY_10.plusHours(12).toInstant());
    Job resolution = timer(pi, "StartEvent_ResolutionDue");
    assertThat(resolution.getDuedate().toInstant()).isEqualTo(MONDAY_10.plusHours(12).toInstant());
    // only that timer: the reply's stays where the intake set it
    assertThat(timer(pi, "StartEvent_ReplyDue").getDuedate().toInstant())
        .isEqualTo(MONDAY_10.plusHours(8).toInstant());

    at(MONDAY_10.plusHours(12).plusMinutes(1));
    managementService.executeJob(resolution.getId());
    // missed: escalated by severity (urgent: directors within 10 minutes)
    Task escalation = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TaskKeys.HANDLE_ESCALATION).singleResult();
    assertThat(candidateGroups(escalation)).containsExactly("directors");
    assertThat(deadline(number, "resolution").state()).isEqualTo("breached");
    assertThat(deadline(number, "resolution").escalatedTo()).isEqualTo("directors");
    assertThat(types(number)).contains(TimelineEvent.DEADLINE_MISSED);
    assertThat(outbox(number, "escalation")).contains("diego");
  }

  @Test
  void effectiveReplyMetInTimeDoesNotEscalate() {
    ProcessInstance pi = start(100, "phone", false);
    String number = pi.getBusinessKey();
    at(MONDAY_10.plusHours(2));
    sla().met(number, "effective-reply");
    assertThat(deadline(number, "effective-reply").state()).isEqualTo("met");

    Job reply = timer(pi, "StartEvent_ReplyDue");
    at(MONDAY_10.plusHours(9));
    managementService.executeJob(reply.getId());

    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(TaskKeys.HANDLE_ESCALATION).count()).isZero();
    assertThat(pi).hasPassed("EndEvent_ReplyInTime");
  }

  @Test
  void after48HoursWithoutAFirstReplyTheCustomerGetsTheAutomaticMessage() {
    ProcessInstance pi = start(100, "phone", false);
    String number = pi.getBusinessKey();
    Job firstReply = timer(pi, "StartEvent_FirstReplyDue");
    // clock time: 48 hours, through the night
    assertThat(firstReply.getDuedate().toInstant()).isEqualTo(MONDAY_10.plusHours(48).toInstant());

    at(MONDAY_10.plusHours(48).plusMinutes(1));
    managementService.executeJob(firstReply.getId());

    assertThat(outbox(number, "first-reply-overdue")).containsExactly("customer");
    assertThat(deadline(number, "first-reply").state()).isEqualTo("breached");
  }

  @Test
  void progressReachesTheCustomerEvery24HoursUnlessTheyHeardFromUs() {
    ProcessInstance pi = start(100, "phone", false);
    String number = pi.getBusinessKey();
    Job progress = timer(pi, "StartEvent_ProgressDue");
    assertThat(progress.getDuedate().toInstant()).isEqualTo(MONDAY_10.plusHours(24).toInstant());

    at(MONDAY_10.plusHours(24).plusMinutes(1));
    managementService.executeJob(progress.getId());
    assertThat(outbox(number, "progress-update")).hasSize(1);

    // the next one is armed 24 hours on; a message within those 24 hours makes it unnecessary
    Job next = timer(pi, "StartEvent_ProgressDue");
    at(ZonedDateTime.ofInstant(next.getDuedate().toInstant(), SHANGHAI).plusMinutes(1));
    managementService.executeJob(next.getId());
    assertThat(outbox(number, "progress-update")).hasSize(2);
  }

  /**
   * A step that fails (the outbox refuses this case's progress message, as a queue that is down would) fails its job,
   * not the case: the job is tried again on the retry cycle (R3/PT5M), then raises an incident; meanwhile the case's
   * forms say it is stuck, where and why in plain words; retried once the cause is gone, the message goes out once.
   */
  @Test
  void aFailingStepRetriesOnTheCycleThenRaisesAnIncidentAndTheFormsSayTheCaseIsStuck() {
    ProcessInstance pi = start(100, "phone", false);
    String number = pi.getBusinessKey();
    String refused = "redress_test_progress_refused";
    jdbc.execute("ALTER TABLE outbound_message ADD CONSTRAINT " + refused + " CHECK (template <> 'progress-update' "
        + "OR complaint_number <> '" + number + "')");
    try {
      String job = timer(pi, "StartEvent_ProgressDue").getId();
      ZonedDateTime first = MONDAY_10.plusHours(24).plusMinutes(1);
      at(first);
      assertThatThrownBy(() -> managementService.executeJob(job)).isInstanceOf(RuntimeException.class);
      Job failed = managementService.createJobQuery().jobId(job).singleResult();
      assertThat(failed.getRetries()).as("three attempts in all").isEqualTo(2);
      assertThat(failed.getDuedate().toInstant()).isEqualTo(first.plusMinutes(5).toInstant());
      assertThat(failed.getFailedActivityId()).isEqualTo("Task_SendProgressUpdate");
      // the open task's form says so (its deadlines text is read from the case when the form is)
      Task classify = task(pi);
      taskService.claim(classify.getId(), "fiona");
      assertThat(formService.getTaskFormVariables(classify.getId()).getValue(CASE_DEADLINES, String.class)).endsWith(
          "Failed since 2026-11-24 10:01 Asia/Shanghai at \"Send progress update\": A message could not be queued for "
              + "sending (the outbox refused it). Tried again at 2026-11-24 10:06 Asia/Shanghai.");

      at(first.plusMinutes(6));
      assertThatThrownBy(() -> managementService.executeJob(job)).isInstanceOf(RuntimeException.class);
      at(first.plusMinutes(12));
      assertThatThrownBy(() -> managementService.executeJob(job)).isInstanceOf(RuntimeException.class);
      assertThat(managementService.createJobQuery().jobId(job).singleResult().getRetries()).isZero();
      org.camunda.bpm.engine.runtime.Incident incident = runtimeService.createIncidentQuery()
          .processInstanceId(pi.getId()).singleResult();
      assertThat(incident.getIncidentType()).isEqualTo("failedJob");
      assertThat(incident.getFailedActivityId()).isEqualTo("Task_SendProgressUpdate");
      taskService.setAssignee(classify.getId(), null);
      taskService.claim(classify.getId(), "tom");
      String sheet = formService.getTaskFormVariables(classify.getId()).getValue(CASE_DEADLINES, String.class);
      assertThat(sheet).endsWith("Stuck since 2026-11-24 10:01 Asia/Shanghai at \"Send progress update\": A message "
          + "could not be queued for sending (the outbox refused it). An analyst retries it in Cockpit.");
      assertThat(sheet).doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase(refused);
      assertThat(outbox(number, "progress-update")).isEmpty();

      // the cause is gone, the analyst retries: the message goes out once and the case is no longer stuck
      jdbc.execute("ALTER TABLE outbound_message DROP CONSTRAINT " + refused);
      managementService.setJobRetries(job, 1);
      managementService.executeJob(job);
      assertThat(outbox(number, "progress-update")).hasSize(1);
      assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
      taskService.setAssignee(classify.getId(), null);
      taskService.claim(classify.getId(), "fiona");
      assertThat(formService.getTaskFormVariables(classify.getId()).getValue(CASE_DEADLINES, String.class)).doesNotContain("Stuck")
          .doesNotContain("Failed since");
    } finally {
      jdbc.execute("ALTER TABLE outbound_message DROP CONSTRAINT IF EXISTS " + refused);
    }
  }

  @Test
  void dailyFollowUpRemindsOnWorkingDaysOnly() {
    at(ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, SHANGHAI)); // Thursday
    ProcessInstance pi = start(100, "phone", false);
    String number = pi.getBusinessKey();
    // Friday 10:00: open longer than one working day: reminded
    fireFollowUp(pi);
    assertThat(types(number)).contains(TimelineEvent.FOLLOW_UP);
    assertThat(outbox(number, "daily-follow-up")).contains("fiona");
    int friday = outbox(number, "daily-follow-up").size();
    // Saturday 10:00: a day off, nobody is reminded
    fireFollowUp(pi);
    assertThat(outbox(number, "daily-follow-up")).hasSize(friday);
  }

  @Test
  void pausedCaseKeepsTheWorkingTimeThatWasLeftOverTheWeekend() {
    at(ZonedDateTime.of(2026, 11, 27, 17, 30, 0, 0, SHANGHAI)); // Friday 17:30
    ProcessInstance pi = start(100, "phone", false);
    String number = pi.getBusinessKey();
    // classify: 1 working hour, Friday 17:30-18:00 and Monday 09:00-09:30
    assertThat(task(pi).getDueDate().toInstant())
        .isEqualTo(ZonedDateTime.of(2026, 11, 30, 9, 30, 0, 0, SHANGHAI).toInstant());

    at(ZonedDateTime.of(2026, 11, 27, 17, 50, 0, 0, SHANGHAI)); // 20 working minutes used, 40 left
    deadlinePause.pause(records.find(number).orElseThrow(), "Waiting for the booking number", "fiona");
    assertThat(task(pi).getDueDate()).as("a paused task is not overdue in Tasklist").isNull();
    assertThat(deadline(number, TaskKeys.CLASSIFY).state()).isEqualTo("paused");
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).active().count()).isZero();

    // the customer answers on Tuesday 14:00: 40 working minutes are left, the first reply's clock 48 h - 20 min
    at(ZonedDateTime.of(2026, 12, 1, 14, 0, 0, 0, SHANGHAI));
    String waiting = task(pi).getId();
    assertThat(overdueInTasklist()).as("Tasklist's Overdue filter while the case waits").doesNotContain(waiting);
    deadlinePause.resume(records.find(number).orElseThrow(), "fiona", true);
    Instant due = ZonedDateTime.of(2026, 12, 1, 14, 40, 0, 0, SHANGHAI).toInstant();
    assertThat(task(pi).getDueDate().toInstant()).isEqualTo(due);
    assertThat(deadlineTimer(pi, TaskKeys.CLASSIFY).getDuedate().toInstant()).isEqualTo(due);
    assertThat(deadline(number, TaskKeys.CLASSIFY).state()).isEqualTo("on-time");
    assertThat(deadline(number, TaskKeys.CLASSIFY).dueAt()).isEqualTo(due);
    assertThat(timer(pi, "StartEvent_FirstReplyDue").getDuedate().toInstant())
        .isEqualTo(ZonedDateTime.of(2026, 12, 1, 14, 0, 0, 0, SHANGHAI).plusHours(48).minusMinutes(20).toInstant());
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).suspended().count()).isZero();
    assertThat(types(number)).contains(TimelineEvent.PAUSED, TimelineEvent.RESUMED);
    at(ZonedDateTime.of(2026, 12, 1, 14, 41, 0, 0, SHANGHAI));
    assertThat(overdueInTasklist()).as("past the resumed deadline, Tasklist's Overdue filter lists it")
        .contains(waiting);
  }

  /** The tasks Tasklist's saved filter "Overdue" lists now (its query: due before ${now()}). */
  private List<String> overdueInTasklist() {
    var filters = engine.getFilterService();
    String id = filters.createFilterQuery().filterName("Overdue").singleResult().getId();
    return filters.<Task>list(id).stream().map(Task::getId).toList();
  }

  private void fireFollowUp(ProcessInstance pi) {
    fire(timer(pi, "StartEvent_FollowUpDue"));
  }

  private io.redress.casefile.CaseDeadlines.Deadline deadline(String number, String kind) {
    return caseDeadlines.of(number).stream().filter(d -> d.kind().equals(kind))
        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no deadline " + kind));
  }

  private Sla sla() {
    return slaBean;
  }

  @Autowired Sla slaBean;

  /** Who got messages of this template about the case: staff user ids, or "customer". */
  private List<String> outbox(String number, String template) {
    return jdbc.queryForList("SELECT COALESCE(recipient_user, recipient_kind) FROM outbound_message WHERE "
        + "complaint_number = ? AND template = ? ORDER BY id", String.class, number, template);
  }

  /** The deadline timer (boundary event) of a stage task. */
  private Job deadlineTimer(ProcessInstance pi, String taskKey) {
    String name = switch (taskKey) {
      case TaskKeys.CLASSIFY -> "Classify";
      case TaskKeys.ASSIGN -> "Assign";
      case TaskKeys.INVESTIGATE -> "Investigate";
      case TaskKeys.APPROVE -> "Approve";
      case TaskKeys.EXECUTE -> "Execute";
      case TaskKeys.FEEDBACK -> "Feedback";
      default -> "Escalation";
    };
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId("Timer_" + name + "Overdue").singleResult();
  }

  /** Moves the clock a minute past the timer on this task and fires it. */
  private void fireTimerOf(ProcessInstance pi, String taskKey) {
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey)
        .singleResult();
    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().list().stream()
        .filter(j -> j.getDuedate().equals(task.getDueDate())).findFirst().orElseThrow();
    at(ZonedDateTime.ofInstant(timer.getDuedate().toInstant(), SHANGHAI).plusMinutes(1));
    managementService.executeJob(timer.getId());
  }

  private Task escalationTask(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TaskKeys.HANDLE_ESCALATION)
        .singleResult();
  }

  // ---------------------------------------------------------------- the rules each stage is held to

  @Test
  void theInvestigatorNeverApprovesTheirOwnResolution() {
    User sue = identityService.newUser("sue");
    sue.setPassword("x");
    identityService.saveUser(sue);
    identityService.createMembership("sue", "handlers");
    identityService.createMembership("sue", "supervisors");
    try {
      ProcessInstance pi = start(100, "phone", false);
      complete(pi, "fiona", classification("general", false));
      complete(pi, "sam", Map.of(HANDLER, "sue"));
      complete(pi, "sue", investigation(80));
      assertRefused(pi, "sue", Map.of(APPROVED, true, APPROVAL_COMMENT, "fine by me"), "four eyes");
      complete(pi, "sam", Map.of(APPROVED, true, APPROVAL_COMMENT, "ok"));
      assertThat(pi).isWaitingAt(TaskKeys.EXECUTE);
    } finally {
      identityService.deleteUser("sue");
    }
  }

  @Test
  void stageCompletionsAreCheckedOnTheServer() {
    ProcessInstance pi = start(100, "phone", false);
    assertRefused(pi, "fiona", classification("general", false, "furious"), "Nature (nature) must be one of");
    assertRefused(pi, "fiona", Map.of(NATURE, "valid", SEVERITY, "critical", MAJOR, false), "Category (category) is required");
    complete(pi, "fiona", classification("general", false));
    assertRefused(pi, "sam", Map.of(HANDLER, "fiona"), "Handler (handler) must be a member of handlers");
    complete(pi, "sam", Map.of(HANDLER, "hank"));
    assertRefused(pi, "hank", Map.of(FINDINGS, "x", ROOT_CAUSE, "y", RESOLUTION_TYPE, "refund",
        COMPENSATION_AMOUNT, -5), "Compensation amount (compensationAmount) must be a number, 0 or more");
    assertRefused(pi, "hank", Map.of(FINDINGS, "x", ROOT_CAUSE, "y", RESOLUTION_TYPE, "cash",
        COMPENSATION_AMOUNT, 5), "Proposed resolution (resolutionType) must be one of");
    assertRefused(pi, "hank", Map.of(FINDINGS, "x", ROOT_CAUSE, "y", ROOT_CAUSE_CATEGORY, "bad-luck",
        RESOLUTION_TYPE, "refund", COMPENSATION_AMOUNT, 5), "Root-cause category (rootCauseCategory) must be one of");
    complete(pi, "hank", investigation(50));
    assertRefused(pi, "sam", Map.of(APPROVED, false), "Comment (approvalComment) is required when the resolution is sent back");
    complete(pi, "sam", Map.of(APPROVED, true, APPROVAL_COMMENT, "ok"));
    assertRefused(pi, "hank", Map.of(EXECUTION_NOTE, " "), "Execution note (executionNote) is required");
    complete(pi, "hank", Map.of(EXECUTION_NOTE, "done"));
    assertRefused(pi, "fiona", Map.of(CUSTOMER_REACHED, true, SATISFACTION, "meh"), "Satisfaction (satisfaction) must be one of");
    assertThat(pi).isWaitingAt(TaskKeys.FEEDBACK);
  }

  @Test
  void startFormIntakeIsValidatedAndStoresNothingWhenInvalid() {
    long before = runtimeService.createProcessInstanceQuery().count();
    VariableMap vars = intake(10, "phone", false);
    vars.remove(DESCRIPTION);
    vars.putValue(CHANNEL, "pigeon");
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, vars))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("description is required").hasMessageContaining("channel must be one of");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- helpers

  /** Every stage is entered at Monday 10:00: the clock does not move while the case is driven there. */
  private ProcessInstance driveTo(String stage) {
    ProcessInstance pi = start(500, "email", false);
    if (stage.equals(TaskKeys.CLASSIFY)) {
      return pi;
    }
    complete(pi, "fiona", classification("general", false));
    if (stage.equals(TaskKeys.ASSIGN)) {
      return pi;
    }
    complete(pi, "sam", Map.of(HANDLER, "hank"));
    if (stage.equals(TaskKeys.INVESTIGATE)) {
      return pi;
    }
    complete(pi, "hank", investigation(100));
    if (stage.equals(TaskKeys.APPROVE)) {
      return pi;
    }
    complete(pi, "sam", Map.of(APPROVED, true, APPROVAL_COMMENT, "ok"));
    if (stage.equals(TaskKeys.EXECUTE)) {
      return pi;
    }
    complete(pi, "hank", Map.of(EXECUTION_NOTE, "done"));
    return pi;
  }

  private ProcessInstance toApproval(double compensation) {
    ProcessInstance pi = start(compensation, "email", false);
    complete(pi, "fiona", classification("important", false));
    complete(pi, compensation > 10000 ? "maria" : "sam", Map.of(HANDLER, "hank"));
    complete(pi, "hank", investigation(compensation));
    return pi;
  }

  private ProcessInstance toFeedback(double compensation) {
    ProcessInstance pi = toApproval(compensation);
    complete(pi, "sam", Map.of(APPROVED, true, APPROVAL_COMMENT, "ok"));
    complete(pi, "hank", Map.of(EXECUTION_NOTE, "Paid"));
    return pi;
  }

  private ProcessInstance start(double amount, String channel, boolean safetyRisk) {
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY, intake(amount, channel, safetyRisk));
  }

  /** Each complaint about an order of its own: the same order again would make it a second complaint. */
  private static final java.util.concurrent.atomic.AtomicInteger ORDERS = new java.util.concurrent.atomic.AtomicInteger(
      20261100);

  private static VariableMap intake(double amount, String channel, boolean safetyRisk) {
    return Variables.createVariables()
        .putValue(CUSTOMER_NAME, "王芳").putValue(CUSTOMER_PHONE, "13800000001")
        .putValue(CUSTOMER_EMAIL, "wang.fang@example.cn").putValue(CUSTOMER_TIER, "vip")
        .putValue(CHANNEL, channel).putValue(ORDER_REF, "TRIP-" + ORDERS.incrementAndGet())
        .putValue(IDENTITY_CHECK, "booker")
        .putValue(DESCRIPTION, "酒店房型与预订不符,要求退还差价。").putValue(DESIRED_OUTCOME, "refund")
        .putValue(AMOUNT_CLAIMED, amount).putValue(SAFETY_RISK, safetyRisk).putValue(RESOLVED_AT_INTAKE, false)
        .putValue(INITIATOR, "fiona");
  }

  private static Map<String, Object> classification(String severity, boolean major) {
    return classification(severity, major, "valid");
  }

  private static Map<String, Object> classification(String severity, boolean major, String nature) {
    return Map.of(CATEGORY, "service-quality", NATURE, nature, SEVERITY, severity, MAJOR, major);
  }

  private static Map<String, Object> investigation(double amount) {
    return Map.of(FINDINGS, "Room type differed from the booking", ROOT_CAUSE, "Hotel overbooking",
        ROOT_CAUSE_CATEGORY, "supplier-failure", RESOLUTION_TYPE, amount > 0 ? "refund" : "apology",
        COMPENSATION_AMOUNT, amount);
  }

  private Task task(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKeyIn(TaskKeys.CLASSIFY, TaskKeys.ASSIGN, TaskKeys.INVESTIGATE, TaskKeys.APPROVE,
            TaskKeys.EXECUTE, TaskKeys.FEEDBACK)
        .singleResult();
  }

  /** Claims the open stage task as the user (unless it is theirs already) and completes it as them. */
  private void complete(ProcessInstance pi, String user, Map<String, Object> variables) {
    Task task = task(pi);
    logIn(user);
    try {
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), user);
      }
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void assertRefused(ProcessInstance pi, String user, Map<String, Object> variables, String message) {
    Task task = task(pi);
    logIn(user);
    try {
      assertThatThrownBy(() -> taskService.complete(task.getId(), variables))
          .isInstanceOf(FormFieldValidationException.class).hasMessageContaining(message);
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  /** Acts as the user with their groups, as Tasklist and the engine REST API do. */
  private void logIn(String user) {
    identityService.setAuthentication(user, identityService.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
  }

  private List<String> types(String number) {
    return timeline.of(number).stream().map(TimelineEvent::type).toList();
  }

  private static void at(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  /** Working time from Monday 10:00: 9-hour days from 09:00, Monday to Friday (no holidays in those weeks). */
  private static Instant workingTimeFromMonday10(long minutes) {
    ZonedDateTime t = MONDAY_10;
    long left = minutes;
    long today = Duration.between(t, t.withHour(18).withMinute(0)).toMinutes();
    while (left > today) {
      left -= today;
      do {
        t = t.plusDays(1).withHour(9).withMinute(0);
      } while (t.getDayOfWeek().getValue() > 5);
      today = 9 * 60;
    }
    return t.plusMinutes(left).toInstant();
  }
}
