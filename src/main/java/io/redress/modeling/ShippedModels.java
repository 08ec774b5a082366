package io.redress.modeling;

import java.util.function.Supplier;

/**
 * Marks the application's own deployment of the shipped models at start-up, the one deployment that
 * {@link DeploymentDryRun} does not try out first (the build's tests prove those models, and a trial complaint
 * cannot run while the engine is still being built). The mark is a thread-local set only around that call: nothing a
 * client sends (such as Modeler's {@code deployment-source}) can claim it.
 */
public final class ShippedModels {

  private static final ThreadLocal<Boolean> DEPLOYING = new ThreadLocal<>();

  private ShippedModels() {
  }

  /** Runs the start-up deployment of the shipped models. */
  public static <T> T deploy(Supplier<T> deployment) {
    DEPLOYING.set(Boolean.TRUE);
    try {
      return deployment.get();
    } finally {
      DEPLOYING.remove();
    }
  }

  static boolean deploying() {
    return Boolean.TRUE.equals(DEPLOYING.get());
  }
}
