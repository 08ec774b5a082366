package io.redress.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * New passwords are hashed with {@link Pbkdf2PasswordEncryptor} ({@code redress.security.password-iterations},
 * default 310,000); passwords stored earlier with Camunda's SHA-512 or SHA-1 are still checked, and hashed slowly
 * the next time they are set.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PasswordHashingPlugin extends AbstractProcessEnginePlugin {

  private final int iterations;

  PasswordHashingPlugin(@Value("${redress.security.password-iterations:310000}") int iterations) {
    this.iterations = iterations;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // Camunda's PasswordManager keeps checking its SHA-1 and SHA-512 hashes by itself
    configuration.setPasswordEncryptor(new Pbkdf2PasswordEncryptor(iterations));
  }
}
