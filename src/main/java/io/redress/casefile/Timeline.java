package io.redress.casefile;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The timeline of a case: every event, who and when. Never holds personal data. */
@Repository
public class Timeline {

  private static final int DETAIL_MAX = 2000;

  private final JdbcTemplate jdbc;

  Timeline(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String number, Instant at, String type, String stage, String actor, String detail) {
    String d = detail != null && detail.length() > DETAIL_MAX ? detail.substring(0, DETAIL_MAX) : detail;
    jdbc.update("INSERT INTO complaint_event (complaint_number, occurred_at, event_type, stage, actor, detail) "
        + "VALUES (?, ?, ?, ?, ?, ?)", number, Timestamp.from(at), type, stage, actor, d);
  }

  public List<TimelineEvent> of(String number) {
    return jdbc.query("SELECT occurred_at, event_type, stage, actor, detail FROM complaint_event "
            + "WHERE complaint_number = ? ORDER BY occurred_at, id",
        (rs, i) -> new TimelineEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5)),
        number);
  }
}
