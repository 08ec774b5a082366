package io.redress.cluster;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;

/**
 * Conflicts on the engine REST API answer {@code 409 Conflict} in Camunda's error format instead of {@code 500}: a
 * claim of a task someone else holds, and a concurrent change of the same row (two nodes claiming one task at the
 * same moment: the later write fails Camunda's optimistic lock). The caller reloads and sees who has it.
 */
final class ConflictMappers {

  private ConflictMappers() {
  }

  static Response conflict(RuntimeException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", e.getClass().getSimpleName());
    body.put("message", e.getMessage());
    body.put("code", null);
    return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  @Provider
  static class AlreadyClaimed implements ExceptionMapper<TaskAlreadyClaimedException> {
    @Override
    public Response toResponse(TaskAlreadyClaimedException e) {
      return conflict(e);
    }
  }

  @Provider
  static class ConcurrentUpdate implements ExceptionMapper<OptimisticLockingException> {
    @Override
    public Response toResponse(OptimisticLockingException e) {
      return conflict(e);
    }
  }
}
