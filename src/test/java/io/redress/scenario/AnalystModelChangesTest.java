package io.redress.scenario;

import static io.redress.scenario.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redress.RedressSpringTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real complaint model changed as an analyst changes it (a renamed task, a changed timer, a changed row of a
 * decision table, a changed form label) and deployed as Camunda Modeler deploys it: a multipart POST to
 * {@code /engine-rest/deployment/create} as {@code ana}, with the diagram alone, with its forms and tables attached,
 * a table alone, a form alone. Each either goes live for new cases while open cases continue on their version, or
 * is refused with a message that names what is missing and how to include it; after every attempt the intake still
 * takes complaints in. Going back is one call (redeploy the good deployment) plus the migration call for the cases
 * opened on the bad version. The shared application (the engine REST API serves the engine named {@code default},
 * so a second application in this JVM would take it over); after each test the shipped models are the newest
 * version again.
 */
@RedressSpringTest
@ExtendWith(OutputCaptureExtension.class)
class AnalystModelChangesTest {

  private static final String KEY = "complaint-handling";
  private static final String DIAGRAM = "complaint-handling.bpmn";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repositoryService;

  private Api api;
  private Cases cases;

  private void setUp() {
    api = new Api(port);
    cases = new Cases(api);
  }

  /** The shipped models (the start-up deployment, version 1) are the newest version again, for the other tests. */
  @org.junit.jupiter.api.AfterEach
  void shippedModelsAgain() {
    String shipped = repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY)
        .processDefinitionVersion(1).singleResult().getDeploymentId();
    repositoryService.createDeployment().nameFromDeployment(shipped).addDeploymentResources(shipped)
        .source("test: shipped models again").deploy();
  }

  @Test
  void theDiagramAloneIsRefusedNamingEachMissingFormAndTable() throws Exception {
    setUp();
    String before = latestDefinition();
    long deployments = repositoryService.createDeploymentQuery().count();

    HttpResponse<String> refused = deploy("renamed task", Map.of(DIAGRAM, diagram(renameInvestigate())));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json(refused).get("type").asText()).isEqualTo("BadUserRequestException");
    String message = json(refused).get("message").asText();
    assertThat(message).contains("classifyComplaint (Classify complaint) takes the form", "takes the form 'classify-complaint' from its own deployment",
        "takes the decision 'classification-suggestion' from its own deployment",
        "In Camunda Modeler's deploy dialog attach them as additional files");
    for (String file : List.of("complaint-intake.form", "classify-complaint.form", "assign-complaint.form",
        "investigate-complaint.form", "approve-resolution.form", "execute-resolution.form", "collect-feedback.form",
        "handle-escalation.form", "classification-suggestion.dmn", "assignment-group.dmn", "approval-authority.dmn",
        "escalation-level.dmn", "severity-raise.dmn")) {
      assertThat(message).as("names %s", file).contains(file);
    }
    assertThat(repositoryService.createDeploymentQuery().count()).as("nothing kept").isEqualTo(deployments);
    assertThat(latestDefinition()).isEqualTo(before);
    assertThat(auditRefusals()).anyMatch(d -> d.contains("classify-complaint"));
    intakeStillWorks();
  }

  @Test
  void aRenamedTaskDeployedWithItsFormsAndTablesGoesLiveForNewCasesWhileOpenOnesContinue() throws Exception {
    setUp();
    String open = cases.intake(50);
    String openVersion = definitionOf(open);

    HttpResponse<String> deployed = deploy("renamed task", withFormsAndTables(renameInvestigate(), f -> f, d -> d));

    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    String newVersion = latestDefinition();
    assertThat(newVersion).isNotEqualTo(openVersion);
    String fresh = cases.intake(50);
    assertThat(definitionOf(fresh)).as("a new case takes the new version").isEqualTo(newVersion);
    assertThat(definitionOf(open)).as("an open case continues on its version").isEqualTo(openVersion);

    // end to end, both: classified, assigned, and the investigation task named as its version names it
    for (String id : List.of(open, fresh)) {
      cases.work("fiona", cases.task("fiona", id, "classifyComplaint"), Map.of("category", "billing",
          "nature", "valid", "severity", "general", "major", false));
      cases.work("sam", cases.task("sam", id, "assignComplaint"), Map.of("handler", "hank"));
    }
    assertThat(taskName("hank", fresh, "investigateComplaint")).isEqualTo("Investigate the complaint");
    assertThat(taskName("hank", open, "investigateComplaint")).isEqualTo("Investigate complaint");
    intakeStillWorks();
  }

  @Test
  void aChangedTableIsRefusedAloneAndGoesLiveWithItsDiagram() throws Exception {
    setUp();
    UnaryOperator<String> lowerThreshold = dmn -> dmn.replaceFirst("(<rule id=\"Rule_ImportantForAmountOver1000\">(?s:.*?))&gt; 1000", "$1&gt; 500");
    String changed = lowerThreshold.apply(read("processes/classification-suggestion.dmn"));
    assertThat(changed).contains("&gt; 500");
    String open = cases.intake(800);
    assertThat(variable(open, "suggestedSeverity")).isEqualTo("general");

    HttpResponse<String> alone = deploy("threshold", Map.of("classification-suggestion.dmn", changed));
    assertThat(alone.statusCode()).as(alone.body()).isEqualTo(400);
    assertThat(json(alone).get("message").asText()).contains("the decision table 'classification-suggestion'",
        "is taken by the process 'complaint-handling'", "open complaint-handling.bpmn in Camunda Modeler",
        "attach this file and the diagram's other forms and decision tables");
    intakeStillWorks();

    HttpResponse<String> together = deploy("threshold", withFormsAndTables(read("processes/" + DIAGRAM), f -> f,
        tables -> {
          tables.put("classification-suggestion.dmn", changed);
          return tables;
        }));
    assertThat(together.statusCode()).as(together.body()).isEqualTo(200);
    String fresh = cases.intake(800);
    assertThat(variable(fresh, "suggestedSeverity")).as("the new row for new cases").isEqualTo("important");
    assertThat(definitionOf(open)).isNotEqualTo(definitionOf(fresh));
    intakeStillWorks();
  }

  @Test
  void aChangedFormLabelIsRefusedAloneAndGoesLiveWithItsDiagram() throws Exception {
    setUp();
    String form = read("forms/classify-complaint.form")
        .replaceFirst("\"label\": \"Complaint number\"", "\"label\": \"Complaint no.\"");
    String open = cases.intake(20);

    HttpResponse<String> alone = deploy("label", Map.of("classify-complaint.form", form));
    assertThat(alone.statusCode()).as(alone.body()).isEqualTo(400);
    assertThat(json(alone).get("message").asText()).contains("the form 'classify-complaint'",
        "is taken by the process 'complaint-handling'", "as additional files");
    intakeStillWorks();

    HttpResponse<String> together = deploy("label", withFormsAndTables(read("processes/" + DIAGRAM), forms -> {
      forms.put("classify-complaint.form", form);
      return forms;
    }, d -> d));
    assertThat(together.statusCode()).as(together.body()).isEqualTo(200);
    String fresh = cases.intake(20);
    assertThat(deployedForm("fiona", cases.task("fiona", fresh, "classifyComplaint"))).contains("Complaint no.");
    assertThat(deployedForm("fiona", cases.task("fiona", open, "classifyComplaint")))
        .contains("Complaint number").doesNotContain("Complaint no.");
    intakeStillWorks();
  }

  @Test
  void aChangedTimerGoesLiveForNewCasesAndABrokenOneIsRefusedByTheTrialComplaint() throws Exception {
    setUp();
    String open = cases.intake(30);
    Instant openDue = followUpDue(open);

    HttpResponse<String> broken = deploy("timer", withFormsAndTables(timer("R/P1Day"), f -> f, d -> d));
    assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
    assertThat(json(broken).get("message").asText()).contains("a complaint started on trial",
        "'complaint-handling'", "Cause:", "R/P1Day");
    intakeStillWorks();

    HttpResponse<String> changed = deploy("timer", withFormsAndTables(timer("R/PT12H"), f -> f, d -> d));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    Instant before = Instant.now();
    String fresh = cases.intake(30);
    assertThat(Duration.between(before, followUpDue(fresh))).as("the new cycle").isLessThan(Duration.ofHours(13));
    assertThat(followUpDue(open)).as("an open case keeps its armed timer").isEqualTo(openDue);
    assertThat(Duration.between(before, openDue)).isGreaterThan(Duration.ofHours(20));
    intakeStillWorks();
  }

  /**
   * A version that misbehaves at start gets past the guard only by the start-up's own way in; then intake answers
   * 503 problem+json with a reference that is in the log and the audit log, and stores nothing. Going back is one
   * call (redeploy the previous deployment), and the cases opened on the bad version move back with the migration
   * call.
   */
  @Test
  void goingBackIsOneCallAndOpenCasesMoveBackWithTheMigrationCall(CapturedOutput output) throws Exception {
    setUp();
    String good = json(api.send("ana", "GET", "/engine-rest/process-definition?key=" + KEY + "&version=1", null))
        .get(0).get("id").asText(); // the shipped models, deployed at start-up
    String goodDeployment = deploymentOf(good);

    // a version that passes the guard but misbehaves: follow-ups every minute
    HttpResponse<String> bad = deploy("too eager", withFormsAndTables(timer("R/PT1M"), f -> f, d -> d));
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(200);
    String badVersion = latestDefinition();
    String onBad = cases.intake(40);
    assertThat(definitionOf(onBad)).isEqualTo(badVersion);

    // one step back: the good deployment again, as the newest version
    HttpResponse<String> back = api.send(api.request("ana", "demo", "POST", "/engine-rest/deployment/"
        + goodDeployment + "/redeploy", Map.of("source", "rollback")));
    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    String restored = latestDefinition();
    assertThat(restored).isNotIn(good, badVersion);
    String fresh = cases.intake(40);
    assertThat(definitionOf(fresh)).isEqualTo(restored);
    assertThat(Duration.between(Instant.now(), followUpDue(fresh))).isGreaterThan(Duration.ofHours(20));

    // the open cases of the bad version move to it with the documented migration call
    HttpResponse<String> plan = api.send("ana", "POST", "/engine-rest/migration/generate", Map.of(
        "sourceProcessDefinitionId", badVersion, "targetProcessDefinitionId", restored));
    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
    Map<String, Object> execute = new LinkedHashMap<>();
    execute.put("migrationPlan", Api.JSON.readValue(plan.body(), Map.class));
    execute.put("processInstanceQuery", Map.of("processDefinitionId", badVersion));
    HttpResponse<String> migrated = api.send("ana", "POST", "/engine-rest/migration/execute", execute);
    assertThat(migrated.statusCode()).as(migrated.body()).isEqualTo(204);
    assertThat(definitionOf(onBad)).isEqualTo(restored);
    cases.work("fiona", cases.task("fiona", onBad, "classifyComplaint"), Map.of("category", "billing",
        "nature", "valid", "severity", "general", "major", false));
    assertThat(cases.task("sam", onBad, "assignComplaint")).isNotBlank();

    // a version that cannot start complaints (only the start-up deployment skips the trial): 503, nothing stored
    var startUp = repositoryService.createDeployment().name("redress-broken").source("redress start-up");
    withFormsAndTables(timer("R/P1Day"), f -> f, d -> d).forEach(startUp::addString);
    io.redress.modeling.ShippedModels.deploy(startUp::deploy);
    Integer stored = jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Integer.class);
    HttpResponse<String> failed = api.send("fiona", "POST", "/api/complaints", Map.of(
        "customer", Map.of("name", "Gao Min", "email", "gao.min@example.org"), "channel", "web",
        "description", "Refund missing", "amountClaimed", 10));
    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
    assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    String reference = json(failed).get("reference").asText();
    assertThat(json(failed).get("detail").asText()).contains(reference).doesNotContain("Exception");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint", Integer.class)).isEqualTo(stored);
    assertThat(output.getAll()).contains(reference);
    assertThat(jdbc.queryForObject("SELECT detail FROM audit_event WHERE action = 'intake-failed' AND target LIKE ?",
        String.class, "%" + reference)).contains("P1Day");

    // Cockpit shows why: an incident on the version that cannot start complaints, at its start event
    JsonNode incidents = json(api.send("ana", "GET", "/engine-rest/incident?incidentType=complaintNotStarted", null));
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).get("processDefinitionId").asText()).isEqualTo(latestDefinition());
    assertThat(incidents.get(0).get("activityId").asText()).isEqualTo("StartEvent_ComplaintReceived");
    assertThat(incidents.get(0).get("incidentMessage").asText()).contains(reference, "P1Day");

    // and the same one step brings intake back, and the incident is resolved
    HttpResponse<String> again = api.send(api.request("ana", "demo", "POST", "/engine-rest/deployment/"
        + goodDeployment + "/redeploy", Map.of("source", "rollback")));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    intakeStillWorks();
    assertThat(json(api.send("ana", "GET", "/engine-rest/incident?incidentType=complaintNotStarted", null)))
        .isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void intakeStillWorks() throws Exception {
    assertThat(cases.intake(10)).startsWith("CMP-");
  }

  private static String renameInvestigate() throws IOException {
    String text = read("processes/" + DIAGRAM);
    String renamed = text.replace("name=\"Investigate complaint\"", "name=\"Investigate the complaint\"");
    assertThat(renamed).isNotEqualTo(text);
    return renamed;
  }

  /** The daily follow-up's cycle changed, as in Modeler's properties panel (Timer → Cycle). */
  private static String timer(String cycle) throws IOException {
    String text = read("processes/" + DIAGRAM);
    String changed = text.replaceFirst("(<bpmn:timerEventDefinition id=\"TimerDefinition_FollowUpDue\">\\s*"
        + "<bpmn:timeCycle xsi:type=\"bpmn:tFormalExpression\">)R/P1D<", "$1" + cycle + "<");
    assertThat(changed).isNotEqualTo(text);
    return changed;
  }

  private static String diagram(String text) {
    return text;
  }

  private static Map<String, String> withFormsAndTables(String diagram, UnaryOperator<Map<String, String>> forms,
      UnaryOperator<Map<String, String>> tables) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(DIAGRAM, diagram);
    files.putAll(forms.apply(folder("forms", ".form")));
    files.putAll(tables.apply(folder("processes", ".dmn")));
    return files;
  }

  private static Map<String, String> folder(String folder, String ending) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> list = Files.list(Path.of(folder))) {
      for (Path p : list.filter(p -> p.getFileName().toString().endsWith(ending)).sorted().toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return files;
  }

  private static String read(String file) throws IOException {
    return Files.readString(Path.of(file));
  }

  /**
   * What Camunda Modeler sends (CamundaAPI.deployDiagram): the deployment's name and source, duplicate filtering
   * on, the diagram as a part named by its file name, then each additional file likewise.
   */
  private HttpResponse<String> deploy(String name, Map<String, String> files) throws Exception {
    String boundary = "----modeler" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, boundary, "deployment-name", name);
    field(body, boundary, "deployment-source", "Camunda Modeler");
    field(body, boundary, "enable-duplicate-filtering", "true");
    for (Map.Entry<String, String> f : files.entrySet()) {
      String type = f.getKey().endsWith(".bpmn") ? "text/xml" : "application/octet-stream";
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
          + "\"; filename=\"" + f.getKey() + "\"\r\nContent-Type: " + type + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(f.getValue().getBytes(StandardCharsets.UTF_8));
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return api.send(api.raw("ana", "POST", "/engine-rest/deployment/create", "multipart/form-data; boundary="
        + boundary, "").method("POST", HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
        + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  private String latestDefinition() throws Exception {
    HttpResponse<String> r = api.send("ana", "GET", "/engine-rest/process-definition/key/" + KEY, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).get("id").asText();
  }

  private String deploymentOf(String definitionId) throws Exception {
    return json(api.send("ana", "GET", "/engine-rest/process-definition/" + definitionId, null))
        .get("deploymentId").asText();
  }

  private JsonNode instance(String complaint) throws Exception {
    JsonNode list = json(api.send("ana", "GET", "/engine-rest/process-instance?businessKey=" + complaint, null));
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  private String definitionOf(String complaint) throws Exception {
    return instance(complaint).get("definitionId").asText();
  }

  private String variable(String complaint, String name) throws Exception {
    return json(api.send("ana", "GET", "/engine-rest/process-instance/" + instance(complaint).get("id").asText()
        + "/variables/" + name, null)).get("value").asText();
  }

  private String taskName(String user, String complaint, String key) throws Exception {
    return json(api.send(user, "GET", "/engine-rest/task/" + cases.task(user, complaint, key), null)).get("name")
        .asText();
  }

  private String deployedForm(String user, String task) throws Exception {
    HttpResponse<String> r = api.send(user, "GET", "/engine-rest/task/" + task + "/deployed-form", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private Instant followUpDue(String complaint) throws Exception {
    JsonNode jobs = json(api.send("ana", "GET", "/engine-rest/job?processInstanceId="
        + instance(complaint).get("id").asText() + "&activityId=StartEvent_FollowUpDue", null));
    assertThat(jobs).hasSize(1);
    return java.time.OffsetDateTime.parse(jobs.get(0).get("dueDate").asText(),
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
  }

  private List<String> auditRefusals() {
    return jdbc.queryForList("SELECT detail FROM audit_event WHERE action = 'request-refused'", String.class);
  }
}
