package io.redress.tracking;

import io.redress.casefile.NewCase;
import io.redress.intake.CustomerRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public status page's API, without login: a customer looks their complaint up, writes, answers the survey,
 * or complains. Every request is a JSON {@code POST} (so a cross-site form cannot send it without the browser's
 * preflight, and no cookie gives it any authority: what it may do comes from the body's number and contact or
 * signed token). A wrong number, a wrong contact and a bad token are one and the same 404; after
 * {@code redress.tracking.max-failures} of them from one address within an hour, 429 with {@code Retry-After}.
 */
@RestController
@RequestMapping(path = "/api/track", produces = MediaType.APPLICATION_JSON_VALUE,
    consumes = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = TrackingController.TAG)
@SecurityRequirements
class TrackingController {

  static final String TAG = "Customer status page";
  private static final Logger LOG = LoggerFactory.getLogger(TrackingController.class);
  static final URI NO_MATCH = URI.create("https://redress.example/problems/no-matching-complaint");
  static final URI TOO_MANY = URI.create("https://redress.example/problems/too-many-requests");
  static final URI NOT_ASKED = URI.create("https://redress.example/problems/feedback-not-requested");
  static final URI HONEYPOT = URI.create("https://redress.example/problems/invalid-complaint");
  private static final String PROBLEM = "#/components/schemas/Problem";
  private static final String NO_MATCH_EXAMPLE = """
      {"type": "https://redress.example/problems/no-matching-complaint", "title": "No matching complaint",
       "status": 404, "detail": "No complaint matches what was given. Check the number and the phone number or \
      e-mail address.", "instance": "/api/track/lookup"}""";
  private static final String TOO_MANY_EXAMPLE = """
      {"type": "https://redress.example/problems/too-many-requests", "title": "Too many requests", "status": 429,
       "detail": "Too many requests from this address. Try again in 3412 seconds.", "instance": "/api/track/lookup"}""";
  private static final String CONFLICT_EXAMPLE = """
      {"type": "https://redress.example/problems/feedback-not-requested", "title": "Feedback not requested",
       "status": 409, "detail": "This complaint does not ask for feedback now.", "instance": "/api/track/feedback"}""";
  private static final String BAD_BODY = "#/components/responses/InvalidBody";

  private final CaseStatus status;
  private final TrackingTokens tokens;
  private final CustomerRequests requests;
  private final SourceLimit failures;
  private final SourceLimit complaints;

  TrackingController(CaseStatus status, TrackingTokens tokens, CustomerRequests requests, JdbcTemplate jdbc,
      Clock clock, @Value("${redress.tracking.max-failures:10}") int maxFailures,
      @Value("${redress.tracking.max-complaints:5}") int maxComplaints,
      @Value("${redress.tracking.limit-window:1h}") Duration window) {
    this.status = status;
    this.tokens = tokens;
    this.requests = requests;
    this.failures = new SourceLimit("failed-lookup", maxFailures, window, jdbc, clock, tokens::sourceKey);
    this.complaints = new SourceLimit("public-complaint", maxComplaints, window, jdbc, clock, tokens::sourceKey);
  }

  /** Look-up by what the customer types. */
  @Schema(name = "TrackingLookup", description = "The complaint number and the phone number or e-mail address the "
      + "customer gave with it.")
  record Lookup(
      @Schema(description = "The complaint number.", example = "CMP-2026-000042",
          requiredMode = Schema.RequiredMode.REQUIRED)
      @NotBlank(message = "is required") @Size(max = 40, message = "must be at most 40 characters") String number,
      @Schema(description = "The phone number or e-mail address given with the complaint.", example = "13800138000",
          requiredMode = Schema.RequiredMode.REQUIRED)
      @NotBlank(message = "is required") @Size(max = 254, message = "must be at most 254 characters")
      String contact) {
  }

  /** The token of a link or of an earlier look-up. */
  @Schema(name = "TrackingToken", description = "A signed token: from a link in our messages, or from a look-up.")
  record Token(
      @Schema(description = "The token.", example = "Q01QLTIwMjYtMDAwMDQyfDE3NjQ1NjcwMDA.2Xb1...",
          requiredMode = Schema.RequiredMode.REQUIRED)
      @NotBlank(message = "is required") @Size(max = 300, message = "must be at most 300 characters") String token) {
  }

  /** A message of the customer. */
  @Schema(name = "TrackingMessage", description = "A message of the customer about their open complaint.")
  record Message(
      @Schema(description = "The signed token of a look-up or a link.", example = "Q01QLTIwMjYtMDAwMDQyfDE3NjQ1NjcwMDA.2Xb1...",
          requiredMode = Schema.RequiredMode.REQUIRED)
      @NotBlank(message = "is required") @Size(max = 300, message = "must be at most 300 characters") String token,
      @Schema(description = "What the customer writes; line breaks allowed.", example = "酒店今天仍未退款。",
          requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1)
      @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters")
      @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String text) {
  }

