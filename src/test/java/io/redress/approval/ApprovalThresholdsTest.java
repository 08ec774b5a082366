package io.redress.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redress.DecisionEngine;
import io.redress.identity.Groups;
import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approval authority the server holds comes from the table {@code approval-authority} deployed with the case's
 * process, and only from it: the shipped thresholds (1,000 and 10,000), a table an analyst changed (managers above
 * 500, directors above 5,000) for that deployment's cases, and no written-down fallback when the table is missing.
 * A real in-memory engine ({@link DecisionEngine}); no Spring.
 */
class ApprovalThresholdsTest {

  private static final String TABLE = "approval-authority.dmn";

  private DecisionEngine engine;

  @BeforeEach
  void engine() {
    engine = new DecisionEngine("ApprovalThresholdsTest", execution -> execution.setVariable("authority",
        ApprovalAuthority.decide(execution, new BigDecimal(execution.getVariable("amount").toString()),
            (Boolean) execution.getVariable("major"))));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theShippedTableDecides() throws Exception {
    deploy(shippedTable());

    assertThat(authority("1000", false)).isEqualTo(Groups.SUPERVISORS);
    assertThat(authority("1000.01", false)).isEqualTo(Groups.MANAGERS);
    assertThat(authority("10000", false)).isEqualTo(Groups.MANAGERS);
    assertThat(authority("10000.01", false)).isEqualTo(Groups.DIRECTORS);
    assertThat(authority("10", true)).isEqualTo(Groups.DIRECTORS);
  }

  @Test
  void aChangedTableChangesTheAuthorityForItsCases() throws Exception {
    deploy(shippedTable());
    String before = authority("800", false);

    deploy(shippedTable().replace("&gt; 10000", "&gt; 5000").replace("&gt; 1000<", "&gt; 500<"));

    assertThat(before).isEqualTo(Groups.SUPERVISORS);
    assertThat(authority("800", false)).isEqualTo(Groups.MANAGERS);
    assertThat(authority("6000", false)).isEqualTo(Groups.DIRECTORS);
    assertThat(authority("400", false)).isEqualTo(Groups.SUPERVISORS);
  }

  @Test
  void withoutTheTableNothingIsDecided() {
    engine.deploy(TABLE, null);

    assertThatThrownBy(() -> authority("100", false)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("approval-authority");
  }

  private void deploy(String table) {
    engine.deploy(TABLE, table);
  }

  private String authority(String amount, boolean major) {
    return (String) engine.run(Map.of("amount", amount, "major", major), "authority");
  }

  private static String shippedTable() {
    return DecisionEngine.shipped(TABLE);
  }
}
