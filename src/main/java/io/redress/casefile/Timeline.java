package io.redress.casefile;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The timeline of a case: every event, who and when. Never holds personal data. What the system records itself is kept
 * as facts ({@link TimelineFacts}) and read back in words of the working language ({@link TimelineWording}); words
 * given as they are (a model's "Record timeline event") are kept and read as they are.
 */
@Repository
public class Timeline {

  private static final int DETAIL_MAX = 2000;

  private final JdbcTemplate jdbc;
  private final TimelineWording wording;
  private final CaseFacts facts;

  Timeline(JdbcTemplate jdbc, TimelineWording wording, CaseFacts facts) {
    this.jdbc = jdbc;
    this.wording = wording;
    this.facts = facts;
  }

  /** An entry in the words given (cut to 2,000 characters). */
  public void record(String number, Instant at, String type, String stage, String actor, String detail) {
    String d = detail != null && detail.length() > DETAIL_MAX ? detail.substring(0, DETAIL_MAX) : detail;
    jdbc.update("INSERT INTO complaint_event (complaint_number, occurred_at, event_type, stage, actor, detail) "
        + "VALUES (?, ?, ?, ?, ?, ?)", number, Timestamp.from(at), type, stage, actor, d);
    // the facts the reports count follow the events that change them
    if (TimelineEvent.CLOSED.equals(type) || TimelineEvent.WITHDRAWN.equals(type)) {
      facts.ended(number);
    } else if (TimelineEvent.REOPENED.equals(type)) {
      facts.reopened(number);
    }
  }

  /** An entry kept as facts, worded in the working language whenever it is read. */
  public void record(String number, Instant at, String type, String stage, String actor, TimelineFacts facts) {
    if (TimelineEvent.DEADLINE_ESCALATED.equals(type)) {
      this.facts.escalated(number, facts.facts().get("group"));
    }
    String kept = facts.encode();
    if (kept.length() > DETAIL_MAX) {
      String words = wording.words(facts);
      kept = words != null ? words : facts.say();
    }
    record(number, at, type, stage, actor, kept);
  }

  /** The case's entries, oldest first, their facts in words of the working language. */
  public List<TimelineEvent> of(String number) {
    return jdbc.query("SELECT occurred_at, event_type, stage, actor, detail FROM complaint_event "
            + "WHERE complaint_number = ? ORDER BY occurred_at, id",
        (rs, i) -> new TimelineEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
            rs.getString(4), words(rs.getString(5))),
        number);
  }

  private String words(String detail) {
    return TimelineFacts.decode(detail).map(wording::words).orElse(detail);
  }
}
