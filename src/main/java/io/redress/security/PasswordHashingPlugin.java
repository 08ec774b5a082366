package io.redress.security;

import java.time.Duration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * New passwords are hashed with {@link Pbkdf2PasswordEncryptor} ({@code redress.security.password-iterations},
 * default 310,000); passwords stored earlier with Camunda's SHA-512 or SHA-1 are still checked, and hashed slowly
 * the next time they are set. Successful PBKDF2 checks are remembered for {@code
 * redress.security.credential-cache-ttl} (default 5 minutes, 0 turns the cache off), at most {@code
 * redress.security.credential-cache-size} of them (default 10,000).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PasswordHashingPlugin extends AbstractProcessEnginePlugin {

  private final int iterations;
  private final Duration cacheTtl;
  private final long cacheSize;

  PasswordHashingPlugin(@Value("${redress.security.password-iterations:310000}") int iterations,
      @Value("${redress.security.credential-cache-ttl:5m}") Duration cacheTtl,
      @Value("${redress.security.credential-cache-size:10000}") long cacheSize) {
    this.iterations = iterations;
    this.cacheTtl = cacheTtl;
    this.cacheSize = cacheSize;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // Camunda's PasswordManager keeps checking its SHA-1 and SHA-512 hashes by itself (and uncached)
    configuration.setPasswordEncryptor(new Pbkdf2PasswordEncryptor(iterations, cacheTtl, cacheSize));
  }
}
