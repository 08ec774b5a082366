package io.redress.workflow;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.HistoricDetailQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricDetailEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.springframework.stereotype.Component;

/**
 * History {@code full} without a copy of every variable's first value in {@code ACT_HI_DETAIL} (issue 20): a case
 * starts with about 32 variables, and with Camunda's {@code full} each was written three times, in
 * {@code ACT_RU_VARIABLE}, {@code ACT_HI_VARINST} and a "created" row of {@code ACT_HI_DETAIL}, although most are
 * never changed. Here a variable's creation writes no detail row; its value is in {@code ACT_HI_VARINST}. When the
 * variable is changed the first time, its earlier value is written as the "created" detail (with the variable's
 * creation time, read from {@code ACT_HI_VARINST} before the change overwrites it), and then the change as always,
 * so a changed variable's details are what {@code full} writes: its first value and every change, in order. Only
 * unchanged variables lose the detail, which repeated their one value.
 *
 * <p>Nor does a timer's creation write an {@code ACT_HI_JOB_LOG} row: a case arms seven timers at intake and more at
 * each step, and nearly all of them are deleted unfired. Each timer's end is logged as before (fired, failed or
 * deleted, with its job id, due date, step and node), and its creation time is the start of the step it belongs to
 * ({@code ACT_HI_ACTINST}); other jobs (asynchronous continuations, batches) keep their creation rows.
 *
 * <p>The level keeps {@code full}'s id 3 and name: Camunda checks the database's {@code historyLevel} property by id
 * at start-up ({@code HistoryLevelSetupCommand}), so databases written with {@code full} start as before, and
 * {@code camunda.bpm.history-level: full} picks this level because a custom level of the same name is found last
 * ({@code ProcessEngineConfigurationImpl.initHistoryLevel}). One difference remains: Camunda flags the "created" detail
 * of a variable set at the process start {@code initial}; written at the first change it is not flagged.
 */
@Component
class VariableHistory extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventHandler() != null || !configuration.isEnableDefaultDbHistoryEventHandler()) {
      // another handler writes the history: without the one below a changed variable's first value would be lost,
      // so Camunda's own level stays
      return;
    }
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(new FullWithoutUnchangedCopies());
    configuration.setCustomHistoryLevels(levels);
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(0, new FirstValueOnFirstChange());
    // Camunda's composite then calls these handlers only, ours in the place of its DbHistoryEventHandler
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /**
   * {@code full}, except that a variable's creation writes no {@code ACT_HI_DETAIL} row and a timer's creation no
   * {@code ACT_HI_JOB_LOG} row.
   */
  static final class FullWithoutUnchangedCopies extends HistoryLevelFull {

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (eventType == HistoryEventTypes.JOB_CREATE && entity instanceof TimerEntity) {
        // a timer's end (fired, failed or deleted) is logged with the same job, due date and step; its creation is
        // the start of the step it is attached to (ACT_HI_ACTINST), so the creation row repeated what is known
        return false;
      }
      if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
          && entity instanceof HistoricVariableUpdateEventEntity variable
          && variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)) {
        return false;
      }
      return super.isHistoryEventProduced(eventType, entity);
    }

  }

  /**
   * Camunda's database handler that, before a variable's change is written, writes the variable's earlier value as
   * its "created" detail when no detail of the variable exists yet (its creation wrote none).
   */
  static final class FirstValueOnFirstChange extends DbHistoryEventHandler {

    @Override
    protected void insertHistoricVariableUpdateEntity(HistoricVariableUpdateEventEntity change) {
      if (change.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE) && shouldWriteHistoricDetail(change)) {
        HistoricVariableInstanceEntity before = getDbEntityManager()
            .selectById(HistoricVariableInstanceEntity.class, change.getVariableInstanceId());
        if (before != null && !hasDetails(change.getVariableInstanceId())) {
          insertCreation(before, change);
        }
      }
      super.insertHistoricVariableUpdateEntity(change);
    }

    /** Whether the variable has a detail row, in the database or written earlier in this command. */
    private boolean hasDetails(String variableInstanceId) {
      // details are cached under their common class (DbEntityCacheKeyMapping); asking by a subclass finds none
      for (HistoricDetailEventEntity d : getDbEntityManager()
          .getCachedEntitiesByType(HistoricDetailEventEntity.class)) {
        if (d instanceof HistoricVariableUpdateEventEntity v && variableInstanceId.equals(v.getVariableInstanceId())) {
          return true;
        }
      }
      CommandContext context = Context.getCommandContext();
      // the engine's own bookkeeping: not limited by the user's history permissions
      HistoricDetailQueryImpl query = new HistoricDetailQueryImpl();
      query.variableInstanceId(variableInstanceId);
      long count = context.runWithoutAuthorization(() -> query.executeCount(context));
      return count > 0;
    }

    private void insertCreation(HistoricVariableInstanceEntity before, HistoricVariableUpdateEventEntity change) {
      HistoricVariableUpdateEventEntity created = new HistoricVariableUpdateEventEntity();
      created.setEventType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName());
      created.setVariableInstanceId(before.getId());
      created.setVariableName(before.getName());
      created.setScopeActivityInstanceId(change.getScopeActivityInstanceId());
      created.setActivityInstanceId(before.getActivityInstanceId());
      created.setExecutionId(before.getExecutionId());
      created.setTaskId(before.getTaskId());
      created.setProcessInstanceId(before.getProcessInstanceId());
      created.setRootProcessInstanceId(change.getRootProcessInstanceId());
      created.setProcessDefinitionId(before.getProcessDefinitionId());
      created.setProcessDefinitionKey(before.getProcessDefinitionKey());
      created.setProcessDefinitionName(change.getProcessDefinitionName());
      created.setProcessDefinitionVersion(change.getProcessDefinitionVersion());
      created.setCaseDefinitionId(before.getCaseDefinitionId());
      created.setCaseDefinitionKey(before.getCaseDefinitionKey());
      created.setCaseInstanceId(before.getCaseInstanceId());
      created.setCaseExecutionId(before.getCaseExecutionId());
      created.setTenantId(before.getTenantId());
      created.setRemovalTime(change.getRemovalTime());
      created.setUserOperationId(null);
      created.setTimestamp(before.getCreateTime());
      created.setRevision(0);
      // ordered before the change among details of the same time
      created.setSequenceCounter(Math.max(0, change.getSequenceCounter() - 1));
      created.setSerializerName(before.getSerializerName());
      created.setTextValue(before.getTextValue());
      created.setTextValue2(before.getTextValue2());
      created.setLongValue(before.getLongValue());
      created.setDoubleValue(before.getDoubleValue());
      byte[] bytes = before.getByteArrayId() == null ? null : before.getByteArrayValue();
      if (bytes != null) {
        ByteArrayEntity copy = new ByteArrayEntity(before.getName(), bytes, ResourceTypes.HISTORY);
        copy.setRootProcessInstanceId(change.getRootProcessInstanceId());
        copy.setRemovalTime(change.getRemovalTime());
        Context.getCommandContext().getByteArrayManager().insertByteArray(copy);
        created.setByteArrayId(copy.getId());
      }
      getDbEntityManager().insert(created);
    }
  }
}
