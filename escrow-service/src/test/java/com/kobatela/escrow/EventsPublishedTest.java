package com.kobatela.escrow;

import static com.kobatela.escrow.TestData.as;
import static com.kobatela.escrow.TestData.escrowBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code EscrowCreated}, {@code EscrowDeposited} and the FUNDED {@code EscrowStatusChanged} leave through the outbox with CloudEvents headers (ARCHITECTURE §3). */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class EventsPublishedTest {

    @Test
    void createdAndDepositedReachKafka() throws Exception {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        long keyId = TestData.nextId();
        String token = TestTokens.sender(keyId, client);
        int id = as(token).header("X-Request-Id", "req-events-1").body(escrowBody(client, provider, "80"))
                .post("/escrows").then().statusCode(201).extract().path("id");
        as(token).header("Idempotency-Key", "ev-1").body("{\"amount\": 80}").post("/escrows/" + id + "/deposit").then().statusCode(200);

        String key = String.valueOf(id);
        List<ConsumerRecord<String, String>> mine = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> TestData.readAll(Topics.ESCROW).stream().filter(r -> key.equals(r.key())).toList(), l -> l.size() >= 3);
        assertEquals(3, mine.size());
        ObjectMapper mapper = new ObjectMapper();

        ConsumerRecord<String, String> created = mine.get(0);
        assertEquals("escrow.created.v1", TestData.header(created, "ce_type"));
        assertEquals("1.0", TestData.header(created, "ce_specversion"));
        assertEquals("/escrow-service", TestData.header(created, "ce_source"));
        assertEquals(key, TestData.header(created, "ce_subject"));
        assertNotNull(TestData.header(created, "ce_id"));
        assertNotNull(TestData.header(created, "ce_time"));
        assertEquals("apikey:" + String.format("koba_%06x", keyId), TestData.header(created, "ce_kobactor"));
        assertEquals("req-events-1", TestData.header(created, "ce_kobacorrelation"));
        JsonNode c = mapper.readTree(created.value());
        assertEquals(id, c.get("escrow_id").asInt());
        assertEquals("user:" + client, c.get("owner_principal").asText());
        assertEquals("80.00", c.get("amount_total").asText());
        assertEquals("USD", c.get("currency").asText());
        assertEquals("DRAFT", c.get("status").asText());
        assertEquals("2030-01-01T00:00:00Z", c.get("deadline_at").asText());
        assertEquals(client, c.get("client_id").asLong());
        assertEquals("private", c.get("domain").asText());

        ConsumerRecord<String, String> deposited = mine.get(1);
        assertEquals("escrow.deposited.v1", TestData.header(deposited, "ce_type"));
        JsonNode d = mapper.readTree(deposited.value());
        assertEquals("80.00", d.get("amount").asText());
        assertEquals("ev-1", d.get("idempotency_key").asText());
        assertEquals("FUNDED", d.get("escrow_status").asText());
        assertEquals(TestData.queryLong("select id from escrow_deposits where escrow_id = ?", (long) id), d.get("deposit_id").asLong());

        ConsumerRecord<String, String> funded = mine.get(2);
        assertEquals("escrow.status-changed.v1", TestData.header(funded, "ce_type"));
        JsonNode f = mapper.readTree(funded.value());
        assertEquals(id, f.get("escrow_id").asInt());
        assertEquals("DRAFT", f.get("old_status").asText());
        assertEquals("FUNDED", f.get("new_status").asText());
        assertEquals("deposit", f.get("reason").asText());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TestData.queryLong(
                "select count(*) from outbox_events where message_key = ? and published_at is null", key) == 0);
    }
}
