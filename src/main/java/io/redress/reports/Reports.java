package io.redress.reports;

import io.redress.calendar.WorkingCalendar;
import io.redress.identity.Groups;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the reports, read from the facts the case record keeps. A period is whole days in the centre's zone,
 * {@code from} to {@code to} inclusive. Outcome KPIs count the cases that ended in the period (closed, closed - no
 * response; a withdrawn case counts as ended but in no KPI); received counts, complaints per million and the
 * escalated-complaint rate count the cases received in it.
 */
@Service
@Transactional(readOnly = true)
public class Reports {

  static final List<String> SATISFIED = List.of("very_satisfied", "satisfied", "basically_satisfied");
  static final List<String> TIERS = List.of("vip", "premium", "standard");
  /** The groups that make a handler's team, the first a user belongs to. */
  static final List<String> TEAMS = List.of(Groups.HANDLERS, Groups.TEAM_LEADS, Groups.FRONTLINE, Groups.SUPERVISORS,
      Groups.MANAGERS, Groups.DIRECTORS);
  /** Upper bounds of the age buckets of open cases, in days; the last bucket has none. */
  static final int[] AGE_DAYS = {1, 3, 7, 30};

  private final JdbcTemplate jdbc;
  private final ZoneId zone;
  private final Clock clock;
  private final ReportsProperties properties;
  private final IdentityService identity;
  private final RootCauseLabels labels;

  Reports(JdbcTemplate jdbc, WorkingCalendar calendar, Clock clock, ReportsProperties properties,
      IdentityService identity, RootCauseLabels labels) {
    this.labels = labels;
    this.jdbc = jdbc;
    this.zone = calendar.zone();
    this.clock = clock;
    this.properties = properties;
    this.identity = identity;
  }

  /** The filters of a report; null: any. */
  public record Filter(String channel, String category, String severity, String tier) {

    String sql(String alias, String tierColumn, List<Object> args) {
      StringBuilder s = new StringBuilder();
      add(s, args, alias + ".channel", channel);
      add(s, args, alias + ".category", category);
      add(s, args, alias + ".severity", severity);
      add(s, args, alias + "." + tierColumn, tier);
      return s.toString();
    }

