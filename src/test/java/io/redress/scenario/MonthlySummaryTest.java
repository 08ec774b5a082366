package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.redress.casefile.CaseFacts;
import io.redress.modeling.ShippedModels;
import io.redress.notification.OutboxSender;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monthly summary end to end, in Chinese (redress.locale=zh-CN) with the centre in Shanghai: the month-start
 * timer due at midnight of the 1st in Shanghai (not in the JVM's zone), the clock moved there and the timer fired,
 * last month's figures built from the case record (a complaint received at 01:00 on 1 November in Shanghai counts,
 * one at 01:00 on 1 December does not), the managers' task completed over {@code /engine-rest} as maria, the PDF
 * e-mailed through the outbox to the managers and directors (GreenMail) and served by {@code GET
 * /api/reports/monthly/2026-11} as PDF (read back with the PDF library) and JSON; 404 for a month without a summary,
 * 403 for fiona.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-summary-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=summary-test",
    "redress.locale=zh-CN",
    "redress.calendar.zone=Asia/Shanghai",
    "logging.level.com.icegreen=warn"})
@ActiveProfiles({"test", "demo"})
class MonthlySummaryTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final int SMTP_PORT = freePort();

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired OutboxSender sender;
  @Autowired CaseFacts caseFacts;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theMonthStartsInShanghaiAndTheSummaryIsBuiltWrittenPublishedAndMailed() throws Exception {
    Api api = new Api(port);
    seedNovember();

    // the model deployed on 20 November: its timer is due at midnight of 1 December in Shanghai (16:00 UTC)
    at(ZonedDateTime.of(2026, 11, 20, 10, 0, 0, 0, SHANGHAI).toInstant());
    ShippedModels.deploy(() -> repository.createDeployment().name("monthly-summary-test")
        .addClasspathResource("processes/monthly-summary.bpmn")
        .addInputStream("forms/monthly-summary.form", resource("forms/zh-CN/monthly-summary.form"))
        .deploy());
    Job timer = startTimer();
    assertThat(timer.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));

    // the clock reaches the month's start: the timer fires and builds November
    at(Instant.parse("2026-11-30T16:00:05Z"));
    assertThat(management.createJobQuery().jobId(timer.getId()).executable().count()).isEqualTo(1);
    management.executeJob(timer.getId());
    Job next = startTimer();
    assertThat(next.getDuedate().toInstant()).as("the next month's start in Shanghai")
        .isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
    ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey("monthly-summary")
        .singleResult();
    assertThat(runtime.getVariable(instance.getId(), "summaryMonth")).isEqualTo("2026-11");
    assertThat(jdbc.queryForObject("SELECT state FROM monthly_summary WHERE summary_month = '2026-11'",
        String.class)).isEqualTo("drafted");
    assertThat(api.send("maria", "GET", "/api/reports/monthly/2026-11", null).statusCode())
        .as("not published before the managers wrote their findings").isEqualTo(404);

    // maria finds the task in her list, reads the figures, and completes it over the engine's REST API
    JsonNode list = Api.json(api.send("maria", "GET", "/engine-rest/task?processDefinitionKey=monthly-summary",
        null));
    assertThat(list).hasSize(1);
    String taskId = list.get(0).path("id").asText();
    assertThat(list.get(0).path("name").asText()).isEqualTo("填写发现与改进措施");
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getDueDate().toInstant())
        .as("by the month's end: 31 December, 18:00 in Shanghai").isEqualTo(Instant.parse("2026-12-31T10:00:00Z"));
    assertThat(Api.json(api.send("fiona", "GET", "/engine-rest/task?processDefinitionKey=monthly-summary", null)))
        .as("not a frontline task").isEmpty();
    JsonNode shown = Api.json(api.send("maria", "GET", "/engine-rest/task/" + taskId
        + "/form-variables?variableNames=summaryOverview,summaryMonth", null));
    assertThat(shown.path("summaryMonth").path("value").asText()).isEqualTo("2026-11");
    assertThat(shown.path("summaryOverview").path("value").asText()).contains("受理: 3", "账单 / 退款 2");
    assertThat(api.send("maria", "POST", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "maria"))
        .statusCode()).isEqualTo(204);
    HttpResponse<String> blank = api.send("maria", "POST", "/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", Map.of("summaryFindings", Map.of("value", " "), "summaryActions",
            Map.of("value", "x"))));
    assertThat(blank.statusCode()).as(blank.body()).isEqualTo(400);
    assertThat(blank.body()).contains("发现");
    HttpResponse<String> done = api.send("maria", "POST", "/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", Map.of(
            "summaryFindings", Map.of("value", "账单错误占比上升,主要集中在月底结算。"),
            "summaryActions", Map.of("value", "修正发票舍入规则;培训账单团队。"))));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);

    // publishing is a step of its own after the completion (asynchronous; the tests' stand-in for the job executor
    // runs it right after the commit); then the outbox's sender delivers
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(sender.poll()).isGreaterThanOrEqualTo(2);

    // the e-mail with the PDF attached, to a manager and a director
    for (String address : List.of("maria@redress.example", "diego@redress.example")) {
      List<MimeMessage> mails = to(address);
      assertThat(mails).as(address).hasSize(1);
      assertThat(mails.get(0).getSubject()).contains("2026-11", "月度投诉总结");
      byte[] attached = pdfAttachment(mails.get(0));
      assertThat(attached).as("the PDF attached for " + address).isNotNull();
      assertThat(text(attached)).contains("修正发票舍入规则");
    }
    assertThat(to("fiona@redress.example")).isEmpty();

    // the summary kept: as PDF by Accept, read back
    HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(api.request("maria", "demo", "GET",
        "/api/reports/monthly/2026-11", null).setHeader("Accept", "application/pdf").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    String text = text(pdf.body());
    assertThat(text).contains("月度投诉总结", "2026-11", "账单 / 退款", "服务态度", "CMP-2026-900002",
        "账单错误占比上升", "修正发票舍入规则", "工单及时率", "83.3% (5/6)", "满意率 (标准客户)", "计费或支付错误",
        "CMP-2026-900001");
    assertThat(text).doesNotContain("CMP-2026-900004", "王芳", "13800000001", "billing-error");

    // and as JSON, with the figures of November in Shanghai
    HttpResponse<String> json = api.send("sam", "GET", "/api/reports/monthly/2026-11", null);
    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    JsonNode summary = Api.json(json);
    assertThat(summary.path("month").asText()).isEqualTo("2026-11");
    assertThat(summary.path("language").asText()).isEqualTo("zh-CN");
    assertThat(summary.path("findings").asText()).isEqualTo("账单错误占比上升,主要集中在月底结算。");
    JsonNode figures = summary.path("figures");
    assertThat(figures.path("received").asLong()).isEqualTo(3);
    assertThat(figures.path("closed").asLong()).isEqualTo(1);
    assertThat(figures.path("byCategory").path("billing-refund").asLong()).isEqualTo(2);
    assertThat(figures.path("byCategory").path("service-attitude").asLong()).isEqualTo(1);
    assertThat(figures.path("bySeverity").path("urgent").asLong()).isEqualTo(1);
    assertThat(figures.path("bySeverity").path("general").asLong()).isEqualTo(2);
    assertThat(figures.path("overdue").path("count").asLong()).isEqualTo(1);
    assertThat(figures.path("overdue").path("examples").get(0).asText()).isEqualTo("CMP-2026-900002");
    assertThat(json.body()).doesNotContain("王芳", "13800000001");
    // the KPIs of the reports, against their targets (the one case that ended in November: 5 of 6 stage tasks on
    // time, first reply kept, resolved late, satisfied)
    Map<String, JsonNode> kpis = new java.util.HashMap<>();
    figures.path("kpis").forEach(k -> kpis.put(k.path("name").asText(), k));
    assertThat(kpis.get("workOrderTimeliness").path("numerator").asDouble()).isEqualTo(5);
    assertThat(kpis.get("workOrderTimeliness").path("denominator").asDouble()).isEqualTo(6);
    assertThat(kpis.get("workOrderTimeliness").path("met").asBoolean(true)).isFalse();
    assertThat(kpis.get("firstReplyWithinLimit").path("met").asBoolean(false)).isTrue();
    assertThat(kpis.get("fullProcessTimeliness").path("value").asDouble(-1)).isZero();
    assertThat(kpis.get("fullProcessTimeliness").path("target").asDouble()).isEqualTo(0.96);
    assertThat(kpis.get("satisfactionRate.standard").path("value").asDouble()).isEqualTo(1.0);
    assertThat(kpis.get("satisfactionRate.standard").path("target").asDouble()).isEqualTo(0.85);
    // the top root causes with their complaints by number
    assertThat(figures.path("rootCauses")).hasSize(1);
    assertThat(figures.path("rootCauses").get(0).path("category").asText()).isEqualTo("billing-error");
    // named in the centre's language as the table root-cause-category names it
    assertThat(figures.path("rootCauses").get(0).path("label").asText()).isEqualTo("计费或支付错误");
    assertThat(figures.path("rootCauses").get(0).path("count").asLong()).isEqualTo(1);
    assertThat(figures.path("rootCauses").get(0).path("examples").get(0).asText()).isEqualTo("CMP-2026-900001");

    // JSON is the default; PDF only when asked for above JSON
    HttpResponse<String> both = api.send(api.request("diego", "demo", "GET", "/api/reports/monthly/2026-11", null)
        .setHeader("Accept", "application/json;q=0.5, application/pdf"));
    assertThat(both.headers().firstValue("Content-Type")).hasValue("application/pdf");
    HttpResponse<String> any = api.send(api.request("diego", "demo", "GET", "/api/reports/monthly/2026-11", null)
        .setHeader("Accept", "*/*"));
    assertThat(any.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void noSummaryIsNotFoundAndOnlySupervisorsManagersAndDirectorsMayRead() throws Exception {
    Api api = new Api(port);
    HttpResponse<String> none = api.send("maria", "GET", "/api/reports/monthly/2026-09", null);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Api.json(none).path("detail").asText()).contains("2026-09");
    HttpResponse<String> nonePdf = api.send(api.request("maria", "demo", "GET", "/api/reports/monthly/2026-09",
        null).setHeader("Accept", "application/pdf"));
    assertThat(nonePdf.statusCode()).isEqualTo(404);
    assertThat(nonePdf.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    HttpResponse<String> fiona = api.send("fiona", "GET", "/api/reports/monthly/2026-09", null);
    assertThat(fiona.statusCode()).isEqualTo(403);
    assertThat(fiona.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(api.send("hank", "GET", "/api/reports/monthly/2026-09", null).statusCode()).isEqualTo(403);
    assertThat(api.send(null, "GET", "/api/reports/monthly/2026-09", null).statusCode()).isEqualTo(401);

    HttpResponse<String> bad = api.send("maria", "GET", "/api/reports/monthly/2026-13", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("month");
  }

  /** Four complaints around November in Shanghai; the case record only (no process needed for the figures). */
  private void seedNovember() {
    complaint("CMP-2026-900001", "2026-10-31T17:00:00Z", "billing-refund", "general", "2026-11-20T02:00:00Z");
    complaint("CMP-2026-900002", "2026-11-15T02:00:00Z", "billing-refund", "urgent", null);
    complaint("CMP-2026-900003", "2026-11-30T15:59:00Z", "service-attitude", "general", null);
    complaint("CMP-2026-900004", "2026-11-30T17:00:00Z", "billing-refund", "important", null); // 1 Dec in Shanghai
    fact("CMP-2026-900001", "2026-10-31T17:00:00Z", "2026-11-20T02:00:00Z", "billing-refund", "general",
        "billing-error");
    deadline("CMP-2026-900002", "2026-11-18T10:00:00Z", "breached");
    deadline("CMP-2026-900003", "2026-11-30T10:00:00Z", "met");
    deadline("CMP-2026-900004", "2026-12-01T10:00:00Z", "breached");
  }

  private void complaint(String number, String received, String category, String severity, String closed) {
    jdbc.update("INSERT INTO complaint (complaint_number, status, channel, customer_name, customer_phone, "
            + "customer_tier, description, currency, safety_risk, resolved_at_intake, second_complaint, received_at, "
            + "category, severity, closed_at) VALUES (?, ?, 'phone', '王芳', '13800000001', 'standard', "
            + "'账单多扣了钱', 'CNY', FALSE, FALSE, FALSE, ?, ?, ?, ?)", number, closed == null ? "open" : "closed",
        Timestamp.from(Instant.parse(received)), category, severity,
        closed == null ? null : Timestamp.from(Instant.parse(closed)));
  }

  /**
   * The facts the reports keep of a case that ended (io.redress.casefile.CaseFacts writes them as a case ends), and
   * their day sums.
   */
  private void fact(String number, String received, String closed, String category, String severity,
      String rootCause) {
    jdbc.update("INSERT INTO complaint_fact (complaint_number, received_at, closed_at, status, channel, category, "
            + "severity, tier, resolved_at_intake, root_cause_category, stage_tasks, stage_tasks_on_time, reopened, "
            + "reassigned, escalations, leadership_escalated, callbacks, satisfied_callbacks, satisfaction, "
            + "first_reply_on_time, full_process_on_time) VALUES (?, ?, ?, 'closed', 'phone', ?, ?, 'standard', "
            + "FALSE, ?, 6, 5, 0, 0, 0, FALSE, 1, 1, 'satisfied', TRUE, FALSE)", number,
        Timestamp.from(Instant.parse(received)), Timestamp.from(Instant.parse(closed)), category, severity,
        rootCause);
    caseFacts.counted(number);
  }

  private void deadline(String number, String due, String state) {
    Timestamp at = Timestamp.from(Instant.parse(due));
    jdbc.update("INSERT INTO case_deadline (complaint_number, kind, label, basis, started_at, due_at, state) "
        + "VALUES (?, 'investigateComplaint', 'Investigate complaint', 'working', ?, ?, ?)", number, at, at, state);
  }

  private Job startTimer() {
    String definition = repository.createProcessDefinitionQuery().processDefinitionKey("monthly-summary")
        .latestVersion().singleResult().getId();
    return management.createJobQuery().processDefinitionId(definition).activityId("StartEvent_MonthStarts")
        .timers().singleResult();
  }

  private static InputStream resource(String path) {
    return MonthlySummaryTest.class.getClassLoader().getResourceAsStream(path);
  }

  static String text(byte[] pdf) throws IOException {
    try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
    }
  }

  private static byte[] pdfAttachment(MimeMessage message) throws Exception {
    if (!(message.getContent() instanceof Multipart multipart)) {
      return null;
    }
    for (int i = 0; i < multipart.getCount(); i++) {
      Part part = multipart.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.isMimeType("application/pdf")) {
        assertThat(part.getFileName()).isEqualTo("monthly-summary-2026-11.pdf");
        return part.getInputStream().readAllBytes();
      }
    }
    return null;
  }

  private static List<MimeMessage> to(String address) throws Exception {
    List<MimeMessage> mine = new ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (java.util.Arrays.stream(m.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> a.toString().equals(address))) {
        mine.add(m);
      }
    }
    return mine;
  }

  private static void at(Instant t) {
    ClockUtil.setCurrentTime(Date.from(t));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
