package io.redress.notification;

import java.util.Optional;

/**
 * The link that opens a case's public status page without typing (io.redress.tracking signs it). Messages whose
 * template has a sentence for {@code trackLink} get it; without a bean of this type they go out without a link.
 */
public interface CaseLinks {

  /** The value a template's {@code {trackLink}} is filled with. */
  String VALUE = "trackLink";

  /** The link to the status page of complaint {@code number}, valid for a while; empty when there is none. */
  Optional<String> statusLink(String number);
}
