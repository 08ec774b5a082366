package io.redress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A real in-memory engine (no Spring) for a test of how code reads a table of the case's deployment: one delegate
 * bean {@code decide} in a process {@code decide} (start, the delegate, a user task), deployed with or without a
 * table, as an analyst deploys the model.
 */
public final class DecisionEngine implements AutoCloseable {

  private final ProcessEngine engine;

  public DecisionEngine(String name, JavaDelegate decide) {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:" + name + "-" + UUID.randomUUID());
    // its own name: the engine registry's "default" is the application's, which /engine-rest serves
    configuration.setProcessEngineName(name + "-" + UUID.randomUUID());
    configuration.setDatabaseSchemaUpdate("create-drop");
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    configuration.setBeans(Map.of("decide", decide));
    engine = configuration.buildProcessEngine();
  }

  /** Deploys the process with the table {@code file} holding {@code table}, or alone when the table is null. */
  public void deploy(String file, String table) {
    var deployment = engine.getRepositoryService().createDeployment().addModelInstance("decide.bpmn", process());
    if (table != null) {
      deployment.addString(file, table);
    }
    deployment.deploy();
  }

  /** Starts a case of the newest deployment with these variables; returns the variable {@code result}. */
  public Object run(Map<String, Object> variables, String result) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("decide", variables);
    return engine.getRuntimeService().getVariable(instance.getId(), result);
  }

  /** The shipped table {@code processes/<file>}. */
  public static String shipped(String file) {
    try {
      return Files.readString(Path.of("processes", file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    engine.close();
  }

  private static BpmnModelInstance process() {
    return Bpmn.createExecutableProcess("decide").camundaHistoryTimeToLive(1).startEvent().serviceTask()
        .camundaDelegateExpression("${decide}").userTask().endEvent().done();
  }
}
