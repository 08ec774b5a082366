package io.redress.summary;

import java.time.YearMonth;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Publish the summary": the PDF made and kept, and sent to managers and directors (see {@link MonthlySummaries}). */
@Component("publishMonthlySummaryDelegate")
class PublishMonthlySummaryDelegate implements JavaDelegate {

  private final MonthlySummaries summaries;

  PublishMonthlySummaryDelegate(MonthlySummaries summaries) {
    this.summaries = summaries;
  }

  @Override
  public void execute(DelegateExecution execution) {
    YearMonth month = YearMonth.parse((String) execution.getVariable(BuildMonthlySummaryDelegate.MONTH));
    Object by = execution.getVariable(SummaryWrittenListener.WRITTEN_BY);
    summaries.publish(month, (String) execution.getVariable(SummaryWrittenListener.FINDINGS),
        (String) execution.getVariable(SummaryWrittenListener.ACTIONS), by == null ? null : by.toString());
  }
}
