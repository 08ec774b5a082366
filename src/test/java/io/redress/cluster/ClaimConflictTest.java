package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redress.RedressSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A claim of a task someone else holds answers 409 on the engine REST API (Camunda answers 500 without
 * {@link ConflictMappers}); the first claimant keeps the task. {@code ClusterIT} shows the same across two nodes.
 */
@RedressSpringTest
class ClaimConflictTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Test
  void aSecondClaimConflicts() throws Exception {
    // a customer of its own, so that no earlier case of the shared test database makes this a second complaint
    String phone = "139" + (10_000_000 + (System.nanoTime() & 0x3FFFFFF) % 89_999_999);
    HttpResponse<String> created = send("fiona", "POST", "/api/complaints", Map.of(
        "customer", Map.of("name", "Claim Conflict " + phone, "phone", phone), "channel", "web",
        "description", "Claimed twice"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).get("id").asText();
    JsonNode tasks = JSON.readTree(send("fiona", "GET", "/engine-rest/task?processInstanceBusinessKey=" + id
        + "&taskDefinitionKey=classifyComplaint", null).body());
    assertThat(tasks).as("fiona's classification task of %s: %s", id, created.body()).hasSize(1);
    String task = tasks.get(0).get("id").asText();

    assertThat(send("fiona", "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", "fiona"))
        .statusCode()).isEqualTo(204);
    HttpResponse<String> second = send("tom", "POST", "/engine-rest/task/" + task + "/claim",
        Map.of("userId", "tom"));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    JsonNode problem = JSON.readTree(second.body());
    assertThat(problem.get("type").asText()).isEqualTo("TaskAlreadyClaimedException");
    assertThat(problem.get("message").asText()).contains("already claimed");
    assertThat(JSON.readTree(send("tom", "GET", "/engine-rest/task/" + task, null).body()).get("assignee").asText())
        .isEqualTo("fiona");
    // claiming one's own task again is no conflict
    assertThat(send("fiona", "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", "fiona"))
        .statusCode()).isEqualTo(204);
  }

  private HttpResponse<String> send(String user, String method, String path, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
