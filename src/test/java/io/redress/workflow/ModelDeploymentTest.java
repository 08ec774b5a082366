package io.redress.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.RedressSpringTest;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RedressSpringTest
class ModelDeploymentTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;

  @Test
  void modelsAndFormsAreDeployedTogetherUnderStableNamesAndOnlyWhenChanged() {
    long before = repositoryService.createDeploymentQuery().count();
    String id = repositoryService.createDeploymentQuery().deploymentName(ModelDeployment.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().list().get(0).getId();
    List<String> names = repositoryService.getDeploymentResources(id).stream().map(Resource::getName).toList();
    assertThat(names).contains("processes/complaint-handling.bpmn", "processes/approval-authority.dmn",
        "processes/assignment-group.dmn", "processes/classification-suggestion.dmn",
        "processes/escalation-level.dmn", "forms/classify-complaint.form", "forms/complaint-intake.form",
        "forms/handle-escalation.form", "processes/sla-policy.dmn", "processes/severity-raise.dmn",
        "processes/monthly-summary.bpmn", "forms/monthly-summary.form", "processes/root-cause-category.dmn").hasSize(18);

    new ModelDeployment().postProcessEngineBuild(engine); // a restart with nothing changed
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }
}
