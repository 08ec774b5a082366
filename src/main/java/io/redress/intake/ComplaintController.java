package io.redress.intake;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseQuery;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.CustomerContacts;
import io.redress.casefile.NewCase;
import io.redress.casefile.PersonalData;
import io.redress.casefile.Timeline;
import io.redress.security.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The complaint API of the contract: channels open cases here, and anyone working on complaints reads them. */
@RestController
@Validated
@RequestMapping(path = "/api/complaints", produces = MediaType.APPLICATION_JSON_VALUE)
class ComplaintController {

  static final int MAX_PAGE_SIZE = 100;

  private final ComplaintIntake intake;
  private final CaseUpdates updates;
  private final CaseRecords records;
  private final CustomerContacts contacts;
  private final Timeline timeline;
  private final TaskService taskService;
  private final ZoneId zone;

  ComplaintController(ComplaintIntake intake, CaseUpdates updates, CaseRecords records, CustomerContacts contacts,
      Timeline timeline, TaskService taskService, @Value("${redress.calendar.zone:Asia/Shanghai}") String zone) {
    this.intake = intake;
    this.updates = updates;
    this.records = records;
    this.contacts = contacts;
    this.timeline = timeline;
    this.taskService = taskService;
    this.zone = ZoneId.of(zone);
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ComplaintView> create(@Valid @RequestBody NewCase complaint,
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Size(max = 128, message = "must be at most 128 characters") String idempotencyKey,
      HttpServletRequest request) {
    String user = AuthenticatedUser.of(request).userId();
    if (idempotencyKey == null && complaint.channelMessageId() != null) {
      // a channel's own message id makes its redelivery a retry
      idempotencyKey = complaint.channelOrDefault() + ":" + complaint.channelMessageId();
    }
    ComplaintIntake.Result result = intake.takeInOnce(complaint, user, idempotencyKey);
    ComplaintView view = view(result.record());
    URI location = URI.create("/api/complaints/" + view.id());
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).location(location).body(view);
  }

  @GetMapping("/{id}")
  ComplaintView get(@PathVariable("id") String id) {
    return records.find(id).map(this::view).orElseThrow(() -> new ComplaintNotFound(id));
  }

  /** The case search: every criterion optional, newest first unless asked otherwise. */
  @GetMapping
  ComplaintSummary.Page search(
      @RequestParam(required = false) @Pattern(regexp = "open|closed|closed-no-response|withdrawn",
          message = "must be one of: open, closed, closed-no-response, withdrawn") String status,
      @RequestParam(required = false) @Size(max = 64, message = "must be at most 64 characters") String stage,
      @RequestParam(required = false) @Pattern(regexp = "general|important|urgent",
          message = "must be one of: general, important, urgent") String severity,
      @RequestParam(required = false) @Size(max = 64, message = "must be at most 64 characters") String category,
      @RequestParam(required = false) @Pattern(regexp = NewCase.CHANNELS,
          message = "must be one of: phone, chat, email, social, web, letter, visit") String channel,
      @RequestParam(required = false) @Size(max = 64, message = "must be at most 64 characters") String assignee,
      @RequestParam(required = false) @Pattern(regexp = "true|false", message = "must be true or false")
      String overdue,
      @RequestParam(required = false) @Size(max = 36, message = "must be at most 36 characters") String customer,
      @RequestParam(required = false) String receivedFrom,
      @RequestParam(required = false) String receivedTo,
      @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be 0 or more")
      @Max(value = 100000, message = "must be at most 100000") int page,
      @RequestParam(defaultValue = "20") @Min(value = 1, message = "must be 1 or more")
      @Max(value = MAX_PAGE_SIZE, message = "must be at most " + MAX_PAGE_SIZE) int size,
      @RequestParam(defaultValue = "received") @Pattern(regexp = "received|due|severity|stage|number",
          message = "must be one of: received, due, severity, stage, number") String sort,
      @RequestParam(defaultValue = "desc") @Pattern(regexp = "asc|desc", message = "must be asc or desc")
      String direction) {
    Instant from = instant("receivedFrom", receivedFrom);
    Instant to = instant("receivedTo", receivedTo);
    if (from != null && to != null && !to.isAfter(from)) {
      throw new BadParameter("receivedTo", "must be after receivedFrom");
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    CaseRecords.Page result = records.search(new CaseQuery(status, stage, severity, category, channel, assignee,
        overdue == null ? null : Boolean.valueOf(overdue), customer, from, to,
        CaseQuery.Sort.valueOf(sort.toUpperCase(java.util.Locale.ROOT)), "asc".equals(direction), page, size), now);
    List<ComplaintSummary> items = result.items().stream().map(r -> summary(r, now)).toList();
    return new ComplaintSummary.Page(items, page, size, result.total(), (result.total() + size - 1) / size);
  }

  /** A later message from the customer, recorded on the case and shown in the open task's form. */
  @PostMapping(path = "/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ComplaintView.Message> message(@PathVariable("id") String id,
      @Valid @RequestBody CustomerMessage message, HttpServletRequest request) {
    CaseUpdates.Added added = updates.addMessage(id, message, AuthenticatedUser.of(request).userId());
    CustomerContacts.Contact c = added.contact();
    return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/complaints/" + id))
        .body(new ComplaintView.Message(c.id(), c.at(), c.channel(), c.recordedBy(), c.messageId(), c.content()));
  }

  /** The customer withdraws the complaint: its process ends and the case is closed as withdrawn. */
  @PostMapping(path = "/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
  ComplaintView withdraw(@PathVariable("id") String id, @Valid @RequestBody Withdrawal withdrawal,
      HttpServletRequest request) {
    return view(updates.withdraw(id, withdrawal.reason(), AuthenticatedUser.of(request).userId()));
  }

  /** An instant ({@code 2026-11-01T00:00:00Z}) or a date, which starts at midnight in the calendar's zone. */
  private Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadParameter(name, "must be a date (2026-11-01) or an instant (2026-11-01T08:00:00Z)");
    }
  }

