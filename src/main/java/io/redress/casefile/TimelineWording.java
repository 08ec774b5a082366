package io.redress.casefile;

/** Puts a timeline entry's facts into words in the centre's working language ({@code redress.locale}). */
public interface TimelineWording {

  /** The words, or {@code null} when the working language has no wording {@code say.<key>} for them. */
  String words(TimelineFacts facts);
}
