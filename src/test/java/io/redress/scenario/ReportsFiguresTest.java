package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reports count exactly what happened: complaints with known outcomes are driven through the HTTP API and the
 * engine in March 2031 (a month no other test touches), and the figures of {@code /api/reports} are what those outcomes
 * make, also after the customers' data is erased and Camunda's history is cleaned up.
 */
@RedressSpringTest
class ReportsFiguresTest {

  /** Monday 3 March 2031, 10:00 in Shanghai. */
  static final Instant T0 = Instant.parse("2031-03-03T02:00:00Z");
  static final String MARCH = "from=2031-03-01&to=2031-03-31";
  /** The classification of every case here: the filter that singles them out of the other tests' open cases. */
  static final String CATEGORY = "kpi-figures";

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;

  Api api;
  Cases cases;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theFiguresAreWhatTheCasesDidAndOutliveErasureAndHistoryCleanup() throws Exception {
    api = new Api(port);
    cases = new Cases(api);
    at(T0);
    // A: VIP, everything on time, 500 paid, very satisfied
    String a = intake("vip", "web", 500, false);
    classify(a, false);
    assign(a, "hank");
    investigate(a, "hank", "billing-error", 500);
    approveExecute(a, "sam", "hank");
    feedback(a, "very_satisfied", 5, 5, 5);
    // C: premium, resolved on the first contact, basically satisfied
    String c = intake("premium", "phone", 0, true);
    feedback(c, "basically_satisfied", 3, 4, 3);
    // D: standard, dissatisfied, then very dissatisfied (reopened twice, a new handler each time), then satisfied
    String d = intake("standard", "web", 200, false);
    String[] handlers = {"hank", "helen", "hank"};
    String[] answers = {"dissatisfied", "very_dissatisfied", "satisfied"};
    for (int round = 0; round < 3; round++) {
      classify(d, false);
      assign(d, handlers[round]);
      investigate(d, handlers[round], round < 2 ? "process-gap" : "supplier-failure", 200);
      approveExecute(d, "sam", handlers[round]);
      feedback(d, answers[round], 2, 4, 5);
    }
    // E: premium, major (leadership); left unassigned until its assignment deadline escalates
    String e = intake("premium", "chat", 80, false);
    classify(e, true);
    // G: withdrawn
    String g = intake("standard", "email", 10, false);
    HttpResponse<String> withdrawn = api.send("fiona", "POST", "/api/complaints/" + g + "/withdrawal",
        Map.of("reason", "Solved by the hotel"));
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    // B: standard, investigated ten days late, satisfied
    String b = intake("standard", "email", 100, false);
    classify(b, false);
    assign(b, "hank");
    at(T0.plus(Duration.ofDays(10)));
    investigate(b, "hank", "staff-conduct", 100);
    approveExecute(b, "sam", "hank");
    feedback(b, "satisfied", 4, 3, 4);
    // E's overdue assignment escalates: the engine's timers that are due now fire, as the job executor would
    fireDueTimers(e);
    Map<String, Integer> escalations = escalationTasksByGroup(e);
    assertThat(escalations).as("E's assignment escalated").isNotEmpty();

    JsonNode kpis = get("/api/reports/kpis?" + MARCH);
    assertThat(kpis.get("received").asLong()).isEqualTo(6);
    assertThat(kpis.get("closed").asLong()).isEqualTo(5);
    assertThat(kpis.get("withdrawn").asLong()).isEqualTo(1);
    // received and closed in March (open at its end would count the other tests' open cases too)
    assertThat(counts(kpis.get("byTier"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "vip", List.of(1L, 1L), "premium", List.of(2L, 1L), "standard", List.of(3L, 3L)));
    assertThat(counts(kpis.get("byChannel"))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "web", List.of(2L, 2L), "phone", List.of(1L, 1L), "chat", List.of(1L, 0L), "email", List.of(2L, 2L)));
    // D's reopening made it a second complaint: important
    assertThat(counts(kpis.get("bySeverity"))).containsEntry("general", List.of(3L, 2L))
        .containsEntry("important", List.of(1L, 1L));
    // C and G were never classified
    assertThat(counts(kpis.get("byCategory"))).containsEntry(CATEGORY, List.of(4L, 3L))
        .containsEntry("unclassified", List.of(2L, 2L));
    JsonNode ours = get("/api/reports/kpis?" + MARCH + "&category=" + CATEGORY);
    assertThat(ours.get("open").asLong()).as("E").isEqualTo(1);
    assertThat(ours.get("byCategory").get(0).get("open").asLong()).isEqualTo(1);

    JsonNode k = kpis.get("kpis");
    // ended and not withdrawn: A, B, C, D
    assertKpi(k.get("firstContactResolution"), 1, 4, "0.2500", "0.80", false);
    // B's first reply (48 h) and its effective reply (standard: 48 h) passed unmet; the others ended in time
    assertKpi(k.get("firstReplyWithinLimit"), 3, 4, "0.7500", "1.00", false);
    assertKpi(k.get("fullProcessTimeliness"), 3, 4, "0.7500", "0.96", false);
    // stage tasks: A 6, C 1 (feedback), D 3 x 6, B 6 with its investigation late
    assertKpi(k.get("workOrderTimeliness"), 30, 31, "0.9677", "0.98", false);
    // callbacks: A very satisfied, B satisfied, C basically satisfied, D dissatisfied, very dissatisfied, satisfied
    JsonNode satisfaction = k.get("satisfactionRate");
    assertThat(satisfaction.get("numerator").decimalValue()).isEqualByComparingTo("4");
    assertThat(satisfaction.get("denominator").decimalValue()).isEqualByComparingTo("6");
    assertThat(satisfaction.get("value").decimalValue()).isEqualByComparingTo("0.6667");
    assertThat(satisfaction.get("met").asBoolean()).isFalse();
    assertKpi(satisfaction.at("/byTier/vip"), 1, 1, "1.0000", "0.95", true);
    assertKpi(satisfaction.at("/byTier/premium"), 1, 1, "1.0000", "0.90", true);
    assertKpi(satisfaction.at("/byTier/standard"), 2, 4, "0.5000", "0.85", false);
    // received: E is major; without customers per month (not configured here) there is no rate
    assertThat(k.at("/escalatedComplaintRate/numerator").decimalValue()).isEqualByComparingTo("1");
    assertThat(k.at("/escalatedComplaintRate/value").isMissingNode()).as("no value: left out").isTrue();
    assertThat(k.at("/complaintsPerMillionCustomers/numerator").decimalValue()).isEqualByComparingTo("6");
    assertThat(k.at("/complaintsPerMillionCustomers/met").isMissingNode()).isTrue();

    assertThat(kpis.get("reopened").asLong()).isEqualTo(2);
    assertThat(kpis.get("reassigned").asLong()).isEqualTo(2);
    Map<String, Long> levels = new HashMap<>();
    kpis.get("escalationsByLevel").fields().forEachRemaining(f -> {
      if (f.getValue().asLong() > 0) {
        levels.put(f.getKey(), f.getValue().asLong());
      }
    });
    Map<String, Long> expectedLevels = new HashMap<>();
    escalations.forEach((group, n) -> expectedLevels.put(group, n.longValue()));
    assertThat(levels).isEqualTo(expectedLevels);
    assertThat(kpis.at("/compensationApproved/count").asLong()).isEqualTo(3);
    assertThat(kpis.at("/compensationApproved/amount").decimalValue()).isEqualByComparingTo("800");
    assertThat(kpis.at("/compensationPaid/count").asLong()).isEqualTo(3);
    assertThat(kpis.at("/compensationPaid/amount").decimalValue()).isEqualByComparingTo("800");
    // the last answers: A 5/5/5, B 4/3/4, C 3/4/3, D 2/4/5
    assertThat(kpis.at("/survey/answers").asLong()).isEqualTo(4);
    assertThat(kpis.at("/survey/attitude").decimalValue()).isEqualByComparingTo("3.50");
    assertThat(kpis.at("/survey/speed").decimalValue()).isEqualByComparingTo("4.00");
    assertThat(kpis.at("/survey/effectiveness").decimalValue()).isEqualByComparingTo("4.25");
    JsonNode hank = null;
    for (JsonNode w : kpis.get("workload")) {
      if ("hank".equals(w.get("handler").asText())) {
        hank = w;
      }
    }
    assertThat(hank).isNotNull();
    assertThat(hank.get("closed").asLong()).as("A, B and D ended with hank").isEqualTo(3);
    assertThat(hank.get("team").asText()).isEqualTo("handlers");

    // a filter narrows every figure: the VIP case alone
    JsonNode vip = get("/api/reports/kpis?" + MARCH + "&tier=vip");
    assertThat(vip.get("received").asLong()).isEqualTo(1);
    assertKpi(vip.at("/kpis/workOrderTimeliness"), 6, 6, "1.0000", "0.98", true);
    assertKpi(vip.at("/kpis/firstContactResolution"), 0, 1, "0.0000", "0.80", false);

    JsonNode causes = get("/api/reports/root-causes?" + MARCH);
    assertThat(causes.get("closed").asLong()).isEqualTo(4);
    assertThat(causes.get("uncategorised").asLong()).as("C, resolved at intake").isEqualTo(1);
    Map<String, Long> top = new LinkedHashMap<>();
    causes.get("top").forEach(r -> top.put(r.get("category").asText(), r.get("count").asLong()));
    assertThat(top).containsExactlyInAnyOrderEntriesOf(Map.of("billing-error", 1L, "supplier-failure", 1L,
        "staff-conduct", 1L));
    // named as the table root-cause-category names them in the working language (English here)
    Map<String, String> names = new LinkedHashMap<>();
    causes.get("top").forEach(r -> names.put(r.get("category").asText(), r.get("label").asText()));
    assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.of("billing-error", "Billing or payment error",
        "supplier-failure", "Supplier or partner failure", "staff-conduct", "Staff conduct"));

