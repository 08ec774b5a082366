package io.redress.privacy;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Customers;
import io.redress.casefile.NewCase;
import io.redress.casefile.PersonalData;
import io.redress.identity.Groups;
import io.redress.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A customer as the case record knows them, and the erasure of their personal data. */
@RestController
@RequestMapping(path = "/api/customers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Customers", description = "The customers who complain, and the erasure of their personal data.")
class CustomerController {

  private static final String RESPONSES = "#/components/responses/";
  private static final String PROBLEM = "#/components/schemas/Problem";

  /** Who may erase a customer's data: leadership and administrators. */
  static final Set<String> ERASERS = Set.of(Groups.MANAGERS, Groups.DIRECTORS, Groups.CAMUNDA_ADMIN);

  private final Customers customers;
  private final CaseRecords records;
  private final CustomerErasure erasure;

  CustomerController(Customers customers, CaseRecords records, CustomerErasure erasure) {
    this.customers = customers;
    this.records = records;
    this.erasure = erasure;
  }

  @Schema(name = "Customer", description = "A customer as the case record knows them; phone and e-mail masked.")
  record CustomerView(
      @Schema(description = "The customer's id.", example = "f1b85667-3792-4fc1-93b6-9eff90b9f08a") String id,
      @Schema(description = "The name, or [erased].", example = "王芳") String name,
      @Schema(description = "Masked phone number.", example = "138****0001") String phone,
      @Schema(description = "Masked e-mail address.", example = "w***@example.cn") String email,
      @Schema(description = "Customer tier.", allowableValues = {"standard", "premium", "vip"}) String tier,
      @Schema(description = "When the customer's personal data was erased, if it was.") Instant erasedAt,
      @Schema(description = "The customer's complaints, by number.", example = "[\"CMP-2026-000042\"]")
      List<String> complaints,
      @Schema(description = """
          Details that later complaints gave and that differ from this record (another name, number, address or \
          tier), each with the complaint that gave it: intake never overwrites the record.""")
      List<Customers.OtherDetail> otherDetails) {
  }

  @Schema(name = "ErasureRequest", description = "Why the customer's personal data is erased.")
  record ErasureRequest(
      @Schema(description = "Why: the customer's request and how it arrived.", requiredMode =
          Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 2000, example = "客户 2026-11-20 来电要求删除其个人信息。")
      @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
      @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String reason) {
  }

  @Operation(operationId = "getCustomer", summary = "Read a customer",
      description = "The customer with their complaints; phone and e-mail masked.")
  @ApiResponse(responseCode = "200", description = "The customer.", content = @Content(
      mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CustomerView.class)))
  @ApiResponse(responseCode = "401", ref = RESPONSES + "Unauthenticated")
  @ApiResponse(responseCode = "403", ref = RESPONSES + "Forbidden")
  @ApiResponse(responseCode = "404", description = "There is no customer with this id.", content = @Content(
      mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(
          name = "unknown", summary = "Unknown id", value = """
              {"type": "about:blank", "title": "Not Found", "status": 404,
               "detail": "No customer f1b85667-3792-4fc1-93b6-9eff90b9f08a",
               "instance": "/api/customers/f1b85667-3792-4fc1-93b6-9eff90b9f08a"}""")))
  @GetMapping("/{id}")
  CustomerView get(@Parameter(description = "The customer's id.", example = "f1b85667-3792-4fc1-93b6-9eff90b9f08a")
      @PathVariable("id") String id) {
    Customers.Customer c = customers.find(id).orElseThrow(() -> notFound(id));
    return new CustomerView(c.id(), c.name(), PersonalData.maskPhone(c.phone()), PersonalData.maskEmail(c.email()),
        c.tier(), c.erasedAt(), records.ofCustomer(id).stream().map(CaseRecord::number).toList(),
        customers.otherDetailsMasked(id));
  }

  /** Erases the customer's personal data from every case, process and history; says who asked and why. */
  @Operation(operationId = "eraseCustomer", summary = "Erase a customer's personal data", description = """
      Erases the customer's name, phone number, e-mail address, order references, descriptions and messages from \
      the customer and all their complaints, from the variables of their running processes and from Camunda's \
      history. The cases stay, anonymised, with `erased` on their timelines; the facts the KPIs count (channel, \
      severity, amounts, dates, stages, satisfaction) remain. The erasure itself is recorded: who, why, when. \
      Managers, directors and camunda-admin only.""",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          description = "Why the data is erased.", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ErasureRequest.class), examples = @ExampleObject(
              name = "customer-request", summary = "The customer asked for it", value = """
                  {"reason": "客户 2026-11-20 来电要求删除其个人信息。"}"""))))
  @ApiResponse(responseCode = "200", description = "The customer's personal data was erased: the record of it.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = CustomerErasure.Result.class)))
  @ApiResponse(responseCode = "400", ref = RESPONSES + "InvalidBody")
  @ApiResponse(responseCode = "401", ref = RESPONSES + "Unauthenticated")
  @ApiResponse(responseCode = "403", description = "Only managers, directors and camunda-admin may erase a "
      + "customer's data.", content = @Content(mediaType = "application/problem+json",
      schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "not-allowed", summary = "A handler tries",
          value = """
              {"type": "about:blank", "title": "Forbidden", "status": 403,
               "detail": "Only managers, directors and administrators may erase a customer's data",
               "instance": "/api/customers/f1b85667-3792-4fc1-93b6-9eff90b9f08a/erasure"}""")))
  @ApiResponse(responseCode = "404", description = "There is no customer with this id.", content = @Content(
      mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(
          name = "unknown", summary = "Unknown id", value = """
              {"type": "about:blank", "title": "Not Found", "status": 404,
               "detail": "No customer f1b85667-3792-4fc1-93b6-9eff90b9f08a",
               "instance": "/api/customers/f1b85667-3792-4fc1-93b6-9eff90b9f08a/erasure"}""")))
  @ApiResponse(responseCode = "413", ref = RESPONSES + "RequestTooLarge")
  @ApiResponse(responseCode = "415", ref = RESPONSES + "UnsupportedMediaType")
  @PostMapping(path = "/{id}/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
  CustomerErasure.Result erase(@Parameter(description = "The customer's id.",
      example = "f1b85667-3792-4fc1-93b6-9eff90b9f08a") @PathVariable("id") String id,
      @Valid @RequestBody ErasureRequest request,
      HttpServletRequest http) {
    AuthenticatedUser user = AuthenticatedUser.of(http);
    if (user.groups().stream().noneMatch(ERASERS::contains)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "Only managers, directors and administrators may erase a customer's data");
    }
    try {
      return erasure.erase(id, request.reason(), user.userId());
    } catch (CustomerErasure.UnknownCustomer e) {
      throw notFound(id);
    }
  }

  private static ResponseStatusException notFound(String id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer " + id);
  }
}
