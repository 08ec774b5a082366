package io.redress.intake;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseQuery;
import io.redress.casefile.CaseDeadlines;
import io.redress.casefile.CaseEvidence;
import io.redress.casefile.CaseFeedback;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.CustomerContacts;
import io.redress.casefile.Customers;
import io.redress.casefile.NewCase;
import io.redress.casefile.PersonalData;
import io.redress.casefile.Timeline;
import io.redress.intake.api.Deadline;
import io.redress.intake.api.Feedback;
import io.redress.intake.api.TimelineEntry;
import io.redress.security.AuthenticatedUser;
import io.redress.workflow.OpenTasks;
import io.redress.workflow.StuckCases;
import static io.redress.intake.OpenApiConfiguration.BAD_BODY;
import static io.redress.intake.OpenApiConfiguration.BAD_QUERY;
import static io.redress.intake.OpenApiConfiguration.COMPLAINT_NOT_FOUND;
import static io.redress.intake.OpenApiConfiguration.FORBIDDEN;
import static io.redress.intake.OpenApiConfiguration.NOT_OPEN;
import static io.redress.intake.OpenApiConfiguration.NOT_STARTED;
import static io.redress.intake.OpenApiConfiguration.TOO_LARGE;
import static io.redress.intake.OpenApiConfiguration.UNAUTHENTICATED;
import static io.redress.intake.OpenApiConfiguration.UNSUPPORTED_MEDIA_TYPE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
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

/** The complaint API: channels open cases here, and anyone working on complaints reads them. */
@RestController
@Validated
@RequestMapping(path = "/api/complaints", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = OpenApiConfiguration.TAG)
class ComplaintController {

  static final int MAX_PAGE_SIZE = 100;

  private final ComplaintIntake intake;
  private final CaseUpdates updates;
  private final CaseRecords records;
  private final CustomerContacts contacts;
  private final Timeline timeline;
  private final OpenTasks openTasks;
  private final ZoneId zone;
  private final CaseDeadlines caseDeadlines;
  private final CaseFeedback feedback;
  private final Customers customers;
  private final StuckCases stuck;
  private final CaseEvidence evidence;

  private final Clock clock;

  ComplaintController(ComplaintIntake intake, CaseUpdates updates, CaseRecords records, CustomerContacts contacts,
      Timeline timeline, OpenTasks openTasks, @Value("${redress.calendar.zone:Asia/Shanghai}") String zone,
      CaseDeadlines caseDeadlines, CaseFeedback feedback, Customers customers, StuckCases stuck, Clock clock,
      CaseEvidence evidence) {
    this.clock = clock;
    this.evidence = evidence;
    this.stuck = stuck;
    this.customers = customers;
    this.caseDeadlines = caseDeadlines;
    this.feedback = feedback;
    this.intake = intake;
    this.updates = updates;
    this.records = records;
    this.contacts = contacts;
    this.timeline = timeline;
    this.openTasks = openTasks;
    this.zone = ZoneId.of(zone);
  }

