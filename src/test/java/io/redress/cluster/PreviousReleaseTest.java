package io.redress.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which revision of the history UpgradeIT may upgrade from. */
class PreviousReleaseTest {

  static final String M = "src/main/resources/db/migration/";

  @Test
  void aRevisionWithTheFirstOfTodaysScriptsIsAnEarlierRelease() {
    List<String> now = List.of(M + "V1__a.sql", M + "V2__b.sql", M + "V3__c.sql",
        "src/main/resources/db/vendor/h2/V4__d.sql");
    assertThat(PreviousRelease.isEarlier(List.of(M + "V1__a.sql", M + "V2__b.sql"), now)).isTrue();
    assertThat(PreviousRelease.isEarlier(List.of(M + "V1__a.sql", M + "V2__b.sql", M + "V3__c.sql"), now)).isTrue();
  }

  @Test
  void theSameScriptsAGapOrAnotherScriptUnderATodaysNumberAreNot() {
    List<String> now = List.of(M + "V1__a.sql", M + "V2__b.sql", M + "V3__c.sql");
    assertThat(PreviousRelease.isEarlier(now, now)).as("the same").isFalse();
    assertThat(PreviousRelease.isEarlier(List.of(M + "V1__a.sql", M + "V3__c.sql"), now)).as("a gap").isFalse();
    assertThat(PreviousRelease.isEarlier(List.of(M + "V1__a.sql", M + "V2__x.sql"), now)).as("V2 other")
        .isFalse();
    assertThat(PreviousRelease.isEarlier(List.of(), now)).as("none").isFalse();
  }
}
