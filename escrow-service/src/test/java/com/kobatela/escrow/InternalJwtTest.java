package com.kobatela.escrow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
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

    @Test
    void validTokenPasses() {
        given().auth().oauth2(TestTokens.admin(TestData.nextId())).get("/escrows/999999").then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND"));
    }
}
