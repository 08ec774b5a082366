package io.redress.privacy;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Customers;
import io.redress.casefile.NewCase;
import io.redress.casefile.PersonalData;
import io.redress.identity.Groups;
import io.redress.security.AuthenticatedUser;
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

/** A customer as the case record knows them, and the erasure of their personal data (§6). */
@RestController
@RequestMapping(path = "/api/customers", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerController {

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

  record CustomerView(String id, String name, String phone, String email, String tier, Instant erasedAt,
      List<String> complaints) {
  }

  record ErasureRequest(
      @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
      @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String reason) {
  }

  @GetMapping("/{id}")
  CustomerView get(@PathVariable("id") String id) {
    Customers.Customer c = customers.find(id).orElseThrow(() -> notFound(id));
    return new CustomerView(c.id(), c.name(), PersonalData.maskPhone(c.phone()), PersonalData.maskEmail(c.email()),
        c.tier(), c.erasedAt(), records.ofCustomer(id).stream().map(CaseRecord::number).toList());
  }

  /** Erases the customer's personal data from every case, process and history; says who asked and why. */
  @PostMapping(path = "/{id}/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
  CustomerErasure.Result erase(@PathVariable("id") String id, @Valid @RequestBody ErasureRequest request,
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
