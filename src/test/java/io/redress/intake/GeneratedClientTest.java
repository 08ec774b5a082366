package io.redress.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redress.RedressSpringTest;
import io.redress.client.ApiClient;
import io.redress.client.ApiException;
import io.redress.client.api.ComplaintsApi;
import io.redress.client.api.CustomersApi;
import io.redress.client.model.Complaint;
import io.redress.client.model.ComplaintMessage;
import io.redress.client.model.ComplaintPage;
import io.redress.client.model.CustomerMessage;
import io.redress.client.model.NewComplaint;
import io.redress.client.model.NewComplaintCustomer;
import io.redress.client.model.Pause;
import io.redress.client.model.Withdrawal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The complaint API as a client generated from its OpenAPI document sees it (openapi-generator, Java's
 * java.net.http and Jackson; generated at build time from src/test/resources/openapi.json, which
 * OpenApiDocumentTest holds equal to the live document). The generated models read the answers strictly by the
 * document's schemas, enums included: an answer the document does not describe fails here.
 */
@RedressSpringTest
class GeneratedClientTest {

  @LocalServerPort int port;

  private ComplaintsApi complaints(String user) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    String basic = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + basic));
    return new ComplaintsApi(client);
  }

  @Test
  void aGeneratedClientTakesInSearchesRecordsPausesResumesAndWithdraws() throws Exception {
    ComplaintsApi fiona = complaints("fiona");
    NewComplaint complaint = new NewComplaint()
        .customer(new NewComplaintCustomer().name("Generated Client").phone("+86 139-0000-4711")
            .email("generated.client@example.org").tier(NewComplaintCustomer.TierEnum.PREMIUM))
        .channel(NewComplaint.ChannelEnum.WEB)
        .orderRef("ORD-GEN-4711")
        .description("The shuttle bus to the airport never came.")
        .desiredOutcome(NewComplaint.DesiredOutcomeEnum.REFUND)
        .amountClaimed(new BigDecimal("240.50"));

    // intake, and a retry with the same key answers the same case
    Complaint created = fiona.createComplaint(complaint, "generated-client-1");
    assertThat(created.getId()).startsWith("CMP-");
    assertThat(created.getStatus()).isEqualTo(Complaint.StatusEnum.OPEN);
    assertThat(created.getAmountClaimed()).isEqualByComparingTo("240.50");
    assertThat(created.getCustomer().getPhone()).isEqualTo("+86****4711");
    assertThat(fiona.createComplaint(complaint, "generated-client-1").getId()).isEqualTo(created.getId());

    // search: by the customer, newest first
    ComplaintPage page = fiona.searchComplaints("open", null, null, null, "web", null, null,
        created.getCustomer().getId(), null, null, 0, 10, "received", "desc");
    assertThat(page.getItems()).extracting(i -> i.getId()).containsExactly(created.getId());
    assertThat(page.getTotal()).isEqualTo(1L);

    // a later message of the customer
    ComplaintMessage message = fiona.addCustomerMessage(created.getId(),
        new CustomerMessage().text("Here is the booking confirmation.").channel(CustomerMessage.ChannelEnum.EMAIL)
            .messageId("gen-mail-1"));
    assertThat(message.getText()).isEqualTo("Here is the booking confirmation.");
    assertThat(fiona.getComplaint(created.getId()).getMessages()).extracting(ComplaintMessage::getMessageId)
        .contains("gen-mail-1");

    // waiting on the customer, and back
    Complaint paused = fiona.pauseComplaint(created.getId(), new Pause().reason("Waiting for the receipt"));
    assertThat(paused.getPausedAt()).isNotNull();
    ApiException twice = catchThrowableOfType(ApiException.class,
        () -> fiona.pauseComplaint(created.getId(), new Pause().reason("Again")));
    assertThat(twice.getCode()).isEqualTo(409);
    JsonNode problem = new ObjectMapper().readTree(twice.getResponseBody());
    assertThat(problem.path("type").asText()).isEqualTo(ApiProblems.ALREADY_WAITING.toString());
    Complaint resumed = fiona.resumeComplaint(created.getId());
    assertThat(resumed.getPausedAt()).isNull();

    // withdrawal closes it
    Complaint withdrawn = fiona.withdrawComplaint(created.getId(),
        new Withdrawal().reason("The shuttle company refunded the fare."));
    assertThat(withdrawn.getStatus()).isEqualTo(Complaint.StatusEnum.WITHDRAWN);
    assertThat(withdrawn.getWithdrawalReason()).isEqualTo("The shuttle company refunded the fare.");
    ApiException closed = catchThrowableOfType(ApiException.class,
        () -> fiona.resumeComplaint(created.getId()));
    assertThat(closed.getCode()).isEqualTo(409);
    assertThat(new ObjectMapper().readTree(closed.getResponseBody()).path("type").asText())
        .isEqualTo(ApiProblems.CLOSED.toString());

    // the customer's record through the generated customers API
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    client.setRequestInterceptor(r -> r.header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString("fiona:demo".getBytes(StandardCharsets.UTF_8))));
    assertThat(new CustomersApi(client).getCustomer(created.getCustomer().getId()).getComplaints())
        .containsExactly(created.getId());
  }

  @Test
  void theGeneratedClientGetsTheDocumentedProblemForBadInput() throws Exception {
    ApiException bad = catchThrowableOfType(ApiException.class, () -> complaints("fiona").createComplaint(
        new NewComplaint().customer(new NewComplaintCustomer().name(" ")).description(""), null));
    assertThat(bad.getCode()).isEqualTo(400);
    JsonNode problem = new ObjectMapper().readTree(bad.getResponseBody());
    assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("customer.name", "description");
    ApiException forbidden = catchThrowableOfType(ApiException.class,
        () -> complaints("ana").getComplaint("CMP-2026-000001"));
    assertThat(forbidden.getCode()).isEqualTo(403);
  }
}
