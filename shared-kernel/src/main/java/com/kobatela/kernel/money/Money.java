package com.kobatela.kernel.money;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An amount of money: {@link BigDecimal} with scale 2 (HALF_UP) and an ISO 4217 currency code (three
 * upper-case letters). Used in event payloads and domain code; spec {@code rules.md#money}.
 *
 * @param amount   scale 2, normalised by the constructor
 * @param currency three upper-case letters, e.g. {@code USD}
 */
@RegisterForReflection
public record Money(
        @JsonSerialize(using = AmountSerializer.class) @JsonDeserialize(using = AmountDeserializer.class) BigDecimal amount,
        String currency) {

    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    /**
     * @throws IllegalArgumentException when the amount is null or the currency is not three upper-case letters
     */
    public Money {
        Objects.requireNonNull(amount, "amount");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be three upper-case letters");
        }
        amount = Amounts.normalize(amount);
    }

    /** Builds a money value from a decimal string such as {@code "100.00"}. */
    public static Money of(String amount, String currency) {
        return new Money(Amounts.parse(amount), currency);
    }

    /** Sum of two amounts of the same currency. */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    /** Difference of two amounts of the same currency (may be negative). */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return Amounts.format(amount) + " " + currency;
    }
}
