package io.redress.modeling;

import org.camunda.bpm.engine.ProcessEngineException;

/** Says in one line why something failed in the engine, for refusals, problem answers and the audit log. */
public final class Causes {

  private Causes() {
  }

  /**
   * The engine's own message where there is one (the deepest {@link ProcessEngineException}, which names the
   * element, the expression or the missing definition), with the root cause's message if that one adds something;
   * otherwise the innermost message. Each with its exception's simple name.
   */
  public static String of(Throwable e) {
    if (e == null) {
      return "";
    }
    Throwable engine = null;
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProcessEngineException && t.getMessage() != null && !t.getMessage().isBlank()) {
        engine = t;
      }
      root = t;
    }
    Throwable main = engine != null ? engine : root;
    String text = describe(main);
    if (root != main && root.getMessage() != null && !main.getMessage().contains(root.getMessage())) {
      text += " (" + describe(root) + ")";
    }
    return text;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().strip();
    return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }
}
