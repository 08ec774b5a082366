package io.redress.sla;

import static io.redress.workflow.EngineAccess.withoutAuthorization;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** The timers of the models that stand for a customer deadline (start events with {@code sla-deadline=<kind>}). */
final class DeadlineTimers {

  /** Extension property naming the customer deadline a timer of the model stands for. */
  static final String SLA_PROPERTY = "sla-deadline";

  /** {@link #startEvents} of each definition asked for, by definition id. */
  private static final Map<String, Map<String, List<String>>> START_EVENTS = new ConcurrentHashMap<>();

  private DeadlineTimers() {
  }

  /** Moves the timers of this case that stand for the customer deadline {@code kind} to {@code due}. */
  static void reschedule(DelegateExecution execution, String kind, Date due) {
    ProcessEngineServices services = execution.getProcessEngineServices();
    withoutAuthorization(() -> {
      for (Job job : timersOf(services, execution.getProcessInstanceId(), execution.getProcessDefinitionId(), kind)) {
        services.getManagementService().setJobDuedate(job.getId(), due);
      }
      return null;
    });
  }

  /** The timer jobs of a process instance that stand for the customer deadline {@code kind}. */
  static List<Job> timersOf(ProcessEngineServices services, String processInstanceId, String definitionId,
      String kind) {
    Map<String, List<String>> starts = START_EVENTS.get(definitionId);
    if (starts == null) {
      starts = startEvents(services, definitionId); // outside the map's lock: it runs an engine command
      START_EVENTS.putIfAbsent(definitionId, starts);
    }
    List<String> ids = starts.getOrDefault(kind, List.of());
    return ids.stream().flatMap(id -> services.getManagementService().createJobQuery()
        .processInstanceId(processInstanceId).timers().activityId(id).list().stream()).toList();
  }

  /**
   * The start events of a deployed definition by the customer deadline they stand for. A deployed definition never
   * changes, so this is read from its model once per definition, not on every reschedule (a classification, a pause,
   * a resumption): walking the model's extension elements took a twentieth of a completion's time.
   */
  private static Map<String, List<String>> startEvents(ProcessEngineServices services, String definitionId) {
    BpmnModelInstance model = services.getRepositoryService().getBpmnModelInstance(definitionId);
    Map<String, List<String>> byKind = new HashMap<>();
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      String kind = property(start, SLA_PROPERTY);
      if (kind != null) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(start.getId());
      }
    }
    byKind.replaceAll((kind, ids) -> List.copyOf(ids));
    return Map.copyOf(byKind);
  }

  /** The customer deadline a model element stands for ({@code sla-deadline}), or null. */
  static String kindOf(BaseElement element) {
    return property(element, SLA_PROPERTY);
  }

  /** A {@code camunda:property} of a model element, or null. */
  static String property(BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream()).filter(p -> name.equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
  }
}
