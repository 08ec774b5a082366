/** Raising an escalation of an overdue case: the delegate the models reference by bean name. */
package io.redress.escalation;
