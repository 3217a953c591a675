package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsHttpException;
import io.github.litefs4j.LiteFsHttpException.Reason;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * The typed exceptions for the error statuses of the node HTTP API calls. Stateless; thread-safe.
 * Internal: not exported.
 */
public final class NodeErrors {
  /** The calls whose statuses mean different things. */
  public enum Call {
    INFO,
    EXPORT,
    IMPORT,
    PROMOTE,
    HANDOFF
  }

  private NodeErrors() {}

  /**
   * The exception for an error status of a call, with its {@link LiteFsHttpException.Reason}: 400
   * INVALID_REQUEST; 404 on export DATABASE_NOT_FOUND; 503 on import NOT_PRIMARY; 409 on promote
   * NOT_CANDIDATE; 500 on promote with LiteFS's "no primary" message NO_PRIMARY; 500 on handoff
   * with "not currently primary" NOT_PRIMARY; anything else OTHER.
   */
  public static LiteFsHttpException mapError(
      Call call, HttpRequest request, int status, String body, String database) {
    LiteFsHttpException generic = HttpCalls.error(request, status, body);
    String text = generic.body();
    String message = generic.getMessage();
    URI uri = request.uri();
    if (status == 400) {
      return typed(Reason.INVALID_REQUEST, message, request, generic, database);
    }
    switch (call) {
      case EXPORT -> {
        if (status == 404 && database != null) {
          return typed(
              Reason.DATABASE_NOT_FOUND,
              "database "
                  + database
                  + " does not exist on the node at "
                  + uri.getHost()
                  + ":"
                  + uri.getPort()
                  + " ("
                  + message
                  + ")",
              request,
              generic,
              database);
        }
      }
      case IMPORT -> {
        if (status == 503) {
          return typed(
              Reason.NOT_PRIMARY,
              message + " (import is only possible on the primary)",
              request,
              generic,
              database);
        }
      }
      case PROMOTE -> {
        if (status == 409) {
          return typed(
              Reason.NOT_CANDIDATE,
              message + " (the node is not a candidate for the primary lease)",
              request,
              generic,
              null);
        }
        if (status == 500 && text.contains("no primary")) {
          return typed(Reason.NO_PRIMARY, message, request, generic, null);
        }
      }
      case HANDOFF -> {
        if (status == 500 && text.contains("not currently primary")) {
          return typed(
              Reason.NOT_PRIMARY,
              message + " (handoff must be sent to the primary)",
              request,
              generic,
              null);
        }
      }
      case INFO -> {
        // no status with a meaning of its own
      }
    }
    return database == null ? generic : typed(Reason.OTHER, message, request, generic, database);
  }

  private static LiteFsHttpException typed(
      Reason reason,
      String message,
      HttpRequest request,
      LiteFsHttpException generic,
      String database) {
    return new LiteFsHttpException(
        reason,
        message,
        request.method(),
        request.uri(),
        generic.status(),
        generic.body(),
        database,
        null);
  }
}
