package com.kobatela.spend;

import static com.kobatela.spend.SpendFixtures.admin;
import static com.kobatela.spend.SpendFixtures.support;
import static com.kobatela.spend.SpendFixtures.category;
import static com.kobatela.spend.SpendFixtures.merchant;
import static com.kobatela.spend.SpendFixtures.post;
import static com.kobatela.spend.SpendFixtures.unique;
import static com.kobatela.spend.SpendFixtures.users;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The spend catalogue on a real PostgreSQL and Kafka (spec api.md#4.3 to #4.5, rules.md#catalogue, #audit; acceptance
 * AC-051): categories, merchants and allowed usages with their codes, audits naming the API key, and scopes.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class CatalogueResourceTest {

    @Test
    void categoriesAndMerchants() {
        String code = unique("DIGITAL");
        long id = post(admin(), "/spend/categories", Map.of("code", code, "label", "Digital goods")).then().statusCode(201)
                .body("code", equalTo(code)).body("label", equalTo("Digital goods")).body("created_at", notNullValue())
                .body("updated_at", notNullValue()).extract().jsonPath().getLong("id");
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'SPEND_CATEGORY_CREATED' and entity = 'SpendCategory' "
                + "and entity_id = ? and actor like 'apikey:%' and api_key_id = 900 and data_json->>'code' = ?", id, code));
        post(support(), "/spend/categories", Map.of("code", code, "label", "again")).then().statusCode(400)
                .body("error.code", equalTo("CATEGORY_EXISTS")).body("error.message", equalTo("Spend category already exists."));
        post(admin(), "/spend/categories", Map.of("code", "", "label", "x")).then().statusCode(422).body("error.field", equalTo("code"));
        post(admin(), "/spend/categories", Map.of("code", "C".repeat(65), "label", "x")).then().statusCode(422).body("error.field", equalTo("code"));
        post(admin(), "/spend/categories", Map.of("code", unique("C"), "label", "")).then().statusCode(422).body("error.field", equalTo("label"));

        String name = unique("StreamBox");
        Map<String, Object> merchant = new HashMap<>(Map.of("name", name, "category_id", id));
        long m = post(support(), "/spend/merchants", merchant).then().statusCode(201).body("name", equalTo(name))
                .body("category_id", equalTo((int) id)).body("is_certified", equalTo(false)).extract().jsonPath().getLong("id");
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'SPEND_MERCHANT_CREATED' and entity = 'Merchant' "
                + "and entity_id = ? and actor = 'apikey:koba_000385' and data_json->>'is_certified' = 'false'", m));
        post(admin(), "/spend/merchants", merchant).then().statusCode(400).body("error.code", equalTo("MERCHANT_EXISTS"))
                .body("error.message", equalTo("Merchant already exists."));
        post(admin(), "/spend/merchants", Map.of("name", unique("Shop"), "category_id", 99_999_999)).then().statusCode(404)
                .body("error.code", equalTo("CATEGORY_NOT_FOUND"));
        post(admin(), "/spend/merchants", Map.of("name", unique("Gold"), "is_certified", true)).then().statusCode(201)
                .body("is_certified", equalTo(true));

        String sender = TestTokens.sender(71, 4301);
        post(sender, "/spend/categories", Map.of("code", unique("S"), "label", "x")).then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        post(sender, "/spend/merchants", Map.of("name", unique("S"))).then().statusCode(403);
    }

    @Test
    void allowedUsages() {
        long owner = users(1)[0];
        long cat = category();
        long shop = merchant(cat, false);

        post(admin(), "/spend/allow", Map.of("owner_id", owner, "merchant_id", shop)).then().statusCode(201).body("status", equalTo("added"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'SPEND_ALLOW_CREATED' and entity = 'AllowedUsage' "
                + "and data_json->>'owner_id' = ? and data_json->>'merchant_id' = ? and actor = 'apikey:koba_000384'",
                String.valueOf(owner), String.valueOf(shop)));
        // the same rule again: still 201, "exists", audited SPEND_ALLOW_EXISTS
        post(support(), "/spend/allow", Map.of("owner_id", owner, "merchant_id", shop)).then().statusCode(201).body("status", equalTo("exists"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'SPEND_ALLOW_EXISTS' and data_json->>'owner_id' = ? "
                + "and actor = 'apikey:koba_000385'", String.valueOf(owner)));
        post(admin(), "/spend/allow", Map.of("owner_id", owner, "category_id", cat)).then().statusCode(201).body("status", equalTo("added"));
        assertEquals(2, TestDb.count("select count(*) from allowed_usages where owner_id = ?", owner));

        // exactly one target
        post(admin(), "/spend/allow", Map.of("owner_id", owner, "merchant_id", shop, "category_id", cat)).then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"));
        post(admin(), "/spend/allow", Map.of("owner_id", owner)).then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        // targets and owner must exist
        post(admin(), "/spend/allow", Map.of("owner_id", owner, "merchant_id", 99_999_999)).then().statusCode(404)
                .body("error.code", equalTo("MERCHANT_NOT_FOUND"));
        post(admin(), "/spend/allow", Map.of("owner_id", owner, "category_id", 99_999_999)).then().statusCode(404)
                .body("error.code", equalTo("CATEGORY_NOT_FOUND"));
        post(admin(), "/spend/allow", Map.of("owner_id", 99_999_999, "merchant_id", shop)).then().statusCode(404)
                .body("error.code", equalTo("USER_NOT_FOUND"));
        post(TestTokens.sender(72, owner), "/spend/allow", Map.of("owner_id", owner, "merchant_id", shop)).then().statusCode(403);
    }
}
