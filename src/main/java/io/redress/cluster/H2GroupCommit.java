package io.redress.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Every commit on the default H2 file durable before it returns, as with {@code WRITE_DELAY=0}, but written together
 * with the commits that arrive while one is being written (group commit).
 *
 * <p>H2 writes a commit by appending every page that changed since its last write, each index's path from leaf to root
 * included. With {@code WRITE_DELAY=0} each committing transaction does that itself, one after the other, even when
 * the write before it already held its rows: an intake's commit wrote 0.4 to 1 MB of pages, a third of the intake's
 * CPU (docs/benchmark-notes.md). With a write delay H2 does not write at commit; this class then makes the commit
 * wait until a write that started after it has finished. The first waiting thread writes (H2's
 * {@link MVStore#commit()}), the others that came while it wrote are covered by the next write, one for all of them.
 * Commits on connections of the pool (Spring's transactions, Camunda's commands, the job executor) and statements
 * run outside a transaction (auto-commit) are covered; a transaction that wrote nothing does not wait. H2's own
 * background thread, which the write delay switches on, writes what is left (nothing here) and compacts the file.
 *
 * <p>Active when the pool's H2 database is a file opened in this process with a write delay above 0 (the default
 * URL's {@code WRITE_DELAY=500}); with {@code WRITE_DELAY=0} (H2 writes each commit itself), in memory, over TCP or
 * on PostgreSQL the connections are H2's own. {@code CrashIT} kills the node with {@code kill -9} under load and
 * finds every complaint it acknowledged.
 */
@Component
class H2GroupCommit implements BeanPostProcessor {

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(H2GroupCommit.class);

  /** Gives Hikari's pool an H2 data source whose connections wait for their commits to be written. */
  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getDataSource() == null && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:h2:") && !pool.isRunning()) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(pool.getJdbcUrl());
      pool.setDataSource(new Durable(h2));
    }
    return bean;
  }

  /** A data source whose connections' commits are durable when they return. */
  static final class Durable implements DataSource {

    private final DataSource target;
    private volatile Writes writes;
    private volatile boolean checked;

    Durable(DataSource target) {
      this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return wrap(target.getConnection(username, password));
    }

    /** The writes of the store behind these connections, null when H2 writes each commit itself. */
    Writes writes() {
      return writes;
    }

    private Connection wrap(Connection c) throws SQLException {
      if (!checked) {
        synchronized (this) {
          if (!checked) {
            MVStore store = delayedFileStore(c);
            writes = store == null ? null : new Writes(store);
            checked = true;
            if (store != null) {
              LOG.info("H2 commits are written together, each durable before it returns (write delay {} ms)",
                  store.getAutoCommitDelay());
            }
          }
        }
      }
      Writes w = writes;
      return w == null ? c : (Connection) Proxy.newProxyInstance(Durable.class.getClassLoader(),
          new Class<?>[] {Connection.class}, new ConnectionHandler(c, w));
    }

    /** The H2 file store of a connection opened in this process with a write delay, else null. */
    private static MVStore delayedFileStore(Connection c) throws SQLException {
      MVStore store = H2FileHousekeeping.localFileStore(c);
      return store != null && store.getAutoCommitDelay() > 0 ? store : null;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return iface.isInstance(this) || target.isWrapperFor(iface);
    }
  }

  /**
   * The group commit of one H2 store: a thread whose commit must be durable takes a ticket; the first to find no
   * write under way writes for every ticket taken before it started, the others wait for a write that covers theirs.
   */
  static final class Writes {

    private final MVStore store;
    private long taken;
    private long covered;
    private boolean writing;
    private long writesDone;

    Writes(MVStore store) {
      this.store = store;
    }

    /** Returns once everything this thread committed before the call is in the file. */
    void awaitDurable() {
      long ticket;
      synchronized (this) {
        ticket = ++taken;
        if (ticket % 2000 == 0) {
          LOG.debug("{} commits made durable in {} writes", ticket, writesDone);
        }
      }
      boolean interrupted = false;
      try {
        while (true) {
          long upTo;
          synchronized (this) {
            while (covered < ticket && writing) {
              try {
                wait();
              } catch (InterruptedException e) {
                interrupted = true;
              }
            }
            if (covered >= ticket) {
              return;
            }
            writing = true;
            upTo = taken;
          }
          // outside the monitor, so that commits arriving meanwhile take their tickets for the next write
          boolean written = false;
          try {
            write();
            written = true;
          } finally {
            synchronized (this) {
              writing = false;
              if (written) {
                covered = Math.max(covered, upTo);
                writesDone++;
              }
              notifyAll();
            }
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** How many writes this group commit made (for tests and figures). */
    synchronized long writesDone() {
      return writesDone;
    }

    private void write() {
      if (store.commit() < 0) {
        // nothing left unwritten: H2's background thread took it, and may still be writing it
        store.executeFilestoreOperation(() -> { });
      }
    }
  }

  /** Connection calls as H2's own, with commits waiting for their write. */
  private static final class ConnectionHandler implements InvocationHandler {

    private final Connection target;
    private final Writes writes;
    /** A statement that may have changed data ran since the last commit or rollback. */
    private boolean changed;

    ConnectionHandler(Connection target, Writes writes) {
      this.target = target;
      this.writes = writes;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object own = proxyOwn(proxy, target, method, args);
      if (own != TARGET) {
        return own;
      }
      String name = method.getName();
      if (name.equals("toString")) {
        return "durable " + target;
      }
      boolean commits = name.equals("commit")
          || name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]) && !target.getAutoCommit();
      boolean wait = commits && (changed || pending());
      Object result = call(target, method, args);
      if (commits || name.equals("rollback") && (args == null || args.length == 0)) {
        changed = false;
      }
      if (wait) {
        writes.awaitDurable();
      }
      if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
        Class<?> type = method.getReturnType().isInterface() ? method.getReturnType() : Statement.class;
        return Proxy.newProxyInstance(Durable.class.getClassLoader(), new Class<?>[] {type},
            new StatementHandler(statement, this));
      }
      return result;
    }

    private boolean pending() {
      try {
        return target.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local
            && local.hasPendingTransaction();
      } catch (SQLException e) {
        return true;
      }
    }

    /** After a statement that may have changed data. */
    void changed() throws SQLException {
      if (target.getAutoCommit()) {
        writes.awaitDurable();
      } else {
        changed = true;
      }
    }
  }

  /** Statement calls as H2's own; one that may have changed data is noted, or in auto-commit made durable. */
  private static final class StatementHandler implements InvocationHandler {

    private final Statement target;
    private final ConnectionHandler connection;

    StatementHandler(Statement target, ConnectionHandler connection) {
      this.target = target;
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object own = proxyOwn(proxy, target, method, args);
      if (own != TARGET) {
        return own;
      }
      String name = method.getName();
      Object result = call(target, method, args);
      // execute() answers true when its result is a query's rows; executeQuery never changes data
      if (name.startsWith("execute") && !name.equals("executeQuery")
          && !(name.equals("execute") && Boolean.TRUE.equals(result))) {
        connection.changed();
      }
      return result;
    }
  }

  /** {@link #proxyOwn}'s answer for a call the proxied connection or statement answers. */
  private static final Object TARGET = new Object();

  /**
   * The answer of a proxy here to the calls about itself (unwrapping, equality), or {@link #TARGET} when
   * the call is the wrapped connection's or statement's.
   */
  private static Object proxyOwn(Object proxy, Wrapper target, Method method, Object[] args) throws SQLException {
    return switch (method.getName()) {
      case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
      case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> TARGET;
    };
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
