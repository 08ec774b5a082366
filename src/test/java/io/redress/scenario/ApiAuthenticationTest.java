package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The doors of the complaint API and the engine REST API as Spring Security keeps them (issue 19): HTTP Basic
 * against Camunda's users on both, the webapp session with its XSRF token on the complaint API, the groups that work
 * on complaints for the API and any user for its documentation, the answers of a refusal, and no session of its own.
 */
@RedressSpringTest
class ApiAuthenticationTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private Api api() {
    return new Api(port);
  }

  @Test
  void withoutCredentialsTheApiAnswersAProblemWithABasicChallenge() throws Exception {
    for (HttpResponse<String> r : new HttpResponse[] {
        api().send(null, "GET", "/api/complaints", null),
        api().send(api().request("fiona", "wrong", "GET", "/api/complaints", null)),
        api().send(api().raw(null, "GET", "/api/complaints", null, null).header("Authorization", "Basic %%%"))}) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Redress\", charset=\"UTF-8\"");
      assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
      JsonNode problem = Api.json(r);
      assertThat(problem.path("status").asInt()).isEqualTo(401);
      assertThat(problem.path("title").asText()).isEqualTo("Unauthorized");
      assertThat(problem.path("instance").asText()).isEqualTo("/api/complaints");
      assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    }
    HttpResponse<String> ok = api().send("fiona", "GET", "/api/complaints", null);
    assertThat(ok.statusCode()).isEqualTo(200);
    // Spring Security keeps no session of its own: every request brings its credentials
    assertThat(ok.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void onlyTheGroupsThatWorkOnComplaintsUseTheApiAndAnyUserReadsItsDocumentation() throws Exception {
    HttpResponse<String> analyst = api().send("ana", "GET", "/api/complaints", null);
    assertThat(analyst.statusCode()).isEqualTo(403);
    assertThat(Api.json(analyst).path("detail").asText())
        .isEqualTo("Only the groups that work on complaints may use this API.");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE actor = 'ana' AND action = "
        + "'access-denied' AND target = 'GET /api/complaints'", Long.class)).isPositive();
    assertThat(api().send("ana", "GET", "/v3/api-docs", null).statusCode()).isEqualTo(200);
    assertThat(api().send(null, "GET", "/v3/api-docs", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theWebappSessionOpensTheApiAndAChangeNeedsItsXsrfToken() throws Exception {
    WebappSession fiona = WebappSession.login(port, "fiona", "tasklist");
    assertThat(fiona.send("GET", "/api/complaints", null, false).statusCode()).isEqualTo(200);
    HttpResponse<String> forged = fiona.send("POST", "/api/complaints", Map.of(), false);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    assertThat(Api.json(forged).path("detail").asText()).contains("X-XSRF-TOKEN");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE actor = 'fiona' AND detail = "
        + "'missing CSRF token'", Long.class)).isPositive();
    // with the token the request reaches the API, which finds the empty complaint wanting
    HttpResponse<String> checked = fiona.send("POST", "/api/complaints", Map.of(), true);
    assertThat(checked.statusCode()).as(checked.body()).isEqualTo(400);
    assertThat(Api.json(checked).path("errors").findValuesAsText("field")).contains("description");
  }

  @Test
  void theEngineRestApiAsksForBasicAndRunsAsTheUser() throws Exception {
    for (String path : new String[] {"/engine-rest/task", "/engine-rest/engine", "/engine-rest/engine/"}) {
      HttpResponse<String> r = api().send(null, "GET", path, null);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Basic realm=\"default\"");
    }
    assertThat(api().send(api().request("fiona", "wrong", "GET", "/engine-rest/task", null)).statusCode())
        .isEqualTo(401);
    // the guard behind Spring Security knows the caller: her own profile, not another's
    assertThat(api().send("fiona", "GET", "/engine-rest/filter", null).statusCode()).isEqualTo(200);
    HttpResponse<String> profile = api().send("fiona", "GET", "/engine-rest/user/fiona/profile", null);
    assertThat(Api.json(profile).path("id").asText()).isEqualTo("fiona");
    assertThat(api().send("fiona", "GET", "/engine-rest/user/tom/profile", null).statusCode()).isEqualTo(403);
    assertThat(api().send("fiona", "GET", "/engine-rest/engine/nowhere/task", null).statusCode()).isEqualTo(404);
  }
}
