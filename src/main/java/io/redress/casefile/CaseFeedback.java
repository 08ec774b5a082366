package io.redress.casefile;

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

  /** One answer of the customer (the API shows it as {@code Feedback}). */
  public record Entry(Instant at, String recordedBy, String satisfaction, Integer attitude, Integer speed,
      Integer effectiveness, String comment) {
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

  /** Erases the customer's comments on their cases; the scores stay. */
  public void eraseCommentsOfCustomer(String customerId) {
    jdbc.update("""
        UPDATE complaint_feedback SET comment = ?
        WHERE comment IS NOT NULL
          AND complaint_number IN (SELECT complaint_number FROM complaint WHERE customer_id = ?)""",
        PersonalData.ERASED, customerId);
  }
}
