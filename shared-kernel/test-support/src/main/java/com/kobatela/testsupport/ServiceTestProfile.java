package com.kobatela.testsupport;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The standard test profile of a service: a fresh PostgreSQL database, the JVM's Kafka broker and the test
 * JWT keys. Use with {@code @TestProfile(ServiceTestProfile.class)} on every {@code @QuarkusTest}.
 */
public class ServiceTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(PostgresTestResource.class),
                new TestResourceEntry(KafkaTestResource.class),
                new TestResourceEntry(JwtTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
