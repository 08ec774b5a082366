package io.redress.workflow;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;

/**
 * The fields of a templated service task (processes/element-templates): read from the task's own input parameters
 * ({@code camunda:inputParameter}), never from process variables of the same name, and checked. Every problem is
 * collected; {@link #check()} then refuses the task with one {@link ProcessEngineException} naming the element and
 * each field, before anything is recorded.
 */
public final class TemplateInputs {

  private final DelegateExecution execution;
  private final Set<String> declared;
  private final List<String> problems = new ArrayList<>();

  /**
   * @param known the inputs the delegate reads: an input parameter of another name is a problem too (a typo in a
   *     hand-edited model would otherwise go unnoticed)
   */
  public TemplateInputs(DelegateExecution execution, Collection<String> known) {
    this.execution = execution;
    this.declared = declaredInputs(execution);
    for (String name : declared) {
      if (!known.contains(name)) {
        problems.add("input '" + name + "' is unknown (expected " + String.join(", ", known) + ")");
      }
    }
  }

  /** Required text: present, not blank, at most {@code max} characters, matching {@code pattern} if given. */
  public String required(String name, int max, Pattern pattern, String patternHint) {
    int before = problems.size();
    String value = optional(name, max, pattern, patternHint);
    if (value == null && problems.size() == before) {
      problems.add("input '" + name + "' is required");
    }
    return value;
  }

  /**
   * Optional text: null when the input is absent or blank; else checked like {@link #required}. An expression that
   * gives a number or true/false counts as its text.
   */
  public String optional(String name, int max, Pattern pattern, String patternHint) {
    Object raw = declared.contains(name) ? execution.getVariableLocal(name) : null;
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
      problems.add("input '" + name + "' must be text, not " + raw.getClass().getSimpleName());
      return null;
    }
    String value = raw.toString().strip();
    if (value.isEmpty()) {
      return null;
    }
    if (value.length() > max) {
      problems.add("input '" + name + "' must be at most " + max + " characters (has " + value.length() + ")");
      return null;
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      problems.add("input '" + name + "' must be " + patternHint + " (is '" + value + "')");
      return null;
    }
    return value;
  }

  /** Required, one of {@code allowed}. */
  public String oneOf(String name, List<String> allowed) {
    int before = problems.size();
    String value = optional(name, 64, null, null);
    if (value == null) {
      if (problems.size() == before) {
        problems.add("input '" + name + "' is required (one of " + String.join(", ", allowed) + ")");
      }
      return null;
    }
    if (!allowed.contains(value)) {
      problems.add("input '" + name + "' must be one of " + String.join(", ", allowed) + " (is '" + value + "')");
      return null;
    }
    return value;
  }

  /** Records a problem found by the delegate itself. */
  public void problem(String name, String problem) {
    problems.add("input '" + name + "' " + problem);
  }

  /** Refuses the task when anything was wrong. */
  public void check() {
    if (!problems.isEmpty()) {
      throw refused(String.join("; ", problems));
    }
  }

  /** A refusal of this task, naming it. */
  public ProcessEngineException refused(String why) {
    return new ProcessEngineException(element(execution) + ": " + why);
  }

  /**
   * The case of the process: its business key is the complaint number (or, in a process started some other way,
   * the variable {@code complaintNumber}), and the case record must exist.
   */
  public CaseRecord complaint(CaseRecords records) {
    String number = execution.getProcessBusinessKey();
    if (number == null || number.isBlank()) {
      Object variable = execution.getVariable(ProcessVariables.COMPLAINT_NUMBER);
      number = variable == null ? null : variable.toString();
    }
    if (number == null || number.isBlank()) {
      throw refused("the process has no complaint: neither a business key nor a variable '"
          + ProcessVariables.COMPLAINT_NUMBER + "'");
    }
    String n = number;
    return records.find(n).orElseThrow(() -> refused("no complaint " + n + " in the case record"));
  }

  /** "Service task 'Notify customer' (Task_Notify)": as the analyst sees it in the Modeler. */
  public static String element(DelegateExecution execution) {
    String name = execution.getCurrentActivityName();
    String id = execution.getCurrentActivityId();
    return "Service task " + (name == null || name.isBlank() ? id : "'" + name.strip() + "' (" + id + ")");
  }

  /** The names of the task's own input parameters, from the model. */
  private static Set<String> declaredInputs(DelegateExecution execution) {
    Set<String> names = new LinkedHashSet<>();
    FlowElement element = execution.getBpmnModelElementInstance();
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return names;
    }
    for (CamundaInputOutput io : extensions.getChildElementsByType(CamundaInputOutput.class)) {
      for (CamundaInputParameter parameter : io.getCamundaInputParameters()) {
        names.add(parameter.getCamundaName());
      }
    }
    return names;
  }
}
