package io.redress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.redress.RedressSpringTest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 20: what a claim, a completion and an escalation read of Camunda's tables. A claim reads none of the case's
 * variables (the model's listeners are beans found before any variable, and they find the case by the complaint
 * process's business key; another process is a complaint's only if it holds the variable {@code complaintNumber});
 * a variable cannot stand in for a listener; and the lookups every task's end makes are planned on an index
 * (db/vendor/h2/V21, db/vendor/postgresql/V21), on H2 here and on PostgreSQL in the failsafe run.
 */
@RedressSpringTest
class CamundaLookupsTest {

  /** MyBatis logs each statement of Camunda's mapping under the statement's id: the load of an execution's variables. */
  private static final String VARIABLE_LOAD =
      "org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity.selectVariablesByExecutionId";

  /** A process of an analyst's own, as the model rules accept it: a form, a due date and a deadline on its task. */
  private static final String OTHER_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="OtherDefinitions" targetNamespace="http://redress.io/t">
        <bpmn:process id="lookups-other-process" isExecutable="true" camunda:historyTimeToLive="30">
          <bpmn:startEvent id="OtherStart"/>
          <bpmn:sequenceFlow id="OtherToTask" sourceRef="OtherStart" targetRef="otherTask"/>
          <bpmn:userTask id="otherTask" name="Other task" camunda:candidateGroups="frontline"
              camunda:formRef="classify-complaint" camunda:formRefBinding="latest" camunda:dueDate="P2D"/>
          <bpmn:sequenceFlow id="OtherToEnd" sourceRef="otherTask" targetRef="OtherEnd"/>
          <bpmn:endEvent id="OtherEnd"/>
          <bpmn:boundaryEvent id="OtherDeadline" cancelActivity="false" attachedToRef="otherTask">
            <bpmn:timerEventDefinition id="OtherDeadlineTimer"><bpmn:timeDuration>P2D</bpmn:timeDuration>
            </bpmn:timerEventDefinition>
          </bpmn:boundaryEvent>
          <bpmn:sequenceFlow id="OtherToOverdue" sourceRef="OtherDeadline" targetRef="OtherOverdue"/>
          <bpmn:endEvent id="OtherOverdue"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired DataSource dataSource;

  private Api api;
  private Cases cases;

  @BeforeEach
  void client() {
    api = new Api(port);
    cases = new Cases(api);
  }

