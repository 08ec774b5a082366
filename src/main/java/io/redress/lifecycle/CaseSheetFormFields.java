package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.COMPLAINT_NUMBER;

import java.util.Map;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.form.FormFieldImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.form.type.StringFormType;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A complaint task's form handler with the case sheet ({@link CaseSheet}: timeline, deadlines, evidence) among its
 * form fields: Camunda's {@code GET task/{id}/form-variables}, which Tasklist asks when it opens a task's Camunda Form,
 * puts a task's form fields before its variables, so the forms' {@code caseTimeline}, {@code caseDeadlines} and
 * {@code caseEvidence} are read from the case record at that moment instead of being three variables of every task in
 * {@code ACT_RU_VARIABLE} and {@code ACT_HI_VARINST}, rewritten on every claim (issue 20: 6 rows fewer per task made,
 * 9 per claim). Everything else (the form's key, its submit) is the model's own handler's. Installed on every user
 * task by {@link TaskLifecyclePlugin}; a task of a process without a complaint number gets nothing added.
 */
final class CaseSheetFormFields implements TaskFormHandler {

  private static final StringFormType TEXT = new StringFormType();

  private final TaskFormHandler handler;
  private final CaseSheet sheet;

  CaseSheetFormFields(TaskFormHandler handler, CaseSheet sheet) {
    this.handler = handler;
    this.sheet = sheet;
  }

  @Override
  public TaskFormData createTaskForm(TaskEntity task) {
    TaskFormData form = handler.createTaskForm(task);
    if (task.getVariable(COMPLAINT_NUMBER) instanceof String number) {
      for (Map.Entry<String, String> e : sheet.of(number, task.getProcessInstanceId()).entrySet()) {
        form.getFormFields().add(field(e.getKey(), e.getValue()));
      }
    }
    return form;
  }

  private static FormField field(String key, String text) {
    FormFieldImpl field = new FormFieldImpl();
    field.setId(key);
    field.setLabel(key);
    field.setType(TEXT);
    field.setValue(Variables.stringValue(text, true));
    return field;
  }

  @Override
  public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
      ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
    handler.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
  }

  @Override
  public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
    handler.submitFormVariables(properties, variableScope);
  }
}
