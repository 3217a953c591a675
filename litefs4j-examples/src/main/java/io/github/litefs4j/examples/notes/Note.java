package io.github.litefs4j.examples.notes;

/**
 * One note.
 *
 * @param id the note's id
 * @param text what it says
 * @param updatedAt when it was last written, ISO-8601 UTC
 */
public record Note(long id, String text, String updatedAt) {}
