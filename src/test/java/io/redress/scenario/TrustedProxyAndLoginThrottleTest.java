package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application behind a proxy it trusts (here: 127.0.0.1, where the tests connect from): the proxy's
 * X-Forwarded-Proto makes requests secure (HSTS, Secure session cookie), its X-Forwarded-For is the client's address.
 * That address is what the login throttle counts by, so each test here plays clients at addresses of its own
 * (TEST-NET-3, 203.0.113.0/24). The throttle's blocks are shortened to seconds so that their end can be seen.
 * (ApiAnswersTest shows the default: no proxy trusted, the same headers ignored.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:redress-proxy-test;DB_CLOSE_DELAY=-1",
    "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
    "redress.security.login-throttle.free-failures=5",
    "redress.security.login-throttle.address-free-failures=8",
    "redress.security.login-throttle.block=2s",
    "redress.security.login-throttle.max-block=4s"})
@ActiveProfiles({"test", "demo"})
class TrustedProxyAndLoginThrottleTest {

  /** In a JVM of its own (pom: surefire execution trusted-proxy), so the engine keeps the default name. */
  private static final String ENGINE = "default";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;

  private final HttpClient http = HttpClient.newHttpClient();
  private final java.util.Map<HttpClient, String> tokens = new java.util.HashMap<>();

  // ------------------------------------------------------------------ a trusted proxy

  @Test
  void aTrustedProxysHttpsMakesCookiesSecureAndSendsHsts() throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> viaProxy = client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/" + ENGINE))
        .header("X-XSRF-TOKEN", "Fetch").header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.1")
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(viaProxy.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .startsWith("JSESSIONID").containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly"));
    assertThat(viaProxy.headers().firstValue("Strict-Transport-Security")).isPresent();
    HttpResponse<String> plain = HttpClient.newBuilder().cookieHandler(new CookieManager()).build().send(
        HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/" + ENGINE)).header("X-XSRF-TOKEN", "Fetch").GET()
            .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(plain.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .startsWith("JSESSIONID").doesNotContainIgnoringCase("Secure"));
    assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
    // the client's address is the one the proxy forwarded: the audit log has it
    send(basic("proxiednobody", "wrong", "/api/complaints", "203.0.113.2"));
    assertThat(jdbc.queryForList("SELECT remote_address FROM audit_event WHERE actor = 'proxiednobody'",
        String.class)).contains("203.0.113.2");
  }

  // ------------------------------------------------------------------ the login throttle

  @Test
  void basicAuthIsThrottledPerAccountAndAddressAndTheBlockEnds() throws Exception {
    user("throttledapi", "right-password");
    String attacker = "203.0.113.10";
    for (int i = 1; i <= 6; i++) {
      assertThat(send(basic("throttledapi", "guess" + i, "/api/complaints", attacker)).statusCode())
          .as("failure %d is answered as a failure", i).isEqualTo(401);
    }
    // the sixth failure started a block: not even the right password is checked from there
    HttpResponse<String> blocked = send(basic("throttledapi", "right-password", "/api/complaints", attacker));
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(s ->
        assertThat(Integer.parseInt(s)).isBetween(1, 2));
    assertThat(blocked.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    JsonNode problem = Api.json(blocked);
    assertThat(problem.path("status").asInt()).isEqualTo(429);
    assertThat(problem.path("type").asText()).isEqualTo("https://redress.example/problems/too-many-login-failures");
    assertThat(problem.path("detail").asText()).startsWith("Too many failed logins. Try again in");
    // the engine REST API: the same count, its own error shape
    HttpResponse<String> engine = send(basic("throttledapi", "right-password", "/engine-rest/engine", attacker));
    assertThat(engine.statusCode()).isEqualTo(429);
    assertThat(engine.headers().firstValue("Retry-After")).isPresent();
    assertThat(Api.json(engine).path("message").asText()).startsWith("Too many failed logins");

    // the owner, elsewhere, is not locked out by someone else's guesses
    assertThat(send(basic("throttledapi", "right-password", "/api/complaints", "203.0.113.11")).statusCode())
        .isEqualTo(200);
    // and the block ends by itself
    Thread.sleep(2_200);
    assertThat(send(basic("throttledapi", "right-password", "/api/complaints", attacker)).statusCode())
        .isEqualTo(200);
  }

  /** Camunda's own lock (after 10 failures, until an administrator unlocks) is gone: failures never lock. */
  @Test
  void manyFailuresFromManyAddressesNeverLockTheAccount() throws Exception {
    user("neverlocked", "right-password");
    for (int i = 0; i < 15; i++) {
      assertThat(send(basic("neverlocked", "guess" + i, "/engine-rest/engine", "203.0.113." + (30 + i % 4)))
          .statusCode()).isIn(401, 429);
    }
    assertThat(send(basic("neverlocked", "right-password", "/api/complaints", "203.0.113.40")).statusCode())
        .isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT LOCK_EXP_TIME_ FROM ACT_ID_USER WHERE ID_ = 'neverlocked'",
        java.sql.Timestamp.class)).isNull();
  }

  @Test
  void oneAddressGuessingManyAccountsIsThrottled() throws Exception {
    String sprayer = "203.0.113.20";
    for (int i = 1; i <= 9; i++) {
      assertThat(send(basic("sprayed-" + i, "Winter2026!", "/api/complaints", sprayer)).statusCode()).isEqualTo(401);
    }
    // beyond the address's free failures every account is refused from there, for a while
    HttpResponse<String> r = send(basic("fiona", "demo", "/api/complaints", sprayer));
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(send(basic("fiona", "demo", "/api/complaints", "203.0.113.21")).statusCode()).isEqualTo(200);
  }

  /** The webapps' login form: the 429's message is what Tasklist's login page shows under "Login Failed". */
  @Test
  void theWebappLoginIsThrottledWithAMessageTheLoginPageShows() throws Exception {
    user("throttledweb", "right-password");
    String from = "203.0.113.50";
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    for (int i = 1; i <= 6; i++) {
      HttpResponse<String> failed = webappLogin(client, "throttledweb", "guess" + i, from);
      assertThat(failed.statusCode()).as(failed.body()).isEqualTo(401);
    }
    HttpResponse<String> blocked = webappLogin(client, "throttledweb", "right-password", from);
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    assertThat(blocked.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    assertThat(Api.json(blocked).path("message").asText()).matches("Too many failed logins\\. Try again in \\d+ "
        + "seconds?\\.");
    assertThat(webappLogin(client, "throttledweb", "right-password", "203.0.113.51").statusCode()).isEqualTo(200);
    Thread.sleep(2_200);
    HttpClient later = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(webappLogin(later, "throttledweb", "right-password", from).statusCode()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ helpers

  private void user(String id, String password) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User u = identityService.newUser(id);
      u.setPassword(password);
      identityService.saveUser(u);
      identityService.createMembership(id, "frontline");
    }
  }

  private HttpRequest.Builder basic(String user, String password, String path, String from) {
    return HttpRequest.newBuilder(uri(path)).header("X-Forwarded-For", from).header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).GET();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> webappLogin(HttpClient client, String user, String password, String from)
      throws Exception {
    // as the webapps do: the CSRF token is fetched once per session (Camunda hands it out once)
    String token = tokens.computeIfAbsent(client, c -> {
      try {
        return c.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/" + ENGINE))
            .header("X-XSRF-TOKEN", "Fetch").header("X-Forwarded-For", from).GET().build(),
            HttpResponse.BodyHandlers.ofString()).headers().firstValue("X-XSRF-TOKEN").orElseThrow();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    return client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/" + ENGINE + "/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .header("X-Forwarded-For", from)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
