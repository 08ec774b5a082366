package io.redress;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.AsyncContinuationJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tests' stand-in for the job executor's asynchronous continuations. The tests run with the job executor off (they
 * move the engine clock and fire timers themselves); the model's user tasks are asynchronous after, so without a job
 * executor a completed task would never lead to the next one. In every test context whose job executor is off, this
 * runs the asynchronous continuations that a command created, right after that command committed, each in a
 * transaction of its own and without the caller's authentication, as the job executor does (timers are left alone).
 * What the caller sees is what production shows a moment later: the completion committed on its own (a continuation
 * that fails is retried by the engine on its retry cycle and never reaches the caller), then the next step.
 *
 * <p>Tests that watch the job executor itself set {@code camunda.bpm.job-execution.enabled=true} (then this stays out
 * of the way); {@code redress.test.run-continuations=false} turns it off for a context that wants to run them by hand.
 * Registered for every test context in {@code META-INF/spring.factories}.
 */
public class ContinuationsAfterCommit implements ContextCustomizerFactory {

  private static final Logger LOG = LoggerFactory.getLogger(ContinuationsAfterCommit.class);

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    return new Customizer();
  }

  static final class Customizer implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      Environment env = context.getEnvironment();
      if (env.getProperty("camunda.bpm.job-execution.enabled", Boolean.class, true)
          || !env.getProperty("redress.test.run-continuations", Boolean.class, true)) {
        return;
      }
      context.getBeanFactory().registerSingleton("continuationsAfterCommit", new Plugin());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer;
    }

    @Override
    public int hashCode() {
      return Customizer.class.hashCode();
    }
  }

  /** Collects the continuations each command creates and runs them once the outermost command has committed. */
  static final class Plugin extends AbstractProcessEnginePlugin {

    private final ThreadLocal<Set<String>> created = ThreadLocal.withInitial(LinkedHashSet::new);
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private final ThreadLocal<Boolean> running = ThreadLocal.withInitial(() -> false);
    private ProcessEngineConfigurationImpl configuration;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
      List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
          ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
      pre.add(0, new Outermost());
      configuration.setCustomPreCommandInterceptorsTxRequired(pre);
      List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null
          ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
      post.add(new Collector());
      configuration.setCustomPostCommandInterceptorsTxRequired(post);
    }

    /** Outside the transaction: after the outermost command has committed, runs what it created. */
    private final class Outermost extends CommandInterceptor {
      @Override
      public <T> T execute(Command<T> command) {
        int[] d = depth.get();
        if (running.get() || d[0] > 0) {
          d[0]++;
          try {
            return next.execute(command);
          } finally {
            d[0]--;
          }
        }
        d[0] = 1;
        T result;
        try {
          result = next.execute(command);
        } catch (RuntimeException | Error e) {
          if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            created.get().clear();
          }
          throw e;
        } finally {
          d[0] = 0;
        }
        if (!created.get().isEmpty()) {
          if (TransactionSynchronizationManager.isSynchronizationActive()) {
            afterTheCallersTransaction();
          } else {
            runCreated();
          }
        }
        return result;
      }
    }

    /**
     * The command ran inside a transaction of the caller's (a Spring transaction around several engine calls): the
     * continuations run after it committed, in a thread of their own so that none of them joins the finished
     * transaction; the caller waits for them, as for a job executor that is quick.
     */
    private void afterTheCallersTransaction() {
      Set<String> ids = created.get();
      if (ids.contains("")) {
        return; // already registered for this transaction
      }
      ids.add("");
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          Set<String> mine = new LinkedHashSet<>(created.get());
          created.get().clear();
          mine.remove("");
          if (status != STATUS_COMMITTED || mine.isEmpty()) {
            return;
          }
          AtomicReference<Throwable> failure = new AtomicReference<>();
          Thread runner = new Thread(() -> {
            try {
              created.get().addAll(mine);
              runCreated();
            } catch (Throwable t) {
              failure.set(t);
            }
          }, "continuations-after-commit");
          runner.start();
          try {
            runner.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (failure.get() != null) {
            LOG.warn("Continuations after the caller's transaction failed", failure.get());
          }
        }
      });
    }

    /** Runs the continuations collected in this thread, and those they create, one transaction each. */
    private void runCreated() {
      IdentityService identity = configuration.getIdentityService();
      Authentication caller = identity.getCurrentAuthentication();
      running.set(true);
      identity.clearAuthentication();
      try {
        Set<String> queue = created.get();
        for (int guard = 0; !queue.isEmpty() && guard < 1000; guard++) {
          String id = queue.iterator().next();
          queue.remove(id);
          if (id.isEmpty()) {
            continue;
          }
          try {
            configuration.getManagementService().executeJob(id);
          } catch (RuntimeException e) {
            // recorded on the job by the engine (retries, exception, incident), as the job executor leaves it
            LOG.debug("Continuation {} failed: {}", id, e.getMessage());
          }
        }
        queue.clear();
      } finally {
        running.set(false);
        if (caller == null) {
          identity.clearAuthentication();
        } else {
          identity.setAuthentication(caller);
        }
      }
    }

    /** Inside the command context: notes the asynchronous continuations the command inserts. */
    private final class Collector extends CommandInterceptor {
      @Override
      public <T> T execute(Command<T> command) {
        T result = next.execute(command);
        CommandContext context = Context.getCommandContext();
        if (context != null) {
          for (CachedDbEntity cached : context.getDbEntityManager().getDbEntityCache().getCachedEntities()) {
            if (cached.getEntityState() == DbEntityState.TRANSIENT
                && cached.getEntity() instanceof MessageEntity job
                && AsyncContinuationJobHandler.TYPE.equals(job.getJobHandlerType()) && job.getId() != null) {
              created.get().add(job.getId());
            }
          }
        }
        return result;
      }
    }
  }
}
