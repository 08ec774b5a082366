package io.redress.lifecycle;

import io.redress.casefile.CaseRecord;
import io.redress.casefile.CaseRecords;
import io.redress.casefile.Timeline;
import io.redress.workflow.TemplateInputs;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Element template "Record timeline event" ({@code processes/element-templates/record-timeline-event.json}): writes
 * an entry on the timeline of the process's complaint, by {@code system}. Inputs of the service task:
 * <ul>
 *   <li>{@code eventType}: lower-case words joined by hyphens, e.g. {@code reminder-sent} (at most 32 characters);
 *   <li>{@code detail}: what happened, at most 2,000 characters; the timeline never holds personal data, so no
 *       names, phone numbers or e-mail addresses here;
 *   <li>{@code stage} (optional): the stage the entry belongs to; by default the case's current stage.
 * </ul>
 * A missing or invalid input refuses the task with a {@link org.camunda.bpm.engine.ProcessEngineException} naming
 * the element and the input; nothing is recorded.
 */
@Component("recordTimelineEventDelegate")
public class RecordTimelineEventDelegate implements JavaDelegate {

  public static final String EVENT_TYPE = "eventType";
  public static final String DETAIL = "detail";
  public static final String STAGE = "stage";
  /** The input parameters this delegate reads, and the only ones its template may bind. */
  public static final List<String> INPUTS = List.of(EVENT_TYPE, DETAIL, STAGE);

  public static final String EVENT_TYPE_PATTERN = "[a-z]+(-[a-z]+)*";
  public static final int EVENT_TYPE_MAX = 32;
  public static final int DETAIL_MAX = 2000;
  public static final String STAGE_PATTERN = "[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*";
  public static final int STAGE_MAX = 64;
  public static final String ACTOR = "system";

  private static final Pattern EVENT_TYPE_REGEX = Pattern.compile(EVENT_TYPE_PATTERN);
  private static final Pattern STAGE_REGEX = Pattern.compile(STAGE_PATTERN);

  private final CaseRecords records;
  private final Timeline timeline;

  RecordTimelineEventDelegate(CaseRecords records, Timeline timeline) {
    this.records = records;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TemplateInputs inputs = new TemplateInputs(execution, INPUTS);
    String type = inputs.required(EVENT_TYPE, EVENT_TYPE_MAX, EVENT_TYPE_REGEX,
        "lower-case words joined by hyphens, e.g. reminder-sent");
    String detail = inputs.required(DETAIL, DETAIL_MAX, null, null);
    String stage = inputs.optional(STAGE, STAGE_MAX, STAGE_REGEX, "a stage name of letters, digits and hyphens");
    inputs.check();
    CaseRecord complaint = inputs.complaint(records);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    timeline.record(complaint.number(), now, type, stage != null ? stage : complaint.stage(), ACTOR, detail);
  }
}