    private static void add(StringBuilder s, List<Object> args, String column, String value) {
      if (value != null) {
        s.append(" AND ").append(column).append(" = ?");
        args.add(value);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ result records

  /** One KPI: value = numerator / denominator (null without a denominator); met against the target. */
  public record Kpi(BigDecimal numerator, BigDecimal denominator, BigDecimal value, BigDecimal target, Boolean met,
      Map<String, Kpi> byTier) {
  }

  /** Received, closed and open of one value of a dimension. */
  public record Counts(String key, long received, long closed, long open) {
  }

  public record Money(long count, BigDecimal amount) {
  }

  public record Survey(long answers, BigDecimal attitude, BigDecimal speed, BigDecimal effectiveness) {
  }

  public record Workload(String handler, String team, long open, long overdue, long closed) {
  }

  public record TeamWorkload(String team, long open, long overdue, long closed) {
  }

  public record Summary(LocalDate from, LocalDate to, String zone, long received, long closed, long withdrawn,
      long open, long overdue, List<Counts> byCategory, List<Counts> bySeverity, List<Counts> byChannel,
      List<Counts> byTier, Map<String, Kpi> kpis, Map<String, Long> openByAge, long reopened, long reassigned,
      Map<String, Long> escalationsByLevel, Money compensationApproved, Money compensationPaid, Survey survey,
      List<Workload> workload, List<TeamWorkload> teams) {
  }

  public record TrendPoint(LocalDate start, LocalDate end, long received, long closed, Map<String, BigDecimal> kpis) {
  }

  public record Trends(String period, List<TrendPoint> points) {
  }

  /** A root-cause category (null: none picked), its name in the working language, how many cases. */
  public record RootCause(String category, String label, long count) {
  }

  public record RootCauses(LocalDate from, LocalDate to, long closed, long uncategorised, List<RootCause> top) {
  }

  public record OpenCases(Instant at, long open, long overdue, Map<String, Long> byAge, Map<String, Long> byStage) {
  }

  public record WorkloadReport(LocalDate from, LocalDate to, List<Workload> handlers, List<TeamWorkload> teams) {
  }

  // ------------------------------------------------------------------------------------------------------- reports

  public Summary summary(LocalDate from, LocalDate to, Filter f) {
    Instant end = start(to.plusDays(1));
    Ended ended = ended(from, to, f);
    @SuppressWarnings("unchecked")
    Map<String, long[]>[] dims = new Map[] {new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>()};
    long[] received = received(from, to, f, dims);
    ended.dims(dims);
    openAt(end, f, dims);
    long open = dims[3].values().stream().mapToLong(v -> v[2]).sum();
    Map<String, Kpi> kpis = kpis(ended, received, from, to);
    OpenCases openNow = openCases(f);
    Object[] events = events(start(from), end, f);
    List<Workload> workload = workload(from, to, f);
    return new Summary(from, to, zone.getId(), received[0], ended.n("ended"), ended.n("withdrawn"), open,
        openNow.overdue(), counts(dims[0]), counts(dims[1]), counts(dims[2]), counts(dims[3]), kpis, openNow.byAge(),
        (Long) events[0], (Long) events[1], castMap(events[2]), ended.money("approved"), ended.money("paid"),
        ended.survey(), workload, teams(workload));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> castMap(Object o) {
    return (Map<String, Long>) o;
  }

  /**
   * One point per week (Monday to Sunday) or calendar month, the first and the last cut to the period. Three queries
   * whatever the number of points: the ended cases' sums and the received counts per day (per month for whole months
   * of a monthly trend), and the open cases received in the period; each row is added to its point.
   */
  public Trends trends(LocalDate from, LocalDate to, String period, Filter f) {
    boolean monthly = "month".equals(period);
    List<LocalDate> starts = new ArrayList<>();
    List<LocalDate> ends = new ArrayList<>();
    LocalDate b = monthly ? from.withDayOfMonth(1) : from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    while (!b.isAfter(to)) {
      LocalDate next = monthly ? b.plusMonths(1) : b.plusWeeks(1);
      starts.add(b.isBefore(from) ? from : b);
      ends.add(next.minusDays(1).isAfter(to) ? to : next.minusDays(1));
      b = next;
    }
    int n = starts.size();
    Ended[] ended = new Ended[n];
    long[][] received = new long[n][2];
    for (int i = 0; i < n; i++) {
      ended[i] = new Ended();
    }
    // a month row is dated its first day: it falls in its own month's point; a week needs the day rows
    List<Span> spans = monthly ? spans(from, to) : List.of(new Span("day", from, to));
    for (Span p : spans) {
      endedByDate(p, f, day -> ended[point(starts, day)]);
      receivedByDate(p, f, day -> received[point(starts, day)]);
    }
    List<Object> a = new ArrayList<>(List.of(ts(start(from)), ts(start(to.plusDays(1)))));
    jdbc.query("SELECT c.received_at, CASE WHEN c.major OR c.leadership_escalated THEN 1 ELSE 0 END FROM complaint c "
        + "WHERE c.status = 'open' AND c.received_at >= ? AND c.received_at < ?" + f.sql("c", "customer_tier", a),
        rs -> {
          long[] r = received[point(starts, LocalDate.ofInstant(rs.getTimestamp(1).toInstant(), zone))];
          r[0]++;
          r[1] += rs.getInt(2);
        }, a.toArray());
    List<TrendPoint> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, BigDecimal> values = new LinkedHashMap<>();
      kpis(ended[i], received[i], starts.get(i), ends.get(i)).forEach((k, v) -> values.put(k, v.value()));
      points.add(new TrendPoint(starts.get(i), ends.get(i), received[i][0], ended[i].n("ended"), values));
    }
    return new Trends(period, points);
  }

  /** The index of the last point starting on or before the day. */
  private static int point(List<LocalDate> starts, LocalDate day) {
    int i = Collections.binarySearch(starts, day);
    return Math.max(0, i >= 0 ? i : -i - 2);
  }

  public RootCauses rootCauses(LocalDate from, LocalDate to, Filter f, int limit) {
    Map<String, Long> by = new TreeMap<>();
    for (Span p : spans(from, to)) {
      List<Object> a = new ArrayList<>();
      jdbc.query("SELECT r.item, SUM(r.cases) FROM report_closed_count r WHERE r.kind = 'root-cause' AND "
          + p.sql("r", "ended_on", a) + f.sql("r", "tier", a) + " GROUP BY r.item",
          rs -> {
            by.merge(rs.getString(1), rs.getLong(2), Long::sum);
          }, a.toArray());
    }
    List<RootCause> all = by.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> e.getKey().isEmpty() ? new RootCause(null, null, e.getValue())
            : new RootCause(e.getKey(), labels.label(e.getKey()), e.getValue())).toList();
    long closed = all.stream().mapToLong(RootCause::count).sum();
    long uncategorised = all.stream().filter(r -> r.category() == null).mapToLong(RootCause::count).sum();
    return new RootCauses(from, to, closed, uncategorised,
        all.stream().filter(r -> r.category() != null).limit(limit).toList());
  }

  public OpenCases openCases(Filter f) {
    Instant now = clock.instant();
    StringBuilder age = new StringBuilder("CASE");
    for (int i = 0; i < AGE_DAYS.length; i++) {
      age.append(" WHEN c.received_at > ? THEN ").append(i);
    }
    age.append(" ELSE ").append(AGE_DAYS.length).append(" END");
    List<Object> args = new ArrayList<>();
    for (int d : AGE_DAYS) {
      args.add(ts(now.minus(Duration.ofDays(d))));
    }
    args.add(ts(now));
    String where = " FROM complaint c WHERE c.status = 'open'" + f.sql("c", "customer_tier", args);
    Map<String, Long> byAge = new LinkedHashMap<>();
    for (String bucket : ageBuckets()) {
      byAge.put(bucket, 0L);
    }
    long[] totals = new long[2];
    jdbc.query("SELECT x.bucket, SUM(x.overdue), COUNT(*) FROM (SELECT " + age + " AS bucket, "
        + "CASE WHEN c.due_at < ? THEN 1 ELSE 0 END AS overdue" + where + ") x GROUP BY x.bucket", rs -> {
          String bucket = ageBuckets().get(rs.getInt(1));
          byAge.put(bucket, rs.getLong(3));
          totals[0] += rs.getLong(3);
          totals[1] += rs.getLong(2);
        }, args.toArray());
    List<Object> b = new ArrayList<>();
    Map<String, Long> byStage = new TreeMap<>();
    jdbc.query("SELECT c.stage, COUNT(*) FROM complaint c WHERE c.status = 'open'" + f.sql("c", "customer_tier", b)
        + " GROUP BY c.stage", rs -> {
          byStage.put(rs.getString(1) == null ? "none" : rs.getString(1), rs.getLong(2));
        }, b.toArray());
    return new OpenCases(now, totals[0], totals[1], byAge, byStage);
  }

  static List<String> ageBuckets() {
    List<String> names = new ArrayList<>();
    int low = 0;
    for (int d : AGE_DAYS) {
      names.add(low + "-" + d + "d");
      low = d;
    }
    names.add(low + "d+");
    return names;
  }

  public WorkloadReport workloadReport(LocalDate from, LocalDate to, Filter f) {
    List<Workload> w = workload(from, to, f);
    return new WorkloadReport(from, to, w, teams(w));
  }

  // ---------------------------------------------------------------------------------------------------- the parts

  /** Rows of the day sums of one span ({@code day} or {@code month}, dated its first day), first to last. */
  record Span(String span, LocalDate first, LocalDate last) {

    String sql(String alias, String column, List<Object> args) {
      args.addAll(List.of(span, Date.valueOf(first), Date.valueOf(last)));
      return alias + ".span = ? AND " + alias + "." + column + " >= ? AND " + alias + "." + column + " <= ?";
    }
  }

  /** A period's rows: its whole calendar months' rows, and the day rows of the rest. */
  static List<Span> spans(LocalDate from, LocalDate to) {
    LocalDate months = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
    LocalDate after = to.plusDays(1);
    LocalDate rest = after.withDayOfMonth(1);
    if (!months.isBefore(rest)) {
      return List.of(new Span("day", from, to));
    }
    List<Span> spans = new ArrayList<>();
    if (from.isBefore(months)) {
      spans.add(new Span("day", from, months.minusDays(1)));
    }
    spans.add(new Span("month", months, rest.minusMonths(1)));
    if (rest.isBefore(after)) {
      spans.add(new Span("day", rest, to));
    }
    return spans;
  }

  /** The columns of report_closed_day a period sums (V16; io.redress.casefile.ReportDays keeps them). */
  static final List<String> ENDED = List.of("ended", "withdrawn", "counted", "first_reply_due", "first_reply_on_time",
      "full_process_due", "full_process_on_time", "resolved_at_intake", "stage_tasks", "stage_tasks_on_time",
      "callbacks", "satisfied_callbacks", "approved", "approved_amount", "paid", "paid_amount", "answers",
      "attitude_answers", "attitude_sum", "speed_answers", "speed_sum", "effectiveness_answers", "effectiveness_sum");

  /** The sums of the cases that ended in a period: in total, the callbacks per tier, the ended ones per filter. */
  private static final class Ended {
    final long[] total = new long[ENDED.size()];
    final BigDecimal[] amounts = new BigDecimal[ENDED.size()];
    /** tier: satisfied callbacks, callbacks (the KPIs' cases). */
    final Map<String, long[]> byTier = new LinkedHashMap<>();
    /** category, severity, channel, tier and how many ended. */
    final List<Object[]> keys = new ArrayList<>();

    Ended() {
      TIERS.forEach(t -> byTier.put(t, new long[2]));
    }

    long n(String column) {
      return total[ENDED.indexOf(column)];
    }

    Money money(String kind) {
      long count = n(kind);
      return new Money(count, count == 0 ? BigDecimal.ZERO : amounts[ENDED.indexOf(kind + "_amount")]);
    }

    Survey survey() {
      return new Survey(n("answers"), average("attitude"), average("speed"), average("effectiveness"));
    }

    private BigDecimal average(String dimension) {
      long answers = n(dimension + "_answers");
      return answers == 0 ? null : BigDecimal.valueOf(n(dimension + "_sum"))
          .divide(BigDecimal.valueOf(answers), 10, RoundingMode.HALF_UP).setScale(2, RoundingMode.HALF_UP);
    }

    void dims(Map<String, long[]>[] dims) {
      for (Object[] k : keys) {
        add(dims, k, 1, (Long) k[4]);
      }
    }
  }

  private Ended ended(LocalDate from, LocalDate to, Filter f) {
    Ended e = new Ended();
    for (Span p : spans(from, to)) {
      ended(p, f, List.of("r.category", "r.severity", "r.channel"), rs -> e, (rs, v) -> {
        if (v[ENDED.indexOf("ended")] > 0) {
          e.keys.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              v[ENDED.indexOf("ended")]});
        }
      });
    }
    return e;
  }

