package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Over HTTP: every answer of the complaint API is an RFC 9457 problem that says what is wrong (all bad
 * fields at once, the real reason of a 409); forwarded headers sent by a client straight to the application change
 * nothing; intake never renames a known customer.
 */
@RedressSpringTest
class ApiAnswersTest {

  private static final String PROBLEM_JSON = "application/problem+json";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private Api api() {
    return new Api(port);
  }

  // ------------------------------------------------------------------ problems

  @Test
  void badQueryParametersAreAllNamedInOneProblem() throws Exception {
    HttpResponse<String> r = api().send("fiona", "GET", "/api/complaints?page=abc&overdue=maybe&size=x", null);
    assertProblem(r, 400);
    assertThat(Api.json(r).path("type").asText()).isEqualTo("https://redress.example/problems/invalid-complaint");
    assertThat(Api.json(r).path("errors").findValuesAsText("field")).containsExactly("overdue", "page", "size");
    assertThat(Api.json(r).path("errors").findValuesAsText("message"))
        .containsExactly("must be true or false", "must be a whole number", "must be a whole number");
  }

  @Test
  void aBodyWithAnUnknownFieldStillNamesEveryOtherBadField() throws Exception {
    long before = jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Long.class);
    HttpResponse<String> r = api().send(api().raw("fiona", "POST", "/api/complaints", "application/json", """
        {"customer": {"name": "", "phone": "call 13800000002 now", "nickname": "x"}, "channel": "fax",
         "colour": "red", "amountClaimed": "12", "description": "Parcel late"}"""));
    assertProblem(r, 400);
    JsonNode errors = Api.json(r).path("errors");
    assertThat(errors.findValuesAsText("field")).containsExactly("amountClaimed", "channel", "colour",
        "customer.name", "customer.nickname", "customer.phone");
    assertThat(errors.findValuesAsText("message")).containsExactly("has the wrong type: a number expected",
        "must be one of: phone, chat, email, social, web, letter, visit", "is not a known field", "is required",
        "is not a known field", "must be a phone number of 6 to 20 digits");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Long.class)).isEqualTo(before);
  }

  @Test
  void anEncodedSlashInTheIdIsAnUnknownComplaintNotTomcatsPage() throws Exception {
    HttpResponse<String> r = api().send("fiona", "GET", "/api/complaints/CMP%2F2026%2F1", null);
    assertProblem(r, 404);
    assertThat(Api.json(r).path("detail").asText()).isEqualTo("No complaint CMP/2026/1");
    HttpResponse<String> customer = api().send("fiona", "GET", "/api/customers/a%2Fb", null);
    assertProblem(customer, 404);
    // elsewhere an encoded slash stays refused (before any path matching), as JSON rather than an HTML page
    HttpResponse<String> engine = api().send("fiona", "GET", "/engine-rest/task%2Fx", null);
    assertThat(engine.statusCode()).isEqualTo(400);
    assertThat(engine.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    HttpResponse<String> dotted = api().send("fiona", "GET", "/api/%2E%2E/engine-rest/task%2Fx", null);
    assertThat(dotted.statusCode()).isEqualTo(400);
    assertThat(dotted.body()).doesNotContain("<html");
  }

  @Test
  void methodNotAllowedAndNotAcceptableAreProblems() throws Exception {
    HttpResponse<String> delete = api().send("fiona", "DELETE", "/api/complaints", null);
    assertProblem(delete, 405);
    assertThat(delete.headers().firstValue("Allow")).get().asString().contains("GET").contains("POST");
    HttpResponse<String> html = api().send(api().raw("fiona", "GET", "/api/complaints", null, null)
        .setHeader("Accept", "text/html"));
    assertProblem(html, 406);
  }

  @Test
  void aConflictSaysItsRealReason() throws Exception {
    String id = new Cases(api()).intake(10);
    HttpResponse<String> notWaiting = api().send("hank", "POST", "/api/complaints/" + id + "/resumption", null);
    assertProblem(notWaiting, 409);
    assertThat(Api.json(notWaiting).path("type").asText())
        .isEqualTo("https://redress.example/problems/complaint-not-waiting");
    assertThat(api().send("hank", "POST", "/api/complaints/" + id + "/pause", Map.of("reason", "Receipt"))
        .statusCode()).isEqualTo(200);
    HttpResponse<String> again = api().send("hank", "POST", "/api/complaints/" + id + "/pause",
        Map.of("reason", "Receipt again"));
    assertProblem(again, 409);
    assertThat(Api.json(again).path("type").asText())
        .isEqualTo("https://redress.example/problems/complaint-already-waiting");
    assertThat(Api.json(again).path("detail").asText()).contains("already waits on the customer");
    assertThat(api().send("fiona", "POST", "/api/complaints/" + id + "/withdrawal", Map.of("reason", "Settled"))
        .statusCode()).isEqualTo(200);
    HttpResponse<String> closed = api().send("hank", "POST", "/api/complaints/" + id + "/pause",
        Map.of("reason", "Too late"));
    assertProblem(closed, 409);
    assertThat(Api.json(closed).path("type").asText()).isEqualTo("https://redress.example/problems/complaint-closed");
  }

  // ------------------------------------------------------------------ the table's last two rows

  /** Forwarded headers straight from a client (no proxy is trusted by default) change nothing. */
  @Test
  void forwardedHeadersFromAClientAreIgnored() throws Exception {
    for (Map<String, String> headers : List.of(
        Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443"),
        Map.of("Forwarded", "for=203.0.113.9;host=evil.example;proto=https"))) {
      HttpRequest.Builder docs = api().raw("fiona", "GET", "/v3/api-docs", null, null);
      headers.forEach(docs::header);
      HttpResponse<String> doc = api().send(docs);
      assertThat(doc.statusCode()).isEqualTo(200);
      assertThat(doc.body()).doesNotContain("evil.example");
      assertThat(Api.json(doc).at("/servers/0/url").asText()).isEqualTo("/");
      assertThat(doc.headers().firstValue("Strict-Transport-Security")).isEmpty();

      HttpRequest.Builder session = HttpRequest.newBuilder(URI.create("http://localhost:" + port
          + "/camunda/api/admin/auth/user/default")).header("X-XSRF-TOKEN", "Fetch").GET();
      headers.forEach(session::header);
      HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      HttpResponse<String> webapp = client.send(session.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(webapp.headers().firstValue("Strict-Transport-Security")).isEmpty();
      assertThat(webapp.headers().allValues("Set-Cookie")).isNotEmpty().allSatisfy(c ->
          assertThat(c).doesNotContainIgnoringCase("Secure"));
      assertThat(webapp.headers().firstValue("Location").orElse("")).doesNotContain("evil.example");
    }
    // nor the address the audit log records
    api().send(api().request("nobody-forwarded", "wrong", "GET", "/api/complaints", null)
        .header("X-Forwarded-For", "203.0.113.77"));
    assertThat(jdbc.queryForList("SELECT remote_address FROM audit_event WHERE actor = 'nobody-forwarded'",
        String.class)).isNotEmpty().noneMatch(a -> a.contains("203.0.113.77"));
  }

  /** An existing customer's e-mail with another name and number: a new complaint, the record as it was. */
  @Test
  void intakeNeverRenamesAKnownCustomer() throws Exception {
    HttpResponse<String> first = api().send("fiona", "POST", "/api/complaints", Map.of(
        "customer", Map.of("name", "Zhou Min", "phone", "13700001111", "email", "zhou.min@example.org"),
        "channel", "email", "description", "Refund not received"));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    String customer = Api.json(first).at("/customer/id").asText();

    HttpResponse<String> second = api().send("fiona", "POST", "/api/complaints", Map.of(
        "customer", Map.of("name", "Mallory Renamed", "phone", "13900009999", "email", "ZHOU.MIN@example.org",
            "tier", "vip"),
        "channel", "email", "description", "Another complaint"));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    String number = Api.json(second).path("id").asText();
    assertThat(Api.json(second).at("/customer/id").asText()).isEqualTo(customer);

    Map<String, Object> row = jdbc.queryForMap("SELECT name, phone, email, tier FROM customer WHERE customer_id = ?",
        customer);
    assertThat(row.get("NAME")).isEqualTo("Zhou Min");
    assertThat(row.get("PHONE")).isEqualTo("13700001111");
    assertThat(row.get("TIER")).isEqualTo("standard");

    JsonNode record = Api.json(api().send("fiona", "GET", "/api/customers/" + customer, null));
    assertThat(record.path("name").asText()).isEqualTo("Zhou Min");
    assertThat(record.path("phone").asText()).isEqualTo("137****1111");
    JsonNode other = record.path("otherDetails");
    assertThat(other.findValuesAsText("detail")).containsExactlyInAnyOrder("name", "phone", "tier");
    assertThat(other.findValuesAsText("complaint")).containsOnly(number);
    assertThat(other.toString()).contains("Mallory Renamed").contains("139****9999").doesNotContain("13900009999");
    // the same beside the case, masked alike
    JsonNode onTheCase = Api.json(api().send("fiona", "GET", "/api/complaints/" + number, null));
    assertThat(onTheCase.at("/customer/otherDetails")).isEqualTo(other);
    // a third complaint with the same new name does not record it twice
    assertThat(api().send("fiona", "POST", "/api/complaints", Map.of("customer", Map.of("name", "Mallory Renamed",
        "email", "zhou.min@example.org"), "channel", "email", "description", "Third")).statusCode()).isEqualTo(201);
    assertThat(Api.json(api().send("fiona", "GET", "/api/customers/" + customer, null)).path("otherDetails"))
        .hasSize(3);

    // erasure takes this history with it
    HttpResponse<String> erased = api().send("maria", "POST", "/api/customers/" + customer + "/erasure",
        Map.of("reason", "Customer asked"));
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_detail WHERE customer_id = ?", Long.class,
        customer)).isZero();
    assertThat(Api.json(api().send("fiona", "GET", "/api/customers/" + customer, null)).path("otherDetails"))
        .isEmpty();
  }

  private static void assertProblem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith(PROBLEM_JSON);
    assertThat(Api.json(r).path("status").asInt()).isEqualTo(status);
    assertThat(Api.json(r).path("title").asText()).isNotBlank();
  }
}
