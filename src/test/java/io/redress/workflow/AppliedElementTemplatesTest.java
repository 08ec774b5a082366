package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redress.calendar.WorkingCalendar;
import io.redress.casefile.CaseFiling;
import io.redress.casefile.CaseRecord;
import io.redress.casefile.CustomerContacts;
import io.redress.casefile.NewCase;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import io.redress.contact.NotifyCustomerDelegate;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Applies each element template of {@code processes/element-templates} to a service task the way the Modeler does
 * (the BPMN is generated from the template's JSON, so a change of a template changes what runs here), deploys a
 * small process around it, runs it for a real complaint and checks what the delegate recorded; and that a missing or
 * invalid field refuses the task naming the element and the field, with nothing recorded.
 *
 * <p>Like {@link io.redress.ProcessSpringTest} (real delegates and case record, job executor off, the clock moved by
 * hand) but in an application of its own, without the process coverage: the coverage floor is about the complaint
 * process, and these throw-away processes would only blur it (the coverage plugin also refuses to run processes for
 * a test class outside its {@code *ProcessTest} pattern).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-template-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=template-test",
    // a centre working in Chinese: the customer's messages are Chinese only
    "redress.locale=zh-CN"})
@ActiveProfiles({"test", "demo"})
class AppliedElementTemplatesTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime MONDAY_10 = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, SHANGHAI);

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired CaseFiling filing;
  @Autowired Timeline timeline;
  @Autowired CustomerContacts contacts;
  @Autowired WorkingCalendar calendar;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  private final List<String> deployments = new ArrayList<>();
  private String number;

  @BeforeEach
  void setUp() {
    at(MONDAY_10);
    number = complaint("wang.fang@example.cn").number();
  }

  @AfterEach
  void tearDown() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
    ClockUtil.reset();
  }

  // ---------------------------------------------------------------- record timeline event

  @Test
  void recordTimelineEventWritesTheEntryForTheComplaintAsSystem() {
    String key = deploy("io.redress.record-timeline-event", "Record reminder", Map.of(
        "eventType", "reminder-sent", "detail", "Reminder sent to the handler (severity ${severity})",
        "stage", "investigateComplaint"), null);
    runtimeService.startProcessInstanceByKey(key, number, Variables.putValue("severity", "urgent"));
    assertThat(timeline.of(number)).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo("reminder-sent");
      assertThat(e.stage()).isEqualTo("investigateComplaint");
      assertThat(e.actor()).isEqualTo("system");
      assertThat(e.detail()).isEqualTo("Reminder sent to the handler (severity urgent)");
      assertThat(e.at()).isEqualTo(MONDAY_10.toInstant());
    });
  }

  @Test
  void recordTimelineEventWithoutStageUsesTheCasesStageAndFindsTheCaseByItsVariable() {
    String key = deploy("io.redress.record-timeline-event", "Record call", Map.of(
        "eventType", "courtesy-call", "detail", "Courtesy call planned"), null);
    // no business key: the variable complaintNumber names the case
    runtimeService.startProcessInstanceByKey(key, Variables.putValue(ProcessVariables.COMPLAINT_NUMBER, number));
    assertThat(timeline.of(number)).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo("courtesy-call");
      assertThat(e.stage()).isEqualTo("intake");
    });
  }

  @Test
  void recordTimelineEventRefusesABadEventTypeAndAMissingDetailAndRecordsNothing() {
    String key = deploy("io.redress.record-timeline-event", "Record reminder", Map.of(
        "eventType", "Reminder Sent", "detail", "  "), null);
    assertRefused(key, "Service task 'Record reminder' (Task_Templated)",
        "input 'eventType' must be lower-case words joined by hyphens", "input 'detail' is required");

    String tooLong = deploy("io.redress.record-timeline-event", "Record reminder", Map.of(
        "eventType", "reminder-sent", "detail", "x".repeat(2001)), null);
    assertRefused(tooLong, "input 'detail' must be at most 2000 characters");
  }

  @Test
  void aTemplatedTaskWithoutAComplaintIsRefused() {
    String key = deploy("io.redress.record-timeline-event", "Record reminder", Map.of(
        "eventType", "reminder-sent", "detail", "Reminder"), null);
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key, "CMP-1999-999999"))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Service task 'Record reminder' (Task_Templated): no complaint CMP-1999-999999");
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("the process has no complaint");
  }

  // ---------------------------------------------------------------- notify customer

  @Test
  void notifyCustomerRecordsTheMessageForSendingOnTheCaseAndTheTimeline() {
    String key = deploy("io.redress.notify-customer", "Tell the customer", Map.of(
        "template", "resolution", "channel", "sms", "note", "Refund of 300 CNY within 3 working days."), null);
    runtimeService.startProcessInstanceByKey(key, number);

    List<CustomerContacts.Contact> recorded = contacts.of(number);
    assertThat(recorded).singleElement().satisfies(c -> {
      assertThat(c.direction()).isEqualTo(CustomerContacts.OUTBOUND);
      assertThat(c.channel()).isEqualTo("sms");
      assertThat(c.recordedBy()).isEqualTo("system");
      assertThat(c.messageId()).isNull();
      assertThat(c.at()).isEqualTo(MONDAY_10.toInstant());
      assertThat(c.content()).isEqualTo("""
          王芳,您好!您的投诉 %1$s 已有处理方案,我们将与您确认具体安排。

          Refund of 300 CNY within 3 working days.""".formatted(number));
    });
    assertThat(timeline.of(number)).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(TimelineEvent.CUSTOMER_NOTIFIED).isEqualTo("customer-notified");
      assertThat(e.actor()).isEqualTo("system");
      assertThat(e.stage()).isEqualTo("intake");
      // the centre's working language: Chinese words for the facts kept (template, channel, a note)
      assertThat(e.detail()).isEqualTo("消息“处理方案”已排队,经短信发送,附说明")
          .doesNotContain("王芳");
    });
    // queued in the outbox to the case's phone number, with the same text, for the sender to deliver
    assertThat(jdbc.queryForList("SELECT channel, address, body, state FROM outbound_message "
        + "WHERE complaint_number = ?", number)).singleElement().satisfies(row -> {
          assertThat(row).containsEntry("CHANNEL", "sms").containsEntry("ADDRESS", "13800000001")
              .containsEntry("STATE", "pending");
          assertThat(row.get("BODY")).isEqualTo(recorded.get(0).content());
        });
  }

  @Test
  void notifyCustomerWithTheTemplatesDefaultsAcknowledgesByEmailAndSaysWhenTheCaseHasNoAddress() {
    String key = deploy("io.redress.notify-customer", "Acknowledge", Map.of(), null);
    runtimeService.startProcessInstanceByKey(key, number);
    assertThat(contacts.of(number)).singleElement().satisfies(c -> {
      assertThat(c.channel()).isEqualTo("email");
      assertThat(c.content()).startsWith("王芳,您好!我们已收到您的投诉(编号 " + number + "),会尽快处理并与您联系。")
          .containsPattern("会尽快处理并与您联系。查看进度或给我们留言:http://\\S+/track#t=[A-Za-z0-9_.-]+$");
    });
    assertThat(timeline.of(number)).last().extracting(TimelineEvent::detail)
        .isEqualTo("消息“受理确认”已排队,经电子邮件发送");
    assertThat(jdbc.queryForObject("SELECT address FROM outbound_message WHERE complaint_number = ?", String.class,
        number)).isEqualTo("wang.fang@example.cn");

    String noEmail = complaint(null).number();
    runtimeService.startProcessInstanceByKey(key, noEmail);
    assertThat(timeline.of(noEmail)).last().extracting(TimelineEvent::detail).asString()
        .isEqualTo("消息“受理确认”未排队(经电子邮件):该案件没有可用的电子邮件地址");
    assertThat(contacts.of(noEmail)).as("nothing was told the customer").isEmpty();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbound_message WHERE complaint_number = ?", Integer.class,
        noEmail)).isZero();
  }

  @Test
  void everyMessageOfTheDropdownRenders() {
    for (String template : NotifyCustomerDelegate.TEMPLATES) {
      String key = deploy("io.redress.notify-customer", "Notify", Map.of("template", template, "channel", "email"),
          null);
      runtimeService.startProcessInstanceByKey(key, number);
    }
    assertThat(contacts.of(number)).hasSize(NotifyCustomerDelegate.TEMPLATES.size())
        .allSatisfy(c -> assertThat(c.content()).startsWith("王芳,您好!").contains(number).doesNotContain("Dear"))
        .extracting(CustomerContacts.Contact::content).doesNotHaveDuplicates();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbound_message WHERE complaint_number = ?", Integer.class,
        number)).isEqualTo(NotifyCustomerDelegate.TEMPLATES.size());
  }

  @Test
  void notifyCustomerRefusesAnUnknownMessageAndAMissingChannelAndRecordsNothing() {
    Map<String, String> values = new HashMap<>();
    values.put("template", "apology");
    values.put("channel", null); // the analyst cleared the field
    String key = deploy("io.redress.notify-customer", "Tell the customer", values, null);
    assertRefused(key, "Service task 'Tell the customer' (Task_Templated)",
        "input 'template' must be one of acknowledgement, progress-update, resolution, closing, callback-missed",
        "input 'channel' is required (one of email, sms)");
    assertThat(contacts.of(number)).isEmpty();

    String fax = deploy("io.redress.notify-customer", "Tell the customer", Map.of("channel", "fax"), null);
    assertRefused(fax, "input 'channel' must be one of email, sms (is 'fax')");
    assertThat(contacts.of(number)).isEmpty();

    // a process variable of the same name never stands in for the task's own field
    Map<String, String> cleared = new HashMap<>();
    cleared.put("channel", null);
    String noChannel = deploy("io.redress.notify-customer", "Tell the customer", cleared, null);
    assertRefused(noChannel, Map.of("channel", "email"), "input 'channel' is required");
  }

  @Test
  void anInputParameterTheDelegateDoesNotReadIsRefused() {
    // a hand-edited model with a typo next to the template's fields
    String key = deploy(k -> ElementTemplates.byId("io.redress.record-timeline-event")
        .process(k, "Record reminder", Map.of("eventType", "reminder-sent", "detail", "Reminder"))
        .replace("</camunda:inputOutput>",
            "  <camunda:inputParameter name=\"evenType\">reminder</camunda:inputParameter>\n        </camunda:inputOutput>"));
    assertRefused(key, "Service task 'Record reminder' (Task_Templated): input 'evenType' is unknown"
        + " (expected eventType, detail, stage)");
  }

  // ---------------------------------------------------------------- working-time deadline

  @Test
  void workingDeadlineSetsTheVariableThatATimerThenWaitsFor() {
    ZonedDateTime friday15 = ZonedDateTime.of(2026, 11, 27, 15, 0, 0, 0, SHANGHAI);
    at(friday15);
    String key = deploy("io.redress.working-deadline", "Reply deadline",
        Map.of("workingTime", "P2D", "resultVariable", "replyDeadline"), "${replyDeadline}");
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(key, number);

    // Friday 15:00 + 2 working days = Tuesday 15:00, as the working calendar computes it
    Date expected = Date.from(ZonedDateTime.of(2026, 12, 1, 15, 0, 0, 0, SHANGHAI).toInstant());
    assertThat(Date.from(calendar.add(friday15.toInstant(), "P2D"))).isEqualTo(expected);
    assertThat(runtimeService.getVariable(pi.getId(), "replyDeadline")).isInstanceOf(Date.class).isEqualTo(expected);
    assertThat(runtimeService.getVariable(pi.getId(), "workingTime")).as("inputs stay local to the task").isNull();
    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(expected);

    at(ZonedDateTime.of(2026, 12, 1, 15, 1, 0, 0, SHANGHAI));
    managementService.executeJob(timer.getId());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  @Test
  void workingDeadlineTakesTheDurationFromAnExpression() {
    String key = deploy("io.redress.working-deadline", "SLA", Map.of("workingTime", "${slaWorkingTime}",
        "resultVariable", "slaDeadline"), "${slaDeadline}");
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(key, number,
        Variables.putValue("slaWorkingTime", "PT4H"));
    // Monday 10:00 + 4 working hours = Monday 14:00
    assertThat(runtimeService.getVariable(pi.getId(), "slaDeadline"))
        .isEqualTo(Date.from(MONDAY_10.plusHours(4).toInstant()));
  }

  @Test
  void workingDeadlineRefusesACalendarDurationAndATakenOrMalformedVariableAndSetsNothing() {
    String weeks = deploy("io.redress.working-deadline", "Reply deadline",
        Map.of("workingTime", "P1W", "resultVariable", "severity"), null);
    assertRefused(weeks, "Service task 'Reply deadline' (Task_Templated)",
        "input 'workingTime' must be an ISO-8601 duration of working time",
        "weeks are ambiguous in working time",
        "input 'resultVariable' must not be 'severity': the name is taken by a variable of the complaint process");

    String hyphen = deploy("io.redress.working-deadline", "Reply deadline",
        Map.of("workingTime", "two days", "resultVariable", "reply-deadline"), null);
    assertRefused(hyphen, "input 'workingTime' must be an ISO-8601 duration",
        "input 'resultVariable' must be a variable name of letters and digits");

    String bean = deploy("io.redress.working-deadline", "Reply deadline",
        Map.of("workingTime", "P1D", "resultVariable", "deadlines"), null);
    assertRefused(bean, "input 'resultVariable' must not be 'deadlines': the name is taken by the engine or a bean");
    assertThat(historyService.createHistoricVariableInstanceQuery().variableName("replyDeadline").count()).isZero();
  }

  // ---------------------------------------------------------------- helpers

  /** Deploys a process whose one service task is {@code templateId} applied with {@code values}; returns its key. */
  private String deploy(String templateId, String taskName, Map<String, String> values, String timerOn) {
    return deploy(key -> ElementTemplates.byId(templateId).process(key, taskName, values, timerOn));
  }

  private String deploy(java.util.function.Function<String, String> bpmn) {
    String key = "template-test-" + (deployments.size() + 1);
    deployments.add(repositoryService.createDeployment().name("element-template-test")
        .addString(key + ".bpmn", bpmn.apply(key)).deploy().getId());
    return key;
  }

  /** Starting the process fails with every message part, and leaves the case and the engine as they were. */
  private void assertRefused(String key, String... messageParts) {
    assertRefused(key, Map.of(), messageParts);
  }

  private void assertRefused(String key, Map<String, Object> variables, String... messageParts) {
    int events = timeline.of(number).size();
    int contactsBefore = contacts.of(number).size();
    int queuedBefore = jdbc.queryForObject("SELECT COUNT(*) FROM outbound_message", Integer.class);
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key, number, variables))
        .isInstanceOf(ProcessEngineException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(messageParts));
    assertThat(timeline.of(number)).hasSize(events);
    assertThat(contacts.of(number)).hasSize(contactsBefore);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbound_message", Integer.class)).isEqualTo(queuedBefore);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
  }

  /** A case record as intake opens it, stage "intake". */
  private CaseRecord complaint(String email) {
    NewCase complaint = new NewCase(new NewCase.Customer("王芳", "13800000001", email, "vip"), "phone", null,
        "酒店房型与预订不符,要求退还差价。", "refund", new BigDecimal("300"), null, false, false, null, null, null);
    return filing.open(complaint, ClockUtil.getCurrentTime().toInstant(), "fiona", null, "(template test)");
  }

  private static void at(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }
}
