package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import io.redress.casefile.Timeline;
import io.redress.casefile.TimelineEvent;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Back doors around the rules, over HTTP: each request sent as an attacker sends it (HTTP Basic on
 * {@code /engine-rest}, and the webapp session with its XSRF token on {@code /camunda/api/engine}), is refused and
 * leaves the case as it was; the approved amount is frozen at approval; the doors the demo users need stay open.
 */
@RedressSpringTest
class EngineBackDoorsTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired Timeline timeline;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;

  private Api api() {
    return new Api(port);
  }

  // ------------------------------------------------------------------ the table, row by row

  @Test
  void aWorkerCannotRenameRedateOrReassignATask() throws Exception {
    Cases cases = new Cases(api());
    String id = cases.intake(10);
    String task = cases.task("fiona", id, "classifyComplaint");
    Map<String, Object> before = snapshot(id);
    Map<String, Object> forged = Map.of("name", "Classify complaint", "assignee", "ana",
        "due", "2099-01-01T00:00:00.000+0000");

    HttpResponse<String> basic = api().send("fiona", "PUT", "/engine-rest/task/" + task, forged);
    assertThat(basic.statusCode()).as(basic.body()).isEqualTo(403);
    assertThat(basic.body()).contains("deny by default");
    WebappSession fiona = WebappSession.login(port, "fiona", "tasklist");
    HttpResponse<String> webapp = fiona.engine("PUT", "/task/" + task, forged);
    assertThat(webapp.statusCode()).as(webapp.body()).isEqualTo(403);
    assertThat(webapp.body()).contains("AuthorizationException").contains("deny by default");
    // ana (analysts) cannot complete the classification either, nor a supervisor set the task's due date
    assertThat(cases.submit("ana", task, Map.of("category", "billing", "nature", "valid", "severity", "general",
        "major", false)).statusCode()).isEqualTo(403);
    assertThat(api().send("sam", "PUT", "/engine-rest/task/" + task, Map.of("due", "2099-01-01T00:00:00.000+0000"))
        .statusCode()).isEqualTo(403);
    assertThat(snapshot(id)).isEqualTo(before);
  }

  @Test
  void aWorkerCannotAddIdentityLinks() throws Exception {
    Cases cases = new Cases(api());
    String id = cases.intake(10);
    String task = cases.task("fiona", id, "classifyComplaint");
    Map<String, Object> before = snapshot(id);
    WebappSession fiona = WebappSession.login(port, "fiona", "tasklist");
    for (Map<String, Object> link : List.<Map<String, Object>>of(Map.of("userId", "ana", "type", "assignee"),
        Map.of("groupId", "analysts", "type", "candidate"))) {
      HttpResponse<String> basic = api().send("fiona", "POST", "/engine-rest/task/" + task + "/identity-links", link);
      assertThat(basic.statusCode()).as(basic.body()).isEqualTo(403);
      assertThat(fiona.engine("POST", "/task/" + task + "/identity-links", link).body())
          .contains("AuthorizationException");
    }
    assertThat(api().send("fiona", "POST", "/engine-rest/task/" + task + "/identity-links/delete",
        Map.of("groupId", "frontline", "type", "candidate")).statusCode()).isEqualTo(403);
    assertThat(snapshot(id)).isEqualTo(before);
  }

  @Test
  void noWorkerSetsVariables() throws Exception {
    Cases cases = new Cases(api());
    String other = cases.intake(10);
    String id = cases.intake(10);
    String task = cases.task("fiona", id, "classifyComplaint");
    String instance = taskService.createTaskQuery().taskId(task).singleResult().getProcessInstanceId();
    String execution = runtimeService.createExecutionQuery().processInstanceId(instance).list().get(0).getId();
    assertThat(api().send("fiona", "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", "fiona"))
        .statusCode()).isEqualTo(204);
    Map<String, Object> before = snapshot(id);
    Map<String, Object> modifications = Map.of("modifications", Map.of("complaintNumber", Map.of("value", other),
        "approverGroup", Map.of("value", "supervisors")));
    Map<String, Object> value = Map.of("value", other);
    WebappSession fiona = WebappSession.login(port, "fiona", "tasklist");
    List<String[]> doors = List.of(
        new String[] {"POST", "/task/" + task + "/variables"},
        new String[] {"POST", "/task/" + task + "/localVariables"},
        new String[] {"PUT", "/task/" + task + "/variables/complaintNumber"},
        new String[] {"PUT", "/task/" + task + "/localVariables/complaintNumber"},
        new String[] {"DELETE", "/task/" + task + "/variables/complaintNumber"},
        new String[] {"POST", "/process-instance/" + instance + "/variables"},
        new String[] {"PUT", "/process-instance/" + instance + "/variables/complaintNumber"},
        new String[] {"DELETE", "/process-instance/" + instance + "/variables/complaintNumber"},
        new String[] {"POST", "/execution/" + execution + "/localVariables"},
        new String[] {"PUT", "/execution/" + execution + "/localVariables/complaintNumber"});
    for (String user : List.of("fiona", "sam", "ana", "admin")) {
      for (String[] door : doors) {
        Object body = door[0].equals("POST") ? modifications : door[0].equals("PUT") ? value : null;
        HttpResponse<String> r = api().send(user, door[0], "/engine-rest" + door[1], body);
        assertThat(r.statusCode()).as(user + " " + door[0] + " " + door[1] + ": " + r.body()).isEqualTo(403);
      }
    }
    for (String[] door : doors) {
      Object body = door[0].equals("POST") ? modifications : door[0].equals("PUT") ? value : null;
      HttpResponse<String> r = fiona.engine(door[0], door[1], body);
      assertThat(r.statusCode()).as(door[1]).isEqualTo(403);
      assertThat(r.body()).contains("AuthorizationException");
    }
    // nor through the completion: a variable that is not a writable field of the task's form is refused
    Map<String, Object> classification = new LinkedHashMap<>(Map.of("category", "billing", "nature", "valid",
        "severity", "general", "major", false));
    classification.put("complaintNumber", other);
    HttpResponse<String> completion = cases.submit("fiona", task, classification);
    assertThat(completion.statusCode()).as(completion.body()).isEqualTo(403);
    assertThat(completion.body()).contains("complaintNumber");
    classification.remove("complaintNumber");
    classification.put("approverGroup", "supervisors");
    assertThat(fiona.engine("POST", "/task/" + task + "/complete", Map.of("variables",
        variables(classification))).body()).contains("approverGroup");
    assertThat(snapshot(id)).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'access-denied' "
        + "AND actor = 'fiona' AND detail LIKE 'not allowed: POST /task/%/variables'", Integer.class)).isPositive();
  }

  @Test
  void aComplaintProcessStartsOnlyThroughIntakeAndNeverTwiceForOneNumber() throws Exception {
    String id = new Cases(api()).intake(10);
    Map<String, Object> before = snapshot(id);
    Map<String, Object> start = Map.of("businessKey", id, "variables", Map.of("customerName",
        Map.of("value", "Someone"), "description", Map.of("value", "again")));
    WebappSession fiona = WebappSession.login(port, "fiona", "tasklist");
    String definition = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult()
        .getProcessDefinitionId();
    for (String path : List.of("/process-definition/key/complaint-handling/start",
        "/process-definition/" + definition + "/start", "/process-definition/key/complaint-handling/submit-form",
        "/process-definition/" + definition + "/submit-form")) {
      for (String user : List.of("fiona", "ana", "admin")) {
        HttpResponse<String> r = api().send(user, "POST", "/engine-rest" + path, start);
        assertThat(r.statusCode()).as(user + " " + path + ": " + r.body()).isEqualTo(403);
      }
      HttpResponse<String> r = fiona.engine("POST", path, start);
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(r.body()).as(path).contains("AuthorizationException");
    }
    assertThat(snapshot(id)).isEqualTo(before);

    // the database holds it too: a second process for the number fails to start, whoever starts it
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("complaint-handling", id))
        .hasMessageContaining("never started twice");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isOne();
    assertThat(snapshot(id)).isEqualTo(before);
  }

  @Test
  void tasklistsStartFormIsTheIntakeForFrontlineOnly() throws Exception {
    Map<String, Object> intake = new LinkedHashMap<>(Map.of("customerName", "Tasklist Caller",
        "customerPhone", "13800000077", "customerTier", "standard", "channel", "phone",
        "description", "Started from Tasklist", "safetyRisk", false, "resolvedAtIntake", false));
    String definition = jdbc.queryForObject("SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = 'complaint-handling' "
        + "ORDER BY VERSION_ DESC LIMIT 1", String.class);
    Map<String, Object> body = Map.of("variables", variables(intake));
    // not for other groups
    HttpResponse<String> bySam = WebappSession.login(port, "sam", "tasklist")
        .engine("POST", "/process-definition/" + definition + "/submit-form", body);
    assertThat(bySam.statusCode()).as(bySam.body()).isEqualTo(403);
    assertThat(bySam.body()).contains("AuthorizationException");
    // not with anything but the intake form's fields
    WebappSession fiona = WebappSession.login(port, "fiona", "tasklist");
    Map<String, Object> forged = new LinkedHashMap<>(intake);
    forged.put("approverGroup", "supervisors");
    HttpResponse<String> extra = fiona.engine("POST", "/process-definition/" + definition + "/submit-form",
        Map.of("variables", variables(forged)));
    assertThat(extra.statusCode()).as(extra.body()).isEqualTo(403);
    assertThat(extra.body()).contains("approverGroup");
    long cases = jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Long.class);
    // fiona's start from Tasklist registers the complaint through the same filing as the API
    HttpResponse<String> started = fiona.engine("POST", "/process-definition/" + definition + "/submit-form", body);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instance = Api.json(started).get("id").asText();
    String number = jdbc.queryForObject("SELECT complaint_number FROM complaint_process WHERE process_instance_id = ?",
        String.class, instance);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Long.class)).isEqualTo(cases + 1);
    HttpResponse<String> read = api().send("fiona", "GET", "/api/complaints/" + number, null);
    assertThat(read.statusCode()).isEqualTo(200);
    // received by the user who submitted the start form; the form's case fields are in the record, not variables
    JsonNode view = Api.json(read);
    assertThat(view.get("receivedBy").asText()).isEqualTo("fiona");
    assertThat(view.at("/customer/name").asText()).isEqualTo("Tasklist Caller");
    assertThat(runtimeService.getVariables(instance)).doesNotContainKeys("customerName", "customerPhone",
        "customerPhoneMasked", "description", "initiator").containsEntry("channel", "phone");
    String classify = view.at("/openTasks/0/id").asText();
    assertThat(formVariable("fiona", classify, "customerPhoneMasked").asText()).isEqualTo("138****0077");
    assertThat(formVariable("fiona", classify, "description").asText()).isEqualTo("Started from Tasklist");
  }

  @Test
  void theApprovedAmountIsTheInvestigatorsWhateverTheApproverSends() throws Exception {
    Cases cases = new Cases(api());
    String id = cases.atApproval(500, "hank");
    String approve = cases.task("sam", id, "approveResolution");
    // the approval form shows the amount the server recorded
    assertThat(formVariable("sam", approve, "compensationAmount").asDouble()).isEqualTo(500.0);
    claim("sam", approve);
    Map<String, Object> before = snapshot(id);
    Map<String, Object> forged = Map.of("approved", Map.of("value", true), "approvalComment", Map.of("value", "ok"),
        "compensationAmount", Map.of("value", 5000, "type", "Double"));
    HttpResponse<String> complete = api().send("sam", "POST", "/engine-rest/task/" + approve + "/complete",
        Map.of("variables", forged));
    assertThat(complete.statusCode()).as(complete.body()).isEqualTo(403);
    assertThat(complete.body()).contains("compensationAmount");
    assertThat(WebappSession.login(port, "sam", "tasklist").engine("POST", "/task/" + approve + "/submit-form",
        Map.of("variables", forged)).body()).contains("AuthorizationException").contains("compensationAmount");
    assertThat(snapshot(id)).isEqualTo(before);
    // whatever door the variables come through, the engine refuses a changed amount at the approval too
    assertThatThrownBy(() -> taskService.complete(approve, Map.of("approved", true, "approvalComment", "ok",
        "compensationAmount", 5000.0))).hasMessageContaining("cannot be changed");
    assertThat(snapshot(id)).isEqualTo(before);

    cases.work("sam", approve, Map.of("approved", true, "approvalComment", "receipts seen"));
    assertThat(jdbc.queryForObject("SELECT approved_amount FROM complaint WHERE complaint_number = ?",
        BigDecimal.class, id)).isEqualByComparingTo("500");
    assertThat(jdbc.queryForObject("SELECT approved_by FROM complaint WHERE complaint_number = ?", String.class, id))
        .isEqualTo("sam");
    assertThat(timeline(id, "approved")).anySatisfy(d -> assertThat(d).contains("amount 500"));
    String execute = cases.task("hank", id, "executeResolution");
    assertThat(formVariable("hank", execute, "compensationAmount").asDouble()).isEqualTo(500.0);
  }

  @Test
  void theAmountCannotChangeAfterTheApproval() throws Exception {
    Cases cases = new Cases(api());
    String id = cases.atApproval(500, "hank");
    cases.work("sam", cases.task("sam", id, "approveResolution"), Map.of("approved", true, "approvalComment", "ok"));
    String execute = cases.task("hank", id, "executeResolution");
    claim("hank", execute);
    Map<String, Object> before = snapshot(id);
    Map<String, Object> amount = Map.of("modifications", Map.of("compensationAmount", Map.of("value", 9000)));
    HttpResponse<String> set = api().send("hank", "POST", "/engine-rest/task/" + execute + "/variables", amount);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(403);
    assertThat(WebappSession.login(port, "hank", "tasklist").engine("POST", "/task/" + execute + "/variables",
        amount).body()).contains("AuthorizationException");
    HttpResponse<String> forgedCompletion = cases.submit("hank", execute, Map.of("executionNote", "paid",
        "compensationAmount", 9000));
    assertThat(forgedCompletion.statusCode()).as(forgedCompletion.body()).isEqualTo(403);
    assertThat(snapshot(id)).isEqualTo(before);
    assertThat(formVariable("hank", execute, "compensationAmount").asDouble()).isEqualTo(500.0);

    // a change that got past the API anyway (a process variable set inside the engine) is refused at completion
    String instance = taskService.createTaskQuery().taskId(execute).singleResult().getProcessInstanceId();
    runtimeService.setVariable(instance, "compensationAmount", 9000.0);
    assertThat(formVariable("hank", execute, "compensationAmount").asDouble()).isEqualTo(500.0);
    HttpResponse<String> refused = cases.submit("hank", execute, Map.of("executionNote", "paid"));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("500").contains("approval");
    assertThat(taskService.createTaskQuery().taskId(execute).count()).isOne();

    runtimeService.setVariable(instance, "compensationAmount", 500.0);
    cases.work("hank", execute, Map.of("executionNote", "paid"));
    assertThat(timeline(id, "task-completed")).anySatisfy(d -> assertThat(d).contains("amount 500 as approved"));
  }

  @Test
  void tasklistAsksEveryoneWhoMayOpenItWhichFilterActionsTheyHave() throws Exception {
    // Tasklist sends this on opening; ana (analysts may open Tasklist) got 403, a failed request on her page
    for (String user : List.of("fiona", "ana")) {
      HttpResponse<String> options = WebappSession.login(port, user, "tasklist").engine("OPTIONS", "/filter", null);
      assertThat(options.statusCode()).as(user).isEqualTo(200);
      assertThat(options.body()).as(user).contains("\"links\"");
    }
    // the administrator reads every filter, and Tasklist lists a filter's tasks with a POST (it was refused: 403)
    WebappSession admin = WebappSession.login(port, "admin", "tasklist");
    HttpResponse<String> filters = admin.engine("GET", "/filter?resourceType=Task", null);
    assertThat(filters.statusCode()).isEqualTo(200);
    String filter = Api.JSON.readTree(filters.body()).get(0).get("id").asText();
    HttpResponse<String> list = admin.engine("POST", "/filter/" + filter + "/list?firstResult=0&maxResults=15",
        Map.of());
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(list.body()).startsWith("[");
  }

  @Test
  void identityVerifyAndTheCockpitApisAreNotForWorkers() throws Exception {
    Map<String, Object> verify = Map.of("username", "hank", "password", "demo");
    for (String user : List.of("fiona", "hank", "sam", "ana")) {
      HttpResponse<String> r = api().send(user, "POST", "/engine-rest/identity/verify", verify);
      assertThat(r.statusCode()).as(user).isEqualTo(403);
      assertThat(r.body()).doesNotContain("authenticated");
    }
    assertThat(api().send("admin", "POST", "/engine-rest/identity/verify", verify).statusCode()).isEqualTo(200);

    WebappSession fiona = WebappSession.login(port, "fiona", "tasklist");
    HttpResponse<String> verifyInWebapp = fiona.engine("POST", "/identity/verify", verify);
    assertThat(verifyInWebapp.statusCode()).isEqualTo(403);
    assertThat(verifyInWebapp.body()).contains("AuthorizationException").doesNotContain("authenticated");
    HttpResponse<String> statistics = fiona.send("GET",
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics", null);
    assertThat(statistics.statusCode()).isEqualTo(403);
    assertThat(statistics.body()).contains("AuthorizationException");
    assertThat(statistics.body()).doesNotContain("complaint-handling");
    HttpResponse<String> instances = fiona.send("POST",
        "/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=50", Map.of());
    assertThat(instances.statusCode()).isEqualTo(403);
    assertThat(instances.body()).contains("AuthorizationException");
    assertThat(instances.body()).doesNotContain("CMP-");
    assertThat(fiona.send("POST", "/camunda/api/cockpit/plugin/base/default/process-instance/count", Map.of())
        .statusCode()).isEqualTo(403);
  }

  // ------------------------------------------------------------------ the doors that stay open

  @Test
  void eachRoleStillClaimsAndCompletesItsTasksInTasklist() throws Exception {
    Cases cases = new Cases(api());
    String id = cases.intake(800);
    WebappSession fiona = WebappSession.login(port, "fiona", "tasklist");
    String classify = cases.task("fiona", id, "classifyComplaint");
    // claiming for someone else is not claiming
    assertThat(fiona.engine("POST", "/task/" + classify + "/claim", Map.of("userId", "tom")).body())
        .contains("claimed only for oneself");
    assertThat(fiona.engine("POST", "/task/" + classify + "/claim", Map.of("userId", "fiona")).statusCode())
        .isEqualTo(204);
    // another worker cannot hand fiona's task back; fiona can (and a team lead, reassigning)
    HttpResponse<String> byHank = api().send("hank", "POST", "/engine-rest/task/" + classify + "/unclaim", null);
    assertThat(byHank.statusCode()).isEqualTo(403);
    assertThat(byHank.body()).contains("Only fiona");
    assertThat(fiona.engine("POST", "/task/" + classify + "/unclaim", null).statusCode()).isEqualTo(204);
    assertThat(fiona.engine("POST", "/task/" + classify + "/claim", Map.of("userId", "fiona")).statusCode())
        .isEqualTo(204);
    // what Tasklist reads for the task and sends to complete it
    for (String read : List.of("", "/form", "/form-variables", "/deployed-form")) {
      assertThat(fiona.engine("GET", "/task/" + classify + read, null).statusCode()).as(read).isEqualTo(200);
    }
    assertThat(fiona.engine("POST", "/task/" + classify + "/submit-form", Map.of("variables", variables(Map.of(
        "category", "billing", "nature", "valid", "severity", "general", "major", false)))).statusCode())
        .isEqualTo(204);

    WebappSession sam = WebappSession.login(port, "sam", "tasklist");
    String assign = cases.task("sam", id, "assignComplaint");
    assertThat(sam.engine("POST", "/task/" + assign + "/claim", Map.of("userId", "sam")).statusCode()).isEqualTo(204);
    assertThat(sam.engine("POST", "/task/" + assign + "/submit-form", Map.of("variables",
        variables(Map.of("handler", "hank"))))).extracting(HttpResponse::statusCode).isEqualTo(204);

    // the one path to reassign: a supervisor hands hank's investigation to helen (a handler), audited
    String investigate = cases.task("hank", id, "investigateComplaint");
    assertThat(api().send("fiona", "POST", "/engine-rest/task/" + investigate + "/assignee",
        Map.of("userId", "fiona")).statusCode()).isEqualTo(403);
    assertThat(api().send("hank", "POST", "/engine-rest/task/" + investigate + "/assignee",
        Map.of("userId", "helen")).statusCode()).isEqualTo(403);
    assertThat(sam.engine("POST", "/task/" + investigate + "/assignee", Map.of("userId", "fiona")).body())
        .contains("handlers");
    HttpResponse<String> reassigned = sam.engine("POST", "/task/" + investigate + "/assignee",
        Map.of("userId", "helen"));
    assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(investigate).singleResult().getAssignee()).isEqualTo("helen");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'reassignment' AND actor = 'sam' "
        + "AND target = ? AND detail = ?", Integer.class, id, investigate + ": hank -> helen")).isOne();
    WebappSession helen = WebappSession.login(port, "helen", "tasklist");
    assertThat(helen.engine("POST", "/task/" + investigate + "/submit-form", Map.of("variables", variables(Map.of(
        "findings", "f", "rootCause", "r", "rootCauseCategory", "other", "resolutionType", "refund",
        "compensationAmount", 800))))
        .statusCode()).isEqualTo(204);

    String approve = cases.task("sam", id, "approveResolution");
    assertThat(sam.engine("POST", "/task/" + approve + "/claim", Map.of("userId", "sam")).statusCode())
        .isEqualTo(204);
    assertThat(sam.engine("POST", "/task/" + approve + "/submit-form", Map.of("variables", variables(Map.of(
        "approved", true, "approvalComment", "ok")))).statusCode()).isEqualTo(204);
    // the execution goes to the handler of record (the assignment's choice), hank
    String execute = cases.task("hank", id, "executeResolution");
    assertThat(WebappSession.login(port, "hank", "tasklist").engine("POST", "/task/" + execute + "/submit-form",
        Map.of("variables", variables(Map.of("executionNote", "refunded")))).statusCode()).isEqualTo(204);
    WebappSession tom = WebappSession.login(port, "tom", "tasklist");
    String feedback = cases.task("tom", id, "collectFeedback");
    assertThat(tom.engine("POST", "/task/" + feedback + "/claim", Map.of("userId", "tom")).statusCode())
        .isEqualTo(204);
    assertThat(tom.engine("POST", "/task/" + feedback + "/submit-form", Map.of("variables", variables(Map.of(
        "customerReached", true, "satisfaction", "satisfied", "feedbackComment", "")))).statusCode())
        .isEqualTo(204);
    assertThat(jdbc.queryForObject("SELECT status FROM complaint WHERE complaint_number = ?", String.class, id))
        .isEqualTo("closed");
  }

  @Test
  void cockpitForAnalystsAndAdminAndAdminForAdmin() throws Exception {
    new Cases(api()).intake(10);
    for (String user : List.of("ana", "admin")) {
      WebappSession cockpit = WebappSession.login(port, user, "cockpit");
      for (String path : List.of("/camunda/api/cockpit/plugin/base/default/process-definition/statistics?"
              + "firstResult=0&maxResults=50&sortBy=name&sortOrder=asc",
          "/camunda/api/engine/engine/default/process-definition/statistics?rootIncidents=true",
          "/camunda/api/engine/engine/default/deployment?firstResult=0&maxResults=50&sortBy=deploymentTime"
              + "&sortOrder=desc", "/camunda/api/engine/engine/default/decision-definition?latestVersion=true")) {
        HttpResponse<String> r = cockpit.send("GET", path, null);
        assertThat(r.statusCode()).as(user + " " + path + ": " + r.body()).isEqualTo(200);
      }
      assertThat(cockpit.send("POST", "/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0"
          + "&maxResults=50", Map.of()).statusCode()).isEqualTo(200);
      assertThat(cockpit.send("POST", "/camunda/api/engine/engine/default/variable-instance?firstResult=0"
          + "&maxResults=50", Map.of()).statusCode()).isEqualTo(200);
    }
    WebappSession admin = WebappSession.login(port, "admin", "admin");
    for (String path : List.of("/user?firstResult=0&maxResults=50", "/group?firstResult=0&maxResults=50",
        "/authorization?resourceType=0&firstResult=0&maxResults=50", "/user/fiona/profile")) {
      assertThat(admin.engine("GET", path, null).statusCode()).as(path).isEqualTo(200);
    }
    HttpResponse<String> created = admin.engine("POST", "/user/create", Map.of("profile", Map.of("id", "newbie",
        "firstName", "New", "lastName", "Bie", "email", "newbie@redress.example"), "credentials",
        Map.of("password", "A-long-Passw0rd!")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
    assertThat(admin.engine("PUT", "/group/handlers/members/newbie", null).statusCode()).isEqualTo(204);
    assertThat(admin.engine("DELETE", "/user/newbie", null).statusCode()).isEqualTo(204);
    // a worker reads their own profile only, and changes no user
    WebappSession fiona = WebappSession.login(port, "fiona", "tasklist");
    assertThat(fiona.engine("GET", "/user/fiona/profile", null).statusCode()).isEqualTo(200);
    assertThat(fiona.engine("GET", "/user/hank/profile", null).body()).contains("AuthorizationException");
    assertThat(fiona.engine("PUT", "/user/fiona/profile", Map.of("id", "fiona", "firstName", "F")).body())
        .contains("AuthorizationException");
  }

  // ------------------------------------------------------------------ helpers

  /** Everything a request could have changed about the case: record, tasks, their links, variables, processes. */
  private Map<String, Object> snapshot(String number) {
    Map<String, Object> s = new TreeMap<>();
    Map<String, Object> row = new TreeMap<>(jdbc.queryForMap("SELECT * FROM complaint WHERE complaint_number = ?",
        number));
    s.put("record", row.toString());
    s.put("processes", runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).list().stream()
        .map(p -> p.getId()).sorted().toList());
    List<String> tasks = new ArrayList<>();
    for (Task t : taskService.createTaskQuery().processInstanceBusinessKey(number).orderByTaskId().asc().list()) {
      List<String> links = taskService.getIdentityLinksForTask(t.getId()).stream()
          .map(IdentityLink::toString).map(l -> l.replaceAll("id=[^,]+, ", "")).sorted().toList();
      tasks.add(t.getId() + " " + t.getName() + " " + t.getAssignee() + " " + t.getDueDate() + " "
          + t.getFollowUpDate() + " " + t.getPriority() + " " + links + " " + new TreeMap<>(
          taskService.getVariablesLocal(t.getId())));
    }
    s.put("tasks", tasks);
    String instance = (String) jdbc.queryForObject("SELECT process_instance_id FROM complaint WHERE "
        + "complaint_number = ?", String.class, number);
    s.put("variables", new TreeMap<>(runtimeService.getVariables(instance)).toString());
    s.put("events", jdbc.queryForObject("SELECT COUNT(*) FROM complaint_event WHERE complaint_number = ?",
        Integer.class, number));
    return s;
  }

  /** The words of the case's entries of {@code type}, as the complaint API and the forms read them. */
  private List<String> timeline(String number, String type) {
    return timeline.of(number).stream().filter(e -> e.type().equals(type)).map(TimelineEvent::detail).toList();
  }

  private void claim(String user, String task) throws Exception {
    HttpResponse<String> r = api().send(user, "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", user));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
  }

  private JsonNode formVariable(String user, String task, String name) throws Exception {
    HttpResponse<String> r = api().send(user, "GET", "/engine-rest/task/" + task + "/form-variables?variableNames="
        + name, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Api.json(r).at("/" + name + "/value");
  }

  private static Map<String, Object> variables(Map<String, Object> values) {
    Map<String, Object> v = new LinkedHashMap<>();
    values.forEach((k, x) -> v.put(k, Map.of("value", x)));
    return v;
  }
}
