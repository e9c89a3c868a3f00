package com.kobatela.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service (verification) and the gateway (signing) at this JVM's test key pair.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", JwtTestKeys.publicKeyLocation(),
                "smallrye.jwt.sign.key.location", JwtTestKeys.privateKeyLocation());
    }

    @Override
    public void stop() {
        // keys live for the JVM
    }
}
