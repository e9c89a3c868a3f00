package com.kobatela.psp.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The PSP's payout API as payment-service sees it.
 *
 * <p>{@code POST /payouts} is idempotent on {@code idempotency_key}: the same key always yields the
 * same {@code psp_ref}; the same key with a different amount, currency or beneficiary is refused with
 * 409 {@code IDEMPOTENCY_KEY_REUSED}. The answer depends on the {@link SandboxBehaviour} mode.
 */
@Path("/payouts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PayoutResource {

    private static final Logger LOG = Logger.getLogger(PayoutResource.class);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /**
     * Payout request body.
     *
     * @param idempotencyKey caller's idempotency key (required)
     * @param amount         positive amount, JSON string or number (required)
     * @param currency       3 upper-case letters (required)
     * @param beneficiary    beneficiary reference (required)
     */
    public record PayoutRequest(
            @JsonProperty("idempotency_key") String idempotencyKey,
            @JsonProperty("amount") BigDecimal amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("beneficiary") String beneficiary) {
    }

    /**
     * Answer to an accepted payout.
     *
     * @param pspRef the PSP reference
     * @param status {@code accepted}
     */
    public record PayoutAccepted(@JsonProperty("psp_ref") String pspRef, @JsonProperty("status") String status) {
    }

    /**
     * Full view of a payout.
     *
     * @param pspRef         PSP reference
     * @param idempotencyKey caller's idempotency key
     * @param amount         amount with two decimals, as a string
     * @param currency       currency
     * @param beneficiary    beneficiary reference
     * @param status         payout status
     * @param createdAt      acceptance time (UTC)
     */
    public record PayoutView(
            @JsonProperty("psp_ref") String pspRef,
            @JsonProperty("idempotency_key") String idempotencyKey,
            @JsonProperty("amount") String amount,
            @JsonProperty("currency") String currency,
            @JsonProperty("beneficiary") String beneficiary,
            @JsonProperty("status") String status,
            @JsonProperty("created_at") Instant createdAt) {

        static PayoutView of(Payout p) {
            return new PayoutView(p.pspRef(), p.idempotencyKey(), p.amount().toPlainString(), p.currency(),
                    p.beneficiary(), p.status(), p.createdAt());
        }
    }

    @Inject
    PayoutStore store;

    @Inject
    SandboxBehaviour behaviour;

    @ConfigProperty(name = "psp-sandbox.hang-duration", defaultValue = "60s")
    Duration hangDuration;

    /** Creates (once per idempotency key) a payout, answering according to the current mode. */
    @POST
    public Uni<Response> create(PayoutRequest request) {
        Response invalid = validate(request);
        if (invalid != null) {
            return Uni.createFrom().item(invalid);
        }
        SandboxBehaviour.Setting setting = behaviour.current();
        if (setting.mode() == SandboxBehaviour.Mode.FAIL) {
            LOG.infof("fail mode: refusing payout %s", request.idempotencyKey());
            return Uni.createFrom().item(ApiError.response(502, "PSP_UNAVAILABLE",
                    "PSP sandbox is in fail mode", null));
        }
        Response answer = accept(request);
        return switch (setting.mode()) {
            case HANG -> {
                LOG.infof("hang mode: holding the answer for payout %s for %s", request.idempotencyKey(), hangDuration);
                yield Uni.createFrom().item(ApiError.response(504, "PSP_TIMEOUT",
                        "PSP sandbox is in hang mode", null)).onItem().delayIt().by(hangDuration);
            }
            case SLOW -> Uni.createFrom().item(answer).onItem().delayIt().by(setting.delay());
            default -> Uni.createFrom().item(answer);
        };
    }

    /** Returns a payout by PSP reference, or 404 {@code PAYOUT_NOT_FOUND}. */
    @GET
    @Path("/{psp_ref}")
    public Response get(@PathParam("psp_ref") String pspRef) {
        return store.find(pspRef)
                .map(p -> Response.ok(PayoutView.of(p)).build())
                .orElseGet(() -> ApiError.response(404, "PAYOUT_NOT_FOUND", "unknown psp_ref", "psp_ref"));
    }

    private Response accept(PayoutRequest request) {
        BigDecimal amount = request.amount().setScale(2, RoundingMode.HALF_UP);
        Payout payout = store.acceptOnce(request.idempotencyKey(), amount, request.currency(), request.beneficiary());
        boolean same = payout.amount().compareTo(amount) == 0
                && payout.currency().equals(request.currency())
                && payout.beneficiary().equals(request.beneficiary());
        if (!same) {
            return ApiError.response(409, "IDEMPOTENCY_KEY_REUSED",
                    "idempotency_key already used for a different payout", "idempotency_key");
        }
        return Response.ok(new PayoutAccepted(payout.pspRef(), payout.status())).build();
    }

    private static Response validate(PayoutRequest request) {
        if (request == null) {
            return ApiError.response(400, "VALIDATION_ERROR", "JSON body required", null);
        }
        if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
            return ApiError.response(400, "VALIDATION_ERROR", "idempotency_key is required", "idempotency_key");
        }
        if (request.amount() == null || request.amount().signum() <= 0) {
            return ApiError.response(400, "VALIDATION_ERROR", "amount must be positive", "amount");
        }
        if (request.currency() == null || !CURRENCY.matcher(request.currency()).matches()) {
            return ApiError.response(400, "VALIDATION_ERROR", "currency must be 3 upper-case letters", "currency");
        }
        if (request.beneficiary() == null || request.beneficiary().isBlank()) {
            return ApiError.response(400, "VALIDATION_ERROR", "beneficiary is required", "beneficiary");
        }
        return null;
    }
}
