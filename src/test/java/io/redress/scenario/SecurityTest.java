package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Security over HTTP, as the demo users: authentication everywhere, authorization on the server whatever
 * the client sends, the hardening, and the audit log.
 */
@RedressSpringTest
class SecurityTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;

  private Api api() {
    return new Api(port);
  }

  // ------------------------------------------------------------------ 1. authentication everywhere

  @Test
  void nothingButHealthIsOpen() throws Exception {
    for (String path : List.of("/api/complaints", "/api/customers/x", "/v3/api-docs.yaml", "/swagger-ui.html",
        "/engine-rest/task", "/engine-rest/deployment", "/engine-rest/user", "/engine-rest/engine",
        "/camunda/api/engine/engine/default/task", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
        "/v3/api-docs", "/actuator/env", "/actuator/info")) {
      HttpResponse<String> r = api().send(null, "GET", path, null);
      assertThat(r.statusCode()).as(path).isIn(401, 403, 404);
    }
    assertThat(api().send(null, "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(api().send("fiona", "GET", "/v3/api-docs", null).statusCode()).isEqualTo(200);
    assertThat(api().send("fiona", "GET", "/engine-rest/engine", null).statusCode()).isEqualTo(200);
  }

  @Test
  void passwordsAreHashedWithASlowKeyDerivationFunction() {
    String hash = jdbc.queryForObject("SELECT PWD_ FROM ACT_ID_USER WHERE ID_ = 'fiona'", String.class);
    assertThat(hash).startsWith("{PBKDF2-SHA256}20000$").doesNotContain("demo");
  }

  @Test
  void aFailedLoginIsAuditedAndDoesNotLockTheAccount() throws Exception {
    user("tess", "right-password", "frontline");
    HttpResponse<String> wrong = api().send(api().request("tess", "wrong", "GET", "/engine-rest/task?maxResults=1",
        null));
    assertThat(wrong.statusCode()).isEqualTo(401);
    // one failure neither delays nor locks (the throttle per account and address: TrustedProxyAndLoginThrottleTest)
    assertThat(api().send(api().request("tess", "right-password", "GET", "/engine-rest/task?maxResults=1", null))
        .statusCode()).isEqualTo(200);
    assertThat(audit("authentication-failed", "tess")).isPositive();
    // an attempted user name that is an e-mail address is not written down
    api().send(api().request("someone@example.org", "x", "GET", "/api/complaints", null));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE actor LIKE '%example.org%'",
        Integer.class)).isZero();
    assertThat(audit("authentication-failed", "[email]")).isPositive();
  }

  // ------------------------------------------------------------------ 2. authorization on the server

  @Test
  void cockpitIsForAnalystsAndAdministratorsOnly() throws Exception {
    HttpClient ana = newClient();
    assertThat(webappLogin(ana, "ana", "cockpit").statusCode()).isEqualTo(200);
    // Cockpit's process list works under the query limit (its plugin asks without maxResults)
    HttpResponse<String> statistics = ana.send(HttpRequest.newBuilder(uri(
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics?sortBy=name&sortOrder=asc"))
        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
    assertThat(statistics.body()).contains("complaint-handling");
    assertThat(webappLogin(newClient(), "admin", "cockpit").statusCode()).isEqualTo(200);
    assertThat(webappLogin(newClient(), "sam", "cockpit").statusCode()).isEqualTo(403);
    assertThat(webappLogin(newClient(), "fiona", "cockpit").statusCode()).isEqualTo(403);
    assertThat(webappLogin(newClient(), "sam", "tasklist").statusCode()).isEqualTo(200);
    assertThat(webappLogin(newClient(), "sam", "admin").statusCode()).isEqualTo(403);
    assertThat(audit("access-denied", "sam")).isPositive();
  }

  @Test
  void theComplaintApiIsForTheGroupsWorkingOnComplaints() throws Exception {
    assertThat(api().send("ana", "GET", "/api/complaints", null).statusCode()).isEqualTo(403);
    assertThat(api().send("ana", "GET", "/api/customers/x", null).statusCode()).isEqualTo(403);
    assertThat(api().send("sam", "GET", "/api/complaints", null).statusCode()).isEqualTo(200);
    assertThat(audit("access-denied", "ana")).isPositive();
  }

  @Test
  void onlyAnalystsDeploy() throws Exception {
    assertThat(deploy("sam").statusCode()).isEqualTo(403);
    assertThat(deploy("hank").statusCode()).isEqualTo(403);
    HttpResponse<String> deployed = deploy("ana");
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    String id = Api.json(deployed).get("id").asText();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'deployment' AND actor = 'ana' "
        + "AND target = ?", Integer.class, "deployment " + id)).isOne();
  }

  @Test
  void approvalsAreHeldToTheAuthorityForTheRecordedAmountWhateverTheVariables() throws Exception {
    Cases cases = new Cases(api());
    String id = cases.atApproval(5000, "hank");
    String approve = cases.task("maria", id, "approveResolution");
    Map<String, Object> forged = Map.of("approved", true, "approvalComment", "fine",
        "compensationAmount", 10, "approverGroup", "supervisors", "major", false);

    // a supervisor neither sees, claims nor completes the managers' task
    assertThat(Api.json(api().send("sam", "GET", "/engine-rest/task?processInstanceBusinessKey=" + id
        + "&maxResults=10", null))).isEmpty();
    assertThat(api().send("sam", "POST", "/engine-rest/task/" + approve + "/claim", Map.of("userId", "sam"))
        .statusCode()).isIn(403, 404);
    assertThat(cases.submit("sam", approve, forged).statusCode()).isIn(400, 403, 404);
    // nor does a manager hand it to them
    assertThat(api().send("maria", "POST", "/engine-rest/task/" + approve + "/assignee", Map.of("userId", "sam"))
        .statusCode()).isEqualTo(403);
    // an administrator works in Admin and Cockpit, not on cases: no completion at all
    HttpResponse<String> byAdmin = cases.submit("admin", approve, forged);
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(403);
    assertThat(byAdmin.body()).doesNotContain("at org.");
    // a supervisor who got hold of the task anyway (assigned by the system): the forged variables are not fields of
    // the approval form, and without them the authority for the recorded amount is missing all the same
    user("sid", "sid-password", "supervisors");
    taskService.setAssignee(approve, "sid");
    HttpResponse<String> forgedBySid = api().send(api().request("sid", "sid-password", "POST", "/engine-rest/task/"
        + approve + "/submit-form", Map.of("variables", Map.of("approved", Map.of("value", true),
        "approvalComment", Map.of("value", "ok"), "compensationAmount", Map.of("value", 10),
        "approverGroup", Map.of("value", "supervisors")))));
    assertThat(forgedBySid.statusCode()).as(forgedBySid.body()).isEqualTo(403);
    assertThat(forgedBySid.body()).contains("approverGroup").contains("compensationAmount");
    HttpResponse<String> bySid = api().send(api().request("sid", "sid-password", "POST", "/engine-rest/task/"
        + approve + "/submit-form", Map.of("variables", Map.of("approved", Map.of("value", true),
        "approvalComment", Map.of("value", "ok")))));
    assertThat(bySid.statusCode()).as(bySid.body()).isEqualTo(403);
    assertThat(bySid.body()).contains("managers").doesNotContain("at org.");
    assertThat(taskService.createTaskQuery().taskId(approve).count()).isOne();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint_event WHERE complaint_number = ? "
        + "AND event_type = 'approved'", Integer.class, id)).isZero();
    assertThat(audit("access-denied", "sid")).isPositive();
    taskService.setAssignee(approve, null);

    // the manager approves: the audit log has the amount the investigator proposed and the authority
    cases.work("maria", approve, Map.of("approved", true, "approvalComment", "receipts seen"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'approval' AND actor = 'maria' "
        + "AND target = ? AND detail = 'amount 5000.00, authority managers' AND outcome = 'approved'",
        Integer.class, id)).isOne();
  }

  @Test
  void theInvestigatorNeverApprovesTheirOwnResolution() throws Exception {
    user("hal", "hal-password", "handlers");
    identityService.createMembership("hal", "managers");
    Cases cases = new Cases(api());
    String id = cases.intake(3000);
    cases.work("fiona", cases.task("fiona", id, "classifyComplaint"), Map.of("category", "billing",
        "nature", "valid", "severity", "general", "major", false));
    cases.work("sam", cases.task("sam", id, "assignComplaint"), Map.of("handler", "hal"));
    String investigate = taskService.createTaskQuery().processInstanceBusinessKey(id).singleResult().getId();
    HttpResponse<String> done = api().send(api().request("hal", "hal-password", "POST", "/engine-rest/task/"
        + investigate + "/submit-form", Map.of("variables", Map.of("findings", Map.of("value", "x"),
        "rootCause", Map.of("value", "y"), "rootCauseCategory", Map.of("value", "other"), "resolutionType", Map.of("value", "refund"),
        "compensationAmount", Map.of("value", 3000)))));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    String approve = taskService.createTaskQuery().processInstanceBusinessKey(id).singleResult().getId();
    HttpResponse<String> own = api().send(api().request("hal", "hal-password", "POST", "/engine-rest/task/"
        + approve + "/submit-form", Map.of("variables", Map.of("approved", Map.of("value", true),
        "approvalComment", Map.of("value", "mine")))));
    assertThat(own.statusCode()).isIn(400, 403);
    assertThat(own.body()).contains("four eyes");
    assertThat(taskService.createTaskQuery().taskId(approve).count()).isOne();
  }

  // ------------------------------------------------------------------ 4. hardening

  @Test
  void expressionsSmuggledThroughOrQueriesAreRefused() throws Exception {
    System.clearProperty("redress.pwned");
    String expression = "${''.getClass().forName('java.lang.System').getMethod('setProperty', ''.getClass(), "
        + "''.getClass()).invoke(null, 'redress.pwned', 'yes')}";
    Map<String, Object> exploit = Map.of("orQueries", List.of(Map.of("assigneeExpression", expression)));
    HttpResponse<String> post = api().send("fiona", "POST", "/engine-rest/task?maxResults=10", exploit);
    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(post.body()).contains("orQueries[0].assigneeExpression");
    assertThat(api().send("fiona", "POST", "/engine-rest/task/count", exploit).statusCode()).isEqualTo(400);
    assertThat(api().send("fiona", "GET", "/engine-rest/task?maxResults=10&assigneeExpression="
        + java.net.URLEncoder.encode(expression, StandardCharsets.UTF_8), null).statusCode()).isEqualTo(400);
    assertThat(api().send("fiona", "POST", "/engine-rest/task?maxResults=10",
        Map.of("orQueries", List.of(Map.of("assignee", "#{1+1}")))).statusCode()).isEqualTo(400);
    String myTasks = filterId("fiona", "My tasks");
    assertThat(api().send("fiona", "POST", "/engine-rest/filter/" + myTasks + "/list?maxResults=10", exploit)
        .statusCode()).isEqualTo(400);
    assertThat(System.getProperty("redress.pwned")).isNull();
    assertThat(audit("request-refused", "fiona")).isPositive();

    // the saved filters keep their expressions (stored by the server) and list as before
    HttpResponse<String> list = api().send("fiona", "POST", "/engine-rest/filter/" + myTasks
        + "/list?firstResult=0&maxResults=15", Map.of("sorting", List.of(Map.of("sortBy", "dueDate",
        "sortOrder", "asc"))));
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(api().send("fiona", "GET", "/engine-rest/filter/" + filterId("fiona", "My group's tasks")
        + "/count", null).statusCode()).isEqualTo(200);
  }

  @Test
  void externalEntitiesInModelsAreNotResolved() throws Exception {
    String secret = "xxe-secret-" + java.util.UUID.randomUUID();
    java.nio.file.Path file = java.nio.file.Files.createTempFile("redress-xxe", ".txt");
    java.nio.file.Files.writeString(file, secret);
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE definitions [<!ENTITY secret SYSTEM "FILE_URI">]>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="http://redress.example/test" id="x">
          <process id="security-test-xxe" name="&secret;" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="start"/>
          </process>
        </definitions>
        """.replace("FILE_URI", file.toUri().toString());
    HttpResponse<String> deployed = deploy("ana", bpmn);
    String host = secret;
    // refused, or deployed without the file's content
    assertThat(deployed.body()).doesNotContain(host);
    for (String name : jdbc.queryForList("SELECT NAME_ FROM ACT_RE_PROCDEF WHERE KEY_ = 'security-test-xxe'",
        String.class)) {
      assertThat(String.valueOf(name)).doesNotContain(host);
    }
  }

  @Test
  void theAdminSetupResourceIsClosedAndCamundaAdminKeepsADirectMember() throws Exception {
    HttpResponse<String> setup = api().send(null, "POST", "/camunda/api/admin/setup/default/user/create",
        Map.of("profile", Map.of("id", "intruder", "firstName", "I", "lastName", "N", "email", "i@n.example"),
            "credentials", Map.of("password", "intruder1")));
    assertThat(setup.statusCode()).isIn(403, 404);
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").count()).isPositive();
    assertThat(api().send("admin", "DELETE", "/engine-rest/group/camunda-admin/members/admin", null).statusCode())
        .isEqualTo(409);
    assertThat(api().send("admin", "DELETE", "/engine-rest/user/admin", null).statusCode()).isEqualTo(409);
    assertThat(api().send("admin", "DELETE", "/engine-rest/group/camunda-admin", null).statusCode())
        .isEqualTo(409);
    assertThat(identityService.createUserQuery().userId("admin").memberOfGroup("camunda-admin").count()).isOne();
  }

  @Test
  void requestBodiesHaveALimitAndErrorsTellNoInternals() throws Exception {
    String big = "{\"taskName\":\"" + "x".repeat(1_100_000) + "\"}";
    HttpResponse<String> tooLarge = api().send(api().raw("fiona", "POST", "/engine-rest/task", "application/json",
        big));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    for (HttpResponse<String> error : List.of(
        api().send("fiona", "GET", "/engine-rest/task/no-such-task", null),
        api().send("fiona", "GET", "/engine-rest/task?sortBy=nonsense&sortOrder=asc", null),
        api().send("fiona", "GET", "/engine-rest/variable-instance?variableValues=a_xx_b&maxResults=5", null),
        api().send(api().raw("fiona", "POST", "/engine-rest/task", "application/json", "{not json")),
        api().send(api().raw("fiona", "POST", "/api/complaints", "application/json", "{not json")))) {
      assertThat(error.statusCode()).as(error.body()).isBetween(400, 499);
      assertThat(error.body()).doesNotContainPattern("(?i)(\\sat [\\w.$]+\\(|SQL|select .* from|Caused by)");
    }
    // no Java serialization of variables, whoever asks
    String task = new Cases(api()).task("fiona", new Cases(api()).intake(10), "classifyComplaint");
    HttpResponse<String> serialized = api().send("admin", "PUT", "/engine-rest/task/" + task + "/variables/x",
        Map.of("value", "rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==",
            "type", "Object", "valueInfo", Map.of("objectTypeName", "java.util.ArrayList",
                "serializationDataFormat", "application/x-java-serialized-object")));
    assertThat(serialized.statusCode()).as(serialized.body()).isBetween(400, 599);
    assertThat(serialized.body()).doesNotContain("at org.");
    // no unbound lists: a query without maxResults answers at most the first 1000 rows instead of all of them
    assertThat(api().send("fiona", "GET", "/engine-rest/task", null).statusCode()).isEqualTo(200);
  }

  @Test
  void securityHeadersAndSecureCookiesBehindHttps() throws Exception {
    HttpResponse<String> r = api().send("fiona", "GET", "/api/complaints?size=1", null);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        v -> assertThat(v).contains("default-src 'none'"));
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    HttpResponse<String> e = api().send("fiona", "GET", "/engine-rest/task?maxResults=1", null);
    assertThat(e.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    // behind a trusted TLS-terminating proxy the session cookie is Secure and HSTS is sent:
    // TrustedProxyAndLoginThrottleTest (no proxy is trusted here, so X-Forwarded-Proto alone changes nothing)
    HttpResponse<String> viaHttp = newClient().send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default"))
        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(viaHttp.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .startsWith("JSESSIONID").doesNotContainIgnoringCase("Secure"));
  }

  @Test
  void theWebappsRefuseChangesWithoutTheCsrfToken() throws Exception {
    Cases cases = new Cases(api());
    String id = cases.intake(10);
    String task = cases.task("fiona", id, "classifyComplaint");
    HttpClient client = newClient();
    assertThat(webappLogin(client, "fiona", "tasklist").statusCode()).isEqualTo(200);
    String token = csrfToken(client);
    HttpResponse<String> claim = client.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/task/"
        + task + "/claim")).header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"fiona\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    // the webapp session also reaches the complaint API: reading as it is, changing with the token only
    assertThat(client.send(HttpRequest.newBuilder(uri("/api/complaints/" + id)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpRequest.Builder message = HttpRequest.newBuilder(uri("/api/complaints/" + id + "/messages"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Photos attached\",\"channel\":\"email\"}"));
    assertThat(client.send(message.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    HttpResponse<String> withToken = client.send(message.header("X-XSRF-TOKEN", token).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    // the same session without the token (a forged cross-site request) changes nothing (and Camunda ends it)
    HttpResponse<String> forged = client.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/task/"
        + task + "/unclaim")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("fiona");
  }

  @Test
  void theWebappsReadTheirListsWithinTheQueryLimitWhileApiClientsCannotAskForMore() throws Exception {
    // Tasklist counts its filters and reads them 2,000 at a time, more than queryMaxResultsLimit (1000)
    HttpClient client = newClient();
    assertThat(webappLogin(client, "fiona", "tasklist").statusCode()).isEqualTo(200);
    HttpResponse<String> filters = client.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/"
        + "filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(filters.statusCode()).as(filters.body()).isEqualTo(200);
    // the first reading request of the new session carries its CSRF token
    String token = filters.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    JsonNode list = Api.JSON.readTree(filters.body());
    HttpResponse<String> count = client.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/"
        + "filter/count?itemCount=false&resourceType=Task")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.size()).isPositive().isEqualTo(Api.JSON.readTree(count.body()).get("count").asInt());
    // a list of tasks asked through the webapp with a page beyond the limit is answered too (a page of the limit)
    String filter = list.get(0).get("id").asText();
    HttpResponse<String> tasks = client.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/filter/"
        + filter + "/list?firstResult=0&maxResults=5000")).header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
    // Cockpit reads a process's job definitions 2,000 at a time (an analyst's session: workers have no Cockpit)
    HttpClient cockpit = newClient();
    assertThat(webappLogin(cockpit, "ana", "cockpit").statusCode()).isEqualTo(200);
    HttpResponse<String> jobs = cockpit.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/"
        + "job-definition?firstResult=0&maxResults=2000")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
    assertThat(api().send("admin", "GET", "/engine-rest/job-definition?firstResult=0&maxResults=2000", null)
        .statusCode()).isEqualTo(400);
    // API clients: more than the limit is refused, within it answered, without maxResults a first page
    for (String path : List.of("/engine-rest/filter?firstResult=0&maxResults=2000&resourceType=Task",
        "/engine-rest/task?maxResults=1001", "/engine-rest/history/task?firstResult=0&maxResults=100000")) {
      // history is Cockpit's (analysts); the worker's lists are filters and tasks
      HttpResponse<String> refused = api().send(path.contains("/history/") ? "ana" : "fiona", "GET", path, null);
      assertThat(refused.statusCode()).as(path).isEqualTo(400);
      assertThat(refused.body()).as(path).contains("Max results limit of 1000 exceeded");
    }
    HttpResponse<String> refusedPost = api().send("fiona", "POST", "/engine-rest/filter/" + filter
        + "/list?firstResult=0&maxResults=2000", Map.of());
    assertThat(refusedPost.statusCode()).isEqualTo(400);
    assertThat(api().send("fiona", "GET", "/engine-rest/filter?maxResults=1000&resourceType=Task", null).statusCode())
        .isEqualTo(200);
    assertThat(api().send("fiona", "GET", "/engine-rest/task", null).statusCode()).isEqualTo(200);
  }

  @Test
  void beforeTheLoginTheWebappsLearnThatNobodyIsLoggedInWithoutAFailedRequest() throws Exception {
    HttpClient client = newClient();
    HttpResponse<String> nobody = client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default"))
        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(nobody.statusCode()).isEqualTo(204);
    assertThat(nobody.body()).isEmpty();
    String token = nobody.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    assertThat(client.send(loginRequest("fiona", "tasklist").header("X-XSRF-TOKEN", token).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpResponse<String> fiona = client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fiona.statusCode()).isEqualTo(200);
    assertThat(Api.JSON.readTree(fiona.body()).get("userId").asText()).isEqualTo("fiona");
  }

  // ------------------------------------------------------------------ 5. audit log

  @Test
  void theAuditLogHoldsNoPersonalData() throws Exception {
    new Cases(api()).intake(20);
    api().send("ana", "GET", "/api/complaints", null);
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM audit_event");
    assertThat(rows).isNotEmpty();
    for (Map<String, Object> row : rows) {
      String line = row.toString();
      assertThat(line).doesNotContain("13912345678").doesNotContain("sec.test@example.org")
          .doesNotContainPattern("[\\w.+-]+@[\\w-]+\\.[\\w.]+").doesNotContainPattern("(?<![\\w-])\\d{7,}(?![\\w-])");
      assertThat(row.get("REMOTE_ADDRESS")).isNotNull();
      assertThat(row.get("OCCURRED_AT")).isNotNull();
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'deployment' AND actor = 'system'",
        Integer.class)).isPositive();
  }

  @Test
  void erasuresAreAudited() throws Exception {
    String id = new Cases(api()).intake(30);
    String customer = Api.json(api().send("fiona", "GET", "/api/complaints/" + id, null)).at("/customer/id").asText();
    HttpResponse<String> erased = api().send("maria", "POST", "/api/customers/" + customer + "/erasure",
        Map.of("reason", "Customer asked by e-mail to sec.test@example.org"));
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'erasure' AND actor = 'maria' "
        + "AND target = ?", Integer.class, "customer " + customer)).isOne();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE detail LIKE '%example.org%' "
        + "OR target LIKE '%example.org%'", Integer.class)).isZero();
  }

  // ------------------------------------------------------------------ helpers

  private int audit(String action, String actor) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = ? AND actor = ?", Integer.class,
        action, actor);
  }

  private void user(String id, String password, String group) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User u = identityService.newUser(id);
      u.setPassword(password);
      identityService.saveUser(u);
      identityService.createMembership(id, group);
    }
  }

  private String filterId(String user, String name) throws Exception {
    for (JsonNode f : Api.json(api().send(user, "GET", "/engine-rest/filter?resourceType=Task", null))) {
      if (name.equals(f.get("name").asText())) {
        return f.get("id").asText();
      }
    }
    throw new AssertionError("no filter " + name);
  }

  private HttpResponse<String> deploy(String user) throws Exception {
    return deploy(user, """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="http://redress.example/test" id="d">
          <process id="security-test-deployment" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="start"/>
          </process>
        </definitions>
        """);
  }

  private HttpResponse<String> deploy(String user, String bpmn) throws Exception {
    String boundary = "----redress" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsecurity-test\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\nfalse\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"security-test.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    return api().send(api().raw(user, "POST", "/engine-rest/deployment/create",
        "multipart/form-data; boundary=" + boundary, body));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  private HttpRequest.Builder loginRequest(String user, String app) {
    return HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo"));
  }

  /** As the webapps do it: fetch the CSRF token (which opens the session), then log in with it. */
  private HttpResponse<String> webappLogin(HttpClient client, String user, String app) throws Exception {
    return client.send(loginRequest(user, app).header("X-XSRF-TOKEN", csrfToken(client)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String csrfToken(HttpClient client) throws Exception {
    HttpResponse<String> fetch = client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default"))
        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString());
    return fetch.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
  }
}
