/**
 * Complaints by e-mail: reads the complaints mailbox over IMAP ({@code redress.mailbox.*}; off without a host) and
 * takes each new mail in through the intake ({@link io.redress.intake.ChannelIntake}): a new complaint with channel
 * {@code email}, or a customer message on the case the mail answers; its attachments become the case's evidence.
 * Auto-replies and bounces are kept out. Nothing outside uses it.
 */
package io.redress.mailbox;
