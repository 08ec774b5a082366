package io.redress.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.casefile.CaseRecord;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The export's writer streams: the first bytes leave while the database is still being read, and what it keeps in
 * memory does not grow with the number of rows. It prints the heap it used for each size.
 */
class CaseListExportTest {

  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

  private static CaseRecord record(int i) {
    return new CaseRecord("CMP-2026-" + String.format("%06d", i), null, io.redress.casefile.CaseStatus.OPEN, "classifyComplaint", "phone",
        "=Customer " + i, "138000" + String.format("%05d", i), "c" + i + "@example.org", "standard", null, "text",
        "refund", new BigDecimal("12.50"), "CNY", false, false, null, "general", "hotel", null, null, "hank", false,
        null, NOW.minusSeconds(i), "fiona", null, "id-" + i, null, null, null, NOW.plusSeconds(60), null, null,
        false);
  }

  /** Counts what reaches it and remembers how many rows had been fed when the first bytes came. */
  private static final class Probe extends OutputStream {
    long bytes;
    long rowsAtFirstByte = -1;
    final long[] fed;

    Probe(long[] fed) {
      this.fed = fed;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (rowsAtFirstByte < 0) {
        rowsAtFirstByte = fed[0];
      }
      bytes += len;
    }
  }

  private static Consumer<Consumer<CaseRecord>> rows(int n, long[] fed) {
    return each -> {
      for (int i = 0; i < n; i++) {
        fed[0]++;
        each.accept(record(i));
      }
    };
  }

  @Test
  void csvBytesLeaveBeforeTheLastRowIsReadAndCellsAreMaskedAndFormulaSafe() throws Exception {
    int n = 20_000;
    long[] fed = {0};
    Probe out = new Probe(fed);
    long written = new CaseListExport(ZoneId.of("Asia/Shanghai"), NOW, true).csv(out, rows(n, fed));
    assertThat(written).isEqualTo(n);
    assertThat(out.rowsAtFirstByte).as("rows read when the first bytes left").isBetween(0L, 1_000L);
    assertThat(out.bytes).isGreaterThan(n * 100L);

    ByteArrayOutputStream small = new ByteArrayOutputStream();
    new CaseListExport(ZoneId.of("Asia/Shanghai"), NOW, true).csv(small, rows(1, new long[1]));
    String line = new String(small.toByteArray(), StandardCharsets.UTF_8).split("\r\n")[1];
    assertThat(line).startsWith("CMP-2026-000000,open,classifyComplaint,general,hotel,phone,id-0,'=Customer 0,"
        + "138****0000,c***@example.org,standard,,hank,12.50,CNY,false,2026-11-30T16:00:00+08:00,");
  }

  /**
   * Prints the live heap (after a collection every 10,000 rows) the writer grows by for a small and a larger list:
   * the same for both when it streams. No assertion on it: the JVM decides what a collection frees.
   */
  @Test
  void printsTheHeapUsedForSmallAndLargerLists() throws Exception {
    Runtime runtime = Runtime.getRuntime();
    for (String format : new String[] {"csv", "xlsx"}) {
      for (int n : new int[] {10_000, 100_000}) {
        long[] fed = {0};
        long[] peak = {0};
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        Consumer<Consumer<CaseRecord>> measured = each -> rows(n, fed).accept(r -> {
          each.accept(r);
          if (fed[0] % 10_000 == 0) {
            // the live heap: what the export holds on to, without its garbage
            System.gc();
            peak[0] = Math.max(peak[0], runtime.totalMemory() - runtime.freeMemory() - before);
          }
        });
        Probe out = new Probe(fed);
        CaseListExport export = new CaseListExport(ZoneId.of("UTC"), NOW, true);
        long rows = "csv".equals(format) ? export.csv(out, measured) : export.xlsx(out, measured);
        assertThat(rows).isEqualTo(n);
        assertThat(out.bytes).isPositive();
        System.out.printf("[bench] export %s %,d rows: %,d bytes, live heap grew by at most %,d KiB%n", format, n,
            out.bytes, Math.max(0, peak[0]) / 1024);
      }
    }
  }
}
