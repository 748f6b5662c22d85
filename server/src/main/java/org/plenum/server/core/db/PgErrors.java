package org.plenum.server.core.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.function.Function;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

/** Translates database facts into domain error codes, in the storage adapters and nowhere else. */
public final class PgErrors {
  public static final String UNIQUE_VIOLATION = "23505";
  public static final String FOREIGN_KEY_VIOLATION = "23503";

  private PgErrors() {}

  /** Maps a unique violation on {@code constraint} (or any, when null) to {@code code} with {@code message}. */
  public static <T> Function<Throwable, Future<T>> onUnique(String constraint, ErrorCode code, String message) {
    return err -> {
      if (err instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
          && (constraint == null || constraint.equals(pg.getConstraint()))) {
        return Future.failedFuture(new PlenumException(code, message));
      }
      return Future.failedFuture(err);
    };
  }

  /** PostgreSQL is shutting down or was terminated (SQLSTATE class 57P: the operator's intervention). */
  public static boolean isShutdown(Throwable t) {
    return t instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("57P");
  }
}
