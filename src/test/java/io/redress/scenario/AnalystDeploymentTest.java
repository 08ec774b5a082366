package io.redress.scenario;

import static io.redress.scenario.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.redress.RedressSpringTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What Camunda Modeler does when an analyst deploys: a multipart POST to {@code /engine-rest/deployment/create}
 * with the analyst's credentials. A model that breaks the rules is refused with a message naming each element and
 * what it lacks, and nothing of it is kept; a good one is deployed.
 */
@RedressSpringTest
class AnalystDeploymentTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;

  @Test
  void modelerDeploymentsAreHeldToTheModelRules() throws Exception {
    Api api = new Api(port);
    long deployments = repositoryService.createDeploymentQuery().count();
    HttpResponse<String> refused = api.send(deploy(api, "broken.bpmn"));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    String message = json(refused).get("message").asText();
    assertThat(message).contains("Task_NoPeople (Nobody) has no candidate group",
        "Task_Script (Script) is a script task", "Task_Class (By class) must call a known delegate",
        "Process_Broken has no history time-to-live", "Flow_1c3d4e5 has a generated id");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("Process_Broken").count())
        .isZero();

    HttpResponse<String> deployed = api.send(deploy(api, "good.bpmn"));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    String id = json(deployed).get("id").asText();
    try {
      assertThat(repositoryService.createProcessDefinitionQuery().deploymentId(id).singleResult().getKey())
          .isEqualTo("Process_GoodwillCheck");
    } finally {
      repositoryService.deleteDeployment(id, true);
    }
  }

  /** The request Modeler sends: multipart form data with the deployment's name and the model file. */
  private HttpRequest.Builder deploy(Api api, String model) throws IOException {
    String boundary = "----redress" + UUID.randomUUID();
    byte[] file;
    try (InputStream in = getClass().getResourceAsStream("/models/" + model)) {
      file = in.readAllBytes();
    }
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
        + "analyst-" + model + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\""
        + "\r\n\r\nCamunda Modeler\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + model
        + "\"; filename=\"" + model + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[h.length + file.length + tail.length];
    System.arraycopy(h, 0, body, 0, h.length);
    System.arraycopy(file, 0, body, h.length, file.length);
    System.arraycopy(tail, 0, body, h.length + file.length, tail.length);
    return api.raw("ana", "POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, "")
        .method("POST", HttpRequest.BodyPublishers.ofByteArray(body));
  }
}
