package io.redress.modeling;

/**
 * Starts a complaint on a given process definition the way the intake does (case record, then the process), for
 * the deployment's dry run: the caller runs it in a transaction it rolls back.
 */
public interface TrialComplaint {

  /** The incident type of a complaint the intake could not start (Cockpit shows it on the process version). */
  String NOT_STARTED_INCIDENT = "complaintNotStarted";

  /** The process key of the complaint model. */
  String processKey();

  /** Starts a sample complaint on this definition and returns its process instance id; throws if it fails. */
  String start(String processDefinitionId);
}
