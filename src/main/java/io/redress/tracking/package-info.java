/**
 * The customer's side without an account: the public status page {@code /track} (static HTML, JS and CSS in
 * {@code static/track}) and its JSON API {@code /api/track}: look a case up by its number and the customer's phone
 * number or e-mail address (or a signed, expiring link from a message), read its stage in plain words, the next date
 * promised and the messages sent, write a message, answer the feedback survey, and complain through a public form.
 * Failed look-ups and complaints are limited per source address. Nothing staff write for themselves is shown.
 * It uses intake's {@link io.redress.intake.CustomerRequests} for what the complaint API does too, and gives the
 * notifications their link ({@link io.redress.notification.CaseLinks}).
 */
package io.redress.tracking;
