package com.kobatela.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kobatela.local.Service;
import com.kobatela.local.e2e.E2eHttp;

/**
 * Family {@code internal-jwt}: every service called directly (bypassing the gateway) with no token or a forged one
 * answers 401 in the common error body, for reads and for money-moving writes; the correctly signed control token
 * is accepted (so the refusals are not an artefact of a broken call).
 */
@org.junit.jupiter.api.Order(10)
class InternalJwtTest {

    /** A protected read and a money-moving write per service. */
    private static final Map<Service, List<String[]>> CALLS = Map.of(
            Service.ESCROW, List.of(new String[] {"GET", "/escrows/1"}, new String[] {"POST", "/escrows/1/deposit"}),
            Service.SPEND, List.of(new String[] {"GET", "/mandates/1"}, new String[] {"POST", "/spend/purchases"}),
            Service.PROOF, List.of(new String[] {"GET", "/proofs/1"}, new String[] {"POST", "/proofs"}),
            Service.PAYMENT, List.of(new String[] {"GET", "/payments/1"}, new String[] {"POST", "/payments/execute/1"}));

    @Test
    void forgedOrMissingTokensAreRefusedEverywhere() throws Exception {
        Family family = Family.of("internal-jwt");
        Path keys = RelStack.get().options().keysDir();
        ForgedTokens tokens = new ForgedTokens(keys.resolve("jwt-private.pem"));
        List<ForgedTokens.Forgery> forgeries = tokens.forgeries(keys.resolve("jwt-public.pem"));
        for (Map.Entry<Service, List<String[]>> e : CALLS.entrySet()) {
            E2eHttp direct = RelStack.direct(e.getKey());
            for (String[] call : e.getValue()) {
                String what = e.getKey().id() + " " + call[0] + " " + call[1];
                E2eHttp.Result none = direct.send(call[0], call[1], Map.of(), "Idempotency-Key", "k1");
                family.check(isUnauthorized(none), what + " without token -> " + none.status() + " " + none.body());
                for (ForgedTokens.Forgery f : forgeries) {
                    E2eHttp.Result r = direct.send(call[0], call[1], Map.of(), "Authorization", "Bearer " + f.token(), "Idempotency-Key", "k1");
                    family.check(isUnauthorized(r), what + " with " + f.name() + " -> " + r.status() + " " + r.body());
                }
                E2eHttp.Result control = direct.send(call[0], call[1], Map.of(), "Authorization", "Bearer " + tokens.valid(), "Idempotency-Key", "k1");
                family.check(control.status() != 401 && control.status() < 500, what + " control token -> " + control.status() + " " + control.body());
            }
        }
        assertEquals(0, family.failures(), family.failureReport());
    }

    private static boolean isUnauthorized(E2eHttp.Result r) {
        return r.status() == 401 && !r.json().path("error").path("code").asText().isEmpty();
    }
}
