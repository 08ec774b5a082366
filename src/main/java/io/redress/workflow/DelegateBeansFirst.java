package io.redress.workflow;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotWritableException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The model's delegates and listeners ({@code camunda:delegateExpression="${stageTracking}"}) are found among the
 * application's beans before the engine looks for a process variable of that name.
 *
 * <p>Camunda resolves a name in an expression as a variable first: it asks the task and each execution up to the
 * process instance whether they hold a variable of that name, and that question loads all of their variables. So
 * every command whose model runs a delegate expression read the case's variables, also where nothing needed them (a
 * claim: the {@code assignment} listener). Here a name that is a singleton bean implementing a delegate interface
 * (Java delegate, task or execution listener) is that bean, at once. Such names are no variables in Redress, and a
 * variable can no longer stand in for a delegate; every other name (a variable in a condition, {@code execution},
 * {@code task}, a bean that is no delegate) is resolved as before.
 */
@Component
class DelegateBeansFirst extends AbstractProcessEnginePlugin {

  private final ApplicationContext context;

  DelegateBeansFirst(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new Manager(context, configuration.getBeans()));
  }

  static final class Manager extends SpringExpressionManager {

    Manager(ApplicationContext context, Map<Object, Object> beans) {
      super(context, beans);
    }

    @Override
    protected ELResolver createElResolver() {
      CompositeELResolver resolver = new CompositeELResolver();
      resolver.add(new Delegates(applicationContext));
      resolver.add(super.createElResolver());
      return resolver;
    }
  }

  /** Resolves the names of the application's delegate beans; read only, and nothing else. */
  static final class Delegates extends ELResolver {

    private final ApplicationContext context;
    private volatile Map<String, Object> delegates;

    Delegates(ApplicationContext context) {
      this.context = context;
    }

    private Object delegate(Object base, Object property) {
      if (base != null || !(property instanceof String name)) {
        return null;
      }
      Map<String, Object> known = delegates;
      if (known == null) {
        // the first expression the engine evaluates: the application context is refreshed by then
        known = new HashMap<>();
        for (Class<?> type : new Class<?>[] {JavaDelegate.class, TaskListener.class, ExecutionListener.class}) {
          for (String bean : context.getBeanNamesForType(type)) {
            if (context.isSingleton(bean)) { // a bean made anew for each use is left to the engine's resolvers
              known.put(bean, context.getBean(bean));
            }
          }
        }
        delegates = known;
      }
      return known.get(name);
    }

    @Override
    public Object getValue(ELContext elContext, Object base, Object property) {
      Object bean = delegate(base, property);
      if (bean != null) {
        elContext.setPropertyResolved(true);
      }
      return bean;
    }

    @Override
    public Class<?> getType(ELContext elContext, Object base, Object property) {
      Object bean = delegate(base, property);
      if (bean != null) {
        elContext.setPropertyResolved(true);
        return bean.getClass();
      }
      return null;
    }

    @Override
    public boolean isReadOnly(ELContext elContext, Object base, Object property) {
      if (delegate(base, property) != null) {
        elContext.setPropertyResolved(true);
        return true;
      }
      return false;
    }

    @Override
    public void setValue(ELContext elContext, Object base, Object property, Object value) {
      if (delegate(base, property) != null) {
        throw new PropertyNotWritableException("Cannot set " + property + ": it is one of the application's delegates");
      }
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext elContext, Object base) {
      return base == null ? Object.class : null;
    }

    @Override
    public java.util.Iterator<java.beans.FeatureDescriptor> getFeatureDescriptors(ELContext elContext, Object base) {
      return null;
    }
  }
}
