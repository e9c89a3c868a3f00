package com.kobatela.escrow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code GET /audit-logs} of the service (shared-kernel resource, spec {@code api.md#9}): admin only, filters, newest first. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class AuditLogsTest {

    @Test
    void adminReadsTheEscrowsAuditTrailNewestFirst() {
        Fixtures.Party p = Fixtures.party();
        long e = Fixtures.escrow(p, "120.00");
        Fixtures.deposit(p, e, "20.00");
        String admin = TestTokens.admin(TestData.nextId());
        List<Map<String, Object>> rows = given().auth().oauth2(admin)
                .queryParam("entity", "EscrowAgreement").queryParam("entity_id", e)
                .get("/audit-logs").then().statusCode(200).extract().jsonPath().getList("");
        assertEquals(List.of("ESCROW_DEPOSITED", "ESCROW_CREATED"), rows.stream().map(r -> r.get("action")).toList());
        Map<String, Object> created = rows.get(1);
        assertEquals("escrow-service", created.get("service"));
        assertEquals("120.00", ((Map<?, ?>) created.get("data_json")).get("amount_total"));
        assertTrue(String.valueOf(created.get("actor")).startsWith("apikey:"), String.valueOf(created.get("actor")));

        given().auth().oauth2(admin).queryParam("entity", "EscrowAgreement").queryParam("entity_id", e).queryParam("limit", 1)
                .queryParam("offset", 1).get("/audit-logs").then().statusCode(200).body("[0].action", equalTo("ESCROW_CREATED"));
        given().auth().oauth2(admin).queryParam("limit", 501).get("/audit-logs").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"));
        given().auth().oauth2(TestTokens.support(TestData.nextId())).get("/audit-logs").then().statusCode(403);
        given().get("/audit-logs").then().statusCode(401);
    }
}
