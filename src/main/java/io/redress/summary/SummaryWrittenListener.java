package io.redress.summary;

import io.redress.workflow.ModelTexts;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The end of the managers' task: the findings and the improvement actions must be written (1 to 8000 characters
 * each), else the completion is refused with {@code 400} naming the fields; remembers who wrote them.
 */
@Component("monthlySummaryWrittenListener")
class SummaryWrittenListener implements ExecutionListener {

  static final String FINDINGS = "summaryFindings";
  static final String ACTIONS = "summaryActions";
  static final String WRITTEN_BY = "summaryWrittenBy";

  private final ModelTexts texts;

  SummaryWrittenListener(ModelTexts texts) {
    this.texts = texts;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    List<String> errors = new ArrayList<>();
    for (String field : List.of(FINDINGS, ACTIONS)) {
      Object value = execution.getVariable(field);
      String label = texts.text(FINDINGS.equals(field) ? "summary.findings" : "summary.actions", field);
      if (value == null || value.toString().isBlank()) {
        errors.add(texts.text("rule.required", "{field} is required").replace("{field}", label));
      } else if (value.toString().length() > MonthlySummaries.LONG_TEXT) {
        errors.add(texts.text("rule.max-length", "{field} must be at most {0} characters").replace("{field}", label)
            .replace("{0}", String.valueOf(MonthlySummaries.LONG_TEXT)));
      }
    }
    if (!errors.isEmpty()) {
      throw new FormFieldValidationException(String.join("; ", errors),
          texts.text("rule.prefix", "Please correct the form:") + " " + String.join("; ", errors));
    }
    Authentication who = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    execution.setVariable(WRITTEN_BY, who == null ? null : who.getUserId());
  }
}
