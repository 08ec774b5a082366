package io.redress.intake;

import static io.redress.intake.OpenApiConfiguration.BAD_QUERY;
import static io.redress.intake.OpenApiConfiguration.UNAUTHENTICATED;

import io.redress.casefile.CaseQuery;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.NewCase;
import io.redress.identity.Groups;
import io.redress.security.AuditLog;
import io.redress.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The case list as a file (CSV or XLSX) with the search's criteria: every matching case, streamed from the
 * database to the client as it is read. Written on the request's own thread, so a long export has no
 * asynchronous time limit and the caller's identity stays what the security chain established.
 */
@RestController
@Validated
@RequestMapping("/api/complaints")
@Tag(name = OpenApiConfiguration.TAG)
class ComplaintExportController {

  static final String CSV = "text/csv";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** Who may export phone numbers and e-mail addresses unmasked: those the API trusts with erasing them. */
  static final Set<String> FULL_PERSONAL_DATA = Set.of(Groups.MANAGERS, Groups.DIRECTORS, Groups.CAMUNDA_ADMIN);

  /** Rows the database driver fetches at a time. */
  static final int FETCH_SIZE = 500;

  private final CaseRecords records;
  private final AuditLog audit;
  private final ZoneId zone;
  private final Clock clock;

  ComplaintExportController(CaseRecords records, AuditLog audit,
      @Value("${redress.calendar.zone:Asia/Shanghai}") String zone, Clock clock) {
    this.records = records;
    this.audit = audit;
    this.zone = ZoneId.of(zone);
    this.clock = clock;
  }

