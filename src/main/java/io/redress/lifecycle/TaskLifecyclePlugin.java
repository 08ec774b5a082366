package io.redress.lifecycle;

import io.redress.workflow.ModelTexts;
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
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Adds {@link TaskLifecycleListener} to every user task of every deployed model, so models stay free of it; and
 * names the processes and user tasks in the working language ({@link ModelTexts#taskName}): in {@code zh-CN} Tasklist,
 * the history and the case's deadlines show the Chinese names, while the BPMN keeps its English names and its ids.
 * A process's name is stored with its definition when it is deployed, so a start in the other language (which
 * deploys the other forms, hence a new version) names the new version in that language.
 */
@Component
class TaskLifecyclePlugin extends AbstractProcessEnginePlugin {

  private final TaskLifecycleListener listener;
  private final ModelTexts texts;

  TaskLifecyclePlugin(@Lazy TaskLifecycleListener listener, ModelTexts texts) {
    this.listener = listener;
    this.texts = texts;
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
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, listener);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
        // first, before the listeners the model names on the task: the checks hold before a stage's own work runs
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, listener, 0);
        texts.taskName(activity.getId()).ifPresent(name -> {
          definition.setNameExpression(new FixedValue(name));
          activity.setName(name);
        });
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }
}
