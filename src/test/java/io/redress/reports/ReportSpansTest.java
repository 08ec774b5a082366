package io.redress.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A period reads the month rows of its whole calendar months and the day rows of every other day, each once. */
class ReportSpansTest {

  @Test
  void wholeMonthsReadTheirMonthRowsAndTheOtherDaysTheirDayRows() {
    assertThat(Reports.spans(d("2031-03-01"), d("2031-03-31")))
        .containsExactly(new Reports.Span("month", d("2031-03-01"), d("2031-03-01")));
    assertThat(Reports.spans(d("2031-03-01"), d("2031-03-15")))
        .containsExactly(new Reports.Span("day", d("2031-03-01"), d("2031-03-15")));
    assertThat(Reports.spans(d("2031-03-10"), d("2031-04-05")))
        .containsExactly(new Reports.Span("day", d("2031-03-10"), d("2031-04-05")));
    assertThat(Reports.spans(d("2030-12-30"), d("2031-03-02"))).containsExactly(
        new Reports.Span("day", d("2030-12-30"), d("2030-12-31")),
        new Reports.Span("month", d("2031-01-01"), d("2031-02-01")),
        new Reports.Span("day", d("2031-03-01"), d("2031-03-02")));
    assertThat(Reports.spans(d("2031-02-01"), d("2031-03-31")))
        .containsExactly(new Reports.Span("month", d("2031-02-01"), d("2031-03-01")));
  }

  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }
}