  /** The sums of a span's ended cases, per row date, into the Ended the date belongs to. */
  private void endedByDate(Span p, Filter f, Function<LocalDate, Ended> into) {
    ended(p, f, List.of("r.ended_on"), rs -> into.apply(rs.getDate(1).toLocalDate()), (rs, v) -> { });
  }

  private interface RowTarget<T> {
    T of(ResultSet rs) throws SQLException;
  }

  private interface RowSums {
    void accept(ResultSet rs, long[] sums) throws SQLException;
  }

  /**
   * Sums a span's rows of report_closed_day grouped by the given columns and the tier (after them), each group into
   * the Ended {@code into} names; {@code then} sees each group's sums.
   */
  private void ended(Span p, Filter f, List<String> groups, RowTarget<Ended> into, RowSums then) {
    List<Object> a = new ArrayList<>();
    String by = String.join(", ", groups) + ", r.tier";
    StringBuilder sql = new StringBuilder("SELECT ").append(by);
    ENDED.forEach(c -> sql.append(", SUM(r.").append(c).append(')'));
    sql.append(" FROM report_closed_day r WHERE ").append(p.sql("r", "ended_on", a)).append(f.sql("r", "tier", a))
        .append(" GROUP BY ").append(by);
    int tier = groups.size() + 1;
    int counted = ENDED.indexOf("counted");
    jdbc.query(sql.toString(), rs -> {
      Ended e = into.of(rs);
      long[] v = new long[ENDED.size()];
      for (int k = 0; k < v.length; k++) {
        if (ENDED.get(k).endsWith("_amount")) {
          BigDecimal d = rs.getBigDecimal(k + tier + 1);
          e.amounts[k] = e.amounts[k] == null ? d : e.amounts[k].add(d);
        } else {
          v[k] = rs.getLong(k + tier + 1);
          e.total[k] += v[k];
        }
      }
      if (v[counted] > 0 || e.byTier.containsKey(rs.getString(tier))) {
        long[] t = e.byTier.computeIfAbsent(rs.getString(tier), x -> new long[2]);
        t[0] += v[ENDED.indexOf("satisfied_callbacks")];
        t[1] += v[ENDED.indexOf("callbacks")];
      }
      then.accept(rs, v);
    }, a.toArray());
  }

