package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the task forms carry of the case, as Tasklist loads it ({@code /engine-rest/task/{id}/form-variables}): the
 * timeline so far and every deadline, in the centre's time zone; and the feedback survey, submitted as Tasklist
 * submits the form, checked by the server and kept on the case record that {@code GET /api/complaints/{id}} shows.
 */
@RedressSpringTest
class CaseFormsApiTest {

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneId.of("Asia/Shanghai"));

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  Api api;
  Cases cases;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    cases = new Cases(api);
  }

  @Test
  void everyTaskFormShowsTheTimelineSoFarAndTheDeadlinesInTheCentresTimeZone() throws Exception {
    String id = cases.intake(0);
    JsonNode created = complaint(id);
    String received = MINUTES.format(Instant.parse(created.get("receivedAt").asText()));

    String classify = cases.task("fiona", id, "classifyComplaint");
    JsonNode form = formVariables("fiona", classify);
    String timeline = form.at("/caseTimeline/value").asText();
    assertThat(form.at("/caseTimeline/type").asText()).isEqualTo("String");
    assertThat(timeline.lines()).first().asString().startsWith(received + "  fiona  Received: ");
    assertThat(timeline).contains("  system  Task created: Classify complaint for candidate groups frontline, due ")
        .contains("Asia/Shanghai");
    String deadlines = form.at("/caseDeadlines/value").asText();
    JsonNode classifyDue = created.at("/openTasks/0/due");
    assertThat(deadlines).contains("Classify complaint: " + MINUTES.format(Instant.parse(classifyDue.asText()))
        + " Asia/Shanghai (working time) - on time, held by frontline");
    assertThat(deadlines).contains("Resolve the complaint: ", "(clock time) - on time");

    // read from the case record when the form is, stored nowhere: the task has no such variables
    assertThat(taskService.getVariablesLocal(classify)).doesNotContainKeys("caseTimeline", "caseDeadlines",
        "caseEvidence");
    assertThat(historyService.createHistoricVariableInstanceQuery().taskIdIn(classify).list())
        .extracting(v -> v.getName()).doesNotContain("caseTimeline", "caseDeadlines", "caseEvidence");
    HttpResponse<String> only = api.send("fiona", "GET", "/engine-rest/task/" + classify
        + "/form-variables?variableNames=caseTimeline", null);
    assertThat(only.statusCode()).as(only.body()).isEqualTo(200);
    JsonNode onlyTimeline = Api.json(only);
    assertThat(onlyTimeline.size()).isEqualTo(1);
    assertThat(onlyTimeline.at("/caseTimeline/value").asText()).isEqualTo(timeline);

    // the customer writes again (markup and an expression in it): the form shows it when next opened, unclaimed
    String text = "<b>Still</b> no refund ${7*7}";
    HttpResponse<String> message = api.send("fiona", "POST", "/api/complaints/" + id + "/messages",
        Map.of("text", text, "channel", "email"));
    assertThat(message.statusCode()).as(message.body()).isEqualTo(201);
    assertThat(formVariables("fiona", classify).at("/caseTimeline/value").asText())
        .contains("  fiona  Customer wrote: The customer wrote again by email (" + text.length() + " characters)")
        .doesNotContain("Task claimed");
    assertThat(api.send("fiona", "POST", "/engine-rest/task/" + classify + "/claim", Map.of("userId", "fiona"))
        .statusCode()).isEqualTo(204);
    form = formVariables("fiona", classify);
    timeline = form.at("/caseTimeline/value").asText();
    assertThat(timeline).contains("  fiona  Customer wrote: The customer wrote again by email (" + text.length()
        + " characters)").contains("  fiona  Task claimed: Assigned to fiona");
    assertThat(timeline).as("the customer's words are in customerMessages, never in the timeline")
        .doesNotContain(text);
    assertThat(form.at("/customerMessages/value").asText()).endsWith("(email): " + text);

    cases.work("fiona", classify, Map.of("category", "billing-refund", "nature", "valid", "severity", "general",
        "major", false));
    String assign = cases.task("sam", id, "assignComplaint");
    timeline = formVariables("sam", assign).at("/caseTimeline/value").asText();
    assertThat(timeline).contains("  fiona  Task completed: Classify complaint completed",
        "  fiona  Classified: Severity general, valid, billing-refund",
        "  system  Task created: Assign handler for candidate groups supervisors");
    assertThat(formVariables("sam", assign).at("/caseDeadlines/value").asText())
        .contains("Classify complaint: ", "- met").contains("Assign handler: ", "- on time");
  }

  @Test
  void theFeedbackSurveyReachesTheCaseRecordAndBadScoresAreRefusedWithNothingStored() throws Exception {
    String id = executed(100, "hank");
    String feedback = cases.task("fiona", id, "collectFeedback");
    assertThat(api.send("fiona", "POST", "/engine-rest/task/" + feedback + "/claim", Map.of("userId", "fiona"))
        .statusCode()).isEqualTo(204);

    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("customerReached", true);
    bad.put("satisfaction", "satisfied");
    bad.put("surveyAttitude", 6);
    bad.put("surveySpeed", 2.5);
    bad.put("surveyEffectiveness", "4");
    bad.put("feedbackComment", "x".repeat(4001));
    HttpResponse<String> refused = cases.submit("fiona", feedback, bad);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(Api.json(refused).get("message").asText()).contains(
        "Staff attitude (surveyAttitude) must be a whole number from 1 to 5",
        "Speed (surveySpeed) must be a whole number from 1 to 5",
        "Effectiveness (surveyEffectiveness) must be a whole number from 1 to 5",
        "Comment (feedbackComment) must be at most 4000 characters");
    JsonNode unchanged = complaint(id);
    assertThat(unchanged.get("feedback")).as("nothing stored").isEmpty();
    assertThat(unchanged.get("status").asText()).isEqualTo("open");
    assertThat(unchanged.get("stage").asText()).isEqualTo("collectFeedback");

    Map<String, Object> good = new LinkedHashMap<>();
    good.put("customerReached", true);
    good.put("satisfaction", "very_satisfied");
    good.put("surveyAttitude", 5);
    good.put("surveySpeed", 4.0); // a number field may send a whole number with a point
    good.put("surveyEffectiveness", 3);
    good.put("feedbackComment", "<i>Quick</i> refund, thank you");
    HttpResponse<String> done = cases.submit("fiona", feedback, good);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);

    JsonNode closed = complaint(id);
    assertThat(closed.get("status").asText()).isEqualTo("closed");
    assertThat(closed.get("satisfaction").asText()).isEqualTo("very_satisfied");
    JsonNode entry = closed.get("feedback").get(0);
    assertThat(closed.get("feedback")).hasSize(1);
    assertThat(entry.get("satisfaction").asText()).isEqualTo("very_satisfied");
    assertThat(entry.get("attitude").asInt()).isEqualTo(5);
    assertThat(entry.get("speed").asInt()).isEqualTo(4);
    assertThat(entry.get("effectiveness").asInt()).isEqualTo(3);
    assertThat(entry.get("comment").asText()).isEqualTo("<i>Quick</i> refund, thank you");
    assertThat(entry.get("recordedBy").asText()).isEqualTo("fiona");
    assertThat(closed.get("timeline").findValuesAsText("detail"))
        .contains("Customer very satisfied, attitude 5/5, speed 4/5, effectiveness 3/5")
        .noneMatch(d -> d.contains("Quick"));
  }

  @Test
  void theSurveyIsOptionalAndOnlyCheckedWhenTheCustomerWasReached() throws Exception {
    String notReached = executed(50, "helen");
    cases.work("fiona", cases.task("fiona", notReached, "collectFeedback"), Map.of("customerReached", false,
        "surveyAttitude", 9, "feedbackComment", "No answer at 10:00"));
    assertThat(complaint(notReached).get("feedback")).as("no answer, no feedback").isEmpty();

    String silent = executed(60, "hank");
    cases.work("fiona", cases.task("fiona", silent, "collectFeedback"), Map.of("customerReached", true,
        "satisfaction", "basically_satisfied"));
    JsonNode entry = complaint(silent).get("feedback").get(0);
    assertThat(entry.get("satisfaction").asText()).isEqualTo("basically_satisfied");
    for (String score : new String[] {"attitude", "speed", "effectiveness", "comment"}) {
      assertThat(entry.path(score).isNull() || entry.path(score).isMissingNode()).as(score).isTrue();
    }
  }

  private String executed(long amount, String handler) throws Exception {
    String id = cases.atApproval(amount, handler);
    cases.work("sam", cases.task("sam", id, "approveResolution"), Map.of("approved", true));
    cases.work(handler, cases.task(handler, id, "executeResolution"), Map.of("executionNote", "Done"));
    return id;
  }

  private JsonNode complaint(String id) throws Exception {
    HttpResponse<String> got = api.send("fiona", "GET", "/api/complaints/" + id, null);
    assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
    return Api.json(got);
  }

  private JsonNode formVariables(String user, String task) throws Exception {
    HttpResponse<String> got = api.send(user, "GET", "/engine-rest/task/" + task + "/form-variables", null);
    assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
    return Api.json(got);
  }
}
