package io.redress.mailbox;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code redress.mailbox.*}: the complaints mailbox, named like {@code spring.mail.*}.
 *
 * @param host the IMAP server; none: the mailbox is not read
 * @param port its port; 0: the protocol's (993 for imaps, 143 for imap)
 * @param protocol {@code imaps} (TLS) or {@code imap}
 * @param username the mailbox's login
 * @param password its password
 * @param folder the folder new mail arrives in
 * @param enabled whether this node polls in the background (the mail is taken in once, whichever node reads it)
 * @param pollInterval how often this node looks for new mail
 * @param batchSize how many new mails one poll takes at most
 * @param keptOutFolder where auto-replies, bounces and refused mails are moved; none: they stay, flagged and seen
 * @param maxAttachmentSize the largest attachment kept as evidence
 * @param maxAttachments how many attachments of one mail are kept at most
 * @param allowedTypes the attachments' types kept as evidence ({@code image/*} allows every image type)
 * @param properties further Jakarta Mail properties of the session ({@code mail.imaps.timeout} ...)
 */
@ConfigurationProperties(prefix = "redress.mailbox")
record MailboxProperties(
    String host,
    @DefaultValue("0") int port,
    @DefaultValue("imaps") String protocol,
    String username,
    String password,
    @DefaultValue("INBOX") String folder,
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") Duration pollInterval,
    @DefaultValue("50") int batchSize,
    String keptOutFolder,
    @DefaultValue("10MB") DataSize maxAttachmentSize,
    @DefaultValue("10") int maxAttachments,
    @DefaultValue({"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "application/pdf",
        "text/plain"}) List<String> allowedTypes,
    Map<String, String> properties) {

  MailboxProperties {
    if (!"imap".equals(protocol) && !"imaps".equals(protocol)) {
      throw new IllegalArgumentException("redress.mailbox.protocol must be imap or imaps");
    }
    if (batchSize < 1 || maxAttachments < 0) {
      throw new IllegalArgumentException("redress.mailbox.batch-size must be at least 1, max-attachments at least 0");
    }
    allowedTypes = allowedTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  boolean configured() {
    return host != null && !host.isBlank();
  }

  int portOrDefault() {
    return port > 0 ? port : "imaps".equals(protocol) ? 993 : 143;
  }

  /** Whether an attachment of this type (its base type, lower case) is kept. */
  boolean allows(String type) {
    return allowedTypes.stream().anyMatch(a -> a.equals(type)
        || a.endsWith("/*") && type.startsWith(a.substring(0, a.length() - 1)));
  }
}
