package io.redress.intake;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.PersonalData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The case list as a file, written row by row as the rows come from the database: CSV (UTF-8 with a byte-order
 * mark, so that spreadsheet programs read Chinese; RFC 4180 quoting) or XLSX (POI's streaming workbook keeps
 * {@link #XLSX_WINDOW} rows in memory, the rest in a temporary file it deletes when done).
 */
final class CaseListExport {

  static final int XLSX_WINDOW = 200;
  static final int MAX_SHEET_ROWS = 1_048_576;

  /** The columns, in order: the search's fields, plus tier and satisfaction. */
  static final List<String> COLUMNS = List.of("id", "status", "stage", "severity", "category", "channel",
      "customerId", "customerName", "customerPhone", "customerEmail", "customerTier", "assignee", "handler",
      "amountClaimed", "currency", "secondComplaint", "receivedAt", "dueAt", "overdue", "closedAt", "satisfaction");

  private final ZoneId zone;
  private final Instant now;
  private final boolean masked;

  CaseListExport(ZoneId zone, Instant now, boolean masked) {
    this.zone = zone;
    this.now = now;
    this.masked = masked;
  }

  /** The cells of one case, as text, numbers, booleans or instants (null: empty). */
  Object[] cells(CaseRecord r) {
    boolean overdue = r.isOpen() && r.dueAt() != null && r.dueAt().isBefore(now);
    String phone = masked ? PersonalData.maskPhone(r.customerPhone()) : r.customerPhone();
    String email = masked ? PersonalData.maskEmail(r.customerEmail()) : r.customerEmail();
    return new Object[] {r.number(), r.status(), r.stage(), r.severity(), r.category(), r.channel(),
        r.customerId(), r.customerName(), phone, email, r.customerTier(), r.assignee(), r.handler(),
        r.amountClaimed(), r.currency(), r.secondComplaint(), r.receivedAt(), r.dueAt(), overdue, r.closedAt(),
        r.satisfaction()};
  }

  /** Writes CSV while {@code rows} feeds it cases; returns how many. */
  long csv(OutputStream out, Consumer<Consumer<CaseRecord>> rows) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
    w.write('\uFEFF');
    w.write(String.join(",", COLUMNS));
    w.write("\r\n");
    long[] count = {0};
    DateTimeFormatter time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    try {
      rows.accept(r -> {
        try {
          Object[] cells = cells(r);
          for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
              w.write(',');
            }
            Object c = cells[i];
            String text = c == null ? "" : c instanceof Instant t ? time.format(t)
                : c instanceof BigDecimal b ? b.toPlainString() : c.toString();
            w.write(csvCell(text));
          }
          w.write("\r\n");
          count[0]++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    w.flush();
    return count[0];
  }

  /**
   * One CSV field: text a spreadsheet would take for a formula (starting with {@code = + - @}, a tab or a carriage
   * return) gets a leading apostrophe, and a field with a comma, quote or line break is quoted.
   */
  static String csvCell(String text) {
    String t = text;
    if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) {
      t = "'" + t;
    }
    if (t.indexOf(',') >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
      t = '"' + t.replace("\"", "\"\"") + '"';
    }
    return t;
  }

  /** Writes XLSX while {@code rows} feeds it cases; returns how many. Times are cells in the centre's zone. */
  long xlsx(OutputStream out, Consumer<Consumer<CaseRecord>> rows) throws IOException {
    SXSSFWorkbook book = new SXSSFWorkbook(XLSX_WINDOW);
    try {
      book.setCompressTempFiles(true);
      CellStyle dateTime = book.createCellStyle();
      dateTime.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
      SXSSFSheet[] sheet = {null};
      int[] next = {MAX_SHEET_ROWS};
      long[] count = {0};
      rows.accept(r -> {
        if (next[0] == MAX_SHEET_ROWS) {
          // a sheet holds 1,048,576 rows: the next ones go on a next sheet, with its own header
          sheet[0] = book.createSheet("complaints" + (book.getNumberOfSheets() == 0 ? "" : " "
              + (book.getNumberOfSheets() + 1)));
          Row header = sheet[0].createRow(0);
          for (int i = 0; i < COLUMNS.size(); i++) {
            header.createCell(i).setCellValue(COLUMNS.get(i));
          }
          next[0] = 1;
        }
        Object[] cells = cells(r);
        count[0]++;
        Row row = sheet[0].createRow(next[0]++);
        for (int i = 0; i < cells.length; i++) {
          Object c = cells[i];
          if (c == null) {
            continue;
          }
          Cell cell = row.createCell(i);
          if (c instanceof Instant t) {
            cell.setCellValue(t.atZone(zone).toLocalDateTime());
            cell.setCellStyle(dateTime);
          } else if (c instanceof BigDecimal b) {
            cell.setCellValue(b.doubleValue());
          } else if (c instanceof Boolean b) {
            cell.setCellValue(b);
          } else {
            // a string cell is never read as a formula, whatever it starts with
            cell.setCellValue(c.toString());
          }
        }
      });
      if (sheet[0] == null) {
        Row header = book.createSheet("complaints").createRow(0);
        for (int i = 0; i < COLUMNS.size(); i++) {
          header.createCell(i).setCellValue(COLUMNS.get(i));
        }
      }
      book.write(out);
      out.flush();
      return count[0];
    } finally {
      book.close(); // also deletes the temporary files
    }
  }
}
