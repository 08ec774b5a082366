package io.redress.lifecycle;

import io.redress.workflow.ModelTexts;
import io.redress.workflow.TaskKeys;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.FixedValue;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Gives the user tasks of versions deployed before the model named its listeners ({@code ${stageTracking}},
 * {@code ${taskAudit}} ...) the listeners today's model names on them, so their open cases go on as before; a model
 * deployed now must name them itself ({@code ModelRules}). And names the processes and user tasks in the working language ({@link ModelTexts#taskName}): in {@code zh-CN} Tasklist,
 * the history and the case's deadlines show the Chinese names, while the BPMN keeps its English names and its ids.
 * A process's name is stored with its definition when it is deployed, so a start in the other language (which
 * deploys the other forms, hence a new version) names the new version in that language. Every user task's form gets
 * the case sheet ({@link CaseSheetFormFields}).
 */
@Component
class TaskLifecyclePlugin extends AbstractProcessEnginePlugin {

  private final StageTracking stageTracking;
  private final TaskAudit taskAudit;
  private final EscalationReceived escalationReceived;
  private final ProposalChecks proposalChecks;
  private final ApprovedAmountChecks approvedAmountChecks;
  private final ModelTexts texts;
  private final CaseSheet sheet;

  TaskLifecyclePlugin(@Lazy StageTracking stageTracking, @Lazy TaskAudit taskAudit,
      @Lazy EscalationReceived escalationReceived, @Lazy ProposalChecks proposalChecks,
      @Lazy ApprovedAmountChecks approvedAmountChecks, ModelTexts texts, @Lazy CaseSheet sheet) {
    this.sheet = sheet;
    this.stageTracking = stageTracking;
    this.taskAudit = taskAudit;
    this.escalationReceived = escalationReceived;
    this.proposalChecks = proposalChecks;
    this.approvedAmountChecks = approvedAmountChecks;
    this.texts = texts;
  }

  /** Whether the model names the tracking listener on the task itself. */
  static boolean namesTracking(TaskDefinition definition) {
    return definition.getTaskListeners().getOrDefault(TaskListener.EVENTNAME_CREATE, List.of()).stream()
        .anyMatch(l -> l instanceof DelegateExpressionTaskListener d && TaskLifecycleListener.NAMES.stream()
            .anyMatch(name -> d.getExpressionText().replace(" ", "").equals("${" + name + "}")));
  }

  /** What today's model names on the task {@code key}, for a version deployed before it named them. */
  private void addAsTodaysModelDoes(String key, TaskDefinition definition, ActivityImpl activity) {
    TaskLifecycleListener tracking = TaskKeys.HANDLE_ESCALATION.equals(key) ? taskAudit : stageTracking;
    FrozenAmount amount = TaskKeys.APPROVE.equals(key) ? proposalChecks
        : TaskKeys.EXECUTE.equals(key) ? approvedAmountChecks : null;
    if (TaskKeys.HANDLE_ESCALATION.equals(key)) {
      definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, escalationReceived);
    }
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, tracking);
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, tracking);
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, tracking);
    // first, before the listeners the model names on the task: the checks hold before a stage's own work runs
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, tracking, 0);
    if (amount != null) {
      definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, amount);
      definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, amount);
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, amount, 1);
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        texts.processName(processDefinition.getKey()).ifPresent(processDefinition::setName);
      }

      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        // the case sheet is read when the form is (every version, every user task of a case)
        definition.setTaskFormHandler(new CaseSheetFormFields(definition.getTaskFormHandler(), sheet));
        if (!namesTracking(definition)) {
          addAsTodaysModelDoes(activity.getId(), definition, activity);
        }
        texts.taskName(activity.getId()).ifPresent(name -> {
          definition.setNameExpression(new FixedValue(name));
          activity.setName(name);
        });
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }
}