  @Operation(operationId = "exportComplaints", summary = "Export the case list (CSV or XLSX)", description = """
      Every case the search's criteria match (the same as `GET /api/complaints`, without paging), in its order, \
      as a CSV or an XLSX file: one row per case with the search's fields, the customer's tier and the \
      satisfaction. The file is streamed while the database is read, so any number of rows can be exported. \
      Phone numbers and e-mail addresses are masked; `personalData=full` shows them as recorded, for managers, \
      directors and camunda-admin only (recorded in the audit log). In the CSV (UTF-8 with a byte-order mark) \
      a cell that starts with `=`, `+`, `-` or `@` gets a leading `'`, so that a spreadsheet never takes it for a \
      formula; in the XLSX every text is a text cell and times are date cells in the working calendar's zone.""")
  @ApiResponse(responseCode = "200", description = "The file, as an attachment.",
      headers = @Header(name = "Content-Disposition", description = "The file's name.",
          schema = @Schema(type = "string", example = "attachment; filename=\"complaints-2026-11-30.csv\"")),
      content = {
          @Content(mediaType = CSV, schema = @Schema(type = "string"), examples = @ExampleObject(name = "csv",
              summary = "Two cases", value = """
                  id,status,stage,severity,category,channel,customerId,customerName,customerPhone,customerEmail,\
                  customerTier,assignee,handler,amountClaimed,currency,secondComplaint,receivedAt,dueAt,overdue,\
                  closedAt,satisfaction
                  CMP-2026-000042,open,investigateComplaint,important,hotel,phone,\
                  f1b85667-3792-4fc1-93b6-9eff90b9f08a,王芳,138****8000,w***@example.com,premium,hank,hank,680.00,\
                  CNY,false,2026-11-26T09:12:00+08:00,2026-11-27T09:12:00+08:00,false,,
                  """)),
          @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary"))})
  @ApiResponse(responseCode = "400", ref = BAD_QUERY)
  @ApiResponse(responseCode = "401", ref = UNAUTHENTICATED)
  @ApiResponse(responseCode = "403", description = """
      The caller does not work on complaints, or asked for `personalData=full` without being a manager, director \
      or camunda-admin.""", content = @Content(mediaType = "application/problem+json",
      schema = @Schema(ref = "#/components/schemas/Problem"), examples = @ExampleObject(name = "full-data",
          summary = "A supervisor asks for full personal data", value = """
              {"type": "about:blank", "title": "Forbidden", "status": 403,
               "detail": "Only managers, directors and administrators may export unmasked personal data",
               "instance": "/api/complaints/export"}""")))
  @GetMapping("/export")
  void export(
      @Parameter(description = "The file's format.", example = "csv",
          schema = @Schema(allowableValues = {"csv", "xlsx"}, defaultValue = "csv"))
      @RequestParam(defaultValue = "csv") @Pattern(regexp = "^(csv|xlsx)$", message = "must be csv or xlsx")
      String format,
      @Parameter(description = """
          `masked` (phone 138****0001, e-mail w***@example.cn) or `full` (as recorded: managers, directors and \
          camunda-admin only).""", example = "masked",
          schema = @Schema(allowableValues = {"masked", "full"}, defaultValue = "masked"))
      @RequestParam(defaultValue = "masked") @Pattern(regexp = "^(masked|full)$",
          message = "must be masked or full") String personalData,
      @Parameter(description = "Only cases with this status.", example = "open",
          schema = @Schema(allowableValues = {"open", "closed", "closed-no-response", "withdrawn"}))
      @RequestParam(required = false) @Pattern(regexp = "^(open|closed|closed-no-response|withdrawn)$",
          message = "must be one of: open, closed, closed-no-response, withdrawn") String status,
      @Parameter(description = "Only cases in this stage, as in the search.", example = "investigateComplaint")
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
      @Parameter(description = "Only cases this user works on, as in the search.", example = "hank")
      @RequestParam(required = false) @Size(max = 64, message = "must be at most 64 characters") String assignee,
      @Parameter(description = "`true`: only open cases past due; `false`: only the others.", example = "true")
      @RequestParam(required = false) Boolean overdue,
      @Parameter(description = "Only cases of this customer (the customer's `id`).",
          example = "f1b85667-3792-4fc1-93b6-9eff90b9f08a")
      @RequestParam(required = false) @Size(max = 36, message = "must be at most 36 characters") String customer,
      @Parameter(description = "Only cases received at or after this time: an instant or a date.",
          example = "2026-11-01")
      @RequestParam(required = false) String receivedFrom,
      @Parameter(description = "Only cases received before this time (exclusive): an instant or a date.",
          example = "2026-12-01")
      @RequestParam(required = false) String receivedTo,
      @Parameter(description = "The order, as in the search.", example = "received",
          schema = @Schema(allowableValues = {"received", "due", "severity", "stage", "number"},
              defaultValue = "received"))
      @RequestParam(defaultValue = "received") @Pattern(regexp = "^(received|due|severity|stage|number)$",
          message = "must be one of: received, due, severity, stage, number") String sort,
      @Parameter(description = "Ascending or descending.", example = "desc",
          schema = @Schema(allowableValues = {"asc", "desc"}, defaultValue = "desc"))
      @RequestParam(defaultValue = "desc") @Pattern(regexp = "^(asc|desc)$", message = "must be asc or desc")
      String direction,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    Instant from = ComplaintController.instant("receivedFrom", receivedFrom, zone);
    Instant to = ComplaintController.instant("receivedTo", receivedTo, zone);
    if (from != null && to != null && !to.isAfter(from)) {
      throw new ComplaintController.BadParameter("receivedTo", "must be after receivedFrom");
    }
    AuthenticatedUser user = AuthenticatedUser.of(request);
    boolean full = "full".equals(personalData);
    if (full && user.groups().stream().noneMatch(FULL_PERSONAL_DATA::contains)) {
      audit.denied(user.userId(), "GET /api/complaints/export", "unmasked personal data");
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "Only managers, directors and administrators may export unmasked personal data");
    }
    Instant now = clock.instant();
    CaseQuery query = new CaseQuery(status, stage, severity, category, channel, assignee, overdue, customer, from,
        to, CaseQuery.Sort.valueOf(sort.toUpperCase(Locale.ROOT)), "asc".equals(direction), 0, Integer.MAX_VALUE);
    if (full) {
      audit.personalDataExport(user.userId(), "GET /api/complaints/export", format + ", " + query);
    }
    boolean csv = "csv".equals(format);
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(csv ? CSV + ";charset=UTF-8" : XLSX);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"complaints-"
        + LocalDate.ofInstant(now, zone) + (csv ? ".csv\"" : ".xlsx\""));
    CaseListExport export = new CaseListExport(zone, now, !full);
    OutputStream out = response.getOutputStream();
    if (csv) {
      export.csv(out, each -> records.each(query, now, FETCH_SIZE, each));
    } else {
      export.xlsx(out, each -> records.each(query, now, FETCH_SIZE, each));
    }
  }
}
