package io.redress.cluster;

import jakarta.ws.rs.ApplicationPath;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** Camunda's engine REST API as the starter sets it up, plus the 409 answers of {@link ConflictMappers}. */
@Component
@ApplicationPath("/engine-rest")
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(ConflictMappers.AlreadyClaimed.class);
    register(ConflictMappers.ConcurrentUpdate.class);
  }
}
