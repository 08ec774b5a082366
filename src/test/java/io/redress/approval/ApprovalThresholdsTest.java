package io.redress.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redress.identity.Groups;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approval authority the server holds comes from the table {@code approval-authority} deployed with the case's
 * process, and only from it: the shipped thresholds (1,000 and 10,000), a table an analyst changed (managers above
 * 500, directors above 5,000) for that deployment's cases, and no written-down fallback when the table is missing.
 * A real in-memory engine; no Spring.
 */
class ApprovalThresholdsTest {

  private static final String TABLE = "approval-authority.dmn";

  private ProcessEngine engine;

  @BeforeEach
  void engine() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:approval-thresholds-" + UUID.randomUUID());
    // its own name: the engine registry's "default" is the application's, which /engine-rest serves
    configuration.setProcessEngineName("ApprovalThresholdsTest-" + UUID.randomUUID());
    configuration.setDatabaseSchemaUpdate("create-drop");
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    JavaDelegate decide = execution -> execution.setVariable("authority", ApprovalAuthority.decide(execution,
        new BigDecimal(execution.getVariable("amount").toString()), (Boolean) execution.getVariable("major")));
    configuration.setBeans(Map.of("decide", decide));
    engine = configuration.buildProcessEngine();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theShippedTableDecides() throws Exception {
    deploy(shippedTable());

    assertThat(authority("1000", false)).isEqualTo(Groups.SUPERVISORS);
    assertThat(authority("1000.01", false)).isEqualTo(Groups.MANAGERS);
    assertThat(authority("10000", false)).isEqualTo(Groups.MANAGERS);
    assertThat(authority("10000.01", false)).isEqualTo(Groups.DIRECTORS);
    assertThat(authority("10", true)).isEqualTo(Groups.DIRECTORS);
  }

  @Test
  void aChangedTableChangesTheAuthorityForItsCases() throws Exception {
    deploy(shippedTable());
    String before = authority("800", false);

    deploy(shippedTable().replace("&gt; 10000", "&gt; 5000").replace("&gt; 1000<", "&gt; 500<"));

    assertThat(before).isEqualTo(Groups.SUPERVISORS);
    assertThat(authority("800", false)).isEqualTo(Groups.MANAGERS);
    assertThat(authority("6000", false)).isEqualTo(Groups.DIRECTORS);
    assertThat(authority("400", false)).isEqualTo(Groups.SUPERVISORS);
  }

  @Test
  void withoutTheTableNothingIsDecided() {
    engine.getRepositoryService().createDeployment().addModelInstance("decide.bpmn", process()).deploy();

    assertThatThrownBy(() -> authority("100", false)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("approval-authority");
  }

  private void deploy(String table) {
    engine.getRepositoryService().createDeployment().addModelInstance("decide.bpmn", process())
        .addString(TABLE, table).deploy();
  }

  private String authority(String amount, boolean major) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("decide",
        Map.of("amount", amount, "major", major));
    return (String) engine.getRuntimeService().getVariable(instance.getId(), "authority");
  }

  private static BpmnModelInstance process() {
    return Bpmn.createExecutableProcess("decide").camundaHistoryTimeToLive(1).startEvent().serviceTask()
        .camundaDelegateExpression("${decide}").userTask().endEvent().done();
  }

  private static String shippedTable() throws Exception {
    return Files.readString(Path.of("processes", TABLE));
  }
}
