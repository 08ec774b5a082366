package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.BusinessRuleTaskBuilder;

/**
 * A real in-memory engine with history {@code full} (where Camunda records decision evaluations) and
 * {@link RememberedDecisionResults} installed as the application installs it, running one process: the model's
 * business rule task for one shipped table (binding {@code deployment}, each output mapped to a variable of its name
 * as the model maps it), then a user task that waits. For the tests of remembered decisions.
 */
final class DecisionTaskEngine implements AutoCloseable {

  private final ProcessEngine engine;
  private final String table;
  private final String task;
  private final List<String> outputs;
  /** The shipped table, parsed by {@link #PLAIN} on first use. */
  private DmnDecision plainTable;

  /** Camunda's DMN engine as it is, which evaluates every time. */
  private static final DmnEngine PLAIN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  /** @param table the decision's key (its file is {@code processes/<key>.dmn}); @param task the model's task id */
  DecisionTaskEngine(String table, String task, List<String> outputs) {
    this.table = table;
    this.task = task;
    this.outputs = outputs;
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:" + table + "-" + UUID.randomUUID());
    configuration.setProcessEngineName(table + "-" + UUID.randomUUID());
    configuration.setDatabaseSchemaUpdate("create-drop");
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    configuration.getProcessEnginePlugins().add(new RememberedDecisionResults(true));
    engine = configuration.buildProcessEngine();
  }

  ProcessEngine engine() {
    return engine;
  }

  /** The table as shipped in {@code processes/}. */
  String shippedTable() throws IOException {
    return Files.readString(Path.of("processes", table + ".dmn"));
  }

  /** Deploys the process with this version of the table (a new deployment: a new decision definition). */
  void deploy(String tableXml) {
    engine.getRepositoryService().createDeployment().addModelInstance("decide.bpmn", process())
        .addString(table + ".dmn", tableXml).deploy();
  }

  /** A case started with these variables: the table's outputs as the task mapped them (null where none). */
  Map<String, Object> run(Map<String, Object> variables) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("decide", variables);
    Map<String, Object> set = engine.getRuntimeService().getVariables(instance.getId());
    Map<String, Object> result = new HashMap<>();
    for (String output : outputs) {
      result.put(output, set.get(output));
    }
    return result;
  }

  /**
   * Evaluates the deployed table (the latest {@link #deploy}) with {@code inputs} through the engine's decision
   * service, which remembers, and asserts the result is what Camunda's plain DMN engine gives evaluating the table as
   * shipped in {@code processes/}.
   */
  void assertAsShipped(Map<String, Object> inputs) throws IOException {
    if (plainTable == null) {
      try (InputStream xml = Files.newInputStream(Path.of("processes", table + ".dmn"))) {
        plainTable = PLAIN.parseDecision(table, xml);
      }
    }
    String deployed = engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(table)
        .latestVersion().singleResult().getId();
    assertThat(engine.getDecisionService().evaluateDecisionTableById(deployed).variables(inputs).evaluate()
        .getResultList()).as("%s %s", table, inputs)
        .isEqualTo(PLAIN.evaluateDecisionTable(plainTable, inputs).getResultList());
  }

  /** The evaluations of the table Camunda recorded in its history. */
  long evaluations() {
    return engine.getHistoryService().createHistoricDecisionInstanceQuery().decisionDefinitionKey(table).count();
  }

  private BpmnModelInstance process() {
    BusinessRuleTaskBuilder decide = Bpmn.createExecutableProcess("decide").camundaHistoryTimeToLive(1).startEvent()
        .businessRuleTask(task).camundaDecisionRef(table).camundaDecisionRefBinding("deployment");
    for (String output : outputs) {
      decide = decide.camundaOutputParameter(output, "${decisionResult.getSingleResult()." + output + "}");
    }
    return decide.userTask("wait").endEvent().done();
  }

  @Override
  public void close() {
    engine.close();
  }
}
