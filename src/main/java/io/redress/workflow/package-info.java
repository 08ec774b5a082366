/**
 * The engine glue: the process vocabulary (variable names, task keys), the inputs of templated service tasks, who
 * holds a task, the deployment of the shipped models and the texts the models show people. The capability modules
 * (sla, contact, approval, escalation, lifecycle) build on it; it depends on none of them.
 */
package io.redress.workflow;
