/**
 * Contact with the customer and with the holders of a case's tasks: notify the customer, missed calls, e-mail
 * follow-ups, progress updates, the daily follow-up. Only delegates, referenced by the models by bean name.
 */
package io.redress.contact;
