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
import io.redress.language.WorkingLanguage;
import io.redress.security.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/*.bpmn}, {@code processes/*.dmn} and the forms of the working language at start-up as one
 * deployment named {@code redress}, with stable resource names ({@code processes/complaint-handling.bpmn},
 * {@code forms/classify-complaint.form}) wherever the application runs from, and only when one of them changed.
 * Forms and tables are bound from the same deployment as the process ({@code camunda:formRefBinding="deployment"}),
 * so they always travel together.
 *
 * <p>The forms come in one definition per language with the same ids: {@code forms/*.form} in English, and
 * {@code forms/zh-CN/*.form} in Chinese; {@code redress.locale} chooses the set. Switching the language and starting
 * again deploys the other set (a new version for new tasks; open tasks keep the forms of their deployment).
 */
@Component
class ModelDeployment extends AbstractProcessEnginePlugin {

  static final String DEPLOYMENT_NAME = "redress";
  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployment.class);

  private AuditLog audit;
  private WorkingLanguage language = WorkingLanguage.EN;

  @Autowired
  void setLanguage(WorkingLanguage language) {
    this.language = language;
  }

  /** Where the forms of a working language are, below {@code forms/} on the classpath. */
  static String formsFolder(WorkingLanguage language) {
    return language == WorkingLanguage.EN ? "forms/" : "forms/" + language.tag() + "/";
  }

  @Autowired
  void setAudit(@Lazy AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("redress start-up (" + language.tag() + ")")
        .enableDuplicateFiltering(false);
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    int count = 0;
    String[][] sets = {{"classpath*:processes/*.bpmn", "processes/"}, {"classpath*:processes/*.dmn", "processes/"},
        {"classpath*:" + formsFolder(language) + "*.form", "forms/"}};
    try {
      for (String[] set : sets) {
        String folder = set[1];
        Resource[] resources = resolver.getResources(set[0]);
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
    Deployment deployment = io.redress.modeling.ShippedModels.deploy(builder::deploy);
    LOG.info("{} models and forms ({}) deployed or unchanged (deployment {})", count, language.tag(),
        deployment.getId());
    if (audit != null) {
      audit.deployment("system", deployment.getId(), "start-up deployment of " + count + " models and forms");
    }
  }
}
