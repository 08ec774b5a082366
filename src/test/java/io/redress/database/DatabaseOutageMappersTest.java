package io.redress.database;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The engine REST API's exception mappers in Jersey as the application configures it (Camunda's configuration
 * classes, as the Camunda starter registers them, and this application's customizer): Jersey chooses ours for the
 * exception types Camunda maps, a failure for want of the database becomes the 503 problem with Retry-After, and
 * every other failure gets Camunda's own answer as before.
 */
class DatabaseOutageMappersTest {

  @Path("/fail")
  public static class Failing {
    @GET
    @Path("/{how}")
    public String fail(@PathParam("how") String how) {
      SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
      throw switch (how) {
        case "engine" -> new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
            lost);
        case "transaction" -> new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
            new SQLTransientConnectionException("redress - Connection is not available", "08001"));
        case "rest" -> new RestException(Response.Status.INTERNAL_SERVER_ERROR, lost, "Cannot complete task");
        case "model" -> new ProcessEngineException("Unknown property used in expression: ${nope}");
        case "missing" -> new NotFoundException();
        default -> new IllegalStateException("unexpected");
      };
    }
  }

  private final ApplicationHandler jersey = application();

  private static ApplicationHandler application() {
    ResourceConfig config = new ResourceConfig();
    // jersey-spring (on the classpath through the Camunda starter) wants a Spring context: an empty one
    org.springframework.context.support.GenericApplicationContext spring =
        new org.springframework.context.support.GenericApplicationContext();
    spring.refresh();
    config.property("contextConfig", spring);
    config.registerClasses(CamundaRestResources.getConfigurationClasses());
    config.register(Failing.class);
    new DatabaseOutageConfiguration().databaseOutageMappers().customize(config);
    return new ApplicationHandler(config);
  }

  @Test
  void aFailureForWantOfTheDatabaseIs503WithRetryAfter() throws Exception {
    for (String how : new String[] {"engine", "transaction", "rest"}) {
      ContainerResponse r = get("/fail/" + how);
      assertThat(r.getStatus()).as(how).isEqualTo(503);
      assertThat(r.getMediaType()).as(how).hasToString("application/problem+json");
      assertThat(r.getHeaderString("Retry-After")).as(how).isEqualTo(String.valueOf(
          DatabaseOutage.RETRY_AFTER_SECONDS));
      assertThat(body(r)).as(how).contains("\"type\":\"https://redress.example/problems/database-unavailable\"",
          "\"instance\":\"/engine-rest/fail/" + how + "\"", "\"message\":").doesNotContain("SQL", "08006");
    }
  }

  @Test
  void everyOtherFailureKeepsCamundasAnswer() throws Exception {
    ContainerResponse model = get("/fail/model");
    assertThat(model.getStatus()).isEqualTo(500);
    assertThat(body(model)).contains("\"type\":\"ProcessEngineException\"", "Unknown property used in expression");
    assertThat(get("/fail/missing").getStatus()).isEqualTo(404);
    ContainerResponse other = get("/fail/other");
    assertThat(other.getStatus()).isEqualTo(500);
    assertThat(body(other)).contains("\"type\":\"IllegalStateException\"");
  }

  private ContainerResponse get(String path) throws Exception {
    ContainerRequest request = new ContainerRequest(URI.create("http://localhost/engine-rest/"),
        URI.create("http://localhost/engine-rest" + path), "GET", null, new MapPropertiesDelegate(),
        jersey.getConfiguration());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    request.setWriter(new org.glassfish.jersey.server.spi.ContainerResponseWriter() {
      @Override
      public java.io.OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse response) {
        return out;
      }

      @Override
      public boolean suspend(long timeOut, java.util.concurrent.TimeUnit timeUnit, TimeoutHandler timeoutHandler) {
        return false;
      }

      @Override
      public void setSuspendTimeout(long timeOut, java.util.concurrent.TimeUnit timeUnit) {
      }

      @Override
      public void commit() {
      }

      @Override
      public void failure(Throwable error) {
      }

      @Override
      public boolean enableResponseBuffering() {
        return false;
      }
    });
    ContainerResponse response = jersey.apply(request, out).get();
    bodies.put(response, out);
    return response;
  }

  private final java.util.Map<ContainerResponse, ByteArrayOutputStream> bodies = new java.util.IdentityHashMap<>();

  private String body(ContainerResponse r) {
    return bodies.get(r).toString(StandardCharsets.UTF_8);
  }
}
