package io.redress.modeling;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.dmn.Dmn;
import org.springframework.context.ApplicationContext;

/**
 * Holds every new deployment to the {@link ModelRules} and to {@link ModelReferences}, before the engine parses it:
 * a model that breaks a rule, a form, decision or called process that does not resolve under its binding, or a
 * form or table deployed without the diagram that takes it from its own deployment, is refused with a message
 * naming each element, what it lacks and which file to attach (400 from {@code /engine-rest/deployment/create},
 * which is where Camunda Modeler deploys), and nothing of the deployment is kept.
 */
class ModelRulesDeployer implements Deployer {

  private final ApplicationContext context;

  ModelRulesDeployer(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    Set<String> beans = knownBeans();
    List<ModelRules.Violation> violations = new ArrayList<>();
    for (ResourceEntity r : deployment.getResources().values()) {
      String name = r.getName();
      try {
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
          violations.addAll(ModelRules.check(name, Bpmn.readModelFromStream(new ByteArrayInputStream(r.getBytes())),
              beans, form -> true)); // forms, decisions and called processes: ModelReferences, by binding
        } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
          violations.addAll(ModelRules.check(name, Dmn.readModelFromStream(new ByteArrayInputStream(r.getBytes()))));
        }
      } catch (RuntimeException unreadable) {
        violations.add(new ModelRules.Violation(name, "", "cannot be read: " + unreadable.getMessage()));
      }
    }
    TrialComplaint trial = context.getBeanProvider(TrialComplaint.class).getIfAvailable();
    ModelReferences references = new ModelReferences(trial == null ? null : trial.processKey());
    ModelReferences.Contents contents = ModelReferences.Contents.of(deployment.getResources().values());
    violations.addAll(references.unresolved(contents));
    violations.addAll(references.unusedAlone(contents));
    if (!violations.isEmpty()) {
      String attach = references.toAttach().isEmpty() ? "" : " Missing from this deployment: "
          + String.join(", ", references.toAttach()) + ". In Camunda Modeler's deploy dialog attach them as "
          + "additional files (Deploy, then 'Include additional files') and deploy again.";
      throw new BadUserRequestException("The deployment '" + deployment.getName() + "' breaks the rules of a "
          + "complaint model and was not deployed: " + violations.stream().map(ModelRules.Violation::toString)
          .collect(Collectors.joining("; ")) + "." + attach);
    }
  }

  /** The delegates and listeners the application offers, by bean name (read without creating any bean). */
  Set<String> knownBeans() {
    return Stream.of(JavaDelegate.class, TaskListener.class, ExecutionListener.class)
        .flatMap(type -> Arrays.stream(context.getBeanNamesForType(type, false, false)))
        .collect(Collectors.toSet());
  }

}