    JsonNode weeks = get("/api/reports/trends?" + MARCH + "&period=week");
    assertThat(weeks.get("points")).hasSize(6);
    assertThat(weeks.at("/points/0/start").asText()).isEqualTo("2031-03-01");
    assertThat(weeks.at("/points/1/start").asText()).isEqualTo("2031-03-03");
    assertThat(weeks.at("/points/1/received").asLong()).isEqualTo(6);
    assertThat(weeks.at("/points/1/closed").asLong()).isEqualTo(4);
    assertThat(weeks.at("/points/1/kpis/firstContactResolution").decimalValue()).isEqualByComparingTo("0.3333");
    assertThat(weeks.at("/points/2/closed").asLong()).as("B, a week later").isEqualTo(1);
    assertThat(weeks.at("/points/2/kpis/fullProcessTimeliness").decimalValue()).isEqualByComparingTo("0");
    JsonNode months = get("/api/reports/trends?from=2031-02-01&to=2031-03-31&period=month");
    assertThat(months.get("points")).hasSize(2);
    assertThat(months.at("/points/0/received").asLong()).isZero();
    assertThat(months.at("/points/1/received").asLong()).isEqualTo(6);
    assertThat(months.at("/points/1/closed").asLong()).isEqualTo(5);

    JsonNode open = get("/api/reports/open-cases?category=" + CATEGORY);
    assertThat(open.get("open").asLong()).isEqualTo(1);
    assertThat(open.at("/byAge/7-30d").asLong()).as("E, ten days old").isEqualTo(1);
    assertThat(open.at("/byStage/assignComplaint").asLong()).isEqualTo(1);

