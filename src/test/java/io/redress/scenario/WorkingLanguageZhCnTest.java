package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A centre working in Chinese ({@code redress.locale=zh-CN}), seen over HTTP as Tasklist and the staff see it: the
 * Chinese forms are deployed (same ids and keys), Tasklist lists the tasks by their Chinese names, the form's case
 * timeline and deadlines speak Chinese (and so does the complaint API's timeline), and the customer's acknowledgement
 * goes out in Chinese only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-zh-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=zh-test",
    "redress.locale=zh-CN"})
@ActiveProfiles({"test", "demo"})
class WorkingLanguageZhCnTest {

  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  Api api;
  Cases cases;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    cases = new Cases(api);
  }

  @Test
  void tasklistShowsChineseTaskNamesAndFormsAndTheCaseInChinese() throws Exception {
    String id = cases.intake(0);
    String classify = cases.task("fiona", id, "classifyComplaint");

    JsonNode task = Api.json(api.send("fiona", "GET", "/engine-rest/task/" + classify, null));
    assertThat(task.get("name").asText()).isEqualTo("投诉分类");
    assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("classifyComplaint");
    assertThat(Api.json(api.send("fiona", "GET", "/engine-rest/process-definition/" + task.get("processDefinitionId")
        .asText(), null)).get("name").asText()).isEqualTo("投诉处理");
    JsonNode complaint = Api.json(api.send("fiona", "GET", "/api/complaints/" + id, null));
    assertThat(complaint.at("/openTasks/0/name").asText()).isEqualTo("投诉分类");

    // the form Tasklist renders for the task: the Chinese definition, with the English forms' ids and keys
    HttpResponse<String> deployed = api.send("fiona", "GET", "/engine-rest/task/" + classify + "/deployed-form",
        null);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    JsonNode form = Api.json(deployed);
    assertThat(form.get("id").asText()).isEqualTo("classify-complaint");
    assertThat(form.at("/components/0/text").asText()).startsWith("# 投诉分类");
    assertThat(form.findValuesAsText("label")).contains("投诉编号", "类别", "严重程度", "案件时间线")
        .doesNotContain("Complaint number", "Category");
    assertThat(form.findValuesAsText("key")).contains("complaintNumber", "category", "severity", "caseTimeline");

    JsonNode variables = Api.json(api.send("fiona", "GET", "/engine-rest/task/" + classify + "/form-variables",
        null));
    String timeline = variables.at("/caseTimeline/value").asText();
    assertThat(timeline).contains("  fiona  受理: 通过投诉接口受理,渠道:网页表单",
        "  system  任务创建: 投诉分类,候选组 frontline,截止 ", "  system  已通知客户: 消息“受理确认”已排队,经短信发送");
    assertAllChinese(timeline);
    String deadlines = variables.at("/caseDeadlines/value").asText();
    assertThat(deadlines).contains("投诉分类: ", " Asia/Shanghai (工作时间) - 按时, 负责:frontline",
        "解决投诉: ", "(自然时间)", "负责:客服").doesNotContain("customer service");
    assertAllChinese(deadlines);

    // the models' texts were deployed in Chinese, under the same resource names
    Deployment latest = repositoryService.createDeploymentQuery().deploymentName("redress").orderByDeploymentTime()
        .desc().list().get(0);
    String feedbackForm = new String(repositoryService.getResourceAsStream(latest.getId(),
        "forms/collect-feedback.form").readAllBytes(), StandardCharsets.UTF_8);
    assertThat(feedbackForm).contains("\"服务态度(1-5)\"", "\"key\": \"surveyAttitude\"");

    // the acknowledgement to the customer: Chinese only
    Map<String, Object> ack = jdbc.queryForMap("SELECT subject, body FROM outbound_message WHERE message_key = ?",
        "ack:" + id);
    String body = (String) ack.get("BODY");
    assertThat(body).startsWith("Security Test,您好!我们已收到您的投诉(编号 " + id + ")").doesNotContain("Dear");
    assertThat(body.replace("Security Test", "").replaceAll("CMP-\\d{4}-\\d{6}", "")
        .replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} Asia/Shanghai", "")
        .replaceAll("https?://\\S+/track#t=[A-Za-z0-9_.-]+", "")).doesNotContainPattern("[A-Za-z]");
    assertThat(body).containsPattern("查看进度或给我们留言:https?://\\S+/track#t=");
    assertThat((String) ack.get("SUBJECT")).isEqualTo("已收到您的投诉 " + id);

    // the server's checks answer in Chinese, naming the fields by their Chinese labels
    assertThat(api.send("fiona", "POST", "/engine-rest/task/" + classify + "/claim", Map.of("userId", "fiona"))
        .statusCode()).isEqualTo(204);
    HttpResponse<String> refused = cases.submit("fiona", classify, Map.of("category", " ", "nature", "furious",
        "severity", "general", "major", false));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(Api.json(refused).get("message").asText()).contains("请更正表单: 类别 (category)为必填项", "类别 (category)为必填项",
        "性质 (nature)必须是以下之一:consultation, help-seeking, valid, venting");

    // every user task of the complaint process has its Chinese name
    cases.work("fiona", classify, Map.of("category", "billing-refund", "nature", "valid", "severity", "general",
        "major", false));
    String assign = cases.task("sam", id, "assignComplaint");
    assertThat(Api.json(api.send("sam", "GET", "/engine-rest/task/" + assign, null)).get("name").asText())
        .isEqualTo("指派处理人");
    timeline = Api.json(api.send("sam", "GET", "/engine-rest/task/" + assign + "/form-variables", null))
        .at("/caseTimeline/value").asText();
    assertThat(timeline).contains("  fiona  任务完成: 投诉分类已完成", "  fiona  已分类: 严重程度:一般,有效投诉,账单 / 退款",
        "  system  任务创建: 指派处理人,候选组 supervisors,截止 ");
    assertAllChinese(timeline);

    // the complaint API reads the same facts in the working language: every entry in Chinese words
    JsonNode entries = Api.json(api.send("fiona", "GET", "/api/complaints/" + id, null)).get("timeline");
    assertThat(entries.findValuesAsText("detail")).hasSizeGreaterThan(5)
        .contains("严重程度:一般,有效投诉,账单 / 退款")
        .allSatisfy(WorkingLanguageZhCnTest::assertAllChinese);
    List<String> historic = historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(id).list()
        .stream().map(HistoricTaskInstance::getName).toList();
    assertThat(historic).contains("投诉分类", "指派处理人").allMatch(n -> HAN.matcher(n).find());
  }

  /**
   * Every line is Chinese: with the time, the actor, the group ids and the time zone taken out (they are the same in
   * every language), not a Latin letter is left.
   */
  private static void assertAllChinese(String text) {
    for (String line : text.split("\n")) {
      String words = line.replaceFirst("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  \\S+  ", "")
          .replace("Asia/Shanghai", "").replace("Tasklist", "")
          .replaceAll("\\b(frontline|supervisors|team-leads|managers|directors|handlers|fiona|sam|hank)\\b", "");
      assertThat(words).as(line).containsPattern(HAN).doesNotContainPattern("[A-Za-z]");
    }
  }
}
