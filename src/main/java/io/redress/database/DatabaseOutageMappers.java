package io.redress.database;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * The engine REST API ({@code /engine-rest}) while the database is unavailable: 503 problem with Retry-After
 * instead of Camunda's 500. Each mapper stands in for Camunda's mapper of the same exception type (registered with
 * a higher priority, so Jersey chooses it) and hands every other failure to Camunda's, so those answers stay as
 * they were.
 */
final class DatabaseOutageMappers {

  /** Jersey prefers the lower value among mappers of the same exception type; Camunda's have the default. */
  static final int PRIORITY = 1;

  private DatabaseOutageMappers() {
  }

  static Response unavailable(UriInfo uri, Throwable failure) {
    String path = uri == null ? null : uri.getRequestUri().getRawPath();
    DatabaseOutage.log("engine REST", path, failure);
    return Response.status(503).type("application/problem+json")
        .header("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))
        .header("Cache-Control", "no-store")
        .entity(DatabaseOutage.body(path, true)).build();
  }

  public static class AnyFailure implements ExceptionMapper<Throwable> {
    private final ExceptionHandler camunda = new ExceptionHandler();
    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
      return DatabaseOutage.isCause(e) ? unavailable(uri, e) : camunda.toResponse(e);
    }
  }

  public static class EngineFailure implements ExceptionMapper<ProcessEngineException> {
    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();
    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(ProcessEngineException e) {
      return DatabaseOutage.isCause(e) ? unavailable(uri, e) : camunda.toResponse(e);
    }
  }

  public static class RestFailure implements ExceptionMapper<RestException> {
    private final RestExceptionHandler camunda = new RestExceptionHandler();
    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(RestException e) {
      return DatabaseOutage.isCause(e) ? unavailable(uri, e) : camunda.toResponse(e);
    }
  }
}
