package io.redress.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Engine reads the guards make for themselves, without the caller's authorizations: the caller's authentication
 * (set by the authentication in front of {@code /engine-rest}) is taken off for the read and put back afterwards,
 * so the engine still checks the caller's own request.
 */
final class SystemAccess {

  private SystemAccess() {
  }

  static <T> T asSystem(IdentityService identity, Supplier<T> work) {
    Authentication saved = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (saved != null) {
        identity.setAuthentication(saved);
      }
    }
  }
}
