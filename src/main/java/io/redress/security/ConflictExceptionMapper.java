package io.redress.security;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;

/**
 * 409 Conflict, in the engine REST API's error shape, when two users claim or complete the same task at the same
 * moment: the one who comes second learns that someone else was faster, and nothing of theirs was changed.
 * (Camunda answers both with 500.) Closer in type than Camunda's own ProcessEngineExceptionHandler, so Jersey
 * chooses these.
 */
final class ConflictExceptionMapper {

  static final String CONCURRENT_MESSAGE = "Someone else claimed or completed this task at the same moment; "
      + "nothing of yours was changed. Reload the task and try again.";

  private ConflictExceptionMapper() {
  }

  static Response conflict(String type, String message) {
    return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", type, "message", message)).build();
  }

  @Provider
  public static class AlreadyClaimed implements ExceptionMapper<TaskAlreadyClaimedException> {
    @Override
    public Response toResponse(TaskAlreadyClaimedException e) {
      return conflict("TaskAlreadyClaimedException", "The task is already claimed by " + e.getTaskAssignee()
          + "; it was not claimed for you.");
    }
  }

  @Provider
  public static class ConcurrentChange implements ExceptionMapper<OptimisticLockingException> {
    @Override
    public Response toResponse(OptimisticLockingException e) {
      return conflict("OptimisticLockingException", CONCURRENT_MESSAGE);
    }
  }
}
