package com.kobatela.payment;

import java.util.ArrayList;
import java.util.List;

import com.kobatela.testsupport.ServiceTestProfile;

/**
 * The test profile of every payment-service test: the standard service resources (fresh PostgreSQL database, the JVM's
 * Kafka broker, JWT keys) plus the PSP sandbox started in-process ({@link PspSandboxTestResource}) and webhook secret
 * files ({@link WebhookSecretFiles}). One profile for all tests, so Quarkus starts once.
 */
public class PaymentTestProfile extends ServiceTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> list = new ArrayList<>(super.testResources());
        list.add(new TestResourceEntry(PspSandboxTestResource.class));
        list.add(new TestResourceEntry(WebhookSecretFiles.class));
        return list;
    }
}