    // the customers' data is erased, and half a year later Camunda's history is cleaned up: the figures stay
    for (String n : List.of(a, b, c, d, e, g)) {
      String customer = get("/api/complaints/" + n).at("/customer/id").asText();
      HttpResponse<String> erased = api.send("maria", "POST", "/api/customers/" + customer + "/erasure",
          Map.of("reason", "The customer asked by e-mail"));
      assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    }
    at(T0.plus(Duration.ofDays(400)));
    cleanUpHistory();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(a).count())
        .as("A's history is gone").isZero();
    JsonNode after = get("/api/reports/kpis?" + MARCH);
    for (String part : List.of("received", "closed", "withdrawn", "byTier", "byChannel", "byCategory", "kpis",
        "reopened", "reassigned", "escalationsByLevel", "compensationApproved", "compensationPaid", "survey")) {
      assertThat(after.get(part)).as(part).isEqualTo(kpis.get(part));
    }
    assertThat(get("/api/reports/root-causes?" + MARCH)).isEqualTo(causes);
    // the day sums kept as the cases ended are those migration V16 computes from the facts
    ReportDaysSql.assertKeptAsMigrationSums(jdbc);
  }

  @Test
  void aBadRootCauseCategoryIsRefusedWithTheChoices() throws Exception {
    api = new Api(port);
    cases = new Cases(api);
    String n = intake("standard", "web", 50, false);
    classify(n, false);
    assign(n, "hank");
    String task = cases.awaitTask("hank", n, "investigateComplaint");
    // the form's choices: the table root-cause-category
    assertThat(String.valueOf(taskService.getVariable(task, "rootCauseOptions"))).contains(
        "{\"label\":\"Supplier or partner failure\",\"value\":\"supplier-failure\"}");
    api.send("hank", "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", "hank"));
    HttpResponse<String> refused = cases.submit("hank", task, Map.of("findings", "f", "rootCause", "r",
        "rootCauseCategory", "bad-luck", "resolutionType", "refund", "compensationAmount", 50));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("rootCauseCategory", "supplier-failure");
    HttpResponse<String> missing = cases.submit("hank", task, Map.of("findings", "f", "rootCause", "r",
        "resolutionType", "refund", "compensationAmount", 50));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("rootCauseCategory");
  }

  // ------------------------------------------------------------------------------------------------------- helpers

  private static void at(Instant t) {
    ClockUtil.setCurrentTime(Date.from(t));
  }

  private String intake(String tier, String channel, long amount, boolean resolvedAtIntake) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", Map.of("name", "Report Test", "phone",
        "139" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999), "tier", tier));
    body.put("channel", channel);
    body.put("description", "Room not as booked");
    body.put("amountClaimed", amount);
    if (resolvedAtIntake) {
      body.put("resolvedAtIntake", true);
      body.put("resolution", "Moved to the booked room on the call");
    }
    HttpResponse<String> created = api.send("fiona", "POST", "/api/complaints", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Api.json(created).get("id").asText();
  }

  private void classify(String n, boolean major) throws Exception {
    cases.work("fiona", cases.awaitTask("fiona", n, "classifyComplaint"), Map.of("category", CATEGORY,
        "nature", "valid", "severity", "general", "major", major));
  }

  private void assign(String n, String handler) throws Exception {
    cases.work("sam", cases.awaitTask("sam", n, "assignComplaint"), Map.of("handler", handler));
  }

  private void investigate(String n, String handler, String category, long amount) throws Exception {
    cases.work(handler, cases.awaitTask(handler, n, "investigateComplaint"), Map.of("findings", "Overbooked",
        "rootCause", "The hotel sold the room twice", "rootCauseCategory", category, "resolutionType", "refund",
        "compensationAmount", amount));
  }

  private void approveExecute(String n, String approver, String handler) throws Exception {
    cases.work(approver, cases.awaitTask(approver, n, "approveResolution"), Map.of("approved", true,
        "approvalComment", "Checked"));
    cases.work(handler, cases.awaitTask(handler, n, "executeResolution"), Map.of("executionNote", "Refunded"));
  }

  private void feedback(String n, String satisfaction, int attitude, int speed, int effectiveness)
      throws Exception {
    cases.work("fiona", cases.awaitTask("fiona", n, "collectFeedback"), Map.of("customerReached", true,
        "satisfaction", satisfaction, "surveyAttitude", attitude, "surveySpeed", speed,
        "surveyEffectiveness", effectiveness));
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = api.send("maria", "GET", path, null);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
    return Api.json(r);
  }

  private static Map<String, List<Long>> counts(JsonNode list) {
    Map<String, List<Long>> out = new HashMap<>();
    // a group with nothing received or closed in the period is listed only for open cases of other tests
    list.forEach(x -> {
      if (x.get("received").asLong() != 0 || x.get("closed").asLong() != 0) {
        out.put(x.get("key").asText(), List.of(x.get("received").asLong(), x.get("closed").asLong()));
      }
    });
    return out;
  }

  private static void assertKpi(JsonNode kpi, long num, long den, String value, String target, boolean met) {
    assertThat(kpi.get("numerator").decimalValue()).as("numerator of " + kpi).isEqualByComparingTo(
        BigDecimal.valueOf(num));
    assertThat(kpi.get("denominator").decimalValue()).as("denominator of " + kpi).isEqualByComparingTo(
        BigDecimal.valueOf(den));
    assertThat(kpi.get("value").decimalValue()).as("value of " + kpi).isEqualByComparingTo(value);
    assertThat(kpi.get("target").decimalValue()).as("target of " + kpi).isEqualByComparingTo(target);
    assertThat(kpi.get("met").asBoolean()).as("met of " + kpi).isEqualTo(met);
  }

  /** Fires the case's timers that are due, as the job executor would, until none is left. */
  private void fireDueTimers(String number) {
    String pi = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number)
        .singleResult().getId();
    for (int i = 0; i < 50; i++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(pi).timers()
          .duedateLowerThan(ClockUtil.getCurrentTime()).list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(j -> managementService.executeJob(j.getId()));
    }
  }

  /** The open handleEscalation tasks of the case, by candidate group: what the engine itself holds. */
  private Map<String, Integer> escalationTasksByGroup(String number) {
    Map<String, Integer> by = new HashMap<>();
    for (Task t : taskService.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey("handleEscalation").list()) {
      for (IdentityLink l : taskService.getIdentityLinksForTask(t.getId())) {
        if (l.getGroupId() != null) {
          by.merge(l.getGroupId(), 1, Integer::sum);
        }
      }
    }
    return by;
  }

  /** Camunda's history cleanup, run to the end as its job would. */
  private void cleanUpHistory() {
    for (int i = 0; i < 20; i++) {
      Job job = historyService.cleanUpHistoryAsync(true);
      if (job == null) {
        return;
      }
      managementService.executeJob(job.getId());
      if (historyService.createHistoricProcessInstanceQuery().finished().finishedBefore(
          Date.from(T0.plus(Duration.ofDays(20)))).count() == 0) {
        return;
      }
    }
  }
}
