package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A step that fails on purpose, with the real job executor: the outbox refuses the customer's resolution message (a
 * constraint on its table, as a queue that is down would), and everything else goes through the doors people use.
 * The handler's completion of "Execute resolution" answers 204 and stands; the step after it ("Tell the customer the
 * result") fails, is tried again on the retry cycle (R3/PT5M: three attempts five minutes apart, the engine clock moved
 * on), then raises an incident that Cockpit shows with the cause; the case view says the case is stuck, since when,
 * at which step and why in plain words; a handler may not retry it, an analyst does once the cause is gone (Cockpit's
 * own call for one case, the batch call for another), and the cases go on with one message each and nothing twice.
 *
 * <p>An application of its own (execution {@code restart} in the pom): its job executor runs, and the engine clock is
 * the JVM's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-failures;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=true",
    // the acquisition looks again at least every half second, so moving the clock is noticed at once
    "camunda.bpm.job-execution.max-wait=500"})
@ActiveProfiles({"test", "demo"})
class FailuresAndIncidentsTest {

  /** Monday 2026-12-07 10:00 in Shanghai, a working day. */
  static final Instant T0 = ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant();
  static final String OUTBOX_DOWN = "redress_test_outbox_down";
  static final String STEP = "Task_SendResolution";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private Api api;
  private Cases cases;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(T0));
    api = new Api(port);
    cases = new Cases(api);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    jdbc.execute("ALTER TABLE outbound_message DROP CONSTRAINT IF EXISTS " + OUTBOX_DOWN);
  }

  @Test
  void aFailingStepRetriesThenRaisesAnIncidentThatAnAnalystRetriesAndNothingIsDoneTwice() throws Exception {
    String a = toExecution("Zhou Min", "13700000021");
    String b = toExecution("Qian Lei", "13700000022");
    String executeA = cases.awaitTask("hank", a, "executeResolution");
    String executeB = cases.awaitTask("hank", b, "executeResolution");

    // the queue refuses the resolution messages from now on
    jdbc.execute("ALTER TABLE outbound_message ADD CONSTRAINT " + OUTBOX_DOWN + " CHECK (template <> 'resolution')");

    // the handler's work stands: 204, the task is done, its completion on the timeline
    cases.work("hank", executeA, Map.of("executionNote", "300 CNY refunded"));
    cases.work("hank", executeB, Map.of("executionNote", "300 CNY refunded"));
    assertThat(tasks("hank", a)).isEmpty();
    assertThat(count(timeline(a), "task-completed", "executeResolution")).isEqualTo(1);

    // the step after it failed at once and waits five minutes for its next attempt
    String piA = processInstance(a);
    String piB = processInstance(b);
    JsonNode jobA = awaitJob(piA, j -> j.get("retries").asInt() == 2);
    awaitJob(piB, j -> j.get("retries").asInt() == 2);
    assertThat(Instant.parse(isoOf(jobA.get("dueDate").asText()))).isEqualTo(T0.plusSeconds(300));
    JsonNode retrying = view(a).get("stuck");
    assertThat(retrying.get("state").asText()).isEqualTo("retrying");
    assertThat(retrying.get("stepId").asText()).isEqualTo(STEP);
    assertThat(retrying.get("step").asText()).isEqualTo("Tell the customer the result");
    assertThat(retrying.get("attemptsLeft").asInt()).isEqualTo(2);
    assertThat(Instant.parse(retrying.get("nextAttemptAt").asText())).isEqualTo(T0.plusSeconds(300));
    assertThat(Instant.parse(retrying.get("since").asText())).isEqualTo(T0);

    // five minutes on: the second attempt fails; five more: the third, and the incident
    ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(6 * 60)));
    awaitJob(piA, j -> j.get("retries").asInt() == 1);
    awaitJob(piB, j -> j.get("retries").asInt() == 1);
    ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(12 * 60)));
    JsonNode incidentA = awaitIncident(piA);
    JsonNode incidentB = awaitIncident(piB);

    // Cockpit (ana) shows the incident on the case with the cause; the failing step is named
    assertThat(incidentA.get("incidentType").asText()).isEqualTo("failedJob");
    assertThat(incidentA.get("activityId").asText()).isEqualTo("executeResolution");
    assertThat(incidentA.get("failedActivityId").asText()).isEqualTo(STEP);
    assertThat(incidentA.get("incidentMessage").asText()).contains(OUTBOX_DOWN.toUpperCase());
    String jobIdA = incidentA.get("configuration").asText();
    String jobIdB = incidentB.get("configuration").asText();
    HttpResponse<String> stack = api.send(api.raw("ana", "GET", "/engine-rest/job/" + jobIdA + "/stacktrace", null,
        null).setHeader("Accept", "text/plain"));
    assertThat(stack.statusCode()).as(stack.body()).isEqualTo(200);
    assertThat(stack.body()).contains("io.redress.notification");
    assertThat(json(api.send("ana", "GET", "/engine-rest/job/" + jobIdA, null)).get("retries").asInt()).isZero();

    // the case view says the case is stuck: since when, where, why, in plain words, without SQL or personal data
    JsonNode stuck = view(a).get("stuck");
    assertThat(stuck.get("state").asText()).isEqualTo("incident");
    assertThat(stuck.get("stepId").asText()).isEqualTo(STEP);
    assertThat(stuck.get("step").asText()).isEqualTo("Tell the customer the result");
    assertThat(Instant.parse(stuck.get("since").asText())).isEqualTo(T0);
    assertThat(stuck.get("incidentId").asText()).isEqualTo(incidentA.get("id").asText());
    assertThat(stuck.get("cause").asText())
        .isEqualTo("A message could not be queued for sending (the outbox refused it).");
    assertThat(stuck.toString()).doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("outbound_message")
        .doesNotContainIgnoringCase(OUTBOX_DOWN).doesNotContain("Zhou").doesNotContain("13700000021")
        .doesNotContain("Exception").doesNotContain("at io.redress");
    assertThat(view(a).get("stage").asText()).isEqualTo("executeResolution");
    assertThat(view(a).get("openTasks")).isEmpty();

    // a handler may not retry it, nor start a batch of retries
    assertThat(api.send("hank", "PUT", "/engine-rest/job/" + jobIdA + "/retries", Map.of("retries", 1))
        .statusCode()).isEqualTo(403);
    assertThat(api.send("fiona", "POST", "/engine-rest/job/retries",
        Map.of("jobIds", List.of(jobIdA), "retries", 1)).statusCode()).isEqualTo(403);
    assertThat(json(api.send("ana", "GET", "/engine-rest/job/" + jobIdA, null)).get("retries").asInt()).isZero();

    // the cause is removed; the analyst retries: case A as Cockpit's "Increment number of retries" sends it (the
    // webapp session), case B with the batch call
    jdbc.execute("ALTER TABLE outbound_message DROP CONSTRAINT " + OUTBOX_DOWN);
    WebappSession cockpit = WebappSession.login(port, "ana", "cockpit");
    HttpResponse<String> retried = cockpit.engine("PUT", "/job/" + jobIdA + "/retries", Map.of("retries", 1));
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
    HttpResponse<String> batch = api.send("ana", "POST", "/engine-rest/job/retries",
        Map.of("jobIds", List.of(jobIdB), "retries", 1));
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
    assertThat(json(batch).get("type").asText()).isEqualTo("set-job-retries");

    // both cases go on to the customer's feedback; nothing was done twice
    for (String number : List.of(a, b)) {
      cases.awaitTask("fiona", number, "collectFeedback");
      JsonNode view = view(number);
      assertThat(view.get("stuck")).as("%s is not stuck any more", number).isNull();
      assertThat(view.get("stage").asText()).isEqualTo("collectFeedback");
      JsonNode timeline = view.get("timeline");
      assertThat(count(timeline, "task-completed", "executeResolution")).isEqualTo(1);
      assertThat(count(timeline, "task-created", "collectFeedback")).isEqualTo(1);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbound_message WHERE complaint_number = ? "
          + "AND template = 'resolution'", Integer.class, number)).as("one resolution message for %s", number)
          .isEqualTo(1);
    }
    assertThat(json(api.send("ana", "GET", "/engine-rest/incident?processInstanceId=" + piA, null))).isEmpty();
    assertThat(json(api.send("ana", "GET", "/engine-rest/job?processInstanceId=" + piA + "&withException=true",
        null))).isEmpty();
  }

  /** A complaint taken in and worked over HTTP up to the handler's execution of the approved resolution. */
  private String toExecution(String name, String phone) throws Exception {
    HttpResponse<String> created = api.send("fiona", "POST", "/api/complaints", Map.of(
        "customer", Map.of("name", name, "phone", phone), "channel", "phone", "description", "Room not cleaned",
        "desiredOutcome", "refund", "amountClaimed", 300));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = Api.json(created).get("id").asText();
    cases.work("fiona", cases.awaitTask("fiona", id, "classifyComplaint"), Map.of("category", "service-quality",
        "nature", "valid", "severity", "general", "major", false));
    cases.work("sam", cases.awaitTask("sam", id, "assignComplaint"), Map.of("handler", "hank"));
    cases.work("hank", cases.awaitTask("hank", id, "investigateComplaint"), Map.of("findings", "Not cleaned",
        "rootCause", "Staff shortage", "rootCauseCategory", "process-gap", "resolutionType", "refund",
        "compensationAmount", 300));
    cases.work("sam", cases.awaitTask("sam", id, "approveResolution"), Map.of("approved", true,
        "approvalComment", "ok"));
    return id;
  }

  private JsonNode awaitJob(String processInstance, Predicate<JsonNode> condition) throws Exception {
    return await(() -> {
      JsonNode jobs = json(api.send("ana", "GET", "/engine-rest/job?processInstanceId=" + processInstance
          + "&withException=true", null));
      return jobs.size() == 1 && condition.test(jobs.get(0)) ? jobs.get(0) : null;
    }, "the failed job of " + processInstance);
  }

  private JsonNode awaitIncident(String processInstance) throws Exception {
    return await(() -> {
      JsonNode incidents = json(api.send("ana", "GET", "/engine-rest/incident?processInstanceId=" + processInstance,
          null));
      return incidents.size() == 1 ? incidents.get(0) : null;
    }, "the incident of " + processInstance);
  }

  private interface Probe {
    JsonNode get() throws Exception;
  }

  private static JsonNode await(Probe probe, String what) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      JsonNode found = probe.get();
      if (found != null) {
        return found;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited 60 s for " + what);
  }

  private String processInstance(String number) {
    return jdbc.queryForObject("SELECT process_instance_id FROM complaint WHERE complaint_number = ?", String.class, number);
  }

  private JsonNode view(String number) throws Exception {
    HttpResponse<String> r = api.send("fiona", "GET", "/api/complaints/" + number, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Api.json(r);
  }

  private JsonNode timeline(String number) throws Exception {
    return view(number).get("timeline");
  }

  private JsonNode tasks(String user, String number) throws Exception {
    return json(api.send(user, "GET", "/engine-rest/task?processInstanceBusinessKey=" + number, null));
  }

  private static long count(JsonNode timeline, String type, String stage) {
    long n = 0;
    for (JsonNode e : timeline) {
      if (type.equals(e.path("type").asText()) && stage.equals(e.path("stage").asText())) {
        n++;
      }
    }
    return n;
  }

  /** The engine REST API's dates ({@code 2026-12-07T02:05:00.000+0000}) as ISO instants. */
  private static String isoOf(String restDate) {
    return java.time.OffsetDateTime.parse(restDate,
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant().toString();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    return Api.json(r);
  }
}
