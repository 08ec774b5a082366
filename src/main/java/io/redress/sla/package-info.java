/**
 * The SLA policy applied to cases: stage and customer deadlines (decision tables {@code sla-*}), working-time
 * arithmetic, the deadline warning, pausing while a case waits on the customer. API: {@link io.redress.sla.Sla},
 * {@link io.redress.sla.Deadlines}, {@link io.redress.sla.DeadlinePause}. The models reference its delegates and
 * listeners by bean name; they are package-private, except the templated one whose inputs its element template names.
 */
package io.redress.sla;
