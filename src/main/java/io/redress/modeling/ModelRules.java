package io.redress.modeling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The rules a complaint model must follow, checked with the Camunda model APIs: on the shipped models by a test,
 * and on every deployment by {@link ModelRulesDeployer}. Each violation names the element and what it lacks.
 */
public final class ModelRules {

  /** Ids as Modeler generates them ({@code Activity_0x8k2ab}, {@code Flow_1c3d4e5}) or as other tools do. */
  private static final Pattern GENERATED_ID = Pattern.compile("^[A-Za-z]+_(?=[0-9a-z]*[0-9])[0-9a-z]{7}$"
      + "|^sid-[0-9A-Fa-f-]{8,}$|^_?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  private static final Pattern BEAN_EXPRESSION = Pattern.compile("^\\$\\{([A-Za-z][A-Za-z0-9]*)}$");
  /** The complaint process (its key; workflow, which spells it, depends on this module). */
  static final String COMPLAINT_PROCESS = "complaint-handling";
  /** The listeners that track a user task of the complaint process: on a stage's task, on a task beside them. */
  static final List<String> TRACKING = List.of("stageTracking", "taskAudit");
  private static final List<String> TRACKED_EVENTS = List.of("create", "assignment", "complete");

  private ModelRules() {
  }

  /** One broken rule: where, and what is missing or wrong. */
  public record Violation(String resource, String element, String problem) {
    @Override
    public String toString() {
      return resource + ": " + element + " " + problem;
    }
  }

  /**
   * @param knownBeans the delegates and listeners the application offers (Spring bean names)
   * @param formExists whether a Camunda Form with this id can be found (in the deployment or deployed before)
   */
  public static List<Violation> check(String resource, BpmnModelInstance model, Set<String> knownBeans,
      Predicate<String> formExists) {
    List<Violation> v = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable() && blank(process.getCamundaHistoryTimeToLiveString())) {
        v.add(new Violation(resource, id(process), "has no history time-to-live (camunda:historyTimeToLive)"));
      }
    }
    Collection<BoundaryEvent> boundaries = model.getModelElementsByType(BoundaryEvent.class);
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (blank(task.getCamundaAssignee()) && blank(task.getCamundaCandidateGroups())
          && blank(task.getCamundaCandidateUsers())) {
        v.add(new Violation(resource, id(task), "has no candidate group, candidate user or assignee"));
      }
      String form = task.getCamundaFormRef();
      if (blank(form)) {
        v.add(new Violation(resource, id(task), "has no Camunda Form (camunda:formRef)"));
      } else if (!form.contains("${") && !formExists.test(form)) {
        v.add(new Violation(resource, id(task), "refers to the form '" + form + "', which does not exist"));
      }
      if (blank(task.getCamundaDueDate())) {
        v.add(new Violation(resource, id(task), "has no due date (camunda:dueDate)"));
      }
      boolean timer = boundaries.stream().anyMatch(b -> b.getAttachedTo() == task
          && b.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance));
      if (!timer) {
        v.add(new Violation(resource, id(task), "has no deadline (a timer boundary event)"));
      }
      if (inComplaintProcess(task) && !tracked(task)) {
        v.add(new Violation(resource, id(task), "does not name the task's tracking listener: add "
            + "delegateExpression=\"${stageTracking}\" (on a task beside the stages \"${taskAudit}\") as a task "
            + "listener on create, on assignment and on complete, and as the first execution listener on end"));
      }
    }
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      delegate(resource, task, task.getCamundaDelegateExpression(), task.getCamundaClass(),
          task.getCamundaExpression(), task.getCamundaType(), knownBeans, v);
    }
    for (SendTask task : model.getModelElementsByType(SendTask.class)) {
      delegate(resource, task, task.getCamundaDelegateExpression(), task.getCamundaClass(),
          task.getCamundaExpression(), task.getCamundaType(), knownBeans, v);
    }
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      if (blank(task.getCamundaDecisionRef())) {
        delegate(resource, task, task.getCamundaDelegateExpression(), task.getCamundaClass(),
            task.getCamundaExpression(), task.getCamundaType(), knownBeans, v);
      }
    }
    for (ScriptTask task : model.getModelElementsByType(ScriptTask.class)) {
      v.add(new Violation(resource, id(task), "is a script task: scripts are not run here, call a known delegate"));
    }
    for (CamundaExecutionListener l : model.getModelElementsByType(CamundaExecutionListener.class)) {
      listener(resource, l.getParentElement().getParentElement(), l.getCamundaDelegateExpression(),
          l.getCamundaClass(), l.getCamundaExpression(), l.getCamundaScript() != null, knownBeans, v);
    }
    for (CamundaTaskListener l : model.getModelElementsByType(CamundaTaskListener.class)) {
      listener(resource, l.getParentElement().getParentElement(), l.getCamundaDelegateExpression(),
          l.getCamundaClass(), l.getCamundaExpression(), l.getCamundaScript() != null, knownBeans, v);
    }
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      generatedId(resource, element.getId(), id(element), v);
    }
    return v;
  }

  private static boolean inComplaintProcess(ModelElementInstance element) {
    for (ModelElementInstance e = element.getParentElement(); e != null; e = e.getParentElement()) {
      if (e instanceof Process p) {
        return COMPLAINT_PROCESS.equals(p.getId());
      }
    }
    return false;
  }

  /** Whether one of {@link #TRACKING} is named on the task's create, assignment and complete, and first on its end. */
  private static boolean tracked(UserTask task) {
    if (task.getExtensionElements() == null) {
      return false;
    }
    List<CamundaTaskListener> taskListeners = task.getExtensionElements().getElementsQuery()
        .filterByType(CamundaTaskListener.class).list();
    List<String> ends = task.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class)
        .list().stream().filter(l -> "end".equals(l.getCamundaEvent()))
        .map(l -> bean(l.getCamundaDelegateExpression())).toList();
    return TRACKING.stream().anyMatch(name -> !ends.isEmpty() && name.equals(ends.get(0))
        && TRACKED_EVENTS.stream().allMatch(event -> taskListeners.stream().anyMatch(l -> event.equals(
            l.getCamundaEvent()) && name.equals(bean(l.getCamundaDelegateExpression())))));
  }

  private static String bean(String delegateExpression) {
    var m = delegateExpression == null ? null : BEAN_EXPRESSION.matcher(delegateExpression.strip());
    return m != null && m.matches() ? m.group(1) : null;
  }

  public static List<Violation> check(String resource, DmnModelInstance model) {
    List<Violation> v = new ArrayList<>();
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (blank(decision.getCamundaHistoryTimeToLiveString())) {
        v.add(new Violation(resource, decision.getId(), "has no history time-to-live (camunda:historyTimeToLive)"));
      }
    }
    for (org.camunda.bpm.model.dmn.instance.DmnElement element
        : model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.DmnElement.class)) {
      generatedId(resource, element.getId(), element.getId(), v);
    }
    return v;
  }

  private static void delegate(String resource, BaseElement task, String delegateExpression, String className,
      String expression, String type, Set<String> knownBeans, List<Violation> v) {
    if (!blank(className) || !blank(expression) || !blank(type)) {
      v.add(new Violation(resource, id(task), "must call a known delegate (camunda:delegateExpression=\"${bean}\"), "
          + "not a class, an expression or an external task"));
      return;
    }
    knownBean(resource, task, delegateExpression, "has no delegate (camunda:delegateExpression)", knownBeans, v);
  }

  private static void listener(String resource, ModelElementInstance owner, String delegateExpression,
      String className, String expression, boolean script, Set<String> knownBeans, List<Violation> v) {
    String where = owner instanceof BaseElement b ? id(b) : owner.getElementType().getTypeName();
    if (script || !blank(className) || !blank(expression)) {
      v.add(new Violation(resource, where, "has a listener that is not a known delegate (class, expression or "
          + "script)"));
      return;
    }
    if (!blank(delegateExpression)) {
      knownBean(resource, owner instanceof BaseElement b ? b : null, delegateExpression, "", knownBeans, v);
    }
  }

  private static void knownBean(String resource, BaseElement element, String delegateExpression, String whenMissing,
      Set<String> knownBeans, List<Violation> v) {
    String where = element == null ? "a listener" : id(element);
    if (blank(delegateExpression)) {
      v.add(new Violation(resource, where, whenMissing));
      return;
    }
    var m = BEAN_EXPRESSION.matcher(delegateExpression.strip());
    if (!m.matches()) {
      v.add(new Violation(resource, where, "calls '" + delegateExpression + "': a delegate is named as ${bean}"));
    } else if (!knownBeans.contains(m.group(1))) {
      v.add(new Violation(resource, where, "calls '" + m.group(1) + "', which is not one of the delegates: "
          + String.join(", ", new java.util.TreeSet<>(knownBeans))));
    }
  }

  private static void generatedId(String resource, String id, String display, List<Violation> v) {
    if (id != null && GENERATED_ID.matcher(id).matches()) {
      v.add(new Violation(resource, display, "has a generated id: name it after what it is (e.g. Task_CheckRefund)"));
    }
  }

  private static String id(BaseElement e) {
    return e.getId() + (e.getAttributeValue("name") == null ? "" : " (" + e.getAttributeValue("name") + ")");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
