package io.redress.lifecycle;

import static io.redress.workflow.ProcessVariables.COMPLAINT_NUMBER;

import java.util.Map;
import java.util.function.Supplier;
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
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A complaint task's form handler with the case sheet ({@link CaseSheet}: timeline, deadlines, evidence) among its
 * form fields: Camunda's {@code GET task/{id}/form-variables}, which Tasklist asks when it opens a task's Camunda Form,
 * puts a task's form fields before its variables, so the forms' {@code caseTimeline}, {@code caseDeadlines} and
 * {@code caseEvidence} are read from the case record at that moment instead of being three variables of every task in
 * {@code ACT_RU_VARIABLE} and {@code ACT_HI_VARINST}, rewritten on every claim (issue 20: 6 rows fewer per task made,
 * 9 per claim); the case's own fields and the task's deadline in words ({@link CaseSheet#fields}) the same way.
 * Everything else (the form's key, its submit) is the model's own handler's. Installed on every user
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

  /**
   * The form data with the three sheet fields; their text is made when a value is first asked for, once for the
   * three: {@code GET task/{id}/form} (asked by Tasklist before the variables) wants the form's key only.
   */
  @Override
  public TaskFormData createTaskForm(TaskEntity task) {
    TaskFormData form = handler.createTaskForm(task);
    if (task.getVariable(COMPLAINT_NUMBER) instanceof String number) {
      String processInstanceId = task.getProcessInstanceId();
      Supplier<Map<String, String>> texts = memoized(() -> sheet.of(number, processInstanceId));
      for (String key : CaseSheet.KEYS) {
        form.getFormFields().add(new SheetField(key, texts));
      }
      java.util.Date due = task.getDueDate();
      Supplier<Map<String, String>> fields = memoized(() -> sheet.fields(number, due));
      for (String key : CaseSheet.FIELD_KEYS) {
        form.getFormFields().add(new SheetField(key, fields));
      }
    }
    return form;
  }

  private static <T> Supplier<T> memoized(Supplier<T> make) {
    return new Supplier<>() {
      private T made;

      @Override
      public T get() {
        if (made == null) {
          made = make.get();
        }
        return made;
      }
    };
  }

  /** A read-only text field whose value is the sheet's text under its key. */
  private static final class SheetField extends FormFieldImpl {

    private final transient Supplier<Map<String, String>> texts;

    SheetField(String key, Supplier<Map<String, String>> texts) {
      this.texts = texts;
      setId(key);
      setLabel(key);
      setType(TEXT);
    }

    @Override
    public TypedValue getValue() {
      return Variables.stringValue(texts.get().get(getId()), true);
    }
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
