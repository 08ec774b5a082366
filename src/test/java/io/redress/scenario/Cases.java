package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Brings complaints to a stage over HTTP as the demo users, for the security and concurrency tests. */
final class Cases {

  private final Api api;

  Cases(Api api) {
    this.api = api;
  }

  String intake(long amountClaimed) throws Exception {
    HttpResponse<String> created = api.send("fiona", "POST", "/api/complaints", Map.of(
        "customer", Map.of("name", "Security Test", "phone", "13912345678", "email", "sec.test@example.org"),
        "channel", "web", "description", "Hotel charged twice", "amountClaimed", amountClaimed));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Api.json(created).get("id").asText();
  }

  /** A complaint waiting for approval of the amount, investigated by the handler. */
  String atApproval(long amount, String handler) throws Exception {
    String id = intake(amount);
    work("fiona", task("fiona", id, "classifyComplaint"), Map.of("category", "billing", "nature", "valid",
        "severity", "general", "major", false));
    work("sam", task("sam", id, "assignComplaint"), Map.of("handler", handler));
    work(handler, task(handler, id, "investigateComplaint"), Map.of("findings", "Charged twice",
        "rootCause", "Payment retry", "rootCauseCategory", "billing-error", "resolutionType", "refund", "compensationAmount", amount));
    return id;
  }

  /** The id of the task with this key of this complaint, as the user finds it (paged, as Tasklist asks). */
  String task(String user, String complaint, String key) throws Exception {
    JsonNode tasks = Api.json(api.send(user, "GET", "/engine-rest/task?processInstanceBusinessKey=" + complaint
        + "&taskDefinitionKey=" + key + "&firstResult=0&maxResults=10", null));
    assertThat(tasks).as("%s sees %s of %s", user, key, complaint).hasSize(1);
    return tasks.get(0).get("id").asText();
  }

  /**
   * The id of the task with this key of this complaint once the user sees it: with a job executor running, the
   * next task comes a moment after the completion before it (the model continues asynchronously after user tasks).
   */
  String awaitTask(String user, String complaint, String key) throws Exception {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (true) {
      JsonNode tasks = Api.json(api.send(user, "GET", "/engine-rest/task?processInstanceBusinessKey=" + complaint
          + "&taskDefinitionKey=" + key + "&firstResult=0&maxResults=10", null));
      if (tasks.size() == 1 || System.nanoTime() > until) {
        assertThat(tasks).as("%s sees %s of %s", user, key, complaint).hasSize(1);
        return tasks.get(0).get("id").asText();
      }
      Thread.sleep(100);
    }
  }

  void work(String user, String task, Map<String, Object> values) throws Exception {
    JsonNode t = Api.json(api.send(user, "GET", "/engine-rest/task/" + task, null));
    if (t.get("assignee").isNull()) {
      HttpResponse<String> claim = api.send(user, "POST", "/engine-rest/task/" + task + "/claim",
          Map.of("userId", user));
      assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    }
    HttpResponse<String> done = submit(user, task, values);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
  }

  HttpResponse<String> submit(String user, String task, Map<String, Object> values) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    return api.send(user, "POST", "/engine-rest/task/" + task + "/submit-form", Map.of("variables", variables));
  }
}
