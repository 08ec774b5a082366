package io.redress.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redress.identity.Groups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response time of a raised escalation comes from the table {@code escalation-level} deployed with the case's
 * process: the shipped table gives 30 minutes to managers and 10 to directors; a table an analyst changed (managers
 * within 45 minutes) changes what the raise sets, for cases of that deployment only. A real in-memory engine; no
 * Spring.
 */
class EscalationResponseTimeTest {

  private static final String TABLE = "escalation-level.dmn";

  private ProcessEngine engine;

  @BeforeEach
  void engine() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:escalation-response-time-" + UUID.randomUUID());
    // its own name: the engine registry's "default" is the application's, which /engine-rest serves
    configuration.setProcessEngineName("EscalationResponseTimeTest-" + UUID.randomUUID());
    configuration.setDatabaseSchemaUpdate("create-drop");
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    configuration.setBeans(Map.of("raiseEscalationDelegate", new RaiseEscalationDelegate(null)));
    engine = configuration.buildProcessEngine();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theShippedTableGivesEachLevelItsTime() throws Exception {
    deploy(shippedTable());

    assertThat(raise(Groups.TEAM_LEADS)).isEqualTo(Map.of("escalationGroup", Groups.MANAGERS,
        "escalationResponseTime", "PT30M"));
    assertThat(raise(Groups.MANAGERS)).isEqualTo(Map.of("escalationGroup", Groups.DIRECTORS,
        "escalationResponseTime", "PT10M"));
    assertThat(raise(Groups.DIRECTORS)).isEqualTo(Map.of("escalationGroup", Groups.DIRECTORS,
        "escalationResponseTime", "PT10M"));
  }

  @Test
  void aChangedTableChangesTheResponseTimeOfItsCases() throws Exception {
    deploy(shippedTable());
    Map<String, Object> before = raise(Groups.TEAM_LEADS);

    deploy(shippedTable().replace("<text>\"PT30M\"</text>\n        </outputEntry>",
        "<text>\"PT45M\"</text>\n        </outputEntry>"));

    assertThat(before.get("escalationResponseTime")).isEqualTo("PT30M");
    assertThat(raise(Groups.TEAM_LEADS).get("escalationResponseTime")).isEqualTo("PT45M");
    assertThat(raise(Groups.MANAGERS).get("escalationResponseTime")).isEqualTo("PT10M");
  }

  @Test
  void aDeploymentWithoutTheTableIsRefusedAtTheRaiseNotGivenAWrittenDownTime() {
    engine.getRepositoryService().createDeployment().addModelInstance("raise.bpmn", process()).deploy();

    assertThatThrownBy(() -> raise(Groups.TEAM_LEADS)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("escalation-level").hasMessageContaining(Groups.MANAGERS);
  }

  private void deploy(String table) {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
        .addModelInstance("raise.bpmn", process()).addString(TABLE, table);
    deployment.deploy();
  }

  /** Raises an escalation held by {@code level} in the newest deployment; the variables the raise set. */
  private Map<String, Object> raise(String level) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("raise",
        Map.of("escalationGroup", level, "escalationCode", "approve-overdue"));
    Map<String, Object> variables = engine.getRuntimeService().getVariables(instance.getId());
    return Map.of("escalationGroup", variables.get("escalationGroup"),
        "escalationResponseTime", variables.get("escalationResponseTime"));
  }

  private static BpmnModelInstance process() {
    return Bpmn.createExecutableProcess("raise").camundaHistoryTimeToLive(1).startEvent()
        .serviceTask("Task_RaiseEscalation").camundaDelegateExpression("${raiseEscalationDelegate}")
        .userTask("handleEscalation").endEvent().done();
  }

  private static String shippedTable() throws Exception {
    return Files.readString(Path.of("processes", TABLE));
  }
}