  /** A complaint from the public form. */
  @Schema(name = "PublicComplaint", description = """
      A complaint from the public form (channel `web`). The customer's phone number or e-mail address is required: \
      it is how they look the complaint up. `website` is a trap for robots: people leave it empty.""")
  record PublicComplaint(
      @Schema(implementation = NewCase.Customer.class, requiredMode = Schema.RequiredMode.REQUIRED,
          description = "The customer (`tier` is ignored).")
      @NotNull(message = "is required") @Valid NewCase.Customer customer,
      @Schema(description = "The order (booking) the complaint is about.", example = "TRV-2026-884512")
      @Size(max = 100, message = "must be at most 100 characters")
      @Pattern(regexp = NewCase.SINGLE_LINE, message = NewCase.NO_CONTROL) String orderRef,
      @Schema(description = "What went wrong, in the customer's words.", requiredMode = Schema.RequiredMode.REQUIRED,
          minLength = 1, example = "The hotel charged the first night although the flight was cancelled.")
      @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters")
      @Pattern(regexp = NewCase.MULTI_LINE, message = NewCase.NO_CONTROL) String description,
      @Schema(description = "What the customer wants.", example = "refund",
          allowableValues = {"explanation", "apology", "refund", "credit", "replacement", "compensation"})
      @Pattern(regexp = NewCase.OUTCOMES,
          message = "must be one of: explanation, apology, refund, credit, replacement, compensation")
      String desiredOutcome,
      @Schema(description = "Leave empty (a field people do not see; robots fill it in).", example = "")
      @Size(max = 200, message = "must be at most 200 characters") String website) {

    /** A phone number or an e-mail address, or the customer could never look the complaint up. */
    @AssertTrue(message = "needs a phone number or an e-mail address")
    @Schema(hidden = true)
    @com.fasterxml.jackson.annotation.JsonIgnore
    boolean isPhoneOrEmail() {
      return customer == null || customer.phone() != null && !customer.phone().isBlank()
          || customer.email() != null && !customer.email().isBlank();
    }
  }

  /** What the public form answers. */
  @Schema(name = "PublicComplaintReceived", description = "The complaint was taken in.")
  record Received(
      @Schema(description = "The new complaint's number.", example = "CMP-2026-000042",
          requiredMode = Schema.RequiredMode.REQUIRED)
      String number,
      @Schema(description = "A signed token to read the complaint at once.", requiredMode = Schema.RequiredMode.REQUIRED,
          example = "Q01QLTIwMjYtMDAwMDQyfDE3NjQ1NjcwMDA.2Xb1...")
      String token) {
  }

