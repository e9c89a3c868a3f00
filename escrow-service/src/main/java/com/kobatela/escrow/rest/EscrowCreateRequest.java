package com.kobatela.escrow.rest;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.kobatela.escrow.domain.EscrowDomain;
import com.kobatela.escrow.service.NewEscrow;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.money.AmountDeserializer;
import com.kobatela.kernel.money.Amounts;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /escrows} (spec {@code api.md#3.1}); unknown fields are refused by the shared Jackson
 * configuration.
 *
 * @param clientId          payer user id, required
 * @param providerId        beneficiary user id, required
 * @param amountTotal       money (number or string), rounded HALF_UP to scale 2, must be &gt; 0
 * @param currency          exactly {@code USD} or {@code EUR}
 * @param releaseConditions any JSON object, required
 * @param deadlineAt        ISO-8601 datetime, naive = UTC, required
 * @param domain            {@code private} (default), {@code public} or {@code aid}
 */
@RegisterForReflection
public record EscrowCreateRequest(
        Long clientId,
        Long providerId,
        @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amountTotal,
        String currency,
        JsonNode releaseConditions,
        String deadlineAt,
        String domain) {

    /**
     * Validates the body in field order.
     *
     * @param canonicalConditions the release conditions as canonical JSON text
     * @return the validated request
     * @throws ApiException {@code 422 VALIDATION_ERROR} naming the first failing field
     */
    public NewEscrow validate(java.util.function.Function<JsonNode, String> canonicalConditions) {
        if (clientId == null) {
            throw ApiException.validation("client_id", "Field required.");
        }
        if (providerId == null) {
            throw ApiException.validation("provider_id", "Field required.");
        }
        if (amountTotal == null) {
            throw ApiException.validation("amount_total", "Field required.");
        }
        if (!Amounts.isPositive(amountTotal)) {
            throw ApiException.validation("amount_total", "amount_total must be greater than 0.");
        }
        if (!"USD".equals(currency) && !"EUR".equals(currency)) {
            throw ApiException.validation("currency", "currency must be USD or EUR.");
        }
        if (releaseConditions == null || !releaseConditions.isObject()) {
            throw ApiException.validation("release_conditions", "release_conditions must be a JSON object.");
        }
        OffsetDateTime deadline = parseDeadline();
        EscrowDomain d = domain == null ? EscrowDomain.PRIVATE : EscrowDomain.fromValue(domain);
        if (d == null) {
            throw ApiException.validation("domain", "domain must be one of private, public, aid.");
        }
        return new NewEscrow(clientId, providerId, Amounts.normalize(amountTotal), currency,
                canonicalConditions.apply(releaseConditions), deadline, d);
    }

    private OffsetDateTime parseDeadline() {
        if (deadlineAt == null || deadlineAt.isBlank()) {
            throw ApiException.validation("deadline_at", "Field required.");
        }
        String text = deadlineAt.strip();
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(text);
        } catch (DateTimeParseException offsetMissing) {
            try {
                parsed = LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw ApiException.validation("deadline_at", "deadline_at must be an ISO-8601 datetime.");
            }
        }
        return parsed.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
