package io.redress.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facts of a timeline entry as the {@code detail} column keeps them, and the words that are not facts. */
class TimelineFactsTest {

  @Test
  void factsComeBackAsTheyWereKept() {
    TimelineFacts facts = TimelineFacts.say("task-created.groups").with("groups", "frontline, team-leads")
        .with("dueAt", Instant.parse("2026-11-24T07:00:00Z")).with("none", null).when(false, "raised")
        .when(true, "major").with("quote", "\"say\": {x}");
    String kept = facts.encode();
    assertThat(kept).startsWith("{\"say\":\"task-created.groups\",");
    assertThat(TimelineFacts.decode(kept)).hasValue(facts);
    assertThat(facts.facts()).containsExactly(Map.entry("groups", "frontline, team-leads"),
        Map.entry("dueAt", "2026-11-24T07:00:00Z"), Map.entry("major", "true"), Map.entry("quote", "\"say\": {x}"));
  }

  @Test
  void wordsThatAreNotFactsStayWords() {
    assertThat(TimelineFacts.decode("Reminder sent to the handler (severity urgent)")).isEmpty();
    assertThat(TimelineFacts.decode("{\"say\": broken")).isEmpty();
    assertThat(TimelineFacts.decode("{\"say\":\"x\",\"nested\":{\"a\":1}}")).isEmpty();
    assertThat(TimelineFacts.decode(null)).isEmpty();
  }

  @Test
  void aLongValueIsCutAndAnInstantIsNamedAsOne() {
    assertThat(TimelineFacts.say("withdrawn").with("reason", "x".repeat(5000)).facts().get("reason"))
        .hasSize(TimelineFacts.VALUE_MAX);
    assertThatThrownBy(() -> TimelineFacts.say("x").with("due", Instant.now()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
