package com.kobatela.kernel.persistence;

/**
 * Recognises a PostgreSQL unique-constraint violation (SQLSTATE 23505) in an exception chain, whatever layer
 * wrapped it (Hibernate, Vert.x PG client). Races on idempotency keys and event ids are settled by these
 * constraints (ARCHITECTURE §2).
 */
public final class UniqueViolations {

    private UniqueViolations() {
    }

    /** True when {@code t} or one of its causes is a unique violation. */
    public static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (c instanceof org.hibernate.exception.ConstraintViolationException cv
                    && cv.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
