package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redress.RedressSpringTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One complaint from intake to closed, entirely over HTTP, as the demo users would do it: the complaint API to
 * take it in, the engine REST API (what Tasklist uses) to claim and complete each task.
 */
@RedressSpringTest
class ComplaintLifecycleScenarioTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aComplaintTravelsFromIntakeToClosedThroughTheHttpApis() throws Exception {
    Map<String, Object> complaint = Map.of(
        "customer", Map.of("name", "Nguyen Van An", "phone", "13800000003", "tier", "premium",
            "email", "an.nguyen@example.vn"),
        "channel", "email", "orderRef", "TRIP-20261022",
        "description", "Tour guide left the group at the airport; we paid for a taxi ourselves.",
        "desiredOutcome", "compensation", "amountClaimed", 1250);
    HttpResponse<String> created = send("fiona", "POST", "/api/complaints", complaint);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    String id = body.get("id").asText();
    assertThat(id).matches("CMP-\\d{4}-\\d{6}");
    assertThat(created.headers().firstValue("Location")).hasValue("/api/complaints/" + id);
    assertThat(body.at("/customer/phone").asText()).isEqualTo("138****0003");
    assertThat(body.get("stage").asText()).isEqualTo("classifyComplaint");
    assertThat(body.at("/openTasks/0/due").isTextual()).isTrue();

    // the frontline rep classifies: the rules suggested "important" (amount over 1000)
    String classify = taskOf("fiona", id, "classifyComplaint");
    assertThat(variable("fiona", classify, "suggestedSeverity")).isEqualTo("important");
    work("fiona", classify, Map.of("category", "service-quality", "nature", "valid", "severity", "important",
        "major", false));

    // a frontline rep does not see the supervisors' task; the supervisor does
    assertThat(tasksVisibleTo("fiona", id)).doesNotContain("assignComplaint");
    String assign = taskOf("sam", id, "assignComplaint");
    // Tasklist's "My group's tasks" filter shows the complaint number and severity in the list
    assertThat(filterListVariables("sam", "My group's tasks", assign))
        .containsEntry("complaintNumber", id).containsEntry("severity", "important");
    work("sam", assign, Map.of("handler", "hank"));

    String investigate = taskOf("hank", id, "investigateComplaint");
    work("hank", investigate, Map.of("findings", "Guide left early", "rootCause", "Guide schedule",
        "rootCauseCategory", "supplier-failure", "resolutionType", "compensation", "compensationAmount", 1250));

    // 1250 is above the supervisors' authority: the managers approve
    assertThat(tasksVisibleTo("sam", id)).isEmpty();
    String approve = taskOf("maria", id, "approveResolution");
    work("maria", approve, Map.of("approved", true, "approvalComment", "Taxi receipts checked"));

    String execute = taskOf("hank", id, "executeResolution");
    work("hank", execute, Map.of("executionNote", "1250 CNY credited to the customer's account"));

    String feedback = taskOf("fiona", id, "collectFeedback");
    work("fiona", feedback, Map.of("customerReached", true, "satisfaction", "satisfied"));