  /**
   * Received in the period, and how many of them major or escalated to leadership: the ended cases from their day
   * sums, the open ones from the case record; per filter value into {@code dims} (received), if given.
   */
  private long[] received(LocalDate from, LocalDate to, Filter f, Map<String, long[]>[] dims) {
    long[] total = new long[2];
    RowCallbackHandler add = rs -> {
      total[0] += rs.getLong(5);
      total[1] += rs.getLong(6);
      if (dims != null && rs.getLong(5) > 0) {
        add(dims, new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}, 0,
            rs.getLong(5));
      }
    };
    for (Span p : spans(from, to)) {
      List<Object> a = new ArrayList<>();
      jdbc.query("SELECT r.category, r.severity, r.channel, r.tier, SUM(r.received), SUM(r.escalated) "
          + "FROM report_received_day r WHERE " + p.sql("r", "received_on", a) + f.sql("r", "tier", a)
          + " GROUP BY r.category, r.severity, r.channel, r.tier", add, a.toArray());
    }
    // the period is tested per row, not in WHERE: H2 would walk the received_at index over every case otherwise
    Timestamp start = ts(start(from));
    Timestamp end = ts(start(to.plusDays(1)));
    List<Object> a = new ArrayList<>(List.of(start, end, start, end));
    jdbc.query("SELECT c.category, c.severity, c.channel, c.customer_tier, SUM(CASE WHEN c.received_at >= ? AND "
        + "c.received_at < ? THEN 1 ELSE 0 END), SUM(CASE WHEN c.received_at >= ? AND c.received_at < ? AND "
        + "(c.major OR c.leadership_escalated) THEN 1 ELSE 0 END) FROM complaint c WHERE c.status = 'open'"
        + f.sql("c", "customer_tier", a) + " GROUP BY c.category, c.severity, c.channel, c.customer_tier", add,
        a.toArray());
    return total;
  }

  /** A span's received and escalated ended cases, per row date, into the pair {@code into} names for the date. */
  private void receivedByDate(Span p, Filter f, Function<LocalDate, long[]> into) {
    List<Object> a = new ArrayList<>();
    jdbc.query("SELECT r.received_on, SUM(r.received), SUM(r.escalated) FROM report_received_day r WHERE "
        + p.sql("r", "received_on", a) + f.sql("r", "tier", a) + " GROUP BY r.received_on", rs -> {
          long[] r = into.apply(rs.getDate(1).toLocalDate());
          r[0] += rs.getLong(2);
          r[1] += rs.getLong(3);
        }, a.toArray());
  }

  private Map<String, Kpi> kpis(Ended e, long[] received, LocalDate from, LocalDate to) {
    ReportsProperties.Targets t = properties.targets();
    Map<String, Kpi> kpis = new LinkedHashMap<>();
    kpis.put("firstReplyWithinLimit", kpi(e.n("first_reply_on_time"), e.n("first_reply_due"),
        t.firstReplyWithinLimit(), true));
    kpis.put("fullProcessTimeliness", kpi(e.n("full_process_on_time"), e.n("full_process_due"),
        t.fullProcessTimeliness(), true));
    kpis.put("firstContactResolution", kpi(e.n("resolved_at_intake"), e.n("counted"), t.firstContactResolution(),
        true));
    kpis.put("workOrderTimeliness", kpi(e.n("stage_tasks_on_time"), e.n("stage_tasks"), t.workOrderTimeliness(),
        true));
    kpis.put("satisfactionRate", satisfaction(e.byTier));
    BigDecimal customers = customers(from, to);
    kpis.put("escalatedComplaintRate", lowerIsBetter(BigDecimal.valueOf(received[1]), customers,
        t.escalatedComplaintRate()));
    kpis.put("complaintsPerMillionCustomers", lowerIsBetter(BigDecimal.valueOf(received[0]),
        customers == null ? null : customers.divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP),
        t.complaintsPerMillionCustomers()));
    return kpis;
  }

  private Kpi satisfaction(Map<String, long[]> byTier) {
    ReportsProperties.Targets t = properties.targets();
    Map<String, Kpi> tiers = new LinkedHashMap<>();
    long num = 0;
    long den = 0;
    Boolean allMet = null;
    for (Map.Entry<String, long[]> e : byTier.entrySet()) {
      BigDecimal target = switch (e.getKey()) {
        case "vip" -> t.satisfactionVip();
        case "premium" -> t.satisfactionPremium();
        default -> t.satisfactionStandard();
      };
      Kpi k = kpi(e.getValue()[0], e.getValue()[1], target, true);
      tiers.put(e.getKey(), k);
      num += e.getValue()[0];
      den += e.getValue()[1];
      if (k.met() != null) {
        allMet = (allMet == null || allMet) && k.met();
      }
    }
    BigDecimal value = den == 0 ? null : ratio(BigDecimal.valueOf(num), BigDecimal.valueOf(den));
    return new Kpi(BigDecimal.valueOf(num), BigDecimal.valueOf(den), value, null, allMet, tiers);
  }

  /** Customers in contact over the period: the monthly figure times the share of each month the period covers. */
  BigDecimal customers(LocalDate from, LocalDate to) {
    Long perMonth = properties.customersPerMonth();
    if (perMonth == null) {
      return null;
    }
    BigDecimal months = BigDecimal.ZERO;
    LocalDate m = from.withDayOfMonth(1);
    while (!m.isAfter(to)) {
      LocalDate first = m.isBefore(from) ? from : m;
      LocalDate last = m.plusMonths(1).minusDays(1).isAfter(to) ? to : m.plusMonths(1).minusDays(1);
      long days = ChronoUnit.DAYS.between(first, last) + 1;
      months = months.add(BigDecimal.valueOf(days).divide(BigDecimal.valueOf(m.lengthOfMonth()), 10,
          RoundingMode.HALF_UP));
      m = m.plusMonths(1);
    }
    return BigDecimal.valueOf(perMonth).multiply(months).setScale(2, RoundingMode.HALF_UP);
  }

  private static Kpi kpi(long num, long den, BigDecimal target, boolean higherIsBetter) {
    BigDecimal value = den == 0 ? null : ratio(BigDecimal.valueOf(num), BigDecimal.valueOf(den));
    Boolean met = value == null || target == null ? null
        : higherIsBetter ? value.compareTo(target) >= 0 : value.compareTo(target) <= 0;
    return new Kpi(BigDecimal.valueOf(num), BigDecimal.valueOf(den), value, target, met, null);
  }

  private static Kpi lowerIsBetter(BigDecimal num, BigDecimal den, BigDecimal target) {
    BigDecimal value = den == null || den.signum() == 0 ? null : num.divide(den, 6, RoundingMode.HALF_UP);
    Boolean met = value == null || target == null ? null : value.compareTo(target) <= 0;
    return new Kpi(num, den, value, target, met, null);
  }

  private static BigDecimal ratio(BigDecimal num, BigDecimal den) {
    return num.divide(den, 4, RoundingMode.HALF_UP);
  }

  /** Adds n to the measure (0 received, 1 closed, 2 open) of the key's category, severity, channel and tier. */
  private static void add(Map<String, long[]>[] dims, Object[] key, int measure, long n) {
    for (int d = 0; d < 4; d++) {
      String k = key[d] == null || "".equals(key[d]) ? "unclassified" : (String) key[d];
      dims[d].computeIfAbsent(k, x -> new long[3])[measure] += n;
    }
  }

  private static List<Counts> counts(Map<String, long[]> dim) {
    return dim.entrySet().stream().map(e -> new Counts(e.getKey(), e.getValue()[0], e.getValue()[1],
        e.getValue()[2])).toList();
  }

  /**
   * Open at the period's end, per filter value: received before it and not ended by then (now, for a period reaching
   * today): the open cases, and those that ended after it.
   */
  private void openAt(Instant end, Filter f, Map<String, long[]>[] dims) {
    RowCallbackHandler add = rs -> {
      if (rs.getLong(5) > 0) {
        add(dims, new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}, 2,
            rs.getLong(5));
      }
    };
    List<Object> a = new ArrayList<>(List.of(ts(end)));
    jdbc.query("SELECT c.category, c.severity, c.channel, c.customer_tier, SUM(CASE WHEN c.received_at < ? THEN 1 "
        + "ELSE 0 END) FROM complaint c WHERE c.status = 'open'" + f.sql("c", "customer_tier", a)
        + " GROUP BY c.category, c.severity, c.channel, c.customer_tier", add, a.toArray());
    a = new ArrayList<>(List.of(ts(end), ts(end)));
    jdbc.query("SELECT f.category, f.severity, f.channel, f.tier, COUNT(*) FROM complaint_fact f "
        + "WHERE f.closed_at >= ? AND f.received_at < ?" + f.sql("f", "tier", a)
        + " GROUP BY f.category, f.severity, f.channel, f.tier", add, a.toArray());
  }

  /** Reopenings, reassignments and escalations by level that happened in the period. */
  private Object[] events(Instant start, Instant end, Filter f) {
    String join = " FROM complaint_event e JOIN complaint c ON c.complaint_number = e.complaint_number "
        + "WHERE e.event_type = ? AND e.occurred_at >= ? AND e.occurred_at < ?";
    List<Object> a = new ArrayList<>(List.of("reopened", ts(start), ts(end)));
    long reopened = count("SELECT COUNT(*)" + join + f.sql("c", "customer_tier", a), a);
    // the first assignment of a case is no reassignment
    a = new ArrayList<>(List.of("assigned", ts(start), ts(end)));
    long reassigned = count("SELECT COUNT(*)" + join + " AND EXISTS (SELECT 1 FROM complaint_event p "
        + "WHERE p.complaint_number = e.complaint_number AND p.event_type = 'assigned' AND p.id < e.id)"
        + f.sql("c", "customer_tier", a), a);
    Map<String, Long> levels = new LinkedHashMap<>();
    for (String level : Groups.ESCALATION_LEVELS) {
      a = new ArrayList<>(List.of("deadline-escalated", ts(start), ts(end), "%\"group\":\"" + level + "\"%"));
      levels.put(level, count("SELECT COUNT(*)" + join + " AND e.detail LIKE ?" + f.sql("c", "customer_tier", a),
          a));
    }
    return new Object[] {reopened, reassigned, levels};
  }

  /** Each handler's open cases (now) and cases ended in the period. */
  private List<Workload> workload(LocalDate from, LocalDate to, Filter f) {
    Map<String, long[]> by = new TreeMap<>();
    List<Object> a = new ArrayList<>(List.of(ts(clock.instant())));
    jdbc.query("SELECT COALESCE(c.assignee, c.handler), COUNT(*), SUM(CASE WHEN c.due_at < ? THEN 1 ELSE 0 END) "
        + "FROM complaint c WHERE c.status = 'open' AND COALESCE(c.assignee, c.handler) IS NOT NULL"
        + f.sql("c", "customer_tier", a) + " GROUP BY COALESCE(c.assignee, c.handler)", rs -> {
          long[] v = by.computeIfAbsent(rs.getString(1), k -> new long[3]);
          v[0] = rs.getLong(2);
          v[1] = rs.getLong(3);
        }, a.toArray());
    Map<String, Long> closed = new TreeMap<>();
    for (Span p : spans(from, to)) {
      List<Object> b = new ArrayList<>();
      jdbc.query("SELECT r.item, SUM(r.cases) FROM report_closed_count r WHERE r.kind = 'handler' AND "
          + p.sql("r", "ended_on", b) + f.sql("r", "tier", b) + " GROUP BY r.item", rs -> {
            closed.merge(rs.getString(1), rs.getLong(2), Long::sum);
          }, b.toArray());
    }
    closed.forEach((handler, n) -> {
      if (n > 0) {
        by.computeIfAbsent(handler, k -> new long[3])[2] = n;
      }
    });
    return by.entrySet().stream().map(e -> new Workload(e.getKey(), team(e.getKey()), e.getValue()[0],
        e.getValue()[1], e.getValue()[2])).toList();
  }

  /** A handler's team: the first of their groups that works on complaints (TEAMS order). */
  private String team(String user) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    return TEAMS.stream().filter(groups::contains).findFirst().orElse("none");
  }

  private static List<TeamWorkload> teams(List<Workload> handlers) {
    Map<String, long[]> by = new TreeMap<>();
    for (Workload w : handlers) {
      long[] v = by.computeIfAbsent(w.team(), k -> new long[3]);
      v[0] += w.open();
      v[1] += w.overdue();
      v[2] += w.closed();
    }
    return by.entrySet().stream().map(e -> new TeamWorkload(e.getKey(), e.getValue()[0], e.getValue()[1],
        e.getValue()[2])).toList();
  }

  private long count(String sql, List<Object> args) {
    Long n = jdbc.queryForObject(sql, Long.class, args.toArray());
    return n == null ? 0 : n;
  }

  private Instant start(LocalDate day) {
    return day.atStartOfDay(zone).toInstant();
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
