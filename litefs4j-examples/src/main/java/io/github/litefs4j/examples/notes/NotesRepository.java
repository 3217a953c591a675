package io.github.litefs4j.examples.notes;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notes table, through Spring's JdbcClient on the starter's data source. Thread-safe. */
@Repository
public class NotesRepository {
  private static final String COLUMNS = "SELECT id, text, updated_at FROM notes";

  private final JdbcClient jdbc;

  /**
   * Creates the repository.
   *
   * @param jdbc the JDBC client on the LiteFS database
   */
  public NotesRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * All notes, newest first.
   *
   * @return the notes
   */
  public List<Note> findAll() {
    return jdbc.sql(COLUMNS + " ORDER BY id DESC").query(Note.class).list();
  }

  /**
   * One note.
   *
   * @param id its id
   * @return the note, or empty if there is none with that id (on this node, so far)
   */
  public Optional<Note> find(long id) {
    return jdbc.sql(COLUMNS + " WHERE id = ?").param(id).query(Note.class).optional();
  }

  /**
   * Adds a note.
   *
   * @param text its text
   * @return the stored note
   */
  public Note add(String text) {
    return jdbc.sql("INSERT INTO notes(text) VALUES (?) RETURNING id, text, updated_at")
        .param(text)
        .query(Note.class)
        .single();
  }

  /**
   * Replaces a note's text.
   *
   * @param id its id
   * @param text the new text
   * @return the stored note, or empty if there is none with that id
   */
  public Optional<Note> update(long id, String text) {
    return jdbc.sql(
            "UPDATE notes SET text = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                + " WHERE id = ? RETURNING id, text, updated_at")
        .param(text)
        .param(id)
        .query(Note.class)
        .optional();
  }

  /**
   * Deletes a note.
   *
   * @param id its id
   * @return whether a note was deleted
   */
  public boolean delete(long id) {
    return jdbc.sql("DELETE FROM notes WHERE id = ?").param(id).update() > 0;
  }
}
