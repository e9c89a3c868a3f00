package com.kobatela.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.kobatela.gateway.domain.GeneratedKey;
import com.kobatela.gateway.service.AdminBootstrap;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/** The local admin bootstrap writes a working admin key once, to a file with mode 0600. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class AdminBootstrapTest {

    @Inject
    AdminBootstrap bootstrap;

    @Test
    void keyFileWrittenOnceWithMode0600() throws Exception {
        assertTrue(Files.exists(GatewayTestProfile.ADMIN_KEY_FILE));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(GatewayTestProfile.ADMIN_KEY_FILE)));
        String key = TestSupport.adminKey();
        assertTrue(GeneratedKey.FORMAT.matcher(key).matches());
        given().header("X-API-Key", key).when().get("/apikeys/999999").then().statusCode(404);
        try (Connection c = TestSupport.jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from api_keys where name = 'local-admin' and scope = 'admin' and expires_at is null")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void secondRunDoesNothing() throws Throwable {
        String before = Files.readString(GatewayTestProfile.ADMIN_KEY_FILE);
        assertEquals(Optional.empty(), VertxContextSupport.subscribeAndAwait(() -> bootstrap.ensureAdminKey()));
        assertEquals(before, Files.readString(GatewayTestProfile.ADMIN_KEY_FILE));
    }
}
