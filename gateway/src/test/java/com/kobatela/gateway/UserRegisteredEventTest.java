package com.kobatela.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.KafkaTestResource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code UserRegistered} leaves through the outbox and reaches {@code kobatela.identity.v1} on the real broker. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class UserRegisteredEventTest {

    @Test
    void userRegisteredReachesKafka() throws Exception {
        long id = TestSupport.createUser();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.IDENTITY));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (String.valueOf(id).equals(r.key())) {
                        found.set(r);
                    }
                }
                return found.get() != null;
            });
        }
        ConsumerRecord<String, String> r = found.get();
        assertEquals(EventTypes.USER_REGISTERED, header(r, "ce_type"));
        assertNotNull(header(r, "ce_id"));
        assertEquals("/gateway", header(r, "ce_source"));
        assertEquals("apikey:", header(r, "ce_kobactor").substring(0, 7));
        assertNotNull(header(r, "ce_kobacorrelation"));
        JsonNode payload = new ObjectMapper().readTree(r.value());
        assertEquals(id, payload.get("user_id").asLong());
        assertEquals(true, payload.get("is_active").asBoolean());
        assertEquals("private", payload.get("public_tag").asText());
        assertEquals(null, payload.get("email"));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
