package io.redress.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.redress.DecisionEngine;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The severity a classified case keeps comes from the table {@code severity-raise} deployed with the case's process:
 * the shipped table raises a second complaint from general to important, a table an analyst changed decides for that
 * deployment's cases, and a deployment made before the table existed gets the shipped table.
 */
class SeverityRaiseTest {

  private static final String TABLE = "severity-raise.dmn";

  private DecisionEngine engine;

  @BeforeEach
  void engine() {
    engine = new DecisionEngine("SeverityRaiseTest", execution -> execution.setVariable("kept",
        ClassificationRecorded.severity(execution, (String) execution.getVariable("severity"))));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theShippedTableRaisesASecondGeneralComplaintToImportant() {
    engine.deploy(TABLE, DecisionEngine.shipped(TABLE));

    assertThat(kept("general", true)).isEqualTo("important");
    assertThat(kept("general", false)).isEqualTo("general");
    assertThat(kept("urgent", true)).isEqualTo("urgent");
    assertThat(kept("important", false)).isEqualTo("important");
  }

  @Test
  void aChangedTableChangesTheSeverityForItsCases() {
    engine.deploy(TABLE, DecisionEngine.shipped(TABLE));
    Object before = kept("general", true);

    // the analyst makes a second complaint urgent, whatever the rep confirmed
    engine.deploy(TABLE, DecisionEngine.shipped(TABLE)
        .replace("<text>\"general\"</text>\n        </inputEntry>", "<text>-</text>\n        </inputEntry>")
        .replace("<text>\"important\"</text>\n        </outputEntry>", "<text>\"urgent\"</text>\n        </outputEntry>"));

    assertThat(before).isEqualTo("important");
    assertThat(kept("general", true)).isEqualTo("urgent");
    assertThat(kept("important", true)).isEqualTo("urgent");
    assertThat(kept("general", false)).isEqualTo("general");
  }

  @Test
  void aDeploymentWithoutTheTableGetsTheShippedOne() {
    engine.deploy(TABLE, null);

    assertThat(kept("general", true)).isEqualTo("important");
    assertThat(kept("general", false)).isEqualTo("general");
  }

  private Object kept(String severity, boolean second) {
    return engine.run(Map.of("severity", severity, "secondComplaint", second), "kept");
  }
}
