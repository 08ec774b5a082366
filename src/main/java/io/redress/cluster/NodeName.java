package io.redress.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The name of this node in a cluster ({@code redress.node-name}, by default the host name and a random suffix): the
 * job executor's lock owner (who holds a job: {@code ACT_RU_JOB.LOCK_OWNER_}) and the engine's host name (who ran
 * it: {@code ACT_HI_JOB_LOG.HOSTNAME_}, and the metrics). Each node needs a name of its own.
 */
@Component
public class NodeName extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(NodeName.class);

  private final String name;

  NodeName(@Value("${redress.node-name:}") String configured) {
    this.name = configured.isBlank() ? defaultName() : configured.strip();
  }

  public String name() {
    return name;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHostname(name);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(name);
    }
    LOG.info("Node {}", name);
  }

  private static String defaultName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
