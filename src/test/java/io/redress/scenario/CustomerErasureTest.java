package io.redress.scenario;

import static io.redress.scenario.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A customer's request to delete their data: after the erasure nothing they told us is left in the case
 * tables, in the process variables or in Camunda's history, while the facts the KPIs count remain, the running
 * case goes on, and the erasure itself is on record (who, why, when).
 */
@RedressSpringTest
class CustomerErasureTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;

  @Test
  void erasureRemovesPersonalDataEverywhereAndKeepsTheFacts() throws Exception {
    Api api = new Api(port);
    String marker = "Zz" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String phone = "137" + String.format("%08d", Math.abs(marker.hashCode()) % 100_000_000);
    Map<String, Object> customer = Map.of("name", "Name" + marker, "phone", phone,
        "email", marker.toLowerCase() + "@example.cn");
    JsonNode running = json(api.send("fiona", "POST", "/api/complaints", Map.of("customer", customer,
        "channel", "phone", "orderRef", "ORD" + marker, "identityCheck", Map.of("result", "booker"),
        "description", "Description " + marker, "amountClaimed", 1500)));
    String runningId = running.get("id").asText();
    String customerId = running.at("/customer/id").asText();
    // the classification form (what Tasklist reads) shows the case's fields from the case record, contact data masked
    String classify = running.at("/openTasks/0/id").asText();
    JsonNode form = json(api.send("fiona", "GET", "/engine-rest/task/" + classify + "/form-variables", null));
    assertThat(form.at("/customerName/value").asText()).isEqualTo("Name" + marker);
    assertThat(form.at("/customerPhoneMasked/value").asText()).isEqualTo(phone.substring(0, 3) + "****"
        + phone.substring(7));
    assertThat(form.at("/description/value").asText()).isEqualTo("Description " + marker);
    assertThat(form.toString()).doesNotContain(phone);
    assertThat(api.send("fiona", "POST", "/api/complaints/" + runningId + "/messages",
        Map.of("text", "Message " + marker)).statusCode()).isEqualTo(201);
    JsonNode ended = json(api.send("fiona", "POST", "/api/complaints", Map.of("customer", customer,
        "channel", "web", "description", "Second " + marker, "amountClaimed", 20)));
    String endedId = ended.get("id").asText();
    assertThat(ended.at("/customer/id").asText()).isEqualTo(customerId);
    api.send("fiona", "POST", "/api/complaints/" + endedId + "/withdrawal", Map.of("reason", "Reason " + marker));
    assertThat(traces(marker)).as("the marker is stored before the erasure").isPositive();
    String outbox = "SELECT state FROM outbound_message WHERE complaint_number IN (?, ?)";
    assertThat(jdbc.queryForList(outbox, String.class, runningId, endedId))
        .as("both acknowledgements wait in the outbox").hasSize(2).containsOnly("pending");

    assertThat(api.send("fiona", "POST", "/api/customers/" + customerId + "/erasure",
        Map.of("reason", "Customer asked by e-mail")).statusCode()).isEqualTo(403);
    assertThat(api.send("maria", "POST", "/api/customers/" + customerId + "/erasure", Map.of()).statusCode())
        .isEqualTo(400);
    assertThat(api.send("maria", "POST", "/api/customers/no-such-customer/erasure",
        Map.of("reason", "x")).statusCode()).isEqualTo(404);

    HttpResponse<String> erased = api.send("maria", "POST", "/api/customers/" + customerId + "/erasure",
        Map.of("reason", "Customer asked by e-mail on 2026-11-20"));
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    JsonNode result = json(erased);
    assertThat(result.get("complaints")).hasSize(2);
    assertThat(result.get("requestedBy").asText()).isEqualTo("maria");
    assertThat(result.get("historicVariablesErased").asInt()).isPositive();

    // nowhere: case tables, contacts, the outbox, process variables, Camunda history
    assertThat(traces(marker)).isZero();
    assertThat(jdbc.queryForList(outbox, String.class, runningId, endedId))
        .as("nothing personal leaves after the erasure").hasSize(2).containsOnly("cancelled");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint WHERE customer_phone = ? OR customer_id IN "
        + "(SELECT customer_id FROM customer WHERE phone = ?)", Long.class, phone, phone)).isZero();
    String pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(runningId).singleResult()
        .getId();
    assertThat(runtimeService.getVariable(pi, "customerName")).as("not a variable: the record holds it").isNull();
    form = json(api.send("fiona", "GET", "/engine-rest/task/" + classify + "/form-variables", null));
    assertThat(form.at("/customerName/value").asText()).isEqualTo("[erased]");
    assertThat(form.at("/customerPhoneMasked/value").isTextual()).isFalse();
    assertThat(form.toString()).doesNotContain(marker).doesNotContain(phone.substring(7));
    for (HistoricDetail d : historyService.createHistoricDetailQuery().processInstanceId(pi).variableUpdates()
        .list()) {
      assertThat(String.valueOf(((HistoricVariableUpdate) d).getValue())).doesNotContain(marker);
    }

    // the facts remain, and the erasure is on record without the data
    JsonNode after = json(api.send("sam", "GET", "/api/complaints/" + runningId, null));
    assertThat(after.at("/customer/name").asText()).isEqualTo("[erased]");
    assertThat(after.get("channel").asText()).isEqualTo("phone");
    assertThat(after.get("amountClaimed").decimalValue()).isEqualByComparingTo("1500");
    assertThat(after.get("timeline").findValuesAsText("type")).contains("received", "erased");
    Map<String, Object> record = jdbc.queryForMap("SELECT requested_by, reason, complaints FROM erasure "
        + "WHERE customer_id = ?", customerId);
    assertThat(record).containsEntry("REQUESTED_BY", "maria").containsEntry("COMPLAINTS", 2);

    // the running case goes on: the frontline rep classifies it
    String task = after.at("/openTasks/0/id").asText();
    assertThat(api.send("fiona", "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", "fiona"))
        .statusCode()).isEqualTo(204);
    HttpResponse<String> done = api.send("fiona", "POST", "/engine-rest/task/" + task + "/submit-form",
        Map.of("variables", Map.of("category", Map.of("value", "service-quality"), "nature", Map.of("value", "valid"),
            "severity", Map.of("value", "important"), "major", Map.of("value", false))));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    assertThat(traces(marker)).isZero();

    // an erased customer is not recognised again: the same phone number starts a new customer
    JsonNode fresh = json(api.send("fiona", "POST", "/api/complaints", Map.of("customer", customer,
        "channel", "web", "description", "New one")));
    assertThat(fresh.at("/customer/id").asText()).isNotEqualTo(customerId);
    assertThat(json(api.send("fiona", "GET", "/api/customers/" + customerId, null)).get("erasedAt").isTextual())
        .isTrue();
  }

  /** Rows anywhere that still hold the marker: the case tables and Camunda's runtime and history tables. */
  private long traces(String marker) {
    String like = "%" + marker + "%";
    String likeLower = "%" + marker.toLowerCase() + "%";
    long n = 0;
    for (String sql : List.of(
        "SELECT COUNT(*) FROM customer WHERE name LIKE ? OR email LIKE ?",
        "SELECT COUNT(*) FROM complaint WHERE customer_name LIKE ? OR description LIKE ? OR order_ref LIKE ? "
            + "OR withdrawal_reason LIKE ? OR customer_email LIKE ?",
        "SELECT COUNT(*) FROM customer_contact WHERE content LIKE ?",
        "SELECT COUNT(*) FROM outbound_message WHERE body LIKE ? OR subject LIKE ? OR address LIKE ?",
        "SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE TEXT_ LIKE ? OR TEXT2_ LIKE ?",
        "SELECT COUNT(*) FROM ACT_HI_VARINST WHERE TEXT_ LIKE ? OR TEXT2_ LIKE ?",
        "SELECT COUNT(*) FROM ACT_HI_DETAIL WHERE TEXT_ LIKE ? OR TEXT2_ LIKE ?")) {
      int params = (int) sql.chars().filter(c -> c == '?').count();
      Object[] args = new Object[params];
      for (int i = 0; i < params; i++) {
        args[i] = (sql.contains("email LIKE ?") || sql.contains("address LIKE ?")) && i == params - 1 ? likeLower
            : like;
      }
      n += jdbc.queryForObject(sql, Long.class, args);
    }
    return n;
  }
}
