package io.github.litefs4j.examples.notes;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CRUD over {@code /notes}. Nothing here knows LiteFS: the starter routes POST, PUT and DELETE that
 * reach a replica to the primary and makes GETs wait for the client's own writes.
 */
@RestController
@RequestMapping("/notes")
public class NotesController {
  private final NotesRepository notes;

  /**
   * Creates the controller.
   *
   * @param notes the repository
   */
  public NotesController(NotesRepository notes) {
    this.notes = notes;
  }

  /**
   * Lists the notes.
   *
   * @return every note, newest first
   */
  @GetMapping
  public List<Note> list() {
    return notes.findAll();
  }

  /**
   * One note.
   *
   * @param id its id
   * @return 200 with the note, 404 if there is none
   */
  @GetMapping("/{id}")
  public ResponseEntity<Note> get(@PathVariable("id") long id) {
    return ResponseEntity.of(notes.find(id));
  }

  /**
   * Adds a note.
   *
   * @param body {@code {"text": "..."}}
   * @return 201 with the note and its location, 400 for a blank or too long text
   */
  @PostMapping
  public ResponseEntity<Note> add(@RequestBody NoteText body) {
    if (!body.isValid()) {
      return ResponseEntity.badRequest().build();
    }
    Note note = notes.add(body.text());
    return ResponseEntity.created(URI.create("/notes/" + note.id())).body(note);
  }

  /**
   * Replaces a note's text.
   *
   * @param id its id
   * @param body {@code {"text": "..."}}
   * @return 200 with the note, 404 if there is none, 400 for a blank or too long text
   */
  @PutMapping("/{id}")
  public ResponseEntity<Note> update(@PathVariable("id") long id, @RequestBody NoteText body) {
    if (!body.isValid()) {
      return ResponseEntity.badRequest().build();
    }
    return ResponseEntity.of(notes.update(id, body.text()));
  }

  /**
   * Deletes a note.
   *
   * @param id its id
   * @return 204, or 404 if there is none
   */
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable("id") long id) {
    return notes.delete(id)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }
}
