package io.redress.casefile;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The customer's feedback on a case: the five-level satisfaction and the survey (attitude, speed and
 * effectiveness, each 1 to 5, and a comment), once per time the customer was reached at the feedback stage.
 */
@Repository
public class CaseFeedback {

  /** The lowest and highest score of a survey dimension. */
  public static final int MIN_SCORE = 1;
  public static final int MAX_SCORE = 5;
  /** The longest comment kept. */
  public static final int COMMENT_MAX = 4000;

  private final JdbcTemplate jdbc;

  CaseFeedback(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One answer of the customer, as the case view shows it. */
  @Schema(name = "Feedback", description = """
      The customer's feedback when reached at the feedback stage: the satisfaction and the survey. A score \
      is absent when the customer did not answer that question.""")
  public record Entry(
      @Schema(description = "When it was recorded.", example = "2026-12-02T06:40:00Z") Instant at,
      @Schema(description = "Who recorded it.", example = "fiona") String recordedBy,
      @Schema(description = "The customer's satisfaction with the outcome.", example = "satisfied",
          allowableValues = {"very_satisfied", "satisfied", "basically_satisfied", "dissatisfied",
              "very_dissatisfied"}) String satisfaction,
      @Schema(description = "Our staff's attitude, 1 (poor) to 5 (excellent).", example = "5",
          minimum = "1", maximum = "5") Integer attitude,
      @Schema(description = "The speed of the handling, 1 to 5.", example = "4", minimum = "1", maximum = "5")
      Integer speed,
      @Schema(description = "The effectiveness of the resolution, 1 to 5.", example = "4", minimum = "1",
          maximum = "5") Integer effectiveness,
      @Schema(description = "The customer's comment, as recorded.", example = "退款很快，客服态度也好。")
      String comment) {
  }

  public void record(String number, Entry entry) {
    jdbc.update("""
        INSERT INTO complaint_feedback (complaint_number, recorded_at, recorded_by, satisfaction, attitude, speed,
          effectiveness, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
      ps.setString(1, number);
      ps.setTimestamp(2, Timestamp.from(entry.at()));
      ps.setString(3, entry.recordedBy());
      ps.setString(4, entry.satisfaction());
      score(ps, 5, entry.attitude());
      score(ps, 6, entry.speed());
      score(ps, 7, entry.effectiveness());
      ps.setString(8, entry.comment());
    });
  }

  /** Every feedback of the case, oldest first. */
  public List<Entry> of(String number) {
    return jdbc.query("""
            SELECT recorded_at, recorded_by, satisfaction, attitude, speed, effectiveness, comment
            FROM complaint_feedback WHERE complaint_number = ? ORDER BY recorded_at, id""",
        (rs, i) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
            rs.getObject(4, Integer.class), rs.getObject(5, Integer.class),
            rs.getObject(6, Integer.class), rs.getString(7)),
        number);
  }

  private static void score(java.sql.PreparedStatement ps, int index, Integer score) throws java.sql.SQLException {
    if (score == null) {
      ps.setNull(index, Types.SMALLINT);
    } else {
      ps.setShort(index, score.shortValue());
    }
  }
}
