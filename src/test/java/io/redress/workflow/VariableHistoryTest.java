package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VariableHistory} on a real engine (in-memory H2, no Spring): a variable's creation writes no
 * {@code ACT_HI_DETAIL} row, its first change writes its first value and the change, later changes one row each;
 * an existing database of Camunda's {@code full} (history level 3) starts with it, and back; a timer's arming writes
 * no job log row, its end does.
 */
class VariableHistoryTest {

  private final String db = "jdbc:h2:mem:variable-history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private ProcessEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aCreatedVariableWritesNoDetailAndEachChangeKeepsTheValueBefore() {
    engine = engine(true, "create-drop");
    String pi = start(Map.of("note", "first", "amount", 10L));

    assertThat(details(pi)).isEmpty();
    assertThat(history().createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("note")
        .singleResult().getValue()).isEqualTo("first");

    runtime().setVariable(pi, "note", "second");
    assertThat(values(pi, "note")).containsExactly("first", "second");
    assertThat(details(pi).get(0).getTime()).as("the first value's detail has the variable's creation time")
        .isEqualTo(history().createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("note")
            .singleResult().getCreateTime());
    assertThat(values(pi, "amount")).as("an unchanged variable: its value only in ACT_HI_VARINST").isEmpty();

    runtime().setVariable(pi, "note", "third");
    assertThat(values(pi, "note")).containsExactly("first", "second", "third");
    assertThat(history().createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("note")
        .singleResult().getValue()).isEqualTo("third");
  }

  @Test
  void aCreationAndChangesInOneTransactionAreAllKept() {
    engine = engine(true, "create-drop");
    engine.getRepositoryService().createDeployment().addModelInstance("p.bpmn", Bpmn.createExecutableProcess("p")
        .camundaHistoryTimeToLive(1).startEvent()
        .serviceTask().camundaExpression("${execution.setVariable('note', 'second')}")
        .serviceTask().camundaExpression("${execution.setVariable('note', 'third')}")
        .userTask().endEvent().done()).deploy();
    String pi = runtime().startProcessInstanceByKey("p", Variables.putValue("note", "first")).getId();

    assertThat(values(pi, "note")).containsExactly("first", "second", "third");
  }

  @Test
  void aChangedBinaryValueKeepsItsFirstBytes() {
    engine = engine(true, "create-drop");
    String pi = start(Map.of("file", Variables.byteArrayValue(new byte[] {1, 2, 3})));
    runtime().setVariable(pi, "file", Variables.byteArrayValue(new byte[] {4, 5}));

    List<Object> values = values(pi, "file");
    assertThat(values).hasSize(2);
    assertThat((byte[]) values.get(0)).containsExactly(1, 2, 3);
    assertThat((byte[]) values.get(1)).containsExactly(4, 5);
  }

  @Test
  void camundasFullWritesADetailPerCreationWhichThisLevelLeavesOut() {
    engine = engine(false, "create-drop");
    String pi = start(Map.of("note", "first"));
    assertThat(values(pi, "note")).as("Camunda's full, for comparison").containsExactly("first");
  }

  @Test
  void aTimerIsLoggedWhenItEndsNotWhenItIsArmedOtherJobsAsBefore() {
    engine = engine(true, "create-drop");
    engine.getRepositoryService().createDeployment().addModelInstance("t.bpmn", Bpmn.createExecutableProcess("t")
        .camundaHistoryTimeToLive(1).startEvent()
        .serviceTask("async").camundaAsyncBefore().camundaExpression("${true}")
        .userTask("work")
        .boundaryEvent("late").cancelActivity(false).timerWithDuration("PT1H").endEvent()
        .moveToActivity("work").boundaryEvent("later").cancelActivity(false).timerWithDuration("PT2H").endEvent()
        .moveToActivity("work").endEvent().done()).deploy();
    String pi = runtime().startProcessInstanceByKey("t").getId();
    assertThat(jobLog(pi)).as("an asynchronous continuation keeps its creation row").containsExactly("created async");

    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(pi)
        .singleResult().getId());
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).timers().count()).isEqualTo(2);
    assertThat(jobLog(pi)).as("two timers armed, no rows for them").containsExactlyInAnyOrder(
        "created async", "succeeded async");

    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(pi)
        .activityId("late").singleResult().getId());
    String task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult().getId();
    engine.getTaskService().complete(task);
    assertThat(jobLog(pi)).as("the fired timer and the deleted one are logged at their end")
        .containsExactlyInAnyOrder("created async", "succeeded async", "succeeded late", "deleted later");
  }

  /** The process instance's job log: "created", "succeeded", "failed" or "deleted", and the job's step. */
  private List<String> jobLog(String pi) {
    return history().createHistoricJobLogQuery().processInstanceId(pi).list().stream()
        .map(l -> (l.isCreationLog() ? "created" : l.isSuccessLog() ? "succeeded" : l.isFailureLog() ? "failed"
            : "deleted") + " " + l.getActivityId())
        .toList();
  }

  @Test
  void aDatabaseOfCamundasFullStartsWithThisLevelAndBack() {
    engine = engine(false, "true");
    String before = start(Map.of("note", "first"));
    engine.close();

    engine = engine(true, "true");
    HistoryLevel level = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel();
    assertThat(level).isInstanceOf(VariableHistory.FullWithoutUnchangedCopies.class);
    assertThat(level.getId()).isEqualTo(3);
    assertThat(level.getName()).isEqualTo("full");
    assertThat(engine.getManagementService().getHistoryLevel()).isEqualTo(3);
    // a variable created under Camunda's full has its creation detail: the change adds one row
    runtime().setVariable(before, "note", "second");
    assertThat(values(before, "note")).containsExactly("first", "second");
    engine.close();

    engine = engine(false, "true");
    assertThat(values(before, "note")).containsExactly("first", "second");
  }

  private ProcessEngine engine(boolean withPlugin, String schemaUpdate) {
    StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
    c.setJdbcUrl(db);
    c.setProcessEngineName("VariableHistoryTest-" + UUID.randomUUID());
    c.setDatabaseSchemaUpdate(schemaUpdate);
    c.setHistory("full");
    c.setJobExecutorActivate(false);
    c.setMetricsEnabled(false);
    if (withPlugin) {
      c.getProcessEnginePlugins().add(new VariableHistory());
    }
    return c.buildProcessEngine();
  }

  private String start(Map<String, Object> variables) {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("wait").count() == 0) {
      engine.getRepositoryService().createDeployment().addModelInstance("wait.bpmn",
          Bpmn.createExecutableProcess("wait").camundaHistoryTimeToLive(1).startEvent().userTask().endEvent().done())
          .deploy();
    }
    return runtime().startProcessInstanceByKey("wait", variables).getId();
  }

  private RuntimeService runtime() {
    return engine.getRuntimeService();
  }

  private HistoryService history() {
    return engine.getHistoryService();
  }

  private List<HistoricDetail> details(String pi) {
    return history().createHistoricDetailQuery().processInstanceId(pi).variableUpdates().orderPartiallyByOccurrence()
        .asc().list();
  }

  private List<Object> values(String pi, String name) {
    return details(pi).stream().map(HistoricVariableUpdate.class::cast)
        .filter(d -> d.getVariableName().equals(name)).map(HistoricVariableUpdate::getValue).toList();
  }
}
