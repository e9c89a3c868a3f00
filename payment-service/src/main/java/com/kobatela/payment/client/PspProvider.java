package com.kobatela.payment.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Chooses the PSP adapter from {@code kobatela.psp.provider} (env {@code KOBATELA_PSP_PROVIDER}): {@code sandbox}
 * (default) → {@link SandboxPspClient}. Stripe Connect is [BEYOND SEED SCOPE]: any other value stops the start.
 */
@ApplicationScoped
public class PspProvider {

    @ConfigProperty(name = "kobatela.psp.provider", defaultValue = "sandbox")
    String provider;

    @Inject
    SandboxPspClient sandbox;

    /** Refuses to start with an unknown provider. */
    void check(@Observes StartupEvent ev) {
        psp();
    }

    /**
     * The PSP port used by the payout code.
     *
     * @throws IllegalStateException for an unknown provider
     */
    @Produces
    @ApplicationScoped
    PspClient psp() {
        if ("sandbox".equals(provider)) {
            return sandbox;
        }
        throw new IllegalStateException("kobatela.psp.provider=" + provider + " is not available in this build (only 'sandbox';"
                + " Stripe Connect is beyond the seed scope)");
    }
}