  @Operation(operationId = "trackComplaint", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true, description = "What the customer typed.", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = Lookup.class), examples = @ExampleObject(name = "lookup", summary = "By phone",
              value = "{\"number\": \"CMP-2026-000042\", \"contact\": \"13800138000\"}"))), summary = "Look a complaint up (customers, no login)", description = """
      The customer's complaint by its number and the phone number or e-mail address given with it. A wrong number \
      and a wrong contact answer alike (404); after 10 failed look-ups from one address within an hour every \
      request of this API from there answers 429 until the hour has passed.""")
  @ApiResponse(responseCode = "200", description = "The complaint as its customer sees it.",
      content = @Content(schema = @Schema(implementation = TrackedCase.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "413", ref = "#/components/responses/RequestTooLarge")
  @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
  @ApiResponse(responseCode = "404", description = "No complaint of this number was given this contact.",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "no-match", summary = "No match", value = NO_MATCH_EXAMPLE)))
  @ApiResponse(responseCode = "429", description = "Too many failed look-ups from this address.",
      headers = @Header(name = "Retry-After", description = "Seconds to wait.", schema = @Schema(type = "integer")),
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "too-many", summary = "Too many failures", value = TOO_MANY_EXAMPLE)))
  @PostMapping("/lookup")
  ResponseEntity<?> lookup(@Valid @RequestBody Lookup lookup, HttpServletRequest request) {
    return onCase(request, () -> status.match(lookup.number(), lookup.contact()), this::view);
  }

  @Operation(operationId = "openTrackedComplaint", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true, description = "The token of the link (after `#t=`) or of a look-up.", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = Token.class), examples = @ExampleObject(name = "token", summary = "A token",
              value = "{\"token\": \"Q01QLTIwMjYtMDAwMDQyfDE3NjQ1NjcwMDA.2Xb1\"}"))), summary = "Open a complaint by its link's token (no login)",
      description = """
          The complaint of a signed token, from the link in our acknowledgement and progress messages or from a \
          look-up. A forged or expired token answers as a failed look-up.""")
  @ApiResponse(responseCode = "200", description = "The complaint as its customer sees it.",
      content = @Content(schema = @Schema(implementation = TrackedCase.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "413", ref = "#/components/responses/RequestTooLarge")
  @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
  @ApiResponse(responseCode = "404", description = "The token is forged, damaged or expired.",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "no-match", summary = "No match", value = NO_MATCH_EXAMPLE)))
  @ApiResponse(responseCode = "429", description = "Too many failed look-ups from this address.",
      headers = @Header(name = "Retry-After", description = "Seconds to wait.", schema = @Schema(type = "integer")),
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "too-many", summary = "Too many failures", value = TOO_MANY_EXAMPLE)))
  @PostMapping("/open")
  ResponseEntity<?> open(@Valid @RequestBody Token token, HttpServletRequest request) {
    return onCase(request, () -> tokens.verify(token.token()), this::view);
  }

  @Operation(operationId = "writeOnTrackedComplaint", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true, description = "The message and the token.", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = Message.class), examples = @ExampleObject(name = "message", summary = "A message",
              value = "{\"token\": \"Q01QLTIwMjYtMDAwMDQyfDE3NjQ1NjcwMDA.2Xb1\", \"text\": \"酒店今天仍未退款。\"}"))), summary = "Write on one's complaint (no login)",
      description = """
          The customer's message, as `POST /api/complaints/{id}/messages` records it (channel `web`): on the \
          timeline, in the open task's form, and a case that waits on the customer resumes.""")
  @ApiResponse(responseCode = "200", description = "The complaint with the message.",
      content = @Content(schema = @Schema(implementation = TrackedCase.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "413", ref = "#/components/responses/RequestTooLarge")
  @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
  @ApiResponse(responseCode = "404", description = "The token is forged, damaged or expired.",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "no-match", summary = "No match", value = NO_MATCH_EXAMPLE)))
  @ApiResponse(responseCode = "409", description = "The complaint is closed: a new message needs a new complaint.",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "conflict", summary = "Not now", value = CONFLICT_EXAMPLE)))
  @ApiResponse(responseCode = "429", description = "Too many failed look-ups from this address.",
      headers = @Header(name = "Retry-After", description = "Seconds to wait.", schema = @Schema(type = "integer")),
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "too-many", summary = "Too many failures", value = TOO_MANY_EXAMPLE)))
  @PostMapping("/messages")
  ResponseEntity<?> message(@Valid @RequestBody Message message, HttpServletRequest request) {
    return onCase(request, () -> tokens.verify(message.token()), number -> {
      requests.addMessage(number, message.text(), "web", CaseStatus.CUSTOMER);
      return view(number);
    });
  }

  @Operation(operationId = "answerTrackedComplaintSurvey", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true, description = "The answer and the token.", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = Survey.class), examples = @ExampleObject(name = "survey", summary = "Satisfied",
              value = "{\"token\": \"Q01QLTIwMjYtMDAwMDQyfDE3NjQ1NjcwMDA.2Xb1\", \"satisfaction\": \"satisfied\", \"attitude\": 5, \"speed\": 4, \"effectiveness\": 4, \"comment\": \"退款很快到账。\"}"))), summary = "Answer the feedback survey (no login)",
      description = """
          While the complaint asks for feedback (`feedbackRequested`), the customer's satisfaction and survey \
          complete the feedback stage as staff would record them after reaching the customer.""")
  @ApiResponse(responseCode = "200", description = "The complaint after the answer.",
      content = @Content(schema = @Schema(implementation = TrackedCase.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "413", ref = "#/components/responses/RequestTooLarge")
  @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
  @ApiResponse(responseCode = "404", description = "The token is forged, damaged or expired.",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "no-match", summary = "No match", value = NO_MATCH_EXAMPLE)))
  @ApiResponse(responseCode = "409", description = "The complaint does not ask for feedback now.",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "conflict", summary = "Not now", value = CONFLICT_EXAMPLE)))
  @ApiResponse(responseCode = "429", description = "Too many failed look-ups from this address.",
      headers = @Header(name = "Retry-After", description = "Seconds to wait.", schema = @Schema(type = "integer")),
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "too-many", summary = "Too many failures", value = TOO_MANY_EXAMPLE)))
  @PostMapping("/feedback")
  ResponseEntity<?> feedback(@Valid @RequestBody Survey survey, HttpServletRequest request) {
    return onCase(request, () -> tokens.verify(survey.token()), number -> status.answer(number, survey)
        ? view(number)
        : problem(HttpStatus.CONFLICT, NOT_ASKED, "Feedback not requested",
            "This complaint does not ask for feedback now.", request));
  }

  @Operation(operationId = "complainPublicly", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true, description = "The complaint as the customer wrote it.", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = PublicComplaint.class), examples = @ExampleObject(name = "complaint", summary = "A complaint",
              value = "{\"customer\": {\"name\": \"王芳\", \"phone\": \"13800138000\"}, \"description\": \"航班取消后酒店仍收取了第一晚房费。\", \"desiredOutcome\": \"refund\", \"website\": \"\"}"))), summary = "Complain without an account", description = """
      The public form: a complaint by channel `web`, validated like `POST /api/complaints` (400 naming each bad \
      field, nothing stored). The acknowledgement with the complaint number and the status page's link goes to \
      the customer as for any complaint. At most `redress.tracking.max-complaints` (5) complaints an hour from one \
      address (429 with `Retry-After`); a filled `website` (a field people do not see) answers 400 and stores \
      nothing.""")
  @ApiResponse(responseCode = "201", description = "The complaint was taken in.",
      headers = @Header(name = "Location", description = "The status page.", schema = @Schema(type = "string")),
      content = @Content(schema = @Schema(implementation = Received.class)))
  @ApiResponse(responseCode = "400", ref = BAD_BODY)
  @ApiResponse(responseCode = "413", ref = "#/components/responses/RequestTooLarge")
  @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
  @ApiResponse(responseCode = "429", description = "Too many complaints from this address within an hour.",
      headers = @Header(name = "Retry-After", description = "Seconds to wait.", schema = @Schema(type = "integer")),
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM), examples = @ExampleObject(name = "too-many", summary = "Too many failures", value = TOO_MANY_EXAMPLE)))
  @PostMapping("/complaints")
  ResponseEntity<?> complain(@Valid @RequestBody PublicComplaint complaint, HttpServletRequest request) {
    String source = request.getRemoteAddr();
    ResponseEntity<?> blocked = blocked(complaints, source, request);
    if (blocked != null) {
      return blocked;
    }
    complaints.count(source);
    if (complaint.website() != null && !complaint.website().isEmpty()) {
      LOG.info("Public complaint form: a filled honeypot field, nothing stored");
      ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "website must be empty");
      p.setType(HONEYPOT);
      p.setTitle("Invalid request");
      p.setInstance(URI.create(request.getRequestURI()));
      p.setProperty("errors", java.util.List.of(java.util.Map.of("field", "website", "message", "must be empty")));
      return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
    NewCase.Customer c = complaint.customer();
    NewCase taken = new NewCase(new NewCase.Customer(c.name(), c.phone(), c.email(), null), "web",
        complaint.orderRef(), complaint.description(), complaint.desiredOutcome(), null, null, null, null, null, null,
        null);
    String number = requests.takeIn(taken, CaseStatus.CUSTOMER);
    return ResponseEntity.created(URI.create("/track")).body(new Received(number, tokens.session(number)));
  }

  /**
   * A request about one complaint: refused while its source has too many failed look-ups, the complaint found (any
   * failure answers the same and is counted), then the action on its number.
   */
  private ResponseEntity<?> onCase(HttpServletRequest request, Supplier<Optional<String>> find,
      Function<String, ResponseEntity<?>> action) {
    String source = request.getRemoteAddr();
    ResponseEntity<?> blocked = blocked(failures, source, request);
    if (blocked != null) {
      return blocked;
    }
    return find.get().map(action).orElseGet(() -> failed(source, request));
  }

  private ResponseEntity<?> view(String number) {
    return ResponseEntity.ok(status.view(number, tokens.session(number)));
  }

  private ResponseEntity<?> blocked(SourceLimit limit, String source, HttpServletRequest request) {
    long wait = limit.waitSeconds(source);
    if (wait == 0) {
      return null;
    }
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
        "Too many requests from this address. Try again in " + wait + " seconds.");
    p.setType(TOO_MANY);
    p.setTitle("Too many requests");
    p.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(wait))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  /** One answer for a wrong number, a wrong contact and a bad token; the source's failure is counted. */
  private ResponseEntity<?> failed(String source, HttpServletRequest request) {
    failures.count(source);
    return problem(HttpStatus.NOT_FOUND, NO_MATCH, "No matching complaint",
        "No complaint matches what was given. Check the number and the phone number or e-mail address.", request);
  }

  private static ResponseEntity<?> problem(HttpStatus status, URI type, String title, String detail,
      HttpServletRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(type);
    p.setTitle(title);
    p.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  /** The survey's answer broke a rule of the feedback stage that the body's checks did not catch. */
  @ExceptionHandler(CaseStatus.NotAccepted.class)
  ResponseEntity<?> refused(CaseStatus.NotAccepted e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, NOT_ASKED, "Not accepted", "The complaint cannot take this answer now.",
        request);
  }
}
