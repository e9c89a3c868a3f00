package com.kobatela.escrow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.security.VerifiedTokenCache;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.quarkus.test.junit.TestProfile;

/** The service accepts only the gateway's internal JWT (ARCHITECTURE §4): anything else is 401 in the common error body. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class InternalJwtTest {

    @Test
    void missingOrForgedTokensAreRefused() {
        given().get("/escrows/1").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        given().contentType("application/json").body("{}").post("/escrows").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        for (String token : new String[] {TestTokens.signedByOtherKey("admin"), TestTokens.expired("admin"),
                TestTokens.wrongAudience("admin"), TestTokens.unsigned("admin"), "not-a-jwt"}) {
            given().auth().oauth2(token).get("/escrows/1").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
            given().auth().oauth2(token).contentType("application/json").body("{\"amount\": 1}").header("Idempotency-Key", "k")
                    .post("/escrows/1/deposit").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        }
    }

    /**
     * The verified-token cache (shared-kernel {@code VerifiedTokenCache}): a token verified once is accepted again
     * while valid; one byte changed is verified afresh and refused; once past its expiry (and smallrye-jwt's 5 s
     * grace) the same text is refused although it was accepted from the cache before.
     */
    @Inject
    JWTParser parser;

    @Test
    void aVerifiedTokenIsReusedOnlyUntilItsExpiry() {
        assertInstanceOf(VerifiedTokenCache.class, ClientProxy.unwrap(parser), "the bearer authentication uses the cache");
        String token = TestTokens.expiringIn("admin", 2);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/escrows/999999").then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
        }
        int dot = token.lastIndexOf('.');
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, dot + 1) + (last == 'A' ? 'B' : 'A') + token.substring(dot + 1, token.length() - 1);
        given().auth().oauth2(tampered).get("/escrows/999999").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        // exp 2 s + smallrye-jwt's 5 s grace: refused by ~7 s, never from the cache after that
        await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(15))
                .until(() -> given().auth().oauth2(token).get("/escrows/999999").statusCode() == 401);
        given().auth().oauth2(token).get("/escrows/999999").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void validTokenPasses() {
        given().auth().oauth2(TestTokens.admin(TestData.nextId())).get("/escrows/999999").then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND"));
    }
}
