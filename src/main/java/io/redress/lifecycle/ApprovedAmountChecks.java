package io.redress.lifecycle;

import io.redress.casefile.CaseRecords;
import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code ${approvedAmountChecks}} on the execution's user task: shows the amount frozen at approval and refuses a
 * changed one.
 */
@Component("approvedAmountChecks")
class ApprovedAmountChecks extends FrozenAmount {

  private final CaseRecords records;

  ApprovedAmountChecks(CaseRecords records) {
    this.records = records;
  }

  @Override
  Optional<BigDecimal> recorded(String number) {
    return records.approvedAmount(number);
  }

  @Override
  String what() {
    return "the amount approved";
  }
}
