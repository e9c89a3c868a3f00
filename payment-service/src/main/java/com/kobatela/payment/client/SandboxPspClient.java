package com.kobatela.payment.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.kobatela.kernel.money.Amounts;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * The {@code sandbox} PSP adapter (ARCHITECTURE §5): {@code POST /payouts} on the PSP sandbox with our idempotency key
 * in the body and the {@code Idempotency-Key} header, wrapped in SmallRye Fault Tolerance:
 * <ul>
 * <li>{@code @Timeout} (5 s): a PSP that hangs costs at most that per attempt; the payment stays PENDING;</li>
 * <li>{@code @Retry} (2 more attempts, 200 ms apart) only on {@link PspUnavailableException} (5xx, network): safe
 * because the call is idempotent by key; never on a timeout (the answer may be on its way), a refusal, an open circuit
 * or a full bulkhead;</li>
 * <li>{@code @CircuitBreaker} {@code psp-payouts} (opens when half of the last 10 calls failed, probes again after
 * 10 s, closes after 2 successes); PSP refusals do not count as failures;</li>
 * <li>{@code @Bulkhead} (10 calls at once, 100 waiting).</li>
 * </ul>
 * Every value can be changed with {@code quarkus.fault-tolerance."com.kobatela.payment.client.SandboxPspClient/payout".*}.
 */
@ApplicationScoped
@Typed(SandboxPspClient.class)
public class SandboxPspClient implements PspClient {

    /** Name of the circuit breaker (for {@code CircuitBreakerMaintenance} and metrics). */
    public static final String CIRCUIT = "psp-payouts";

    @Inject
    @RestClient
    SandboxPayoutApi api;

    @Override
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = PspUnavailableException.class,
            abortOn = {PspRejectedException.class, TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            skipOn = PspRejectedException.class)
    @CircuitBreakerName(CIRCUIT)
    @Bulkhead(value = 10, waitingTaskQueue = 100)
    public Uni<PspPayoutResult> payout(PspPayoutRequest r) {
        SandboxPayoutApi.Body body = new SandboxPayoutApi.Body(r.idempotencyKey(), Amounts.format(r.amount()), r.currency(),
                r.beneficiary(), new SandboxPayoutApi.Metadata(r.paymentId(), r.escrowId(), r.milestoneId()));
        return Uni.createFrom().deferred(() -> api.create(r.idempotencyKey(), body))
                .map(response -> {
                    SandboxPayoutApi.Accepted a = response.getEntity();
                    if (a == null || a.pspRef() == null || a.pspRef().isBlank()) {
                        throw new PspUnavailableException("PSP answer without psp_ref");
                    }
                    return new PspPayoutResult(a.pspRef(), a.status(), "true".equals(response.getHeaderString("Idempotent-Replayed")));
                })
                .onFailure(e -> !(e instanceof PspRejectedException) && !(e instanceof PspUnavailableException))
                .transform(e -> new PspUnavailableException("PSP call failed: " + e.getClass().getSimpleName()));
    }
}
