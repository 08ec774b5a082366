package io.redress.summary;

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
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The published monthly summaries, as JSON or as their PDF. */
@RestController
@Validated
@RequestMapping("/api/reports/monthly")
@Tag(name = "Reports")
class MonthlySummaryController {

  private static final String RESPONSES = "#/components/responses/";
  private static final String PROBLEM = "#/components/schemas/Problem";
  /** Who reads the centre's figures. */
  static final Set<String> READERS = Set.of(Groups.SUPERVISORS, Groups.MANAGERS, Groups.DIRECTORS);

  private final MonthlySummaries summaries;

  MonthlySummaryController(MonthlySummaries summaries) {
    this.summaries = summaries;
  }

  @Schema(name = "MonthlySummary", description = "A month's published summary.")
  record MonthlySummaryView(
      @Schema(description = "The month.", example = "2026-11") String month,
      @Schema(description = "The language its PDF is written in.", allowableValues = {"en", "zh-CN"})
      String language,
      @Schema(description = "When the figures were built (at the month's end).") Instant builtAt,
      @Schema(description = "When the managers' findings were added and the summary published.")
      Instant publishedAt,
      @Schema(description = "The managers' findings.", example = "Billing errors doubled after the October "
          + "release.") String findings,
      @Schema(description = "The improvement actions decided.", example = "Fix the invoice rounding; brief the "
          + "billing team.") String actions,
      @Schema(description = "The figures.") MonthlyFigures figures) {
  }

  @Operation(operationId = "getMonthlySummary", summary = "Read a month's summary", description = """
      The published summary of a month (lifecycle stage 8): counts by category and severity, overdue complaints, \
      the KPIs against their targets, the top root causes with example complaint numbers, and the managers' \
      findings and improvement actions. `Accept: application/pdf` answers the PDF that was e-mailed to managers \
      and directors, in the centre's language; otherwise JSON. No personal data. Supervisors, managers and \
      directors only.""")
  @ApiResponse(responseCode = "200", description = "The summary, as JSON or as its PDF.", content = {
      @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = MonthlySummaryView.class)),
      @Content(mediaType = MediaType.APPLICATION_PDF_VALUE, schema = @Schema(type = "string", format = "binary"))})
  @ApiResponse(responseCode = "400", ref = RESPONSES + "InvalidQuery")
  @ApiResponse(responseCode = "401", ref = RESPONSES + "Unauthenticated")
  @ApiResponse(responseCode = "403", description = "Only supervisors, managers and directors read the summaries.",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM),
          examples = @ExampleObject(name = "not-allowed", summary = "A frontline agent asks", value = """
              {"type": "about:blank", "title": "Forbidden", "status": 403,
               "detail": "Only supervisors, managers and directors read the monthly summaries",
               "instance": "/api/reports/monthly/2026-11"}""")))
  @ApiResponse(responseCode = "404", description = "No summary of this month has been published yet.",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM),
          examples = @ExampleObject(name = "none-yet", summary = "Not published yet", value = """
              {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "No summary of 2026-12 has been published yet",
               "instance": "/api/reports/monthly/2026-12"}""")))
  @ApiResponse(responseCode = "406", ref = RESPONSES + "NotAcceptable")
  @GetMapping(path = "/{month}", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PDF_VALUE})
  ResponseEntity<?> get(@Parameter(description = "The month, as YYYY-MM.", example = "2026-11")
      @PathVariable("month") @Pattern(regexp = "^[0-9]{4}-(0[1-9]|1[0-2])$", message = "must be a month as "
          + "YYYY-MM, e.g. 2026-11") String month, HttpServletRequest http) {
    if (AuthenticatedUser.of(http).groups().stream().noneMatch(READERS::contains)) {
      return problem(HttpStatus.FORBIDDEN, URI.create("about:blank"), "Forbidden",
          "Only supervisors, managers and directors read the monthly summaries", http);
    }
    MonthlySummaries.Summary summary = summaries.find(YearMonth.parse(month))
        .filter(MonthlySummaries.Summary::published).orElse(null);
    if (summary == null) {
      return problem(HttpStatus.NOT_FOUND, URI.create("about:blank"), "Not Found",
          "No summary of " + month + " has been published yet", http);
    }
    if (wantsPdf(http.getHeader(HttpHeaders.ACCEPT))) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
          .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
              .filename(MonthlySummaries.fileName(YearMonth.parse(month))).build().toString())
          .body(summary.pdf());
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new MonthlySummaryView(summary.month(),
        summary.locale(), summary.builtAt(), summary.publishedAt(), summary.findings(), summary.actions(),
        summary.figures()));
  }

  /** Whether the PDF ranks above JSON in {@code Accept} (JSON when both rank alike or nothing is said). */
  static boolean wantsPdf(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    List<MediaType> types;
    try {
      types = MediaType.parseMediaTypes(accept);
    } catch (IllegalArgumentException e) {
      return false;
    }
    double pdf = 0;
    double json = 0;
    for (MediaType t : types) {
      if (t.includes(MediaType.APPLICATION_PDF) && !t.isWildcardType() && !t.isWildcardSubtype()) {
        pdf = Math.max(pdf, t.getQualityValue());
      }
      if (t.includes(MediaType.APPLICATION_JSON)) {
        json = Math.max(json, t.getQualityValue());
      }
    }
    return pdf > json;
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail,
      HttpServletRequest http) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    problem.setInstance(URI.create(http.getRequestURI()));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