    JsonNode closed = JSON.readTree(send("fiona", "GET", "/api/complaints/" + id, null).body());
    assertThat(closed.get("status").asText()).isEqualTo("closed");
    assertThat(closed.get("severity").asText()).isEqualTo("important");
    assertThat(closed.get("assignee").asText()).isEqualTo("hank");
    assertThat(closed.get("openTasks")).isEmpty();
    List<String> actors = new ArrayList<>();
    closed.get("timeline").forEach(e -> {
      if ("task-completed".equals(e.get("type").asText())) {
        actors.add(e.get("actor").asText());
      }
    });
    assertThat(actors).containsExactly("fiona", "sam", "hank", "maria", "hank", "fiona");
  }

  @Test
  void theApisAskWhoIsCalling() throws Exception {
    assertThat(send(null, "GET", "/api/complaints/CMP-2026-000001", null).statusCode()).isEqualTo(401);
    assertThat(send(null, "GET", "/engine-rest/task", null).statusCode()).isEqualTo(401);
    // a wrong password (helen: Camunda delays the next logins of a user after a failed one)
    assertThat(sendAs("helen", "wrong", "GET", "/engine-rest/task", null).statusCode()).isEqualTo(401);
    assertThat(send("ana", "GET", "/api/complaints/CMP-2026-000001", null).statusCode()).isEqualTo(403);
    assertThat(send(null, "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(send("fiona", "GET", "/api/complaints/CMP-1999-999999", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aComplaintWithoutDescriptionIsRefusedAndNothingIsStored() throws Exception {
    Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Integer.class);
    HttpResponse<String> response = send("fiona", "POST", "/api/complaints",
        Map.of("customer", Map.of("name", "李伟"), "channel", "chat"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("description");
    assertThat(problem.get("instance").asText()).isEqualTo("/api/complaints");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Integer.class)).isEqualTo(before);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyReturnsTheFirstComplaint() throws Exception {
    Map<String, Object> complaint = Map.of("customer", Map.of("name", "Maria Silva"), "channel", "web",
        "description", "Charged for a subscription after cancelling it.", "amountClaimed", 45);
    HttpRequest.Builder request = request("fiona", "POST", "/api/complaints", complaint)
        .header("Idempotency-Key", "web-form-7f3a");
    HttpResponse<String> first = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> retry = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(retry.body()).get("id")).isEqualTo(JSON.readTree(first.body()).get("id"));
  }

  // ---------------------------------------------------------------- helpers

  /** The id of the task with this key of this complaint, as the user finds it in their task list. */
  private String taskOf(String user, String complaint, String key) throws Exception {
    JsonNode tasks = JSON.readTree(send(user, "GET", "/engine-rest/task?processInstanceBusinessKey=" + complaint
        + "&taskDefinitionKey=" + key, null).body());
    assertThat(tasks).as("%s sees %s of %s", user, key, complaint).hasSize(1);
    return tasks.get(0).get("id").asText();
  }

  private List<String> tasksVisibleTo(String user, String complaint) throws Exception {
    JsonNode tasks = JSON.readTree(send(user, "GET", "/engine-rest/task?processInstanceBusinessKey=" + complaint,
        null).body());
    return tasks.findValuesAsText("taskDefinitionKey");
  }

  /** The variables Tasklist shows beside a task in a saved filter's list (HAL, as Tasklist asks for it). */
  private Map<String, String> filterListVariables(String user, String filterName, String task) throws Exception {
    JsonNode filters = JSON.readTree(send(user, "GET", "/engine-rest/filter?resourceType=Task", null).body());
    String filterId = null;
    for (JsonNode f : filters) {
      if (filterName.equals(f.get("name").asText())) {
        filterId = f.get("id").asText();
      }
    }
    assertThat(filterId).as("%s sees the filter %s", user, filterName).isNotNull();
    HttpResponse<String> list = http.send(request(user, "POST", "/engine-rest/filter/" + filterId
        + "/list?firstResult=0&maxResults=50", Map.of("sorting", List.of(Map.of("sortBy", "dueDate",
            "sortOrder", "asc"))))
        .setHeader("Accept", "application/hal+json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    JsonNode hal = JSON.readTree(list.body());
    Map<String, String> shown = new java.util.HashMap<>();
    for (JsonNode t : hal.at("/_embedded/task")) {
      if (task.equals(t.get("id").asText())) {
        for (JsonNode v : t.at("/_embedded/variable")) {
          shown.put(v.get("name").asText(), v.get("value").asText());
        }
        return shown;
      }
    }
    throw new AssertionError(user + " does not see task " + task + " in " + filterName + ": " + list.body());
  }

  private Object variable(String user, String task, String name) throws Exception {
    HttpResponse<String> r = send(user, "GET", "/engine-rest/task/" + task + "/form-variables?variableNames=" + name,
        null);
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body()).at("/" + name + "/value").asText();
  }

  /** Claims (unless assigned already) and completes a task with the form's variables, as Tasklist does. */
  private void work(String user, String task, Map<String, Object> values) throws Exception {
    JsonNode t = JSON.readTree(send(user, "GET", "/engine-rest/task/" + task, null).body());
    if (t.get("assignee").isNull()) {
      HttpResponse<String> claim = send(user, "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", user));
      assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    }
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    HttpResponse<String> done = send(user, "POST", "/engine-rest/task/" + task + "/submit-form",
        Map.of("variables", variables));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
  }

  private HttpResponse<String> send(String user, String method, String path, Object body)
      throws IOException, InterruptedException {
    return api().send(user, method, path, body);
  }

  private HttpResponse<String> sendAs(String user, String password, String method, String path, Object body)
      throws IOException, InterruptedException {
    return api().send(api().request(user, password, method, path, body));
  }

  private HttpRequest.Builder request(String user, String method, String path, Object body) throws IOException {
    return api().request(user, "demo", method, path, body);
  }

  private Api api() {
    return new Api(port);
  }
}
