package io.redress.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.redress.security.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/*.bpmn}, {@code processes/*.dmn} and {@code forms/*.form} at start-up as one deployment
 * named {@code redress}, with stable resource names ({@code processes/complaint-handling.bpmn}) wherever the
 * application runs from, and only when one of them changed. Forms and tables are bound from the same deployment
 * as the process ({@code camunda:formRefBinding="deployment"}), so they always travel together.
 */
@Component
class ModelDeployment extends AbstractProcessEnginePlugin {

  static final String DEPLOYMENT_NAME = "redress";
  private static final String[] PATTERNS = {
      "classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:forms/*.form"};
  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployment.class);

  private AuditLog audit;

  @Autowired
  void setAudit(@Lazy AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("redress start-up")
        .enableDuplicateFiltering(false);
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    int count = 0;
    try {
      for (String pattern : PATTERNS) {
        String folder = pattern.substring("classpath*:".length(), pattern.indexOf('/') + 1);
        Resource[] resources = resolver.getResources(pattern);
        Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
        for (Resource resource : resources) {
          try (InputStream in = resource.getInputStream()) {
            builder.addInputStream(folder + resource.getFilename(), new ByteArrayInputStream(in.readAllBytes()));
            count++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the models to deploy", e);
    }
    Deployment deployment = builder.deploy();
    LOG.info("{} models and forms deployed or unchanged (deployment {})", count, deployment.getId());
    if (audit != null) {
      audit.deployment("system", deployment.getId(), "start-up deployment of " + count + " models and forms");
    }
  }
}
