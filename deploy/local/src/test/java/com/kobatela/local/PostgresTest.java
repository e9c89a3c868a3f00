package com.kobatela.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PostgresTest {

    @Test
    void parsesAnExternalServerUrl() {
        Postgres pg = Postgres.external("postgresql://kob%40user:p%3Ass@db.local:6543");
        assertEquals("db.local", pg.host());
        assertEquals(6543, pg.port());
        assertEquals("kob@user", pg.user());
        assertEquals("p:ss", pg.password());
        assertFalse(pg.isEmbedded());
        assertEquals("jdbc:postgresql://db.local:6543/kobatela_gateway", pg.jdbcUrl("kobatela_gateway"));
    }

    @Test
    void defaultsUserAndPort() {
        Postgres pg = Postgres.external("postgresql://127.0.0.1");
        assertEquals("postgres", pg.user());
        assertEquals(5432, pg.port());
        assertEquals(5432, Postgres.external("jdbc:postgresql://127.0.0.1:5432").port());
    }

    @Test
    void refusesAUrlWithoutHost() {
        assertThrows(IllegalArgumentException.class, () -> Postgres.external("127.0.0.1:5432"));
    }
}