  @Test
  void aClaimReadsNoneOfTheCasesVariables() throws Exception {
    String number = cases.intake(120);
    String instance = instanceOf(number);
    String task = cases.task("fiona", number, "classifyComplaint");

    List<String> claimLoads = variableLoadsDuring(() -> claim(task));
    // the claim happened as before: its listener wrote the timeline's entry and the case's holder
    assertThat(claimLoads).as("variables of the case loaded by the claim").noneMatch(l -> l.contains(instance));
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM complaint_event WHERE complaint_number = ? AND event_type = "
        + "'task-claimed'", Integer.class, number)).isOne();
    assertThat(jdbc.queryForObject("SELECT assignee FROM complaint WHERE complaint_number = ?", String.class, number))
        .isEqualTo("fiona");
    // the capture sees such a load where one happens: reading the case's variables through the engine
    List<String> readLoads = variableLoadsDuring(() -> runtimeService.getVariables(instance));
    assertThat(readLoads).anyMatch(l -> l.contains(instance));
  }

  @Test
  void aVariableNamedLikeAListenerDoesNotStandInForIt() throws Exception {
    String number = cases.intake(120);
    String instance = instanceOf(number);
    // before, the engine looked for a variable of the name first: this one would have been the "listener"
    runtimeService.setVariable(instance, "stageTracking", "not a listener");
    String task = cases.task("fiona", number, "classifyComplaint");

    claim(task);

    assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM complaint_event WHERE "
        + "complaint_number = ? AND event_type = 'task-claimed'", Integer.class, number)).isOne();
    assertThat(runtimeService.getVariable(instance, "stageTracking")).isEqualTo("not a listener");
  }

  @Test
  void anotherProcessWithABusinessKeyOfItsOwnIsNoComplaint() throws Exception {
    // an analyst's own process: its user task gets the tracking listener too (TaskLifecyclePlugin), and its business
    // key is no complaint number; the listener leaves it alone (it used to fail on the case record's foreign key)
    repositoryService.createDeployment().name("lookups-other-process")
        .addString("other-process.bpmn", OTHER_PROCESS).deploy();
    String key = "OTHER-" + System.nanoTime();
    String instance = runtimeService.startProcessInstanceByKey("lookups-other-process", key).getId();
    String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

    claim(task);
    taskService.complete(task);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM complaint_event WHERE "
        + "complaint_number = ?", Integer.class, key)).isZero();
  }

  @Test
  void theLookupsOfEveryTasksEndAreIndexed() throws Exception {
    String number = cases.intake(120);
    String instance = instanceOf(number);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      boolean postgres = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
      if (postgres) {
        // a handful of rows: PostgreSQL would read the table anyway; asked not to, it shows an index that fits
        s.execute("SET enable_seqscan = off");
      }
      // the task's subtasks, asked at each task's end: no index in Camunda's schema
      assertThat(plan(s, "SELECT * FROM ACT_RU_TASK WHERE PARENT_TASK_ID_ = 'x'"))
          .containsIgnoringCase("REDRESS_IDX_TASK_PARENT");
      if (!postgres) {
        // an execution's variables, and one variable's history rows: on the execution's and the variable's index,
        // not on the index of a column that is null in nearly every row
        assertThat(plan(s, "SELECT * FROM ACT_RU_VARIABLE WHERE EXECUTION_ID_ = '" + instance
            + "' AND TASK_ID_ IS NULL")).contains("ACT_FK_VAR_EXE").doesNotContain("ACT_IDX_VARIABLE_TASK_ID");
        assertThat(plan(s, "SELECT COUNT(DISTINCT ID_) FROM ACT_HI_DETAIL WHERE VAR_INST_ID_ = 'x' "
            + "AND TENANT_ID_ IS NULL")).contains("ACT_IDX_HI_DETAIL_VAR_INST_ID");
        // what the first plans are made with, before H2 has analysed the tables
        try (ResultSet r = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, SELECTIVITY FROM INFORMATION_SCHEMA.COLUMNS "
            + "WHERE (TABLE_NAME = 'ACT_RU_VARIABLE' AND COLUMN_NAME = 'TASK_ID_') "
            + "OR (TABLE_NAME = 'ACT_HI_DETAIL' AND COLUMN_NAME = 'TENANT_ID_')")) {
          int rows = 0;
          while (r.next()) {
            rows++;
            assertThat(r.getInt("SELECTIVITY")).as(r.getString(1) + "." + r.getString(2)).isLessThanOrEqualTo(5);
          }
          assertThat(rows).isEqualTo(2);
        }
      } else {
        s.execute("RESET enable_seqscan");
      }
    }
  }

  private String instanceOf(String number) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
  }

  private void claim(String task) throws Exception {
    HttpResponse<String> claim = api.send("fiona", "POST", "/engine-rest/task/" + task + "/claim",
        Map.of("userId", "fiona"));
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
  }

  private static String plan(Statement s, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet r = s.executeQuery("EXPLAIN " + sql)) {
      while (r.next()) {
        plan.append(r.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  interface Step {
    void run() throws Exception;
  }

  /** The logged parameters (the execution's id) of each load of an execution's variables while the step runs. */
  private static List<String> variableLoadsDuring(Step step) throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(VARIABLE_LOAD);
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    try {
      step.run();
    } finally {
      logger.setLevel(level);
      logger.detachAppender(appender);
    }
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("Parameters:"))
        .toList();
  }
}
