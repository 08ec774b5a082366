package io.redress.scenario;

import static io.redress.scenario.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Intake from every channel and the case record, over HTTP as the channels and the demo users use them: every
 * class of bad input is refused with a problem naming the field and stores nothing; text is stored as sent and
 * never evaluated; retries and second complaints; identity checks; later messages; withdrawal; the search.
 */
@RedressSpringTest
@ExtendWith(OutputCaptureExtension.class)
class ComplaintIntakeApiTest {

  private static final AtomicInteger PHONES = new AtomicInteger(1000);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired org.camunda.bpm.engine.TaskService taskService;

  private Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ bad input

  record Bad(String name, String body, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Bad> badBodies() {
    String good = "\"customer\":{\"name\":\"Li Wei\"},\"channel\":\"web\",\"description\":\"Late\"";
    return List.of(
        new Bad("wrong type: amount as text", "{" + good + ",\"amountClaimed\":\"a lot\"}", "amountClaimed"),
        new Bad("wrong type: description as number", "{\"customer\":{\"name\":\"Li\"},\"description\":42}",
            "description"),
        new Bad("wrong type: flag as text", "{" + good + ",\"safetyRisk\":\"yes\"}", "safetyRisk"),
        new Bad("wrong type: flag as number", "{" + good + ",\"resolvedAtIntake\":1}", "resolvedAtIntake"),
        new Bad("wrong type: customer as text", "{\"customer\":\"Li Wei\",\"description\":\"x\"}", "customer"),
        new Bad("unknown enum: channel", "{\"customer\":{\"name\":\"Li\"},\"channel\":\"pigeon\","
            + "\"description\":\"x\"}", "channel"),
        new Bad("unknown enum: tier", "{\"customer\":{\"name\":\"Li\",\"tier\":\"gold\"},\"description\":\"x\"}",
            "customer.tier"),
        new Bad("unknown enum: outcome", "{" + good + ",\"desiredOutcome\":\"revenge\"}", "desiredOutcome"),
        new Bad("unknown field", "{" + good + ",\"priority\":\"high\"}", "priority"),
        new Bad("missing description", "{\"customer\":{\"name\":\"Li\"},\"channel\":\"web\"}", "description"),
        new Bad("blank description", "{\"customer\":{\"name\":\"Li\"},\"description\":\"   \"}", "description"),
        new Bad("missing customer", "{\"description\":\"x\"}", "customer"),
        new Bad("missing customer name", "{\"customer\":{\"phone\":\"13800000000\"},\"description\":\"x\"}",
            "customer.name"),
        new Bad("text over the limit", "{\"customer\":{\"name\":\"Li\"},\"description\":\"" + "x".repeat(4001)
            + "\"}", "description"),
        new Bad("name over the limit", "{\"customer\":{\"name\":\"" + "n".repeat(201) + "\"},\"description\":\"x\"}",
            "customer.name"),
        new Bad("negative amount", "{" + good + ",\"amountClaimed\":-5}", "amountClaimed"),
        new Bad("absurd amount", "{" + good + ",\"amountClaimed\":1e15}", "amountClaimed"),
        new Bad("fractions of a cent", "{" + good + ",\"amountClaimed\":10.005}", "amountClaimed"),
        new Bad("control character in a name", "{\"customer\":{\"name\":\"Li\\u0000Wei\"},\"description\":\"x\"}",
            "customer.name"),
        new Bad("control character in a description", "{\"customer\":{\"name\":\"Li\"},\"description\":"
            + "\"bell\\u0007\"}", "description"),
        new Bad("bad phone", "{\"customer\":{\"name\":\"Li\",\"phone\":\"call me\"},\"description\":\"x\"}",
            "customer.phone"),
        new Bad("bad e-mail", "{\"customer\":{\"name\":\"Li\",\"email\":\"not-an-address\"},\"description\":\"x\"}",
            "customer.email"),
        new Bad("bad currency", "{" + good + ",\"amountClaimed\":5,\"currency\":\"yuan\"}", "currency"),
        new Bad("phone complaint about an order without identity check", "{\"customer\":{\"name\":\"Li\"},"
            + "\"channel\":\"phone\",\"orderRef\":\"ORD-1\",\"description\":\"x\"}", "identityCheck"),
        new Bad("stated relationship without the relationship", "{\"customer\":{\"name\":\"Li\"},"
            + "\"channel\":\"chat\",\"orderRef\":\"ORD-1\",\"description\":\"x\","
            + "\"identityCheck\":{\"result\":\"stated-relationship\"}}", "identityCheck.relationship"),
        new Bad("unknown identity result", "{\"customer\":{\"name\":\"Li\"},\"channel\":\"chat\","
            + "\"orderRef\":\"ORD-1\",\"description\":\"x\",\"identityCheck\":{\"result\":\"trust-me\"}}",
            "identityCheck.result"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void badInputIsRefusedNamingTheFieldAndNothingIsStored(Bad bad) throws Exception {
    long complaints = count("complaint");
    long customers = count("customer");
    long processes = runtimeService.createProcessInstanceQuery().count();
    HttpResponse<String> r = api.send(api.raw("fiona", "POST", "/api/complaints", "application/json", bad.body()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = json(r);
    assertThat(problem.get("errors").findValuesAsText("field")).as(r.body()).contains(bad.field());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(count("complaint")).isEqualTo(complaints);
    assertThat(count("customer")).isEqualTo(customers);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(processes);
  }

  @Test
  void malformedJsonOversizedBodiesAndOtherMediaTypesAreRefused() throws Exception {
    long complaints = count("complaint");
    HttpResponse<String> malformed = api.send(api.raw("fiona", "POST", "/api/complaints", "application/json",
        "{\"customer\":{\"name\":\"Li\"},\"description\":\"unterminated"));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).get("title").asText()).isEqualTo("Malformed request");

    HttpResponse<String> trailing = api.send(api.raw("fiona", "POST", "/api/complaints", "application/json",
        "{\"customer\":{\"name\":\"Li\"},\"description\":\"x\"} {\"again\":1}"));
    assertThat(trailing.statusCode()).isEqualTo(400);

    String huge = "{\"customer\":{\"name\":\"Li\"},\"description\":\"" + "x".repeat(70_000) + "\"}";
    HttpResponse<String> tooLarge = api.send(api.raw("fiona", "POST", "/api/complaints", "application/json", huge));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(json(tooLarge).get("type").asText()).isEqualTo("https://redress.example/problems/request-too-large");
    assertThat(json(tooLarge).get("title").asText()).isEqualTo("Request too large");
    assertThat(json(tooLarge).get("status").asInt()).isEqualTo(413);
    assertThat(json(tooLarge).get("instance").asText()).isEqualTo("/api/complaints");

    HttpResponse<String> text = api.send(api.raw("fiona", "POST", "/api/complaints", "text/plain",
        "Li Wei: my parcel is late"));
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(count("complaint")).isEqualTo(complaints);
  }

  // ------------------------------------------------------------------ text stays text

  @Test
  void expressionsAndMarkupAreStoredAsPlainTextAndNeverEvaluated() throws Exception {
    String description = "${execution.setVariable('pwned', true)} #{7*7} <script>alert('x')</script> & \"quotes\"";
    String name = "#{runtimeService.deleteProcessInstance('x', 'y')}";
    JsonNode created = create(Map.of("customer", Map.of("name", name), "channel", "web",
        "description", description, "resolution", "${1+1}", "orderRef", "<b>ORD</b>"));
    String id = created.get("id").asText();
    HttpResponse<String> read = api.send("fiona", "GET", "/api/complaints/" + id, null);
    assertThat(read.body()).doesNotContain("<script>").doesNotContain("<b>");
    JsonNode body = json(read);
    assertThat(body.get("description").asText()).isEqualTo(description);
    assertThat(body.at("/customer/name").asText()).isEqualTo(name);
    assertThat(body.get("orderRef").asText()).isEqualTo("<b>ORD</b>");
    String pi = processInstance(id);
    // the classification form shows the description as the record holds it, as text
    assertThat(formVariable(id, "description")).isEqualTo(description);
    assertThat(formVariable(id, "customerName")).isEqualTo(name);
    assertThat(runtimeService.getVariable(pi, "resolution")).isEqualTo("${1+1}");
    assertThat(runtimeService.getVariable(pi, "pwned")).isNull();
    assertThat(jdbc.queryForObject("SELECT description FROM complaint WHERE complaint_number = ?", String.class, id))
        .isEqualTo(description);
  }

  @Test
  void amountsAreExactDecimalsWithACurrency() throws Exception {
    JsonNode created = create(Map.of("customer", Map.of("name", "Zhao Lei"), "channel", "email",
        "description", "Double charge", "amountClaimed", new java.math.BigDecimal("1234567.89")));
    assertThat(created.get("amountClaimed").decimalValue()).isEqualByComparingTo("1234567.89");
    assertThat(created.get("currency").asText()).isEqualTo("CNY");
    assertThat(jdbc.queryForObject("SELECT amount_claimed FROM complaint WHERE complaint_number = ?",
        java.math.BigDecimal.class, created.get("id").asText())).isEqualByComparingTo("1234567.89");
    JsonNode usd = create(Map.of("customer", Map.of("name", "Zhao Lei"), "channel", "email",
        "description", "Charged in dollars", "amountClaimed", 0.1, "currency", "USD"));
    assertThat(usd.get("amountClaimed").decimalValue()).isEqualByComparingTo("0.10");
    assertThat(usd.get("currency").asText()).isEqualTo("USD");
  }

  // ------------------------------------------------------------------ retries

  @Test
  void racingRetriesWithOneIdempotencyKeyMakeOneComplaint() throws Exception {
    String key = "race-" + UUID.randomUUID();
    Map<String, Object> complaint = Map.of("customer", Map.of("name", "Sun Li"), "channel", "web",
        "description", "Ordered twice by the shop's fault");
    int clients = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<HttpResponse<String>>> results = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return api.send(api.request("fiona", "demo", "POST", "/api/complaints", complaint)
            .header("Idempotency-Key", key));
      }));
    }
    start.countDown();
    Set<String> ids = new java.util.HashSet<>();
    List<Integer> statuses = new ArrayList<>();
    for (Future<HttpResponse<String>> f : results) {
      HttpResponse<String> r = f.get();
      statuses.add(r.statusCode());
      ids.add(json(r).get("id").asText());
    }
    pool.shutdown();
    assertThat(ids).hasSize(1);
    assertThat(statuses).containsOnly(201, 200).containsOnlyOnce(201);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint WHERE idempotency_key = ?", Long.class, key))
        .isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ids.iterator().next())
        .count()).isEqualTo(1);
  }

  @Test
  void aChannelsMessageIdMakesARedeliveryARetry() throws Exception {
    Map<String, Object> complaint = Map.of("customer", Map.of("name", "Wu Min", "email", "wu.min@example.cn"),
        "channel", "email", "description", "No reply to my refund request", "channelMessageId",
        "<" + UUID.randomUUID() + "@mail.example.cn>");
    HttpResponse<String> first = api.send("fiona", "POST", "/api/complaints", complaint);
    HttpResponse<String> again = api.send("fiona", "POST", "/api/complaints", complaint);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("id")).isEqualTo(json(first).get("id"));
  }

  // ------------------------------------------------------------------ identity, second complaints

  @Test
  void aFailedIdentityCheckIsRecordedAndNoOrderDataGoesBack() throws Exception {
    JsonNode created = create(Map.of("customer", Map.of("name", "Caller", "phone", phone()), "channel", "phone",
        "orderRef", "TRIP-778899", "description", "Wants to change someone's booking",
        "identityCheck", Map.of("result", "failed")));
    String id = created.get("id").asText();
    assertThat(created.has("orderRef")).isFalse();
    assertThat(created.get("identityCheck").asText()).isEqualTo("failed");
    assertThat(types(created)).contains("identity-failed");
    JsonNode read = json(api.send("sam", "GET", "/api/complaints/" + id, null));
    assertThat(read.has("orderRef")).isFalse();
    assertThat(runtimeService.getVariable(processInstance(id), "orderRef")).isNull();
    // the record keeps what was stated, for the investigation
    assertThat(jdbc.queryForObject("SELECT order_ref FROM complaint WHERE complaint_number = ?", String.class, id))
        .isEqualTo("TRIP-778899");

    JsonNode confirmed = create(Map.of("customer", Map.of("name", "Traveller", "phone", phone()),
        "channel", "chat", "orderRef", "TRIP-778900", "description", "Room not as booked",
        "identityCheck", Map.of("result", "stated-relationship", "relationship", "spouse of the booker")));
    assertThat(confirmed.get("orderRef").asText()).isEqualTo("TRIP-778900");
    assertThat(types(confirmed)).contains("identity-confirmed");
    assertThat(jdbc.queryForObject("SELECT identity_relationship FROM complaint WHERE complaint_number = ?",
        String.class, confirmed.get("id").asText())).isEqualTo("spouse of the booker");
  }

  @Test
  void aSecondComplaintAboutTheSameOrderWithinThirtyDaysIsLinkedAndImportant() throws Exception {
    String phone = phone();
    Map<String, Object> customer = Map.of("name", "Liu Yang", "phone", phone);
    JsonNode first = create(Map.of("customer", customer, "channel", "web", "orderRef", "ORD-5501",
        "description", "Parcel damaged", "amountClaimed", 80));
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(20))));
    // the same customer, recognised by the phone number written differently
    JsonNode second = create(Map.of("customer", Map.of("name", "Liu Yang", "phone",
            phone.substring(0, 3) + " " + phone.substring(3, 7) + "-" + phone.substring(7)), "channel", "email",
        "orderRef", "ORD-5501", "description", "Still no replacement", "amountClaimed", 80));
    assertThat(second.get("secondComplaint").asBoolean()).isTrue();
    assertThat(second.get("earlierComplaint").asText()).isEqualTo(first.get("id").asText());
    assertThat(second.at("/customer/id")).isEqualTo(first.at("/customer/id"));
    String pi = processInstance(second.get("id").asText());
    assertThat(runtimeService.getVariable(pi, "suggestedSeverity")).isEqualTo("important");
    assertThat(formVariable(second.get("id").asText(), "earlierComplaint")).isEqualTo(first.get("id").asText());
    assertThat(types(json(api.send("sam", "GET", "/api/complaints/" + first.get("id").asText(), null))))
        .contains("linked");

    JsonNode otherOrder = create(Map.of("customer", customer, "channel", "web", "orderRef", "ORD-5502",
        "description", "Another parcel", "amountClaimed", 80));
    assertThat(otherOrder.get("secondComplaint").asBoolean()).isFalse();

    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(51))));
    JsonNode late = create(Map.of("customer", customer, "channel", "web", "orderRef", "ORD-5501",
        "description", "Remembered it again", "amountClaimed", 80));
    assertThat(late.get("secondComplaint").asBoolean()).as("31 days after the second").isFalse();
  }

  // ------------------------------------------------------------------ later messages, withdrawal

  @Test
  void theCustomersLaterMessagesReachTheCaseAndTheOpenTasksForm() throws Exception {
    String id = create(Map.of("customer", Map.of("name", "Gao Yan"), "channel", "web",
        "description", "Wrong size delivered")).get("id").asText();
    HttpResponse<String> added = api.send("fiona", "POST", "/api/complaints/" + id + "/messages",
        Map.of("text", "Photos attached: the label says M, I ordered L.", "channel", "email", "messageId", "m-1"));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    HttpResponse<String> repeated = api.send("fiona", "POST", "/api/complaints/" + id + "/messages",
        Map.of("text", "Photos attached: the label says M, I ordered L.", "channel", "email", "messageId", "m-1"));
    assertThat(repeated.statusCode()).isEqualTo(200);
    assertThat(json(repeated).get("id")).isEqualTo(json(added).get("id"));

    JsonNode read = json(api.send("fiona", "GET", "/api/complaints/" + id, null));
    assertThat(read.get("messages")).hasSize(1);
    assertThat(read.at("/messages/0/text").asText()).isEqualTo("Photos attached: the label says M, I ordered L.");
    assertThat(types(read)).containsOnlyOnce("customer-message");
    // the form of the open task shows it
    String task = read.at("/openTasks/0/id").asText();
    JsonNode formVariables = json(api.send("fiona", "GET", "/engine-rest/task/" + task
        + "/form-variables?variableNames=customerMessages", null));
    assertThat(formVariables.at("/customerMessages/value").asText()).contains("the label says M");

    HttpResponse<String> empty = api.send("fiona", "POST", "/api/complaints/" + id + "/messages",
        Map.of("text", " "));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(json(empty).get("errors").findValuesAsText("field")).containsExactly("text");
    assertThat(api.send("fiona", "POST", "/api/complaints/CMP-1999-000001/messages", Map.of("text", "hi"))
        .statusCode()).isEqualTo(404);
  }

  @Test
  void theIntakesAnswerAndTheCaseShowTheOpenTasksToEveryWorker() throws Exception {
    JsonNode created = create(Map.of("customer", Map.of("name", "Zhou Min"), "channel", "chat",
        "description", "The voucher code was refused at checkout"));
    String id = created.get("id").asText();
    // the answer of the POST: the classification task, for the frontline group, with its deadline; not paused, not
    // stuck
    assertThat(created.get("openTasks")).hasSize(1);
    assertThat(created.at("/openTasks/0/taskKey").asText()).isEqualTo("classifyComplaint");
    assertThat(created.at("/openTasks/0/candidateGroups/0").asText()).isEqualTo("frontline");
    assertThat(created.at("/openTasks/0/candidateGroups")).hasSize(1);
    assertThat(created.at("/openTasks/0/due").isTextual()).isTrue();
    assertThat(created.has("pausedAt")).isFalse();
    assertThat(created.has("stuck")).isFalse();
    String task = created.at("/openTasks/0/id").asText();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isOne();

    // the same task read back, and after a claim its assignee
    JsonNode read = json(api.send("fiona", "GET", "/api/complaints/" + id, null));
    assertThat(read.get("openTasks")).isEqualTo(created.get("openTasks"));
    HttpResponse<String> claim = api.send("fiona", "POST", "/engine-rest/task/" + task + "/claim",
        Map.of("userId", "fiona"));
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    JsonNode claimed = json(api.send("fiona", "GET", "/api/complaints/" + id, null));
    assertThat(claimed.at("/openTasks/0/assignee").asText()).isEqualTo("fiona");
    assertThat(claimed.at("/openTasks/0/candidateGroups/0").asText()).isEqualTo("frontline");

    // every group that works on complaints reads the case with its open tasks (who has it, until when), whether or not
    // it may work on them: the engine's open tasks of the case, no more, no fewer
    List<String> engine = taskService.createTaskQuery().processInstanceBusinessKey(id).active().list().stream()
        .map(org.camunda.bpm.engine.task.Task::getId).toList();
    assertThat(engine).containsExactly(task);
    for (String reader : List.of("fiona", "hank", "sam")) {
      HttpResponse<String> view = api.send(reader, "GET", "/api/complaints/" + id, null);
      assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
      assertThat(json(view).get("openTasks").findValuesAsText("id")).as(reader).isEqualTo(engine);
    }
  }

  @Test
  void theCustomerMayWithdrawAnOpenCaseOnce() throws Exception {
    String id = create(Map.of("customer", Map.of("name", "He Jun"), "channel", "letter",
        "description", "Shop closed early")).get("id").asText();
    String pi = processInstance(id);
    assertThat(json(api.send("fiona", "POST", "/api/complaints/" + id + "/withdrawal", Map.of())).get("errors")
        .findValuesAsText("field")).containsExactly("reason");

    HttpResponse<String> withdrawn = api.send("fiona", "POST", "/api/complaints/" + id + "/withdrawal",
        Map.of("reason", "The shop apologised in person"));
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    JsonNode body = json(withdrawn);
    assertThat(body.get("status").asText()).isEqualTo("withdrawn");
    assertThat(body.get("withdrawalReason").asText()).isEqualTo("The shop apologised in person");
    assertThat(body.get("openTasks")).isEmpty();
    assertThat(types(body)).contains("withdrawn");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();

    HttpResponse<String> again = api.send("fiona", "POST", "/api/complaints/" + id + "/withdrawal",
        Map.of("reason", "twice"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(api.send("fiona", "POST", "/api/complaints/" + id + "/messages", Map.of("text", "one more thing"))
        .statusCode()).isEqualTo(409);
  }

  // ------------------------------------------------------------------ search

  @Test
  void theSearchFiltersPagesSortsAndMasks() throws Exception {
    String phone = phone();
    String channelTag = "visit";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(create(Map.of("customer", Map.of("name", "Ma Jing", "phone", phone, "email", "ma.jing@example.cn"),
          "channel", channelTag, "description", "Visit " + i, "amountClaimed", 10 + i)).get("id").asText());
    }
    String customer = json(api.send("fiona", "GET", "/api/complaints/" + ids.get(0), null)).at("/customer/id")
        .asText();
    JsonNode page = json(api.send("fiona", "GET", "/api/complaints?customer=" + customer
        + "&size=2&sort=received&direction=asc", null));
    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(page.get("totalPages").asLong()).isEqualTo(2);
    assertThat(page.get("items").findValuesAsText("id")).containsExactly(ids.get(0), ids.get(1));
    assertThat(page.at("/items/0/customerPhone").asText()).isEqualTo(phone.substring(0, 3) + "****"
        + phone.substring(phone.length() - 4));
    assertThat(page.at("/items/0/customerEmail").asText()).isEqualTo("m***@example.cn");
    assertThat(page.toString()).doesNotContain(phone).doesNotContain("ma.jing@");
    JsonNode second = json(api.send("fiona", "GET", "/api/complaints?customer=" + customer
        + "&size=2&page=1&sort=received&direction=asc", null));
    assertThat(second.get("items").findValuesAsText("id")).containsExactly(ids.get(2));

    // open, at classification, by this channel, not overdue yet
    JsonNode filtered = json(api.send("fiona", "GET", "/api/complaints?customer=" + customer
        + "&status=open&stage=classifyComplaint&channel=visit&overdue=false", null));
    assertThat(filtered.get("total").asLong()).isEqualTo(3);
    assertThat(json(api.send("fiona", "GET", "/api/complaints?customer=" + customer + "&overdue=true", null))
        .get("total").asLong()).isZero();
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(10))));
    assertThat(json(api.send("fiona", "GET", "/api/complaints?customer=" + customer + "&overdue=true", null))
        .get("total").asLong()).isEqualTo(3);
    ClockUtil.reset();
    assertThat(json(api.send("fiona", "GET", "/api/complaints?customer=" + customer + "&severity=urgent", null))
        .get("total").asLong()).isZero();
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
    assertThat(json(api.send("fiona", "GET", "/api/complaints?customer=" + customer + "&receivedFrom=" + today,
        null)).get("total").asLong()).isEqualTo(3);
    assertThat(json(api.send("fiona", "GET", "/api/complaints?customer=" + customer + "&receivedTo=2020-01-01",
        null)).get("total").asLong()).isZero();
  }

  @Test
  void badSearchParametersAreNamed() throws Exception {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("status=lost", "status");
    bad.put("severity=critical", "severity");
    bad.put("channel=fax", "channel");
    bad.put("overdue=maybe", "overdue");
    bad.put("size=1000", "size");
    bad.put("page=-1", "page");
    bad.put("sort=customer_phone", "sort");
    bad.put("direction=sideways", "direction");
    bad.put("receivedFrom=yesterday", "receivedFrom");
    bad.put("receivedFrom=2026-02-01&receivedTo=2026-01-01", "receivedTo");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      HttpResponse<String> r = api.send("fiona", "GET", "/api/complaints?" + e.getKey(), null);
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(json(r).get("errors").findValuesAsText("field")).as(e.getKey()).containsExactly(e.getValue());
    }
  }

  // ------------------------------------------------------------------ personal data

  @Test
  void personalDataNeverReachesTheLog(CapturedOutput output) throws Exception {
    String phone = phone();
    String email = "private.person." + PHONES.get() + "@example.cn";
    String id = create(Map.of("customer", Map.of("name", "Private Person", "phone", phone, "email", email),
        "channel", "phone", "orderRef", "ORD-PRIV", "identityCheck", Map.of("result", "booker"),
        "description", "Call me back")).get("id").asText();
    api.send("fiona", "GET", "/api/complaints?customer=x", null);
    api.send("fiona", "POST", "/api/complaints/" + id + "/messages", Map.of("text", "Reach me on " + phone));
    assertThat(output.getAll()).contains(id).doesNotContain(phone).doesNotContain(email);
  }

  // ------------------------------------------------------------------ helpers

  @Test
  void theCaseShowsEveryDeadlineAndCanWaitOnTheCustomerAndReply() throws Exception {
    String id = create(Map.of("customer", Map.of("name", "Sun Li", "email", "sun.li@example.cn", "tier", "premium"),
        "channel", "email", "description", "The refund has not arrived")).get("id").asText();
    JsonNode read = json(api.send("fiona", "GET", "/api/complaints/" + id, null));
    assertThat(read.get("deadlines").findValuesAsText("kind")).contains("acknowledge", "first-reply",
        "effective-reply", "resolution", "classifyComplaint");
    assertThat(read.get("deadlines").findValuesAsText("state")).doesNotContain("paused");

    // bad input: the field is named, nothing changes
    HttpResponse<String> blank = api.send("fiona", "POST", "/api/complaints/" + id + "/pause", Map.of("reason", " "));
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("reason");
    assertThat(json(api.send("fiona", "GET", "/api/complaints/" + id, null)).has("pausedAt")).isFalse();

    HttpResponse<String> paused = api.send("hank", "POST", "/api/complaints/" + id + "/pause",
        Map.of("reason", "Waiting for the bank statement"));
    assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
    assertThat(json(paused).has("pausedAt")).isTrue();
    assertThat(json(paused).get("deadlines").findValuesAsText("state")).contains("paused");
    assertThat(json(paused).at("/openTasks/0/due").isMissingNode()).as("no due date while paused").isTrue();
    assertThat(api.send("hank", "POST", "/api/complaints/" + id + "/pause", Map.of("reason", "again"))
        .statusCode()).isEqualTo(409);

    // the customer answers: the deadlines run again
    assertThat(api.send("fiona", "POST", "/api/complaints/" + id + "/messages",
        Map.of("text", "Here is the bank statement")).statusCode()).isEqualTo(201);
    JsonNode resumed = json(api.send("fiona", "GET", "/api/complaints/" + id, null));
    assertThat(resumed.has("pausedAt")).isFalse();
    assertThat(resumed.get("deadlines").findValuesAsText("state")).doesNotContain("paused");
    assertThat(resumed.at("/openTasks/0/due").isTextual()).isTrue();
    assertThat(api.send("hank", "POST", "/api/complaints/" + id + "/resumption", null).statusCode()).isEqualTo(409);

    // a reply: queued once per key, meets the reply deadlines
    HttpResponse<String> noText = api.send("hank", "POST", "/api/complaints/" + id + "/replies",
        Map.of("text", "", "channel", "fax"));
    assertThat(noText.statusCode()).isEqualTo(400);
    assertThat(noText.body()).contains("text").contains("channel");
    var replied = api.send(api.raw("hank", "POST", "/api/complaints/" + id + "/replies", "application/json",
        "{\"text\":\"We have asked the bank; you will hear from us by 17:00.\"}").header("Idempotency-Key", "r-1"));
    assertThat(replied.statusCode()).as(replied.body()).isEqualTo(202);
    var again = api.send(api.raw("hank", "POST", "/api/complaints/" + id + "/replies", "application/json",
        "{\"text\":\"We have asked the bank; you will hear from us by 17:00.\"}").header("Idempotency-Key", "r-1"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbound_message WHERE complaint_number = ? AND "
        + "template = 'reply'", Integer.class, id)).isEqualTo(1);
    JsonNode after = json(again);
    for (JsonNode d : after.get("deadlines")) {
      if (d.get("kind").asText().equals("first-reply") || d.get("kind").asText().equals("effective-reply")) {
        assertThat(d.get("state").asText()).as(d.toString()).isEqualTo("met");
      }
    }
  }

  private JsonNode create(Map<String, Object> complaint) throws Exception {
    HttpResponse<String> r = api.send("fiona", "POST", "/api/complaints", complaint);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r);
  }

  /** A field of the case's open task's form as Tasklist reads it ({@code GET /engine-rest/task/{id}/form-variables}). */
  private String formVariable(String id, String name) throws Exception {
    String task = json(api.send("fiona", "GET", "/api/complaints/" + id, null)).at("/openTasks/0/id").asText();
    HttpResponse<String> form = api.send("fiona", "GET", "/engine-rest/task/" + task + "/form-variables", null);
    assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
    return json(form).at("/" + name + "/value").asText();
  }

  private String processInstance(String id) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
  }

  private static List<String> types(JsonNode complaint) {
    return complaint.get("timeline").findValuesAsText("type");
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }

  /** A mobile number no other test uses. */
  private static String phone() {
    return "139" + String.format("%08d", PHONES.incrementAndGet());
  }

}
