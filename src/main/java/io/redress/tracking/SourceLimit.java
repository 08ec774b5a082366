package io.redress.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At most {@code max} counted events per source address in a window that opens with the first of them: then the
 * source waits until the window ends. The counts are rows of table {@code source_limit}, so every node of a cluster
 * counts alike; the address is kept only as a keyed hash, and only until its window has ended.
 */
final class SourceLimit {

  private final String name;
  private final int max;
  private final Duration window;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final UnaryOperator<String> keyOf;
  private final AtomicLong nextPurge = new AtomicLong();

  SourceLimit(String name, int max, Duration window, JdbcTemplate jdbc, Clock clock, UnaryOperator<String> keyOf) {
    this.name = name;
    this.max = max;
    this.window = window;
    this.jdbc = jdbc;
    this.clock = clock;
    this.keyOf = keyOf;
  }

  /** Seconds the source still has to wait, 0 when it may go on. */
  long waitSeconds(String source) {
    Instant now = clock.instant();
    List<Instant> started = jdbc.query("SELECT window_start FROM source_limit WHERE limit_name = ? "
        + "AND source_key = ? AND hits >= ?", (rs, i) -> rs.getTimestamp(1).toInstant(), name, keyOf.apply(source),
        max);
    if (started.isEmpty()) {
      return 0;
    }
    long left = Duration.between(now, started.get(0).plus(window)).toMillis();
    return left <= 0 ? 0 : Math.max(1, (left + 999) / 1000);
  }

  void count(String source) {
    Instant now = clock.instant();
    String key = keyOf.apply(source);
    if (!countInWindow(key, now)) {
      try {
        jdbc.update("INSERT INTO source_limit (limit_name, source_key, window_start, hits) VALUES (?, ?, ?, 1)",
            name, key, Timestamp.from(now));
      } catch (DuplicateKeyException anotherNodeFirst) {
        countInWindow(key, now);
      }
    }
    purge(now);
  }

  /** Counts the event in the source's window, or opens a new one when it has ended; false when it has no row. */
  private boolean countInWindow(String key, Instant now) {
    Timestamp ended = Timestamp.from(now.minus(window));
    return jdbc.update("UPDATE source_limit SET hits = CASE WHEN window_start <= ? THEN 1 ELSE hits + 1 END, "
        + "window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END "
        + "WHERE limit_name = ? AND source_key = ?", ended, ended, Timestamp.from(now), name, key) > 0;
  }

  /** Removes the rows of ended windows, at most once a minute per node. */
  private void purge(Instant now) {
    long next = nextPurge.get();
    if (now.toEpochMilli() >= next && nextPurge.compareAndSet(next, now.toEpochMilli() + 60_000)) {
      jdbc.update("DELETE FROM source_limit WHERE limit_name = ? AND window_start <= ?", name,
          Timestamp.from(now.minus(window)));
    }
  }
}
