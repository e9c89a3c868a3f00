package com.kobatela.escrow;

import static com.kobatela.escrow.TestData.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.JwtTestKeys;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;

/** {@code /kct_public} (spec {@code api.md#8}, {@code rules.md#kct-public}) [BEYOND SEED SCOPE]: AC-088 to AC-091 and every error code. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class KctPublicTest {

    private static final String PROJECTS = "/kct_public/projects";

    /** A sender key linked to a user of this public tag; {@code claim} false leaves the tag to the user replica. */
    private record Gov(long userId, String token) {
    }

    private static Gov user(String tag, boolean claim) {
        long userId = TestData.user(tag);
        long keyId = TestData.nextId();
        var b = Jwt.issuer("kobatela-gateway").audience("kobatela-internal").subject("user:" + userId).groups(Set.of("sender"))
                .claim("scope", "sender").claim("api_key_id", keyId).claim("prefix", String.format("koba_%06x", keyId))
                .claim("jti", UUID.randomUUID().toString()).claim("user_id", userId).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        if (claim) {
            b.claim("public_tag", tag);
        }
        return new Gov(userId, b.sign(JwtTestKeys.privateKey()));
    }

    private static int project(Gov g, String domain, String country) {
        return as(g.token()).body("{\"label\": \"Water wells\", \"project_type\": \"infrastructure\", \"country\": \"" + country
                + "\", \"city\": \"Abidjan\", \"domain\": \"" + domain + "\"}").post(PROJECTS).then().statusCode(201).extract().path("id");
    }

    private static long escrow(Gov g, String domain, String total) {
        int id = as(g.token()).body("{\"client_id\": " + TestData.user("private") + ", \"provider_id\": " + TestData.user("private")
                + ", \"amount_total\": \"" + total + "\", \"currency\": \"USD\", \"release_conditions\": {}, \"deadline_at\": \"2030-01-01T00:00:00Z\", "
                + "\"domain\": \"" + domain + "\"}").post("/escrows").then().statusCode(201).extract().path("id");
        return id;
    }

    private static String attach(Gov g, int project, long escrow, int status) {
        return as(g.token()).body("{\"escrow_id\": " + escrow + "}").post(PROJECTS + "/" + project + "/mandates").then().statusCode(status)
                .extract().path(status == 201 ? "status" : "error.code");
    }

    @Test
    void onlyGovAndOngUsersGetIn() {
        Gov priv = user("private", true);
        as(priv.token()).body("{}").post(PROJECTS).then().statusCode(403).body("error.code", equalTo("PUBLIC_ACCESS_FORBIDDEN"))
                .body("error.message", equalTo("Access to KCT Public Sector is restricted to GOV/ONG accounts."));
        as(priv.token()).get(PROJECTS).then().statusCode(403).body("error.code", equalTo("PUBLIC_ACCESS_FORBIDDEN"));
        as(TestTokens.admin(TestData.nextId())).get(PROJECTS).then().statusCode(403).body("error.code", equalTo("PUBLIC_USER_NOT_FOUND"))
                .body("error.message", equalTo("User not found for API key."));
        as(TestTokens.support(TestData.nextId())).get(PROJECTS).then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        Gov unknown = new Gov(0, TestTokens.sender(TestData.nextId(), 999_999_999L));
        as(unknown.token()).get(PROJECTS).then().statusCode(403).body("error.code", equalTo("PUBLIC_ACCESS_FORBIDDEN"));
        Gov ongByReplica = user("ONG", false);
        as(ongByReplica.token()).get(PROJECTS).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void createValidatesAndMakesTheCreatorPrimaryManager() {
        Gov g = user("GOV", true);
        int id = as(g.token()).body("{\"label\": \"Clinics\", \"project_type\": \"health\", \"country\": \"ci\", \"domain\": \"aid\"}")
                .post(PROJECTS).then().statusCode(201)
                .body("label", equalTo("Clinics")).body("country", equalTo("CI")).body("domain", equalTo("aid")).body("status", equalTo("active"))
                .body("total_amount", equalTo("0.00")).body("released_amount", equalTo("0.00")).body("remaining_amount", equalTo("0.00"))
                .body("current_milestone", nullValue()).body("city", nullValue())
                .extract().path("id");
        assertEquals(List.of(Map.of("user_id", g.userId(), "role", "project_manager", "is_primary", true)),
                TestDb.query("select user_id, role, is_primary from gov_project_managers where gov_project_id = ?", (long) id));
        assertEquals("basic", TestDb.query("select execution_mode from gov_projects where id = ?", (long) id).get(0).get("execution_mode"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where entity = 'GovProject' and entity_id = ? and action = 'GOV_PROJECT_CREATED'",
                (long) id));
        String[][] bad = {
            {"{\"label\": \"ab\", \"project_type\": \"health\", \"country\": \"CI\", \"domain\": \"aid\"}", "label"},
            {"{\"label\": \"abc\", \"project_type\": \"he\", \"country\": \"CI\", \"domain\": \"aid\"}", "project_type"},
            {"{\"label\": \"abc\", \"project_type\": \"health\", \"country\": \"CIV\", \"domain\": \"aid\"}", "country"},
            {"{\"label\": \"abc\", \"project_type\": \"health\", \"country\": \"CI\", \"domain\": \"private\"}", "domain"},
            {"{\"label\": \"abc\", \"project_type\": \"health\", \"country\": \"CI\", \"domain\": \"aid\", \"city\": \"" + "x".repeat(101) + "\"}", "city"},
            {"{\"label\": \"abc\", \"project_type\": \"health\", \"country\": \"CI\", \"domain\": \"aid\", \"gov_entity_id\": 999999}", "gov_entity_id"},
        };
        for (String[] c : bad) {
            as(g.token()).body(c[0]).post(PROJECTS).then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"))
                    .body("error.field", equalTo(c[1]));
        }
    }

    @Test
    void attachAndAggregate() {
        Gov g = user("GOV", true);
        int project = project(g, "public", "CI");
        long e1 = escrow(g, "public", "1000.00");
        long e2 = escrow(g, "public", "500.00");
        assertEquals("attached", attach(g, project, e1, 201));
        assertEquals("ALREADY_ATTACHED", attach(g, project, e1, 409));
        assertEquals("attached", attach(g, project, e2, 201));
        assertEquals("DOMAIN_MISMATCH", attach(g, project, escrow(g, "aid", "10.00"), 400));
        assertEquals("DOMAIN_MISMATCH", attach(g, project, escrow(g, "private", "10.00"), 400));
        assertEquals("NOT_FOUND", attach(g, project, 999_999_999L, 404));
        Gov other = user("GOV", true);
        assertEquals("NOT_FOUND", attach(g, project, escrow(other, "public", "10.00"), 404));
        as(g.token()).body("{}").post(PROJECTS + "/" + project + "/mandates").then().statusCode(422).body("error.field", equalTo("escrow_id"));

        long m1 = Fixtures.milestone(e1, 1, "250.00");
        long m2 = Fixtures.milestone(e1, 2, "250.00");
        Fixtures.milestone(e2, 3, "100.00");
        TestDb.update("update milestones set status = 'PAID' where id = ?", m1);
        TestDb.update("update milestones set status = 'PAYING' where id = ?", m2);
        TestDb.update("insert into escrow_events (escrow_id, kind, idempotency_key, data_json, at) values (?, 'PAYMENT_SETTLED', ?, "
                + "cast(? as jsonb), now())", e1, "payment:1:settled", "{\"payment_id\": 1, \"amount\": \"250.00\", \"source\": \"psp_webhook\"}");
        as(g.token()).get(PROJECTS + "/" + project).then().statusCode(200)
                .body("total_amount", equalTo("1500.00")).body("released_amount", equalTo("250.00")).body("remaining_amount", equalTo("1250.00"))
                .body("current_milestone", equalTo(2)).body("city", equalTo("Abidjan"));
        assertEquals(2, TestDb.count("select count(*) from audit_logs where entity = 'GovProject' and entity_id = ? "
                + "and action = 'GOV_PROJECT_MANDATE_ATTACHED'", (long) project));
    }

    @Test
    void projectsAreOnlyForTheirManagers() {
        Gov owner = user("GOV", true);
        Gov outsider = user("ONG", true);
        Gov colleague = user("private", true);
        int project = project(owner, "aid", "SN");
        as(outsider.token()).get(PROJECTS + "/" + project).then().statusCode(403).body("error.code", equalTo("FORBIDDEN"))
                .body("error.message", equalTo("User is not assigned to this public project."));
        as(outsider.token()).body("{\"user_id\": " + outsider.userId() + ", \"role\": \"viewer\"}").post(PROJECTS + "/" + project + "/managers")
                .then().statusCode(403).body("error.code", equalTo("FORBIDDEN"));
        assertEquals("FORBIDDEN", attach(outsider, project, escrow(outsider, "aid", "10.00"), 403));
        as(owner.token()).get(PROJECTS + "/999999999").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"))
                .body("error.message", equalTo("Project not found."));
        as(owner.token()).body("{\"user_id\": 1, \"role\": \"viewer\"}").post(PROJECTS + "/999999999/managers").then().statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"));

        as(owner.token()).body("{\"user_id\": " + outsider.userId() + ", \"role\": \"auditor\"}").post(PROJECTS + "/" + project + "/managers")
                .then().statusCode(201).body("status", equalTo("added"));
        as(owner.token()).body("{\"user_id\": " + outsider.userId() + ", \"role\": \"auditor\", \"is_primary\": true}")
                .post(PROJECTS + "/" + project + "/managers").then().statusCode(201).body("status", equalTo("exists"));
        as(owner.token()).body("{\"user_id\": 999999999, \"role\": \"auditor\"}").post(PROJECTS + "/" + project + "/managers")
                .then().statusCode(404).body("error.code", equalTo("USER_NOT_FOUND"));
        as(owner.token()).body("{\"role\": \"auditor\"}").post(PROJECTS + "/" + project + "/managers").then().statusCode(422)
                .body("error.field", equalTo("user_id"));
        as(owner.token()).body("{\"user_id\": " + colleague.userId() + ", \"role\": \"\"}").post(PROJECTS + "/" + project + "/managers")
                .then().statusCode(422).body("error.field", equalTo("role"));
        as(outsider.token()).get(PROJECTS + "/" + project).then().statusCode(200).body("id", equalTo(project));
        assertEquals(List.of(Map.of("role", "auditor", "is_primary", false)), TestDb.query(
                "select role, is_primary from gov_project_managers where gov_project_id = ? and user_id = ?", (long) project, outsider.userId()));
    }

    @Test
    void listShowsManagedProjectsWithExactFilters() {
        Gov g = user("GOV", true);
        int a = project(g, "public", "CI");
        int b = project(g, "aid", "SN");
        project(user("GOV", true), "public", "CI");
        as(g.token()).get(PROJECTS).then().statusCode(200).body("id", equalTo(List.of(a, b)));
        as(g.token()).queryParam("domain", "aid").get(PROJECTS).then().statusCode(200).body("id", equalTo(List.of(b)));
        as(g.token()).queryParam("country", "CI").get(PROJECTS).then().statusCode(200).body("id", equalTo(List.of(a)));
        as(g.token()).queryParam("status", "active").queryParam("country", "SN").get(PROJECTS).then().statusCode(200).body("id", equalTo(List.of(b)));
        as(g.token()).queryParam("status", "closed").get(PROJECTS).then().statusCode(200).body("$", hasSize(0));
    }
}