  @Operation(operationId = "createComplaint", summary = "Take a complaint in", description = """
      Opens a complaint case and starts its handling: the case gets its number, the customer is recognised \
      again by phone number or e-mail address, a complaint about the same order within 30 days is a second \
      complaint, and the case waits for classification (or, resolved at intake, for the customer's feedback). \
      A retry with the same `Idempotency-Key` (or, without the header, the same `channel` and \
      `channelMessageId`) answers 200 with the complaint the first request created, whatever its body.""",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          description = "The complaint as the channel took it in.",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = NewCase.class), examples = {
                  @ExampleObject(name = "phone", summary = "By phone: a cancelled flight, a hotel night not refunded",
                      description = "The caller is the booker; the order is discussed, so `identityCheck` is set.",
                      value = """
                          {
                            "customer": {"name": "王芳", "phone": "13800138000", "email": "wang.fang@example.com",
                                         "tier": "premium"},
                            "channel": "phone",
                            "orderRef": "TRV-2026-884512",
                            "description": "上海—三亚的航班 MU5301 被取消，改签到第二天；三亚湾的酒店仍然收了第一晚的房费 680 元，拒绝退款。",
                            "desiredOutcome": "refund",
                            "amountClaimed": 680.00,
                            "currency": "CNY",
                            "identityCheck": {"result": "booker"}
                          }"""),
                  @ExampleObject(name = "chat", summary = "By chat, for the booker: a tour guide who left the group",
                      description = """
                          The booker's husband writes; the chat's message id makes a redelivery a retry.""",
                      value = """
                          {
                            "customer": {"name": "陈志强", "phone": "+86 139 1234 5678"},
                            "channel": "chat",
                            "orderRef": "TRV-2026-771203",
                            "description": "The Guilin guide left our group at the pier for three hours; we missed the show.",
                            "desiredOutcome": "compensation",
                            "amountClaimed": 1200,
                            "identityCheck": {"result": "stated-relationship",
                                              "relationship": "husband of the booker, 李娜"},
                            "channelMessageId": "chat-5f2c9a"
                          }"""),
                  @ExampleObject(name = "resolved-at-intake",
                      summary = "By e-mail, resolved at once: a missing e-ticket",
                      description = "Resolved while it was taken in: the case goes straight to feedback.",
                      value = """
                          {
                            "customer": {"name": "Zhang Wei", "email": "zhang.wei@example.com"},
                            "channel": "email",
                            "description": "The e-ticket for my Beijing–Xi'an train on 3 December never arrived.",
                            "desiredOutcome": "explanation",
                            "resolvedAtIntake": true,
                            "resolution": "Resent the e-ticket; the customer confirmed it arrived."
                          }""")})))
  @ApiResponse(responseCode = "201", description = "The complaint was taken in: the new case.",
      headers = @Header(name = "Location", description = "The case's URL.",
          schema = @Schema(type = "string", example = "/api/complaints/CMP-2026-000042")),
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.class)))
  @ApiResponse(responseCode = "200", description = """
      A retry (same `Idempotency-Key`, or same `channel` and `channelMessageId`): the case the first request \
      created, as it is now. Nothing new was stored.""",
      headers = @Header(name = "Location", description = "The case's URL.",
          schema = @Schema(type = "string", example = "/api/complaints/CMP-2026-000042")),
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "413", ref = TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
  @ApiResponse(responseCode = "503", ref = NOT_STARTED)
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ComplaintView> create(@Valid @RequestBody NewCase complaint,
      @Parameter(description = """
          Makes the request safe to retry: a second request with the same key answers 200 with the complaint the \
          first one created. Use one key per complaint, such as the channel's id of the conversation.""",
          example = "web-4711")
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Size(max = 128, message = "must be at most 128 characters") String idempotencyKey,
      HttpServletRequest request) {
    String user = AuthenticatedUser.of(request).userId();
    if (idempotencyKey == null && complaint.channelMessageId() != null) {
      // a channel's own message id makes its redelivery a retry
      idempotencyKey = complaint.channelOrDefault() + ":" + complaint.channelMessageId();
    }
    ComplaintIntake.Result result = intake.takeInOnce(complaint, user, idempotencyKey);
    ComplaintView view = view(result.record(), result.created());
    URI location = URI.create("/api/complaints/" + view.id());
    return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).location(location).body(view);
  }

  @Operation(operationId = "getComplaint", summary = "Read a complaint", description = """
      The case: its status and stage, classification, the customer (phone and e-mail masked), the open tasks \
      with their due dates, the messages the customer sent after intake, and the timeline.""")
  @ApiResponse(responseCode = "200", description = "The case.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.class)))
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = COMPLAINT_NOT_FOUND)
  @GetMapping("/{id}")
  ComplaintView get(@Parameter(description = "The complaint number.", example = "CMP-2026-000042")
      @PathVariable("id") String id) {
    return records.find(id).map(this::view).orElseThrow(() -> new CaseUpdates.ComplaintNotFound(id));
  }

  /** The case search: every criterion optional, newest first unless asked otherwise. */
  @Operation(operationId = "searchComplaints", summary = "Search complaints", description = """
      Finds cases by any combination of criteria (all must match; none given: all cases), newest first unless \
      asked otherwise, one page at a time. Each result carries enough to pick a case, phone and e-mail masked.""")
  @ApiResponse(responseCode = "200", description = "One page of the matching cases, and how many match in all.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintSummary.Page.class)))
  @ApiResponse(responseCode = "400", ref = BAD_QUERY)
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @GetMapping
  ComplaintSummary.Page search(
      @Parameter(description = "Only cases with this status.", example = "open",
          schema = @Schema(allowableValues = {"open", "closed", "closed-no-response", "withdrawn"}))
      @RequestParam(required = false) @Pattern(regexp = "^(open|closed|closed-no-response|withdrawn)$",
          message = "must be one of: open, closed, closed-no-response, withdrawn") String status,
      @Parameter(description = """
          Only cases in this stage: `intake`, a stage's task key (`classifyComplaint`, `assignComplaint`, \
          `investigateComplaint`, `approveResolution`, `executeResolution`, `collectFeedback`), or an ended \
          case's status.""", example = "investigateComplaint")
      @RequestParam(required = false) @Size(max = 64, message = "must be at most 64 characters") String stage,
      @Parameter(description = "Only cases of this severity.", example = "urgent",
          schema = @Schema(allowableValues = {"general", "important", "urgent"}))
      @RequestParam(required = false) @Pattern(regexp = "^(general|important|urgent)$",
          message = "must be one of: general, important, urgent") String severity,
      @Parameter(description = "Only cases of this category, as confirmed at classification.", example = "hotel")
      @RequestParam(required = false) @Size(max = 64, message = "must be at most 64 characters") String category,
      @Parameter(description = "Only cases that came in by this channel.", example = "phone",
          schema = @Schema(allowableValues = {"phone", "chat", "email", "social", "web", "letter", "visit"}))
      @RequestParam(required = false) @Pattern(regexp = NewCase.CHANNELS,
          message = "must be one of: phone, chat, email, social, web, letter, visit") String channel,
      @Parameter(description = """
          Only cases this user works on: the current task is claimed by them, or, unclaimed, they are the case's \
          handler.""", example = "hank")
      @RequestParam(required = false) @Size(max = 64, message = "must be at most 64 characters") String assignee,
      @Parameter(description = """
          `true`: only open cases whose current stage is past due; `false`: only the others.""",
          example = "true")
      @RequestParam(required = false) Boolean overdue,
      @Parameter(description = "Only cases of this customer (the customer's `id`).",
          example = "f1b85667-3792-4fc1-93b6-9eff90b9f08a")
      @RequestParam(required = false) @Size(max = 36, message = "must be at most 36 characters") String customer,
      @Parameter(description = """
          Only cases received at or after this time: an instant (`2026-11-01T08:00:00Z`) or a date \
          (`2026-11-01`, from midnight in the working calendar's time zone, Asia/Shanghai by default).""",
          example = "2026-11-01")
      @RequestParam(required = false) String receivedFrom,
      @Parameter(description = """
          Only cases received before this time (exclusive), after `receivedFrom`: an instant or a date, as \
          `receivedFrom`.""", example = "2026-12-01")
      @RequestParam(required = false) String receivedTo,
      @Parameter(description = "The page, from 0.", example = "0")
      @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be 0 or more")
      @Max(value = 100000, message = "must be at most 100000") int page,
      @Parameter(description = "Cases per page.", example = "20")
      @RequestParam(defaultValue = "20") @Min(value = 1, message = "must be 1 or more")
      @Max(value = MAX_PAGE_SIZE, message = "must be at most " + MAX_PAGE_SIZE) int size,
      @Parameter(description = """
          The order: by when the case was `received`, when its current stage is `due`, `severity`, `stage`, or \
          complaint `number`; ties by received time, newest first.""", example = "due",
          schema = @Schema(allowableValues = {"received", "due", "severity", "stage", "number"},
              defaultValue = "received"))
      @RequestParam(defaultValue = "received") @Pattern(regexp = "^(received|due|severity|stage|number)$",
          message = "must be one of: received, due, severity, stage, number") String sort,
      @Parameter(description = "Ascending or descending.", example = "asc",
          schema = @Schema(allowableValues = {"asc", "desc"}, defaultValue = "desc"))
      @RequestParam(defaultValue = "desc") @Pattern(regexp = "^(asc|desc)$", message = "must be asc or desc")
      String direction) {
    Instant from = instant("receivedFrom", receivedFrom);
    Instant to = instant("receivedTo", receivedTo);
    if (from != null && to != null && !to.isAfter(from)) {
      throw new BadParameter("receivedTo", "must be after receivedFrom");
    }
    Instant now = clock.instant();
    CaseRecords.Page result = records.search(new CaseQuery(status, stage, severity, category, channel, assignee,
        overdue, customer, from, to,
        CaseQuery.Sort.valueOf(sort.toUpperCase(java.util.Locale.ROOT)), "asc".equals(direction), page, size), now);
    List<ComplaintSummary> items = result.items().stream().map(r -> summary(r, now)).toList();
    return new ComplaintSummary.Page(items, page, size, result.total(), (result.total() + size - 1) / size);
  }

  /** A later message from the customer, recorded on the case and shown in the open task's form. */
  @Operation(operationId = "addCustomerMessage", summary = "Record a later message from the customer",
      description = """
          Records what the customer sent about an open complaint: on the case and its timeline, and in the form \
          of the case's open task in Tasklist. A `messageId` sent again answers 200 with the message recorded \
          first.""",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          description = "The customer's message.",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = CustomerMessage.class), examples = @ExampleObject(name = "email",
                  summary = "By e-mail: the hotel offers half", description = "Recorded once per `messageId`.",
                  value = """
                      {
                        "text": "酒店今天回复说只能退一半（340 元），我不接受。",
                        "channel": "email",
                        "messageId": "mail-20261126-7731"
                      }"""))))
  @ApiResponse(responseCode = "201", description = "The message was recorded.",
      headers = @Header(name = "Location", description = "The case's URL.",
          schema = @Schema(type = "string", example = "/api/complaints/CMP-2026-000042")),
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.Message.class)))
  @ApiResponse(responseCode = "200", description = """
      A retry (a `messageId` already recorded on this case): the message recorded first. Nothing new was stored.""",
      headers = @Header(name = "Location", description = "The case's URL.",
          schema = @Schema(type = "string", example = "/api/complaints/CMP-2026-000042")),
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.Message.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = COMPLAINT_NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = NOT_OPEN)
  @ApiResponse(responseCode = "413", ref = TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
  @PostMapping(path = "/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ComplaintView.Message> message(
      @Parameter(description = "The complaint number.", example = "CMP-2026-000042") @PathVariable("id") String id,
      @Valid @RequestBody CustomerMessage message, HttpServletRequest request) {
    CaseUpdates.Added added = updates.addMessage(id, message, AuthenticatedUser.of(request).userId());
    CustomerContacts.Contact c = added.contact();
    return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/complaints/" + id))
        .body(new ComplaintView.Message(c.id(), c.at(), c.channel(), c.recordedBy(), c.messageId(), c.content()));
  }

  /** The customer withdraws the complaint: its process ends and the case is closed as withdrawn. */
  @Operation(operationId = "withdrawComplaint", summary = "Withdraw a complaint", description = """
      The customer withdraws the complaint: its process ends, open tasks and deadlines included, and the case is \
      closed as `withdrawn` with the reason on its timeline.""",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          description = "Why the customer withdraws.",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = Withdrawal.class), examples = @ExampleObject(name = "refunded",
                  summary = "The hotel refunded in full", description = "The reason goes on the timeline.",
                  value = """
                      {"reason": "酒店已全额退款，客户撤回投诉。"}"""))))
  @ApiResponse(responseCode = "200", description = "The complaint was withdrawn: the case, now `withdrawn`.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = COMPLAINT_NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = NOT_OPEN)
  @ApiResponse(responseCode = "413", ref = TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
  @PostMapping(path = "/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
  ComplaintView withdraw(
      @Parameter(description = "The complaint number.", example = "CMP-2026-000042") @PathVariable("id") String id,
      @Valid @RequestBody Withdrawal withdrawal, HttpServletRequest request) {
    return view(updates.withdraw(id, withdrawal.reason(), AuthenticatedUser.of(request).userId()));
  }

  /** The case waits on the customer: its deadlines stand still until the customer answers. */
  @Operation(operationId = "pauseComplaint", summary = "Wait on the customer", description = """
      The case waits on the customer (for a document, a confirmation ...): every deadline stands still with the time \
      it had left, working or clock time, and the tasks lose their due date meanwhile. The customer's next message \
      (`POST /{id}/messages`) resumes it, or `POST /{id}/resumption`.""",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          description = "What the case waits for.",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = Pause.class), examples = @ExampleObject(name = "booking",
                  summary = "Waiting for a document", description = "The reason goes on the timeline.",
                  value = """
                      {"reason": "Waiting for the customer's booking confirmation"}"""))))
  @ApiResponse(responseCode = "200", description = "The case, now waiting (`pausedAt`).",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = COMPLAINT_NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = NOT_OPEN)
  @ApiResponse(responseCode = "413", ref = TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
  @PostMapping(path = "/{id}/pause", consumes = MediaType.APPLICATION_JSON_VALUE)
  ComplaintView pause(
      @Parameter(description = "The complaint number.", example = "CMP-2026-000042") @PathVariable("id") String id,
      @Valid @RequestBody Pause pause, HttpServletRequest request) {
    return view(updates.pause(id, pause.reason(), AuthenticatedUser.of(request).userId()));
  }

  /** Staff resume a case that waits on the customer. */
  @Operation(operationId = "resumeComplaint", summary = "Stop waiting on the customer", description = """
      The deadlines of a waiting case run again, each with the time it had left when the case began to wait.""")
  @ApiResponse(responseCode = "200", description = "The case, its deadlines running again.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.class)))
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = COMPLAINT_NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = NOT_OPEN)
  @PostMapping(path = "/{id}/resumption")
  ComplaintView resume(
      @Parameter(description = "The complaint number.", example = "CMP-2026-000042") @PathVariable("id") String id,
      HttpServletRequest request) {
    return view(updates.resume(id, AuthenticatedUser.of(request).userId()));
  }

  /** A person replies to the customer: sent through the outbox; meets the first and the effective reply. */
  @Operation(operationId = "replyToCustomer", summary = "Reply to the customer", description = """
      Sends the customer a reply by e-mail or text message through the outbox (after the commit, retried until it \
      leaves). It meets the case's first-reply and effective-reply deadlines. An `Idempotency-Key` makes a retry send \
      nothing more.""",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          description = "The reply.",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = Reply.class), examples = @ExampleObject(name = "callback",
                  summary = "A promise with a time", description = "Sent by the customer's usual channel.",
                  value = """
                      {"text": "我们已联系酒店核实情况，明天 17:00 前给您答复。"}"""))))
  @ApiResponse(responseCode = "202", description = "The reply is queued: the case.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.class)))
  @ApiResponse(responseCode = "200", description = "Sent before with this key: nothing more was queued.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = ComplaintView.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = COMPLAINT_NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = NOT_OPEN)
  @ApiResponse(responseCode = "413", ref = TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE)
  @PostMapping(path = "/{id}/replies", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ComplaintView> reply(
      @Parameter(description = "The complaint number.", example = "CMP-2026-000042") @PathVariable("id") String id,
      @Parameter(description = "Makes a retry send nothing more: one key per reply.", example = "reply-4711")
      @RequestHeader(name = "Idempotency-Key", required = false)
      @Size(max = 128, message = "must be at most 128 characters") String idempotencyKey,
      @Valid @RequestBody Reply reply, HttpServletRequest request) {
    String key = idempotencyKey == null || idempotencyKey.isBlank() ? java.util.UUID.randomUUID().toString()
        : idempotencyKey.strip();
    boolean queued = updates.reply(id, reply, AuthenticatedUser.of(request).userId(), key);
    return ResponseEntity.status(queued ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .body(view(records.find(id).orElseThrow()));
  }

  /** The evidence the customer sent (an e-mail's attachments): names, types, sizes. */
  @Operation(operationId = "listEvidence", summary = "List a complaint's evidence", description = """
      What the customer sent as evidence (the attachments of their e-mails), numbered from 1. A refused attachment \
      (too large, a type not allowed, too many) is listed with why, and has no content.""")
  @ApiResponse(responseCode = "200", description = "The evidence, oldest first.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          array = @io.swagger.v3.oas.annotations.media.ArraySchema(
              schema = @Schema(implementation = EvidenceView.class))))
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = COMPLAINT_NOT_FOUND)
  @GetMapping("/{id}/evidence")
  List<EvidenceView> evidence(@Parameter(description = "The complaint number.", example = "CMP-2026-000042")
      @PathVariable("id") String id) {
    records.find(id).orElseThrow(() -> new CaseUpdates.ComplaintNotFound(id));
    return evidence.of(id).stream().map(EvidenceView::of).toList();
  }

  /** One piece of evidence as a download: never shown or run by the browser. */
  @Operation(operationId = "downloadEvidence", summary = "Download a piece of evidence", description = """
      The file as the customer sent it, always as a download (`Content-Disposition: attachment`, \
      `application/octet-stream`, `X-Content-Type-Options: nosniff`): the browser neither shows nor runs it. A refused \
      attachment has no content (404).""")
  @ApiResponse(responseCode = "200", description = "The file.",
      headers = @Header(name = "Content-Disposition", description = "`attachment` with the file's name.",
          schema = @Schema(type = "string", example = "attachment; filename=\"receipt.pdf\"")),
      content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
          schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", ref = FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = COMPLAINT_NOT_FOUND)
  @GetMapping(path = "/{id}/evidence/{n}", produces = MediaType.ALL_VALUE)
  ResponseEntity<byte[]> evidenceFile(
      @Parameter(description = "The complaint number.", example = "CMP-2026-000042") @PathVariable("id") String id,
      @Parameter(description = "The evidence's number on the case.", example = "1") @PathVariable("n") int n) {
    records.find(id).orElseThrow(() -> new CaseUpdates.ComplaintNotFound(id));
    CaseEvidence.Item item = evidence.find(id, n).orElseThrow(() -> new EvidenceNotFound(id, n));
    byte[] content = evidence.content(id, n).orElseThrow(() -> new EvidenceNotFound(id, n));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
            org.springframework.http.ContentDisposition.attachment()
                .filename(item.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .cacheControl(org.springframework.http.CacheControl.noStore())
        .body(content);
  }

  /** A piece of evidence as the API lists it. */
  @Schema(name = "Evidence", description = "A piece of evidence the customer sent (an e-mail's attachment).")
  record EvidenceView(
      @Schema(description = "Its number on the case, from 1: `GET /{id}/evidence/{n}` downloads it.", example = "1")
      int n,
      @Schema(description = "The file's name as sent.", example = "receipt.pdf") String fileName,
      @Schema(description = "The type the mail declared.", example = "application/pdf") String contentType,
      @Schema(description = "Its size in bytes.", example = "48213") long size,
      @Schema(description = "Why it was not kept (`too-large`, `type`, `too-many`); absent when it was kept.",
          example = "too-large") String refused,
      @Schema(description = "When the mail it came with was received.") Instant receivedAt) {

    static EvidenceView of(CaseEvidence.Item i) {
      return new EvidenceView(i.n(), i.fileName(), i.contentType(), i.size(), i.refused(), i.receivedAt());
    }
  }

  /** No evidence of this number on the case, or it was refused and has no content. */
  static class EvidenceNotFound extends CaseUpdates.ComplaintNotFound {
    EvidenceNotFound(String number, int n) {
      super("Complaint " + number + " has no evidence " + n + " to download", true);
    }
  }

  /** An instant ({@code 2026-11-01T00:00:00Z}) or a date, which starts at midnight in the calendar's zone. */
  private Instant instant(String name, String value) {
    return instant(name, value, zone);
  }

  static Instant instant(String name, String value, ZoneId zone) {
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
    return new ComplaintSummary(r.number(), r.status().wire(), r.stage(), r.severity(), r.category(), r.channel(),
        r.customerId(), r.customerName(), PersonalData.maskPhone(r.customerPhone()),
        PersonalData.maskEmail(r.customerEmail()), r.assignee(), r.handler(), r.amountClaimed(), r.currency(),
        r.secondComplaint(), r.receivedAt(), r.dueAt(), overdue, r.closedAt());
  }

  private ComplaintView view(CaseRecord r) {
    return view(r, false);
  }

  /**
   * The case as the API shows it. {@code justTakenIn}: the case was created by this request and the answer shows it
   * as the request left it: not paused, and not stuck (no job of it had run when the request committed), so the
   * answer skips asking the engine for incidents and failed jobs; a later failure shows in {@code GET}.
   */
  private ComplaintView view(CaseRecord r, boolean justTakenIn) {
    Date now = Date.from(clock.instant());
    List<ComplaintView.OpenTask> open = openTasks.of(r.number()).stream().map(t -> openTask(t, now)).toList();
    List<ComplaintView.Message> messages = contacts.inboundOf(r.number()).stream()
        .map(c -> new ComplaintView.Message(c.id(), c.at(), c.channel(), c.recordedBy(), c.messageId(), c.content()))
        .toList();
    return new ComplaintView(r.number(), r.status().wire(), r.stage(), r.severity(), r.category(), r.nature(), r.major(),
        r.handler(), r.channel(),
        new ComplaintView.Customer(r.customerId(), r.customerName(), PersonalData.maskPhone(r.customerPhone()),
            PersonalData.maskEmail(r.customerEmail()), r.customerTier(),
            r.customerId() == null ? List.of() : customers.otherDetailsMasked(r.customerId())),
        r.identityFailed() ? null : r.orderRef(), r.description(), r.desiredOutcome(), r.amountClaimed(),
        r.currency(), r.safetyRisk(), r.resolvedAtIntake(), r.secondComplaint(), r.earlierComplaint(),
        r.identityCheck(), r.satisfaction(), r.receivedAt(), r.receivedBy(), r.dueAt(), r.closedAt(),
        r.withdrawalReason(), open, messages, timeline.of(r.number()).stream().map(TimelineEntry::of).toList(),
        caseDeadlines.of(r.number()).stream().map(d -> deadlineView(d, now.toInstant())).toList(),
        justTakenIn ? null : records.pausedAt(r.number()).orElse(null),
        r.isOpen() && !justTakenIn ? stuck.of(r.processInstanceId()).orElse(null) : null,
        feedback.of(r.number()).stream().map(Feedback::of).toList());
  }

  private static Deadline deadlineView(CaseDeadlines.Deadline d, Instant now) {
    return new Deadline(d.kind(), d.label(), d.basis(), d.startedAt(), d.dueAt(), d.warnAt(),
        d.stateAt(now), d.owner(), d.escalatedTo(),
        d.remainingMs() == null ? null : java.time.Duration.ofMillis(d.remainingMs()).toString(), d.closedAt());
  }

  private static ComplaintView.OpenTask openTask(OpenTasks.OpenTask t, Date now) {
    Instant due = t.due() == null ? null : t.due().toInstant();
    return new ComplaintView.OpenTask(t.id(), t.key(), t.name(), t.assignee(), t.candidateGroups(),
        t.created().toInstant(), due, due != null && t.due().before(now));
  }

  /** A query parameter that is not what it should be. */
  static class BadParameter extends RuntimeException {
    final String field;

    BadParameter(String field, String message) {
      super(message);
      this.field = field;
    }
  }
}
