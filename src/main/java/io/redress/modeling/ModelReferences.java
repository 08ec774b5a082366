package io.redress.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * Whether every form, decision and called process a deployment's diagrams refer to resolves under its binding
 * ({@code deployment}: in this deployment; {@code latest}, {@code version}, {@code versionTag}: in this
 * deployment or deployed before), and whether a form or decision table deployed without its diagram would be
 * used at all. Runs inside the deployment's command, before the engine parses it.
 */
final class ModelReferences {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a deployment holds: its diagrams, and the ids of its processes, decisions and forms (with their file). */
  record Contents(Map<String, BpmnModelInstance> diagrams, Set<String> processes, Map<String, String> decisions,
      Map<String, String> forms) {

    static Contents of(Collection<ResourceEntity> resources) {
      Map<String, BpmnModelInstance> diagrams = new LinkedHashMap<>();
      Set<String> processes = new LinkedHashSet<>();
      Map<String, String> decisions = new LinkedHashMap<>();
      Map<String, String> forms = new LinkedHashMap<>();
      for (ResourceEntity r : resources) {
        String name = r.getName();
        try {
          if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
            BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(r.getBytes()));
            diagrams.put(name, model);
            model.getModelElementsByType(Process.class).forEach(p -> processes.add(p.getId()));
          } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
            Dmn.readModelFromStream(new ByteArrayInputStream(r.getBytes())).getModelElementsByType(Decision.class)
                .forEach(d -> decisions.put(d.getId(), name));
          } else if (name.endsWith(".form")) {
            JsonNode id = JSON.readTree(r.getBytes()).get("id");
            if (id != null) {
              forms.put(id.asText(), name);
            }
          }
        } catch (IOException | RuntimeException unreadable) {
          // ModelRules reports what cannot be read
        }
      }
      return new Contents(diagrams, processes, decisions, forms);
    }
  }

  /** One reference of a diagram: what kind, its key, its binding and the element that holds it. */
  private record Reference(String kind, String key, String binding, String version, BaseElement element) {
  }

  private final CommandContext context = Context.getCommandContext();
  /**
   * The process whose forms and tables the application also looks up in code (the complaint process: the SLA
   * tables, for one), so that a copy in its deployment counts as used even where its diagram does not name it; null:
   * every process. Other processes (the monthly summary) use only what their diagram names.
   */
  private final String lookedUpInCode;

  ModelReferences(String lookedUpInCode) {
    this.lookedUpInCode = lookedUpInCode;
  }
  /** Files missing from the deployment, to attach in Modeler's deploy dialog. */
  private final Set<String> toAttach = new TreeSet<>();

  /** Every reference of this deployment's diagrams that does not resolve under its binding. */
  List<ModelRules.Violation> unresolved(Contents here) {
    List<ModelRules.Violation> v = new ArrayList<>();
    for (Map.Entry<String, BpmnModelInstance> diagram : here.diagrams().entrySet()) {
      for (Reference ref : references(diagram.getValue())) {
        String problem = problem(ref, here);
        if (problem != null) {
          v.add(new ModelRules.Violation(diagram.getKey(), describe(ref.element()), problem));
        }
      }
    }
    return v;
  }

  /**
   * Forms and decision tables deployed without the diagram that takes them from its own deployment: no case would
   * ever use them (the diagram's deployment keeps its own copy), so they are refused with what to do instead.
   */
  List<ModelRules.Violation> unusedAlone(Contents here) {
    List<ModelRules.Violation> v = new ArrayList<>();
    if (here.decisions().isEmpty() && here.forms().isEmpty()) {
      return v;
    }
    List<ProcessDefinition> latest = context.runWithoutAuthorization(
        () -> {
          ProcessDefinitionQueryImpl query = new ProcessDefinitionQueryImpl();
          query.latestVersion();
          return query.executeList(context, null);
        });
    // taken by a diagram of this very deployment (another process, such as the monthly summary's): not alone
    Set<String> usedHere = new java.util.HashSet<>();
    for (BpmnModelInstance diagram : here.diagrams().values()) {
      references(diagram).forEach(r -> usedHere.add(r.kind() + ":" + r.key()));
    }
    // and what travelled with the newest version of a diagram deployed here: its set, deployed again (the shipped
    // deployment holds the complaint process and the monthly summary's together)
    for (ProcessDefinition process : latest) {
      if (here.processes().contains(process.getKey())) {
        Contents set = Contents.of(context.getResourceManager().findResourcesByDeploymentId(
            process.getDeploymentId()));
        set.forms().keySet().forEach(k -> usedHere.add("form:" + k));
        set.decisions().keySet().forEach(k -> usedHere.add("decision:" + k));
      }
    }
    for (ProcessDefinition process : latest) {
      if (here.processes().contains(process.getKey())) {
        continue; // deployed together with its diagram: the references check above applies
      }
      Contents own = Contents.of(context.getResourceManager().findResourcesByDeploymentId(process.getDeploymentId()));
      List<Reference> refs = references(context.getProcessEngineConfiguration().getDeploymentCache()
          .findBpmnModelInstanceForProcessDefinition(process.getId()));
      check(here.decisions(), own.decisions(), "decision", "decision table", refs, process, own, usedHere, v);
      check(here.forms(), own.forms(), "form", "form", refs, process, own, usedHere, v);
    }
    return v;
  }

  private void check(Map<String, String> deployed, Map<String, String> ownCopies, String kind, String what,
      List<Reference> refs, ProcessDefinition process, Contents own, Set<String> usedHere,
      List<ModelRules.Violation> v) {
    for (Map.Entry<String, String> e : deployed.entrySet()) {
      String key = e.getKey();
      if (usedHere.contains(kind + ":" + key)) {
        continue;
      }
      List<Reference> uses = refs.stream().filter(r -> r.kind().equals(kind) && r.key().equals(key)).toList();
      boolean fromOwnDeployment = uses.stream().anyMatch(r -> "deployment".equals(r.binding()))
          || uses.isEmpty() && ownCopies.containsKey(key)
          && (lookedUpInCode == null || lookedUpInCode.equals(process.getKey()));
      if (!fromOwnDeployment) {
        continue;
      }
      String diagram = fileName(process.getResourceName());
      Set<String> others = new TreeSet<>();
      own.decisions().values().forEach(f -> others.add(fileName(f)));
      own.forms().values().forEach(f -> others.add(fileName(f)));
      others.remove(fileName(e.getValue()));
      v.add(new ModelRules.Violation(e.getValue(), "the " + what + " '" + key + "'",
          "is taken by the process '" + process.getKey() + "' (" + process.getName() + ") from its own deployment, "
              + "so deployed alone no case would ever use it. Deploy it with the diagram: open " + diagram
              + " in Camunda Modeler, Deploy, and attach this file and the diagram's other forms and decision "
              + "tables (" + String.join(", ", others) + ") as additional files"));
    }
  }

  /** Files to attach, as Modeler names them (the file name without its folder). */
  Set<String> toAttach() {
    return toAttach;
  }

  private String problem(Reference ref, Contents here) {
    if (ref.key().contains("${") || ref.key().contains("#{")) {
      return null; // resolved when the case runs
    }
    boolean inThisDeployment = switch (ref.kind()) {
      case "form" -> here.forms().containsKey(ref.key());
      case "decision" -> here.decisions().containsKey(ref.key());
      default -> here.processes().contains(ref.key());
    };
    String binding = ref.binding() == null || ref.binding().isBlank() ? "latest" : ref.binding();
    String attribute = switch (ref.kind()) {
      case "form" -> "camunda:formRefBinding";
      case "decision" -> ref.element() instanceof BusinessRuleTask ? "camunda:decisionRefBinding"
          : "extension property decision, always";
      default -> "camunda:calledElementBinding";
    };
    if ("deployment".equals(binding)) {
      if (inThisDeployment) {
        return null;
      }
      String file = deployedFile(ref);
      toAttach.add(file);
      return "takes the " + ref.kind() + " '" + ref.key() + "' from its own deployment (" + attribute
          + "=\"deployment\"), and this deployment does not contain it: attach " + file;
    }
    if (inThisDeployment && !"version".equals(binding)) {
      return null;
    }
    if (deployed(ref, binding)) {
      return null;
    }
    String file = ref.kind().equals("process") ? "the diagram of '" + ref.key() + "'" : deployedFile(ref);
    toAttach.add(file);
    return "refers to the " + ref.kind() + " '" + ref.key() + "' (" + attribute + "=\"" + binding + "\""
        + (ref.version() == null ? "" : ", " + ref.version()) + "), which is neither in this deployment nor "
        + "deployed: attach " + file;
  }

  private boolean deployed(Reference ref, String binding) {
    return context.runWithoutAuthorization(() -> switch (ref.kind()) {
      case "form" -> context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(ref.key()) != null
          && ("latest".equals(binding) || versionOf(ref) == null || context.getCamundaFormDefinitionManager()
          .findDefinitionByKeyVersionAndTenantId(ref.key(), versionOf(ref), null) != null);
      case "decision" -> switch (binding) {
        case "version" -> versionOf(ref) != null && context.getDecisionDefinitionManager()
            .findDecisionDefinitionByKeyAndVersion(ref.key(), versionOf(ref)) != null;
        case "versionTag" -> context.getDecisionDefinitionManager()
            .findDecisionDefinitionByKeyVersionTagAndTenantId(ref.key(), ref.version(), null) != null;
        default -> context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(ref.key()) != null;
      };
      default -> switch (binding) {
        case "version" -> versionOf(ref) != null && context.getProcessDefinitionManager()
            .findProcessDefinitionByKeyVersionAndTenantId(ref.key(), versionOf(ref), null) != null;
        case "versionTag" -> context.getProcessDefinitionManager()
            .findProcessDefinitionByKeyVersionTagAndTenantId(ref.key(), ref.version(), null) != null;
        default -> context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(ref.key()) != null;
      };
    });
  }

  private static Integer versionOf(Reference ref) {
    try {
      return ref.version() == null ? null : Integer.valueOf(ref.version().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The file that holds the form or decision now, as Modeler would name it; else what to look for. */
  private String deployedFile(Reference ref) {
    String resource = context.runWithoutAuthorization(() -> switch (ref.kind()) {
      case "form" -> {
        var form = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(ref.key());
        yield form == null ? null : form.getResourceName();
      }
      case "decision" -> {
        DecisionDefinition d = context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(ref.key());
        yield d == null ? null : d.getResourceName();
      }
      default -> null;
    });
    if (resource != null) {
      return fileName(resource);
    }
    return switch (ref.kind()) {
      case "form" -> "the form with the id '" + ref.key() + "' (" + ref.key() + ".form)";
      case "decision" -> "the table that defines the decision '" + ref.key() + "'";
      default -> "the diagram of '" + ref.key() + "'";
    };
  }

  private static List<Reference> references(BpmnModelInstance model) {
    List<Reference> refs = new ArrayList<>();
    if (model == null) {
      return refs;
    }
    for (StartEvent e : model.getModelElementsByType(StartEvent.class)) {
      if (!blank(e.getCamundaFormRef())) {
        refs.add(new Reference("form", e.getCamundaFormRef(), e.getCamundaFormRefBinding(),
            e.getCamundaFormRefVersion(), e));
      }
    }
    for (UserTask t : model.getModelElementsByType(UserTask.class)) {
      if (!blank(t.getCamundaFormRef())) {
        refs.add(new Reference("form", t.getCamundaFormRef(), t.getCamundaFormRefBinding(),
            t.getCamundaFormRefVersion(), t));
      }
    }
    for (BusinessRuleTask t : model.getModelElementsByType(BusinessRuleTask.class)) {
      if (!blank(t.getCamundaDecisionRef())) {
        refs.add(new Reference("decision", t.getCamundaDecisionRef(), t.getCamundaDecisionRefBinding(),
            "versionTag".equals(t.getCamundaDecisionRefBinding()) ? t.getCamundaDecisionRefVersionTag()
                : t.getCamundaDecisionRefVersion(), t));
      }
    }
    // a decision the code evaluates for the element, from the case's deployment (CaseDecisions)
    for (CamundaProperty p : model.getModelElementsByType(CamundaProperty.class)) {
      if ("decision".equals(p.getCamundaName()) && !blank(p.getCamundaValue())
          && p.getParentElement().getParentElement().getParentElement() instanceof BaseElement e) {
        refs.add(new Reference("decision", p.getCamundaValue(), "deployment", null, e));
      }
    }
    for (CallActivity c : model.getModelElementsByType(CallActivity.class)) {
      if (!blank(c.getCalledElement())) {
        refs.add(new Reference("process", c.getCalledElement(), c.getCamundaCalledElementBinding(),
            "versionTag".equals(c.getCamundaCalledElementBinding()) ? c.getCamundaCalledElementVersionTag()
                : c.getCamundaCalledElementVersion(), c));
      }
    }
    return refs;
  }

  static String fileName(String resource) {
    return resource == null ? "" : resource.substring(resource.lastIndexOf('/') + 1);
  }

  private static String describe(BaseElement e) {
    return e.getId() + (e.getAttributeValue("name") == null ? "" : " (" + e.getAttributeValue("name") + ")");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
