package io.redress.mailbox;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * One mail as the mailbox reads it: who sent it, what it says (an HTML-only mail as plain text, never rendered), the
 * ids of the thread it belongs to, its attachments within the limits, and whether it is an auto-reply or a bounce.
 */
record Mail(String key, String fromAddress, String fromName, String subject, String text, List<String> thread,
    List<Attachment> attachments, Kind kind) {

  /** What a mail is. */
  enum Kind {
    /** Written by a person: a complaint or a reply. */
    MAIL("complaint"),
    /** An automatic answer (out of office, auto-responder, a list's bulk mail). */
    AUTO_REPLY("auto-reply"),
    /** A delivery failure report. */
    BOUNCE("bounce");

    final String outcome;

    Kind(String outcome) {
      this.outcome = outcome;
    }
  }

  /** An attachment: its content only when it is kept ({@code refused} null). */
  record Attachment(String fileName, String contentType, long size, byte[] content, String refused) {
  }

  /** The longest channel message id the intake takes; a longer Message-ID is kept as its SHA-256. */
  static final int MAX_KEY = 100;

  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,990}>");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
  private static final Pattern SINGLE_LINE_CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");

  /** The limits an attachment is held to. */
  interface Limits {
    long maxSize();

    int maxCount();

    boolean allows(String type);
  }

  /** Reads a mail; {@code fallbackKey} stands for the Message-ID when it has none. */
  static Mail read(Message m, String fallbackKey, Limits limits) throws MessagingException, IOException {
    String messageId = first(m, "Message-ID");
    String key = messageId == null ? fallbackKey : key(messageId);
    InternetAddress from = from(m);
    String subject = m.getSubject() == null ? "" : singleLine(m.getSubject());
    List<String> thread = new ArrayList<>();
    thread.addAll(ids(first(m, "In-Reply-To")));
    thread.addAll(ids(first(m, "References")));
    Kind kind = kind(m, from);
    if (kind != Kind.MAIL) {
      return new Mail(key, null, null, null, null, thread, List.of(), kind);
    }
    Body body = new Body(limits);
    body.walk(m);
    String text = body.plain != null ? body.plain : body.html != null ? htmlToText(body.html) : "";
    String name = from == null ? null : from.getPersonal();
    String address = from == null ? null : from.getAddress();
    if ((name == null || name.isBlank()) && address != null) {
      name = address.contains("@") ? address.substring(0, address.indexOf('@')) : address;
    }
    return new Mail(key, address, name == null ? null : cut(singleLine(name).strip(), 200), subject,
        multiLine(text).strip(), thread, body.attachments, kind);
  }

  /** The key of a Message-ID: itself (trimmed) when it fits, else {@code sha256:} and its hash. */
  static String key(String messageId) {
    String id = SINGLE_LINE_CONTROL.matcher(messageId).replaceAll("").strip();
    if (id.length() <= MAX_KEY) {
      return id;
    }
    return "sha256:" + sha256(id);
  }

  /** A short, non-reversible name of a mail for the log (its Message-ID may contain an address). */
  static String logName(String key) {
    return sha256(key).substring(0, 12);
  }

  /** The Message-IDs in a header such as References. */
  static List<String> ids(String header) {
    List<String> ids = new ArrayList<>();
    if (header != null) {
      Matcher m = MESSAGE_ID.matcher(header);
      while (m.find()) {
        ids.add(m.group());
      }
    }
    return ids;
  }

  /**
   * An auto-reply or a bounce by its headers (RFC 3834 Auto-Submitted, the vendors' X-Autoreply and friends,
   * Precedence), its type (a multipart/report of delivery status) or its sender (the mailer daemon, postmaster).
   */
  static Kind kind(Message m, InternetAddress from) throws MessagingException {
    String contentType = lower(m.getContentType());
    if (contentType.startsWith("multipart/report")
        && (contentType.contains("delivery-status") || contentType.contains("disposition-notification"))) {
      return Kind.BOUNCE;
    }
    String sender = from == null || from.getAddress() == null ? "" : lower(from.getAddress());
    String returnPath = lower(first(m, "Return-Path"));
    if (sender.startsWith("mailer-daemon@") || sender.startsWith("postmaster@") || sender.equals("mailer-daemon")
        || returnPath.contains("mailer-daemon@")) {
      return Kind.BOUNCE;
    }
    String autoSubmitted = lower(first(m, "Auto-Submitted"));
    if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
      return Kind.AUTO_REPLY;
    }
    for (String header : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Autogenerated")) {
      if (first(m, header) != null) {
        return Kind.AUTO_REPLY;
      }
    }
    String precedence = lower(first(m, "Precedence"));
    if (precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")
        || precedence.equals("auto_reply")) {
      return Kind.AUTO_REPLY;
    }
    if (returnPath.equals("<>")) {
      return Kind.BOUNCE;
    }
    return Kind.MAIL;
  }

  /** HTML as plain text: scripts and styles dropped, blocks as line breaks, tags removed, entities decoded. */
  static String htmlToText(String html) {
    String s = html.replaceAll("(?is)<(script|style|head)\\b.*?</\\1\\s*>", " ")
        .replaceAll("(?is)<!--.*?-->", " ")
        .replaceAll("(?i)<br\\s*/?>", "\n")
        .replaceAll("(?i)</(p|div|li|tr|h[1-6]|blockquote)\\s*>", "\n")
        .replaceAll("(?s)<[^>]*>", "");
    s = HtmlUtils.htmlUnescape(s).replace('\u00A0', ' ');
    return s.replaceAll("[ \\t]+", " ").replaceAll(" *\\n *", "\n").replaceAll("\\n{3,}", "\n\n");
  }

  /** The text of the complaint or message: the subject, an empty line, the text. */
  String description(int max) {
    String all = subject.isBlank() ? text : text.isBlank() ? subject : subject + "\n\n" + text;
    if (all.isBlank()) {
      all = "-";
    }
    return all.length() <= max ? all : all.substring(0, max - 1) + "\u2026";
  }

  private static InternetAddress from(Message m) throws MessagingException {
    Address[] from;
    try {
      from = m.getFrom();
    } catch (MessagingException e) {
      return null; // an unparsable From: the intake's validation refuses the mail
    }
    return from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a : null;
  }

  private static String first(Message m, String header) throws MessagingException {
    String[] values = m.getHeader(header);
    return values == null || values.length == 0 ? null : values[0];
  }

  private static String lower(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }

  private static String singleLine(String s) {
    return SINGLE_LINE_CONTROL.matcher(s).replaceAll(" ");
  }

  /** Line breaks as \n, tabs kept, other control characters dropped (the intake refuses them). */
  private static String multiLine(String s) {
    return CONTROL.matcher(s.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Walks the parts of a mail: the first plain text, the first HTML, and the attachments. */
  private static final class Body {
    private final Limits limits;
    String plain;
    String html;
    final List<Attachment> attachments = new ArrayList<>();
    private int kept;

    Body(Limits limits) {
      this.limits = limits;
    }

    void walk(Part part) throws MessagingException, IOException {
      String type = baseType(part);
      if (type.startsWith("multipart/") && part.getContent() instanceof Multipart multi) {
        for (int i = 0; i < multi.getCount(); i++) {
          BodyPart child = multi.getBodyPart(i);
          walk(child);
        }
        return;
      }
      boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
      if (!attachment && type.equals("text/plain") && plain == null) {
        plain = part.getContent().toString();
      } else if (!attachment && type.equals("text/html") && html == null) {
        html = part.getContent().toString();
      } else if (attachment || !type.startsWith("text/")) {
        attachment(part, type);
      }
    }

    private void attachment(Part part, String type) throws MessagingException, IOException {
      String name = part.getFileName() == null ? "attachment-" + (attachments.size() + 1)
          : cleanName(MimeUtility.decodeText(part.getFileName()));
      if (!limits.allows(type)) {
        attachments.add(new Attachment(name, type, Math.max(0, part.getSize()), null,
            io.redress.casefile.CaseEvidence.TYPE_NOT_ALLOWED));
        return;
      }
      if (kept >= limits.maxCount()) {
        attachments.add(new Attachment(name, type, Math.max(0, part.getSize()), null,
            io.redress.casefile.CaseEvidence.TOO_MANY));
        return;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long max = limits.maxSize();
      long read = 0;
      try (InputStream in = part.getInputStream()) {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          read += n;
          if (read > max) {
            break; // no more of it is read than the limit
          }
          out.write(buffer, 0, n);
        }
      }
      if (read > max) {
        attachments.add(new Attachment(name, type, Math.max(read, part.getSize()), null,
            io.redress.casefile.CaseEvidence.TOO_LARGE));
        return;
      }
      kept++;
      attachments.add(new Attachment(name, type, read, out.toByteArray(), null));
    }

    private static String baseType(Part part) throws MessagingException {
      try {
        String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        return type.length() <= 100 ? type : "application/octet-stream";
      } catch (Exception e) {
        return "application/octet-stream";
      }
    }

    /** A file name without folders or control characters, at most 255 characters. */
    private static String cleanName(String name) {
      String s = SINGLE_LINE_CONTROL.matcher(name).replaceAll("");
      s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1).strip();
      if (s.isEmpty()) {
        s = "attachment";
      }
      return s.length() <= 255 ? s : s.substring(s.length() - 255);
    }
  }
}
