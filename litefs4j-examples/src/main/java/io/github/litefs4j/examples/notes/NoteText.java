package io.github.litefs4j.examples.notes;

/**
 * The body of a create or update request: {@code {"text": "..."}}.
 *
 * @param text the note's text; not blank, at most {@value #MAX_LENGTH} characters
 */
public record NoteText(String text) {
  /** The longest text accepted. */
  public static final int MAX_LENGTH = 10_000;

  /**
   * Whether the text can be stored.
   *
   * @return false for a missing, blank or too long text
   */
  public boolean isValid() {
    return text != null && !text.isBlank() && text.length() <= MAX_LENGTH;
  }
}
