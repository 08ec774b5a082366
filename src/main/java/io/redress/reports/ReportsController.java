package io.redress.reports;

import io.redress.casefile.Channel;
import io.redress.casefile.Severity;
import io.redress.casefile.Tier;
import io.redress.identity.Groups;
import io.redress.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The centre's numbers for supervisors, managers and directors (others: 403). A period is {@code from} to {@code to},
 * whole days in the centre's zone, both included. docs/reports.md describes every figure.
 */
@RestController
@RequestMapping(path = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Reports", description = "The centre's KPIs against their targets and the series of its dashboard.")
class ReportsController {

  private static final String RESPONSES = "#/components/responses/";
  static final Set<String> READERS = Set.of(Groups.SUPERVISORS, Groups.MANAGERS, Groups.DIRECTORS);
  /** The longest period a report covers. */
  static final long MAX_DAYS = 3700;
  private static final int CATEGORY_MAX = 64;

  private final Reports reports;

  ReportsController(Reports reports) {
    this.reports = reports;
  }

  /** A bad query parameter, named. */
  static class BadParameter extends RuntimeException {
    final String field;

    BadParameter(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  static class NotAllowed extends RuntimeException {
    NotAllowed() {
      super("Only supervisors, managers and directors may read the reports");
    }
  }

  @Operation(operationId = "reportKpis", summary = "The KPIs of a period", description = """
      The KPIs of spec §8 against their targets, with received, closed and open counts by category, severity, \
      channel and tier, overdue and open cases by age, reopenings, reassignments, escalations by level, compensation \
      approved and paid, the survey's three dimensions and each handler's and team's workload.""")
  @ApiResponse(responseCode = "200", description = "The figures.")
  @ApiResponse(responseCode = "400", ref = RESPONSES + "InvalidQuery")
  @ApiResponse(responseCode = "401", ref = RESPONSES + "Unauthenticated")
  @ApiResponse(responseCode = "403", ref = RESPONSES + "Forbidden")
  @GetMapping("/kpis")
  Reports.Summary kpis(
      @Parameter(description = "First day, in the centre's zone.", example = "2026-11-01")
      @RequestParam(name = "from", required = false) String from,
      @Parameter(description = "Last day, included.", example = "2026-11-30")
      @RequestParam(name = "to", required = false) String to,
      @Parameter(description = "Only this channel.", example = "web")
      @RequestParam(name = "channel", required = false) String channel,
      @Parameter(description = "Only this category.", example = "billing-refund")
      @RequestParam(name = "category", required = false)
      String category,
      @Parameter(description = "Only this severity.", example = "urgent")
      @RequestParam(name = "severity", required = false)
      String severity,
      @Parameter(description = "Only this customer tier.", example = "vip")
      @RequestParam(name = "tier", required = false)
      String tier,
      HttpServletRequest http) {
    Query q = query(http, from, to, channel, category, severity, tier);
    return reports.summary(q.from(), q.to(), q.filter());
  }

  @Operation(operationId = "reportTrends", summary = "Received, closed and KPI values by week or month",
      description = "One point per week (Monday to Sunday) or calendar month of the period, the first and the last "
          + "cut to it: cases received, cases ended, and each KPI's value for the cases of that point.")
  @ApiResponse(responseCode = "200", description = "One point per week (Monday to Sunday) or calendar month, cut "
      + "to the period.")
  @ApiResponse(responseCode = "400", ref = RESPONSES + "InvalidQuery")
  @ApiResponse(responseCode = "401", ref = RESPONSES + "Unauthenticated")
  @ApiResponse(responseCode = "403", ref = RESPONSES + "Forbidden")
  @GetMapping("/trends")
  Reports.Trends trends(
      @Parameter(description = "First day.", example = "2026-01-01") @RequestParam(name = "from", required = false)
      String from,
      @Parameter(description = "Last day, included.", example = "2026-11-30")
      @RequestParam(name = "to", required = false) String to,
      @Parameter(description = "week or month.", example = "week", schema = @Schema(allowableValues = {"week", "month"},
          defaultValue = "month")) @RequestParam(name = "period", required = false) String period,
      @Parameter(description = "Only this channel.", example = "web")
      @RequestParam(name = "channel", required = false) String channel,
      @Parameter(description = "Only this category.", example = "billing-refund")
      @RequestParam(name = "category", required = false)
      String category,
      @Parameter(description = "Only this severity.", example = "urgent")
      @RequestParam(name = "severity", required = false)
      String severity,
      @Parameter(description = "Only this customer tier.", example = "vip")
      @RequestParam(name = "tier", required = false)
      String tier,
      HttpServletRequest http) {
    Query q = query(http, from, to, channel, category, severity, tier);
    String per = period == null ? "month" : period;
    if (!per.equals("week") && !per.equals("month")) {
      throw new BadParameter("period", "must be one of: week, month");
    }
    if (per.equals("week") && ChronoUnit.DAYS.between(q.from(), q.to()) > 7 * 400) {
      throw new BadParameter("to", "must be at most 400 weeks after from");
    }
    return reports.trends(q.from(), q.to(), per, q.filter());
  }

  @Operation(operationId = "reportRootCauses", summary = "The most frequent root-cause categories of a period",
      description = "The root-cause categories the investigators picked for the cases that ended in the period "
          + "(withdrawn ones left out), most frequent first, with how many had none.")
  @ApiResponse(responseCode = "200", description = "Categories of the cases closed in the period, most frequent "
      + "first.")
  @ApiResponse(responseCode = "400", ref = RESPONSES + "InvalidQuery")
  @ApiResponse(responseCode = "401", ref = RESPONSES + "Unauthenticated")
  @ApiResponse(responseCode = "403", ref = RESPONSES + "Forbidden")
  @GetMapping("/root-causes")
  Reports.RootCauses rootCauses(
      @Parameter(description = "First day.", example = "2026-11-01") @RequestParam(name = "from", required = false)
      String from,
      @Parameter(description = "Last day, included.", example = "2026-11-30")
      @RequestParam(name = "to", required = false) String to,
      @Parameter(description = "How many categories, 1-100.", example = "10", schema = @Schema(type = "integer",
          defaultValue = "10", minimum = "1",
          maximum = "100")) @RequestParam(name = "limit", required = false) String limit,
      @Parameter(description = "Only this channel.", example = "web")
      @RequestParam(name = "channel", required = false) String channel,
      @Parameter(description = "Only this category.", example = "billing-refund")
      @RequestParam(name = "category", required = false)
      String category,
      @Parameter(description = "Only this severity.", example = "urgent")
      @RequestParam(name = "severity", required = false)
      String severity,
      @Parameter(description = "Only this customer tier.", example = "vip")
      @RequestParam(name = "tier", required = false)
      String tier,
      HttpServletRequest http) {
    Query q = query(http, from, to, channel, category, severity, tier);
    int n = 10;
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        throw new BadParameter("limit", "must be a whole number from 1 to 100");
      }
      if (n < 1 || n > 100) {
        throw new BadParameter("limit", "must be a whole number from 1 to 100");
      }
    }
    return reports.rootCauses(q.from(), q.to(), q.filter(), n);
  }

  @Operation(operationId = "reportOpenCases", summary = "The open cases now, by age and by stage",
      description = "How many cases are open now and how many of them are overdue, by age since receipt (0-1, 1-3, "
          + "3-7, 7-30 days, older) and by stage.")
  @ApiResponse(responseCode = "200", description = "Open and overdue cases, by age since receipt and by stage.")
  @ApiResponse(responseCode = "400", ref = RESPONSES + "InvalidQuery")
  @ApiResponse(responseCode = "401", ref = RESPONSES + "Unauthenticated")
  @ApiResponse(responseCode = "403", ref = RESPONSES + "Forbidden")
  @GetMapping("/open-cases")
  Reports.OpenCases openCases(
      @Parameter(description = "Only this channel.", example = "web")
      @RequestParam(name = "channel", required = false) String channel,
      @Parameter(description = "Only this category.", example = "billing-refund")
      @RequestParam(name = "category", required = false)
      String category,
      @Parameter(description = "Only this severity.", example = "urgent")
      @RequestParam(name = "severity", required = false)
      String severity,
      @Parameter(description = "Only this customer tier.", example = "vip")
      @RequestParam(name = "tier", required = false)
      String tier,
      HttpServletRequest http) {
    allowed(http);
    return reports.openCases(filter(channel, category, severity, tier));
  }

  @Operation(operationId = "reportWorkload", summary = "Each handler's and team's workload",
      description = "Per handler and per team: the open cases they hold now, how many are overdue, and the cases "
          + "that ended in the period with them as handler.")
  @ApiResponse(responseCode = "200", description = "Open and overdue cases now, and cases closed in the period, "
      + "per handler and per team.")
  @ApiResponse(responseCode = "400", ref = RESPONSES + "InvalidQuery")
  @ApiResponse(responseCode = "401", ref = RESPONSES + "Unauthenticated")
  @ApiResponse(responseCode = "403", ref = RESPONSES + "Forbidden")
  @GetMapping("/workload")
  Reports.WorkloadReport workload(
      @Parameter(description = "First day.", example = "2026-11-01") @RequestParam(name = "from", required = false)
      String from,
      @Parameter(description = "Last day, included.", example = "2026-11-30")
      @RequestParam(name = "to", required = false) String to,
      @Parameter(description = "Only this channel.", example = "web")
      @RequestParam(name = "channel", required = false) String channel,
      @Parameter(description = "Only this category.", example = "billing-refund")
      @RequestParam(name = "category", required = false)
      String category,
      @Parameter(description = "Only this severity.", example = "urgent")
      @RequestParam(name = "severity", required = false)
      String severity,
      @Parameter(description = "Only this customer tier.", example = "vip")
      @RequestParam(name = "tier", required = false)
      String tier,
      HttpServletRequest http) {
    Query q = query(http, from, to, channel, category, severity, tier);
    return reports.workloadReport(q.from(), q.to(), q.filter());
  }

  /** A report's period and filter, checked once for every report: the reader's groups, then from, to, the filter. */
  record Query(LocalDate from, LocalDate to, Reports.Filter filter) {
  }

  private static Query query(HttpServletRequest http, String from, String to, String channel, String category,
      String severity, String tier) {
    allowed(http);
    LocalDate[] p = period(from, to);
    return new Query(p[0], p[1], filter(channel, category, severity, tier));
  }

  private static void allowed(HttpServletRequest http) {
    if (AuthenticatedUser.of(http).groups().stream().noneMatch(READERS::contains)) {
      throw new NotAllowed();
    }
  }

  private static LocalDate[] period(String from, String to) {
    LocalDate f = date("from", from);
    LocalDate t = date("to", to);
    if (t.isBefore(f)) {
      throw new BadParameter("to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(f, t) > MAX_DAYS) {
      throw new BadParameter("to", "must be at most " + MAX_DAYS + " days after from");
    }
    return new LocalDate[] {f, t};
  }

  private static LocalDate date(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new BadParameter(name, "is required");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadParameter(name, "must be a date (2026-11-01)");
    }
  }

  private static Reports.Filter filter(String channel, String category, String severity, String tier) {
    if (channel != null && Channel.of(channel).isEmpty()) {
      throw new BadParameter("channel", "must be one of: " + String.join(", ", sorted(Channel.wireValues())));
    }
    if (severity != null && Severity.of(severity).isEmpty()) {
      throw new BadParameter("severity", "must be one of: " + String.join(", ", sorted(Severity.wireValues())));
    }
    if (tier != null && Tier.of(tier).isEmpty()) {
      throw new BadParameter("tier", "must be one of: " + String.join(", ", sorted(Tier.wireValues())));
    }
    if (category != null && (category.isBlank() || category.length() > CATEGORY_MAX
        || !category.matches("[\\p{L}\\p{N}_ -]+"))) {
      throw new BadParameter("category", "must be a category name of at most " + CATEGORY_MAX + " letters, digits, "
          + "spaces, '-' or '_'");
    }
    return new Reports.Filter(channel == null ? null : Channel.of(channel).get().wire(), category,
        severity == null ? null : Severity.of(severity).get().wire(), tier == null ? null : Tier.of(tier).get().wire());
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  @ExceptionHandler(BadParameter.class)
  ResponseEntity<ProblemDetail> bad(BadParameter e, HttpServletRequest http) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.field + " " + e.getMessage());
    p.setType(URI.create("https://redress.example/problems/invalid-complaint"));
    p.setTitle("Invalid request");
    p.setInstance(URI.create(http.getRequestURI()));
    p.setProperty("errors", List.of(Map.of("field", e.field, "message", e.getMessage())));
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @ExceptionHandler(NotAllowed.class)
  ResponseEntity<ProblemDetail> forbidden(NotAllowed e, HttpServletRequest http) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    p.setInstance(URI.create(http.getRequestURI()));
    return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
