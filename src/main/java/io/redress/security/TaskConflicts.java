package io.redress.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Two people acting on one task at the same moment: on this node their actions go one after the other (striped
 * locks per task id), and the second learns with 409 that someone else was faster, naming who completed the task,
 * instead of the engine's 403, 404 or 500.
 */
final class TaskConflicts {

  static final Pattern TASK_ACTION = Pattern.compile("^/task/([^/]+)/(claim|complete|submit-form|resolve)$");
  private static final Pattern CONCURRENT = Pattern.compile("OptimisticLockingException|ENGINE-03005|"
      + "updated by another transaction concurrently|already claimed");
  /** Striped locks serialising actions on the same task within this node. */
  private static final ReentrantLock[] TASK_LOCKS = new ReentrantLock[64];

  static {
    for (int i = 0; i < TASK_LOCKS.length; i++) {
      TASK_LOCKS[i] = new ReentrantLock();
    }
  }

  private final TaskService tasks;
  private final HistoryService history;
  private final IdentityService identity;
  private final TaskCandidates candidates;

  TaskConflicts(TaskService tasks, HistoryService history, IdentityService identity, TaskCandidates candidates) {
    this.tasks = tasks;
    this.history = history;
    this.identity = identity;
    this.candidates = candidates;
  }

  /** The task a POST acts on (claim, complete, submit-form, resolve), or null. */
  static String actedOn(String method, String rest) {
    Matcher action = TASK_ACTION.matcher(rest);
    return "POST".equals(method) && action.matches() ? action.group(1) : null;
  }

  /**
   * Passes an action on the task on, after any other action on it on this node: the second then finds the task
   * claimed or completed (a clear 409) instead of racing the first's commit inside the engine, where a half-read
   * execution tree can fail with an internal error.
   */
  void serialised(String taskId, HttpServletRequest request, ContentCachingResponseWrapper response,
      FilterChain chain) throws IOException, ServletException {
    ReentrantLock lock = TASK_LOCKS[Math.floorMod(taskId.hashCode(), TASK_LOCKS.length)];
    lock.lock();
    try {
      HistoricTaskInstance done = completedMeanwhile(taskId);
      if (done != null) {
        // the usual loser of a race on this node: answered here, so the engine does not fail on a task that is
        // gone and log an ERROR (and an HTTP 500 warning) for what the caller gets as a plain 409
        alreadyCompleted(done, response);
      } else {
        chain.doFilter(request, response);
      }
    } finally {
      lock.unlock();
    }
  }

  /** After an engine request: a failed action on a task completed meanwhile, or a concurrent change, is 409. */
  void rewrite(String taskId, String caller, ContentCachingResponseWrapper response) throws IOException {
    int status = response.getStatus();
    if (taskId != null && status >= 400 && status != 409 && status != 403) {
      alreadyCompleted(taskId, response);
    } else if (taskId != null && status == 403 && candidates.mayHaveWorkedOn(taskId, caller)) {
      // two people completing one task at once: the loser's authorization check may run after the winner's
      // commit removed the task and its candidate links, so the engine answers 403; for someone who could work on
      // the task that is a conflict, not a denial
      alreadyCompleted(taskId, response);
    }
    if (response.getStatus() >= 500 && CONCURRENT.matcher(new String(response.getContentAsByteArray(),
        StandardCharsets.UTF_8)).find()) {
      // Camunda wraps the OptimisticLockingException of a form submission into a 500 RestException
      GuardAnswers.replace(response, 409, "Conflict", ConflictExceptionMapper.CONCURRENT_MESSAGE);
    }
  }

  /** If the task was completed meanwhile, 409 naming who completed it. */
  private void alreadyCompleted(String taskId, ContentCachingResponseWrapper response) throws IOException {
    HistoricTaskInstance done = completedMeanwhile(taskId);
    if (done != null) {
      alreadyCompleted(done, response);
    }
  }

  private static void alreadyCompleted(HistoricTaskInstance done, ContentCachingResponseWrapper response)
      throws IOException {
    GuardAnswers.replace(response, 409, "Conflict", "The task was already completed" + (done.getAssignee() == null
        ? "" : " by " + done.getAssignee()) + "; nothing of yours was changed.");
  }

  /** The task, finished, when it is no longer open but was completed; null while it is open or never existed. */
  private HistoricTaskInstance completedMeanwhile(String taskId) {
    // the caller's authentication may still be set here, and a handler has no right to read history
    if (SystemAccess.asSystem(identity, () -> tasks.createTaskQuery().taskId(taskId).count()) > 0) {
      return null;
    }
    return SystemAccess.asSystem(identity, () -> history.createHistoricTaskInstanceQuery().taskId(taskId).finished()
        .singleResult());
  }
}
