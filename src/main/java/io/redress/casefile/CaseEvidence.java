package io.redress.casefile;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the customer sent as evidence of a case (an e-mail's attachments), numbered per case from 1, kept in the
 * database. Content is only ever handed out as a download, never shown or run. A refused attachment keeps its
 * name, type and size so that staff know it was sent, but no content.
 */
@Repository
public class CaseEvidence {

  /** Why an attachment was not kept. */
  public static final String TOO_LARGE = "too-large";
  public static final String TYPE_NOT_ALLOWED = "type";
  public static final String TOO_MANY = "too-many";

  private final JdbcTemplate jdbc;
  private final DateTimeFormatter format;

  CaseEvidence(JdbcTemplate jdbc, @Value("${redress.calendar.zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of(zone));
  }

  /** One piece of evidence, without its content; {@code refused} is null when it was kept. */
  public record Item(int n, String fileName, String contentType, long size, String refused, Instant receivedAt) {

    public boolean kept() {
      return refused == null;
    }
  }

  /** Keeps a piece of evidence (content null and {@code refused} set when it was refused); returns its number. */
  public int add(String number, String fileName, String contentType, long size, byte[] content, String refused,
      String source, Instant at) {
    Integer last = jdbc.queryForObject("SELECT MAX(n) FROM case_evidence WHERE complaint_number = ?", Integer.class,
        number);
    int n = last == null ? 1 : last + 1;
    jdbc.update("""
        INSERT INTO case_evidence (complaint_number, n, file_name, content_type, size_bytes, content, refused, source,
          received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", number, n, fileName, contentType, size,
        refused == null ? content : null, refused, source, Timestamp.from(at));
    return n;
  }

  public List<Item> of(String number) {
    return jdbc.query("SELECT n, file_name, content_type, size_bytes, refused, received_at FROM case_evidence "
            + "WHERE complaint_number = ? ORDER BY n",
        (rs, i) -> new Item(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
            rs.getTimestamp(6).toInstant()), number);
  }

  public Optional<Item> find(String number, int n) {
    return of(number).stream().filter(i -> i.n() == n).findFirst();
  }

  /** The content of a kept piece of evidence. */
  public Optional<byte[]> content(String number, int n) {
    return jdbc.query("SELECT content FROM case_evidence WHERE complaint_number = ? AND n = ? AND refused IS NULL",
        (rs, i) -> rs.getBytes(1), number, n).stream().findFirst();
  }

  /**
   * The case's evidence as plain text for the task forms, one line each: {@code 1  2026-11-30 10:05  photo.jpg
   * image/jpeg  120 KB}, a refused one with {@code refusedWord} and its reason; empty when there is none.
   */
  public String sheet(String number, String refusedWord) {
    return of(number).stream().map(i -> i.n() + "  " + format.format(i.receivedAt()) + "  " + i.fileName() + "  "
            + i.contentType() + "  " + size(i.size()) + (i.kept() ? "" : "  " + refusedWord + " (" + i.refused() + ")"))
        .collect(Collectors.joining("\n"));
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return (bytes + 1023) / 1024 + " KB";
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /** A customer's erasure: the evidence of every case of theirs goes, names and content alike. */
  public int eraseOfCustomer(String customerId) {
    return jdbc.update("DELETE FROM case_evidence WHERE complaint_number IN "
        + "(SELECT complaint_number FROM complaint WHERE customer_id = ?)", customerId);
  }
}
