package com.kobatela.escrow;

import static com.kobatela.escrow.TestData.as;
import static com.kobatela.escrow.TestData.escrowBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code UserRegistered}/{@code UserUpdated} from {@code kobatela.identity.v1} feed the user replica, once per event id. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class UserReplicaConsumerTest {

    private static Map<String, String> headers(String id, String type, long userId) {
        return Map.of("ce_id", id, "ce_type", type, "ce_source", "/gateway", "ce_specversion", "1.0",
                "ce_subject", String.valueOf(userId), "ce_time", "2030-01-01T00:00:00Z", "ce_kobactor", "apikey:koba_000001");
    }

    private static String user(long id, String name, boolean active, String tag) {
        return "{\"user_id\": " + id + ", \"username\": \"" + name + "\", \"is_active\": " + active + ", \"public_tag\": \"" + tag + "\"}";
    }

    @Test
    void registeredUsersBecomeUsableAndDuplicatesAreApplliedOnce() {
        long client = TestData.nextId();
        long provider = TestData.nextId();
        String eventId = UUID.randomUUID().toString();
        TestData.publish(Topics.IDENTITY, String.valueOf(client), headers(eventId, "identity.user-registered.v1", client),
                user(client, "alice" + client, true, "private"));
        TestData.publish(Topics.IDENTITY, String.valueOf(client), headers(eventId, "identity.user-registered.v1", client),
                user(client, "alice" + client, true, "private"));
        TestData.publish(Topics.IDENTITY, String.valueOf(provider), headers(UUID.randomUUID().toString(), "identity.user-registered.v1", provider),
                user(provider, "bob" + provider, true, "private"));

        String token = TestTokens.sender(TestData.nextId(), client);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                as(token).body(escrowBody(client, provider, "10")).post("/escrows").then().extract().statusCode() == 201);
        assertEquals(1, TestData.queryLong("select count(*) from user_replicas where id = ?", client));
        assertEquals(1, TestData.queryLong("select count(*) from processed_events where consumer = 'escrow-service' and event_id = ?", eventId));

        TestData.publish(Topics.IDENTITY, String.valueOf(client), headers(UUID.randomUUID().toString(), "identity.user-updated.v1", client),
                user(client, "alice" + client, false, "ONG"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                "ONG".equals(TestData.query("select public_tag from user_replicas where id = ?", client).get(0).get(0)));
        assertEquals(1, TestData.queryLong("select count(*) from user_replicas where id = ?", client));
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        long userId = TestData.nextId();
        String poisonId = UUID.randomUUID().toString();
        TestData.publish(Topics.IDENTITY, String.valueOf(userId), headers(poisonId, "identity.user-registered.v1", userId), "{not json");
        TestData.publish(Topics.IDENTITY, String.valueOf(userId), headers(UUID.randomUUID().toString(), "identity.user-registered.v1", userId),
                user(userId, "carol" + userId, true, "GOV"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                TestData.queryLong("select count(*) from user_replicas where id = ?", userId) == 1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                TestData.readAll(Topics.dlq(Topics.IDENTITY)).stream().anyMatch(r -> poisonId.equals(TestData.header(r, "ce_id"))));
    }
}
