package io.redress.workflow;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/** Engine reads the application makes for itself, without the authorizations of whoever is logged in. */
public final class EngineAccess {

  private EngineAccess() {
  }

  /** Runs {@code call} in the current engine command without authorization checks (directly when there is none). */
  public static <T> T withoutAuthorization(Callable<T> call) {
    CommandContext context = Context.getCommandContext();
    try {
      return context == null ? call.call() : context.runWithoutAuthorization(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ProcessEngineException(e);
    }
  }
}
