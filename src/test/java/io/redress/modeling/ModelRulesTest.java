package io.redress.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.ProcessSpringTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The rules of a complaint model (Camunda Model API): the shipped models keep them, each rule catches what it
 * should and names the element, and a deployment that breaks one is refused whole.
 */
@ProcessSpringTest
class ModelRulesTest {

  @Autowired ApplicationContext context;
  @Autowired RepositoryService repositoryService;

  private Set<String> beans() {
    return new ModelRulesDeployer(context).knownBeans();
  }

  @Test
  void theShippedModelsKeepEveryRule() throws IOException {
    Set<String> forms;
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      forms = files.map(p -> p.getFileName().toString().replace(".form", "")).collect(java.util.stream.Collectors
          .toSet());
    }
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".bpmn")) {
          assertThat(ModelRules.check(name, Bpmn.readModelFromFile(p.toFile()), beans(), forms::contains))
              .as(name).isEmpty();
        } else if (name.endsWith(".dmn")) {
          assertThat(ModelRules.check(name, Dmn.readModelFromFile(p.toFile()))).as(name).isEmpty();
        }
      }
    }
    assertThat(beans()).contains("registerComplaintDelegate", "raiseEscalationDelegate", "offerHandlersListener");
  }

  @Test
  void eachRuleNamesTheElementAndWhatItLacks() {
    List<String> v = ModelRules.check("broken.bpmn", Bpmn.readModelFromStream(getClass().getResourceAsStream(
        "/models/broken.bpmn")), beans(), Set.of("classify-complaint")::contains).stream()
        .map(ModelRules.Violation::toString).toList();
    assertThat(v).containsExactlyInAnyOrder(
        "broken.bpmn: Process_Broken has no history time-to-live (camunda:historyTimeToLive)",
        "broken.bpmn: Task_NoPeople (Nobody) has no candidate group, candidate user or assignee",
        "broken.bpmn: Task_NoPeople (Nobody) has no Camunda Form (camunda:formRef)",
        "broken.bpmn: Task_NoPeople (Nobody) has no due date (camunda:dueDate)",
        "broken.bpmn: Task_NoPeople (Nobody) has no deadline (a timer boundary event)",
        "broken.bpmn: Task_MissingForm (Missing form) refers to the form 'no-such-form', which does not exist",
        "broken.bpmn: Task_Class (By class) must call a known delegate (camunda:delegateExpression=\"${bean}\"), "
            + "not a class, an expression or an external task",
        "broken.bpmn: Task_UnknownBean (Unknown bean) calls 'sendMoneyDelegate', which is not one of the "
            + "delegates: " + String.join(", ", new java.util.TreeSet<>(beans())),
        "broken.bpmn: Task_Script (Script) is a script task: scripts are not run here, call a known delegate",
        "broken.bpmn: Activity_0x8k2ab (Generated) has a generated id: name it after what it is (e.g. "
            + "Task_CheckRefund)",
        "broken.bpmn: Activity_0x8k2ab (Generated) has no delegate (camunda:delegateExpression)",
        "broken.bpmn: Task_MissingForm (Missing form) has a listener that is not a known delegate (class, "
            + "expression or script)",
        "broken.bpmn: Flow_1c3d4e5 has a generated id: name it after what it is (e.g. Task_CheckRefund)");
  }

  @Test
  void eachUserTaskOfTheComplaintProcessNamesItsTrackingListener() throws IOException {
    String shipped = Files.readString(Path.of("processes", "complaint-handling.bpmn"));
    String withoutClaims = shipped.replace(
        "<camunda:taskListener delegateExpression=\"${stageTracking}\" event=\"assignment\" />", "");
    String trackingEnd = "<camunda:executionListener delegateExpression=\"${stageTracking}\" event=\"end\" />";
    String checks = "<camunda:executionListener delegateExpression=\"${proposalChecks}\" event=\"end\" />";
    String checksFirst = shipped.replace(trackingEnd + "\n        " + checks, checks + "\n        " + trackingEnd);
    String escalationUntracked = shipped.replace(
        "<camunda:taskListener delegateExpression=\"${taskAudit}\" event=\"complete\" />", "");

    assertThat(tracking(shipped)).isEmpty();
    assertThat(tracking(withoutClaims)).containsExactlyInAnyOrder("classifyComplaint (Classify complaint)",
        "assignComplaint (Assign handler)", "investigateComplaint (Investigate complaint)",
        "approveResolution (Approve resolution)", "executeResolution (Execute resolution)",
        "collectFeedback (Collect customer feedback)");
    assertThat(checksFirst).isNotEqualTo(shipped);
    assertThat(tracking(checksFirst)).containsExactly("approveResolution (Approve resolution)");
    assertThat(tracking(escalationUntracked)).containsExactly("handleEscalation (Handle escalation)");
    // another process's tasks are not the complaint's stages
    assertThat(tracking(withoutClaims.replace("<bpmn:process id=\"complaint-handling\"",
        "<bpmn:process id=\"another-process\""))).isEmpty();

    BadUserRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(BadUserRequestException.class,
        () -> repositoryService.createDeployment().name("no-tracking")
            .addString("complaint-handling.bpmn", withoutClaims).deploy());
    assertThat(refused.getMessage()).contains("investigateComplaint (Investigate complaint) does not name the "
        + "task's tracking listener: add delegateExpression=\"${stageTracking}\"");
  }

  private List<String> tracking(String bpmn) {
    return ModelRules.check("complaint-handling.bpmn", Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(
        bpmn.getBytes(java.nio.charset.StandardCharsets.UTF_8))), beans(), form -> true).stream()
        .filter(v -> v.problem().contains("tracking listener")).map(ModelRules.Violation::element).toList();
  }

  @Test
  void decisionsNeedAHistoryTimeToLive() {
    var model = Dmn.readModelFromStream(getClass().getResourceAsStream("/models/no-ttl.dmn"));
    assertThat(ModelRules.check("no-ttl.dmn", model)).extracting(ModelRules.Violation::toString)
        .containsExactly("no-ttl.dmn: refund-limit has no history time-to-live (camunda:historyTimeToLive)");
  }

  @Test
  void aBrokenDeploymentIsRefusedWholeAndNamesEachElement() throws IOException {
    long before = repositoryService.createDeploymentQuery().count();
    long definitions = repositoryService.createProcessDefinitionQuery().count();
    BadUserRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(BadUserRequestException.class,
        () -> repositoryService.createDeployment().name("analyst-upload")
            .addInputStream("good.bpmn", getClass().getResourceAsStream("/models/good.bpmn"))
            .addInputStream("broken.bpmn", getClass().getResourceAsStream("/models/broken.bpmn"))
            .deploy());
    assertThat(refused.getMessage()).contains("analyst-upload", "Task_NoPeople", "Task_Script", "Flow_1c3d4e5");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    assertThat(repositoryService.createProcessDefinitionQuery().count()).isEqualTo(definitions);

    var ok = repositoryService.createDeployment().name("analyst-upload")
        .addInputStream("good.bpmn", getClass().getResourceAsStream("/models/good.bpmn")).deploy();
    try {
      assertThat(repositoryService.createProcessDefinitionQuery().deploymentId(ok.getId()).count()).isEqualTo(1);
    } finally {
      repositoryService.deleteDeployment(ok.getId(), true);
    }
  }
}
