package io.redress.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} counted events per source address in a window that opens with the first of them: then the
 * source waits until the window ends. Counts live in this node's memory (at most 100,000 sources).
 */
final class SourceLimit {

  private record Window(int count, long startedNanos) {
  }

  private final int max;
  private final long windowNanos;
  private final Cache<String, Window> windows;

  SourceLimit(int max, Duration window) {
    this.max = max;
    this.windowNanos = window.toNanos();
    this.windows = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window.toNanos(), TimeUnit.NANOSECONDS)
        .build();
  }

  /** Seconds the source still has to wait, 0 when it may go on. */
  long waitSeconds(String source) {
    Window w = windows.getIfPresent(source);
    if (w == null || w.count() < max) {
      return 0;
    }
    long left = w.startedNanos() + windowNanos - System.nanoTime();
    return left <= 0 ? 0 : Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
  }

  void count(String source) {
    long now = System.nanoTime();
    windows.asMap().compute(source, (k, w) -> w == null || now - w.startedNanos() >= windowNanos
        ? new Window(1, now) : new Window(w.count() + 1, w.startedNanos()));
  }
}