  private ComplaintSummary summary(CaseRecord r, Instant now) {
    boolean overdue = r.isOpen() && r.dueAt() != null && r.dueAt().isBefore(now);
    return new ComplaintSummary(r.number(), r.status(), r.stage(), r.severity(), r.category(), r.channel(),
        r.customerId(), r.customerName(), PersonalData.maskPhone(r.customerPhone()),
        PersonalData.maskEmail(r.customerEmail()), r.assignee(), r.handler(), r.amountClaimed(), r.currency(),
        r.secondComplaint(), r.receivedAt(), r.dueAt(), overdue, r.closedAt());
  }

  private ComplaintView view(CaseRecord r) {
    Date now = ClockUtil.getCurrentTime();
    List<ComplaintView.OpenTask> open = taskService.createTaskQuery().processInstanceBusinessKey(r.number())
        .active().orderByTaskCreateTime().asc().list().stream()
        .map(t -> openTask(t, now)).toList();
    List<ComplaintView.Message> messages = contacts.of(r.number()).stream()
        .filter(c -> CustomerContacts.INBOUND.equals(c.direction()))
        .map(c -> new ComplaintView.Message(c.id(), c.at(), c.channel(), c.recordedBy(), c.messageId(), c.content()))
        .toList();
    return new ComplaintView(r.number(), r.status(), r.stage(), r.severity(), r.category(), r.nature(), r.major(),
        r.handler(), r.channel(),
        new ComplaintView.Customer(r.customerId(), r.customerName(), PersonalData.maskPhone(r.customerPhone()),
            PersonalData.maskEmail(r.customerEmail()), r.customerTier()),
        r.identityFailed() ? null : r.orderRef(), r.description(), r.desiredOutcome(), r.amountClaimed(),
        r.currency(), r.safetyRisk(), r.resolvedAtIntake(), r.secondComplaint(), r.earlierComplaint(),
        r.identityCheck(), r.satisfaction(), r.receivedAt(), r.receivedBy(), r.dueAt(), r.closedAt(),
        r.withdrawalReason(), open, messages, timeline.of(r.number()));
  }

  private ComplaintView.OpenTask openTask(Task t, Date now) {
    List<String> groups = taskService.getIdentityLinksForTask(t.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).sorted().toList();
    Instant due = t.getDueDate() == null ? null : t.getDueDate().toInstant();
    return new ComplaintView.OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(), groups,
        t.getCreateTime().toInstant(), due, due != null && t.getDueDate().before(now));
  }

  /** A query parameter that is not what it should be. */
  static class BadParameter extends RuntimeException {
    final String field;

    BadParameter(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  static class ComplaintNotFound extends RuntimeException {
    ComplaintNotFound(String id) {
      super("No complaint " + id);
    }
  }
}
