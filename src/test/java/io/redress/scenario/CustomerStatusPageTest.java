package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The customers' status page over HTTP, as a browser's script or a stranger would call it: no login. The
 * application trusts a proxy at 127.0.0.1 (where the tests connect from), so each test plays customers at an
 * address of its own (X-Forwarded-For, TEST-NET-3) and the per-address limits of one test do not reach another.
 * In a JVM of its own (pom: surefire execution restart).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-track-test;DB_CLOSE_DELAY=-1",
    "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
    "redress.tracking.base-url=https://complaints.example"})
@ActiveProfiles({"test", "demo"})
class CustomerStatusPageTest {

  private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
  private static final Pattern LINK = Pattern.compile("https://complaints\\.example/track#t=([A-Za-z0-9_.-]+)");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private Api api;
  private String address;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    address = "203.0.113." + ADDRESSES.getAndIncrement();
  }

  // ------------------------------------------------------------------ look-up

  @Test
  void theRightNumberAndContactShowTheCaseAndAWrongNumberOrContactAnswerAlike() throws Exception {
    String number = complaint("13800138123", "li.na@example.com", false);
    JsonNode byPhone = Api.json(track("lookup", Map.of("number", number, "contact", "+86 138-0013-8123"), 200));
    assertThat(byPhone.get("number").asText()).isEqualTo(number);
    assertThat(byPhone.get("stage").asText()).isEqualTo("received");
    assertThat(byPhone.get("open").asBoolean()).isTrue();
    assertThat(byPhone.get("nextDate").asText()).isNotBlank();
    assertThat(Instant.parse(byPhone.get("nextDate").asText())).isAfter(Instant.now());
    assertThat(byPhone.get("token").asText()).isNotBlank();
    // what we sent: the acknowledgement, without the salutation that holds the name on the case
    assertThat(byPhone.get("messages").findValuesAsText("direction")).contains("to-customer");
    assertThat(byPhone.toString()).contains(number).doesNotContain("李娜").doesNotContain("13800138123")
        .doesNotContain("li.na@example.com");
    assertThat(Api.json(track("lookup", Map.of("number", number.toLowerCase(), "contact", "LI.NA@example.com"), 200))
        .get("number").asText()).isEqualTo(number);

    HttpResponse<String> wrongPhone = send("lookup", Map.of("number", number, "contact", "13800138124"));
    HttpResponse<String> wrongNumber = send("lookup", Map.of("number", "CMP-1999-999999", "contact", "13800138123"));
    HttpResponse<String> wrongBoth = send("lookup", Map.of("number", "CMP-1999-999998", "contact", "x@example.com"));
    for (HttpResponse<String> wrong : List.of(wrongPhone, wrongNumber, wrongBoth)) {
      assertThat(wrong.statusCode()).isEqualTo(404);
      assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(wrong.body()).isEqualTo(wrongPhone.body()).doesNotContain(number);
    }
  }

  @Test
  void afterTenFailedLookupsFromOneAddressItAnswers429WithRetryAfter() throws Exception {
    String number = complaint("13900139001", null, false);
    for (int i = 1; i <= 10; i++) {
      assertThat(send("lookup", Map.of("number", number, "contact", "1390013900" + (i % 10 == 1 ? 2 : i % 10)))
          .statusCode()).as("failure %d", i).isEqualTo(404);
    }
    HttpResponse<String> blocked = send("lookup", Map.of("number", number, "contact", "13900139001"));
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    long retryAfter = Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(3000L, 3600L);
    // the right answer does not get through either, nor a token; another address still does
    assertThat(send("open", Map.of("token", "x.y")).statusCode()).isEqualTo(429);
    address = "203.0.113." + ADDRESSES.getAndIncrement();
    assertThat(send("lookup", Map.of("number", number, "contact", "13900139001")).statusCode()).isEqualTo(200);
  }

  @Test
  void badLookupsAre400NamingTheField() throws Exception {
    HttpResponse<String> bad = send("lookup", Map.of("number", ""));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Api.json(bad).get("errors").findValuesAsText("field")).contains("number", "contact");
  }

  // ------------------------------------------------------------------ links

  @Test
  void theAcknowledgementsLinkOpensTheCaseAndForgedOrExpiredTokensDoNot() throws Exception {
    String number = complaint("13700137001", null, false);
    String body = jdbc.queryForObject("SELECT body FROM outbound_message WHERE complaint_number = ? "
        + "AND template = 'acknowledgement'", String.class, number);
    Matcher link = LINK.matcher(body);
    assertThat(link.find()).as("a link in: %s", body).isTrue();
    String token = link.group(1);
    JsonNode opened = Api.json(track("open", Map.of("token", token), 200));
    assertThat(opened.get("number").asText()).isEqualTo(number);

    HttpResponse<String> reference = send("lookup", Map.of("number", number, "contact", "0"));
    // another case's number under this signature, a changed signature, garbage: the failed look-up's answer
    String payload = token.substring(0, token.indexOf('.'));
    String signature = token.substring(token.indexOf('.') + 1);
    String otherNumber = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        (number.replace("-0", "-9") + "|" + (Instant.now().getEpochSecond() + 3600)).getBytes());
    String flipped = signature.charAt(0) == 'A' ? "B" + signature.substring(1) : "A" + signature.substring(1);
    for (String forged : List.of(otherNumber + "." + signature, payload + "." + flipped, "garbage", payload)) {
      HttpResponse<String> refused = send("open", Map.of("token", forged));
      assertThat(refused.statusCode()).as(forged).isEqualTo(404);
      assertThat(refused.body().replace("/api/track/open", "/api/track/lookup")).isEqualTo(reference.body());
    }
    // expired: signed with the application's key, a second in the past
    String expired = sign(number, Instant.now().minusSeconds(1));
    assertThat(send("open", Map.of("token", expired)).statusCode()).isEqualTo(404);
    assertThat(send("open", Map.of("token", sign(number, Instant.now().plusSeconds(60)))).statusCode())
        .isEqualTo(200);
    // a forged token cannot write either
    assertThat(send("messages", Map.of("token", payload + "." + flipped, "text", "hello")).statusCode())
        .isEqualTo(404);
  }

  @Autowired org.springframework.context.ApplicationContext context;

  /** A token as the application signs it (its own signer, by reflection: the class is the module's own). */
  private String sign(String number, Instant expiry) throws Exception {
    Object tokens = context.getBean(Class.forName("io.redress.tracking.TrackingTokens"));
    var method = tokens.getClass().getDeclaredMethod("sign", String.class, Instant.class);
    method.setAccessible(true);
    return (String) method.invoke(tokens, number, expiry);
  }

  // ------------------------------------------------------------------ the customer writes

  @Test
  void aMessageGoesOnTheCaseAndResumesACaseThatWaitsOnTheCustomer() throws Exception {
    String number = complaint("13600136001", null, false);
    assertThat(api.send("fiona", "POST", "/api/complaints/" + number + "/pause",
        Map.of("reason", "Waiting for the booking confirmation")).statusCode()).isEqualTo(200);
    JsonNode waiting = Api.json(track("lookup", Map.of("number", number, "contact", "13600136001"), 200));
    assertThat(waiting.get("waitingForCustomer").asBoolean()).isTrue();
    assertThat(waiting.has("nextDate")).isFalse();

    JsonNode after = Api.json(track("messages", Map.of("token", waiting.get("token").asText(),
        "text", "Here is the confirmation: TRV-2026-4711."), 200));
    assertThat(after.get("waitingForCustomer").asBoolean()).isFalse();
    assertThat(after.get("messages").findValuesAsText("text")).contains("Here is the confirmation: TRV-2026-4711.");

    JsonNode staff = Api.json(api.send("fiona", "GET", "/api/complaints/" + number, null));
    assertThat(staff.has("pausedAt")).isFalse();
    assertThat(staff.get("messages").findValuesAsText("text")).contains("Here is the confirmation: TRV-2026-4711.");
    assertThat(staff.get("timeline").findValuesAsText("type")).contains("customer-message");
    assertThat(staff.get("timeline").findValuesAsText("type")).contains("resumed");

    HttpResponse<String> empty = send("messages", Map.of("token", after.get("token").asText(), "text", " "));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(Api.json(empty).get("errors").findValuesAsText("field")).containsExactly("text");
  }

  @Test
  void theSurveyIsRecordedAsTheFeedbackStageRecordsIt() throws Exception {
    String number = complaint("13500135001", null, true);
    JsonNode asked = Api.json(track("lookup", Map.of("number", number, "contact", "13500135001"), 200));
    assertThat(asked.get("stage").asText()).isEqualTo("resolved");
    assertThat(asked.get("feedbackRequested").asBoolean()).isTrue();
    String token = asked.get("token").asText();

    HttpResponse<String> bad = send("feedback", Map.of("token", token, "satisfaction", "ecstatic", "attitude", 6));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Api.json(bad).get("errors").findValuesAsText("field")).contains("satisfaction", "attitude");

    Map<String, Object> survey = new LinkedHashMap<>();
    survey.put("token", token);
    survey.put("satisfaction", "satisfied");
    survey.put("attitude", 5);
    survey.put("speed", 3);
    survey.put("effectiveness", 4);
    survey.put("comment", "Quick refund, thank you.");
    JsonNode answered = Api.json(track("feedback", survey, 200));
    assertThat(answered.get("feedbackRequested").asBoolean()).isFalse();
    assertThat(answered.get("feedbackGiven").asBoolean()).isTrue();

    JsonNode staff = Api.json(api.send("fiona", "GET", "/api/complaints/" + number, null));
    JsonNode feedback = staff.get("feedback").get(0);
    assertThat(feedback.get("satisfaction").asText()).isEqualTo("satisfied");
    assertThat(feedback.get("attitude").asInt()).isEqualTo(5);
    assertThat(feedback.get("speed").asInt()).isEqualTo(3);
    assertThat(feedback.get("effectiveness").asInt()).isEqualTo(4);
    assertThat(feedback.get("comment").asText()).isEqualTo("Quick refund, thank you.");
    assertThat(feedback.get("recordedBy").asText()).isEqualTo("customer");
    // not asked any more: a second answer is refused
    survey.put("token", answered.get("token").asText());
    assertThat(send("feedback", survey).statusCode()).isEqualTo(409);
  }

  @Test
  void theStaffsInternalNotesAreNeverShown() throws Exception {
    String number = complaint("13400134001", null, false);
    // a staff reply is a message to the customer; a pause reason is the staff's own
    api.send("fiona", "POST", "/api/complaints/" + number + "/pause", Map.of("reason", "INTERNAL-PAUSE-NOTE"));
    api.send("fiona", "POST", "/api/complaints/" + number + "/replies", Map.of("text", "We are on it."));
    JsonNode seen = Api.json(track("lookup", Map.of("number", number, "contact", "13400134001"), 200));
    assertThat(seen.get("messages").findValuesAsText("text")).anySatisfy(t -> assertThat(t).contains("We are on it."));
    String all = seen.toString();
    assertThat(all).doesNotContain("INTERNAL-PAUSE-NOTE").doesNotContain("fiona").doesNotContain("timeline")
        .doesNotContain("Broken luggage handle, please help").doesNotContain("ORD-");
    List<String> fields = new java.util.ArrayList<>();
    seen.fieldNames().forEachRemaining(fields::add);
    // paused: no date promised, so no nextDate; nothing beyond these
    assertThat(fields).containsExactlyInAnyOrder("number", "stage", "receivedAt", "zone",
        "waitingForCustomer", "open", "feedbackRequested", "feedbackGiven", "messages", "token");
  }

  // ------------------------------------------------------------------ the public form

  @Test
  void thePublicFormTakesAComplaintInByWebAndSendsTheNumber() throws Exception {
    Map<String, Object> form = publicForm("13300133001", "");
    HttpResponse<String> taken = send("complaints", form);
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
    String number = Api.json(taken).get("number").asText();
    assertThat(number).matches("CMP-\\d{4}-\\d{6}");
    JsonNode staff = Api.json(api.send("fiona", "GET", "/api/complaints/" + number, null));
    assertThat(staff.get("channel").asText()).isEqualTo("web");
    assertThat(staff.get("customer").get("tier").asText()).isEqualTo("standard");
    assertThat(jdbc.queryForObject("SELECT body FROM outbound_message WHERE complaint_number = ? "
        + "AND template = 'acknowledgement'", String.class, number)).contains(number).contains("/track#t=");
    assertThat(Api.json(track("lookup", Map.of("number", number, "contact", "13300133001"), 200))
        .get("number").asText()).isEqualTo(number);
  }

  @Test
  void thePublicFormValidatesLikeTheApiAndRefusesAFilledHoneypot() throws Exception {
    long before = count();
    Map<String, Object> invalid = new LinkedHashMap<>();
    invalid.put("customer", Map.of("name", "", "phone", "12"));
    invalid.put("description", "");
    invalid.put("desiredOutcome", "everything");
    HttpResponse<String> bad = send("complaints", invalid);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(Api.json(bad).get("errors").findValuesAsText("field"))
        .contains("customer.name", "customer.phone", "description", "desiredOutcome");
    Map<String, Object> noContact = publicForm(null, "");
    assertThat(Api.json(send("complaints", noContact)).get("errors").findValuesAsText("field"))
        .contains("phoneOrEmail");
    HttpResponse<String> bot = send("complaints", publicForm("13200132001", "http://spam.example"));
    assertThat(bot.statusCode()).isEqualTo(400);
    assertThat(Api.json(bot).get("errors").findValuesAsText("field")).containsExactly("website");
    Map<String, Object> unknown = publicForm("13200132002", "");
    unknown.put("channel", "phone");
    assertThat(send("complaints", unknown).statusCode()).isEqualTo(400);
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void thePublicFormIsLimitedPerAddress() throws Exception {
    for (int i = 1; i <= 5; i++) {
      assertThat(send("complaints", publicForm("1310013100" + i, "")).statusCode()).as("complaint %d", i)
          .isEqualTo(201);
    }
    long before = count();
    HttpResponse<String> sixth = send("complaints", publicForm("13100131006", ""));
    assertThat(sixth.statusCode()).isEqualTo(429);
    assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
    assertThat(count()).isEqualTo(before);
  }

  // ------------------------------------------------------------------ the page

  @Test
  void thePageIsPublicWithItsOwnContentSecurityPolicyAndTheRestStaysClosed() throws Exception {
    HttpResponse<String> page = api.send(api.raw(null, "GET", "/track", null, null).header("Accept", "text/html"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/track/track.js").doesNotContain("<script>");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
    assertThat(api.send(api.raw(null, "GET", "/track/track.js", null, null).header("Accept", "*/*")).statusCode())
        .isEqualTo(200);
    assertThat(api.send(api.raw(null, "GET", "/api/complaints", null, null)).statusCode()).isEqualTo(401);
    // only JSON: a page of another site cannot post its form here
    HttpResponse<String> formPost = api.send(api.raw(null, "POST", "/api/track/lookup",
        "application/x-www-form-urlencoded", "number=x&contact=y").header("X-Forwarded-For", address));
    assertThat(formPost.statusCode()).isEqualTo(415);
  }

  // ------------------------------------------------------------------ helpers

  private long count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Long.class);
  }

  private Map<String, Object> publicForm(String phone, String website) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("name", "王小明");
    if (phone != null) {
      customer.put("phone", phone);
    }
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("customer", customer);
    form.put("description", "The tour bus left without us at the hotel.");
    form.put("desiredOutcome", "refund");
    form.put("website", website);
    return form;
  }

  /** A complaint taken in by staff through the API; resolved at intake: it waits for the feedback. */
  private String complaint(String phone, String email, boolean resolved) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("name", "李娜");
    customer.put("phone", phone);
    if (email != null) {
      customer.put("email", email);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", customer);
    body.put("channel", "chat");
    body.put("description", "Broken luggage handle, please help");
    if (resolved) {
      body.put("resolvedAtIntake", true);
      body.put("resolution", "Refunded the repair.");
    }
    HttpResponse<String> created = api.send("fiona", "POST", "/api/complaints", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Api.json(created).get("id").asText();
  }

  private HttpResponse<String> send(String path, Object body) throws Exception {
    return api.send(api.request(null, null, "POST", "/api/track/" + path, body).header("X-Forwarded-For", address)
        .timeout(Duration.ofSeconds(30)));
  }

  private HttpResponse<String> track(String path, Object body, int status) throws Exception {
    HttpResponse<String> response = send(path, body);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(status);
    return response;
  }
}
