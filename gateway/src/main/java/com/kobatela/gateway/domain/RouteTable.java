package com.kobatela.gateway.domain;

import static com.kobatela.kernel.security.Scope.ADMIN;
import static com.kobatela.kernel.security.Scope.SENDER;
import static com.kobatela.kernel.security.Scope.SUPPORT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.kobatela.kernel.security.Scope;

/**
 * The gateway's table of public routes: method + path pattern → owning service and allowed scopes (spec
 * {@code api.md#0.6} and {@code #9}; split of {@code README.md#proposed-split-across-services}). {@code admin}
 * passes every scope check. A path not in the table is an unknown route ({@code 404 NOT_FOUND} after
 * authentication). Pure and immutable.
 */
public final class RouteTable {

    private static final String ID = "[^/]+";

    private static final List<RouteRule> RULES = build();

    private RouteTable() {
    }

    /** Every rule, first match wins. */
    public static List<RouteRule> rules() {
        return RULES;
    }

    /**
     * The rule for a request.
     *
     * @param method upper-case HTTP method
     * @param path   request path without query (a trailing slash is ignored)
     * @return the first matching rule, or empty for an unknown route
     */
    public static Optional<RouteRule> find(String method, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (RouteRule r : RULES) {
            if (r.matches(method, p)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static List<RouteRule> build() {
        List<RouteRule> r = new ArrayList<>();
        // Platform and PSP webhooks: no API key (the webhook signature is verified by payment-service).
        add(r, "GET", "/health", Upstream.LOCAL);
        add(r, "POST", "/psp/webhook", Upstream.PAYMENT);
        add(r, "POST", "/psp/stripe/webhook", Upstream.PAYMENT);
        // Identity (gateway).
        add(r, "POST", "/users", Upstream.LOCAL, SUPPORT);
        add(r, "GET", "/users/" + ID, Upstream.LOCAL, SUPPORT);
        add(r, "POST", "/users/" + ID + "/psp/stripe/account-link", Upstream.PAYMENT, ADMIN);
        add(r, "POST", "/apikeys", Upstream.LOCAL, ADMIN);
        add(r, "GET", "/apikeys/" + ID, Upstream.LOCAL, ADMIN);
        add(r, "DELETE", "/apikeys/" + ID, Upstream.LOCAL, ADMIN);
        add(r, "POST", "/apikeys/" + ID + "/rotate", Upstream.LOCAL, ADMIN);
        add(r, "GET", "/audit-logs", Upstream.LOCAL, ADMIN);
        // Escrows: payment-service owns balance, payments and funding sessions.
        add(r, "GET", "/escrows/" + ID + "/balance", Upstream.PAYMENT, SENDER, SUPPORT);
        add(r, "GET", "/escrows/" + ID + "/payments", Upstream.PAYMENT, SENDER, SUPPORT);
        add(r, "POST", "/escrows/" + ID + "/funding-session", Upstream.PAYMENT, SENDER);
        add(r, "POST", "/escrows", Upstream.ESCROW, SENDER);
        add(r, "GET", "/escrows/milestones/" + ID, Upstream.ESCROW, SENDER);
        add(r, "POST", "/escrows/" + ID + "/(deposit|mark-delivered|client-approve|client-reject|check-deadline)",
                Upstream.ESCROW, SENDER);
        add(r, "POST", "/escrows/" + ID + "/milestones", Upstream.ESCROW, ADMIN);
        add(r, "GET", "/escrows/" + ID + "/milestones", Upstream.ESCROW, SENDER);
        add(r, "GET", "/escrows/" + ID + "/events", Upstream.ESCROW, SENDER, SUPPORT);
        add(r, "GET", "/escrows/" + ID, Upstream.ESCROW, SENDER, SUPPORT);
        // Public sector [BEYOND SEED SCOPE]: sender (+ GOV/ONG user, checked by escrow-service).
        addAny(r, "/kct_public(/.*)?", Upstream.ESCROW, SENDER);
        // Conditional spend, payees, restricted transfers.
        add(r, "POST", "/mandates", Upstream.SPEND, SENDER);
        add(r, "POST", "/mandates/cleanup", Upstream.SPEND, SENDER);
        add(r, "GET", "/mandates/" + ID, Upstream.SPEND, SENDER, SUPPORT);
        add(r, "POST", "/spend/(categories|merchants|allow|allowed)", Upstream.SPEND, SUPPORT);
        add(r, "GET", "/spend/allowed/" + ID, Upstream.SPEND, SUPPORT);
        add(r, "POST", "/spend/purchases", Upstream.SPEND, SENDER);
        add(r, "POST", "/spend", Upstream.SPEND, SENDER);
        add(r, "POST", "/allowlist", Upstream.SPEND, ADMIN);
        add(r, "POST", "/certified", Upstream.SPEND, ADMIN);
        add(r, "POST", "/transactions", Upstream.SPEND, ADMIN);
        add(r, "GET", "/transactions/" + ID, Upstream.SPEND, ADMIN);
        add(r, "GET", "/alerts", Upstream.SPEND, SUPPORT);
        // Proofs.
        add(r, "POST", "/proofs", Upstream.PROOF, SENDER);
        add(r, "GET", "/proofs/" + ID, Upstream.PROOF, SENDER, SUPPORT);
        add(r, "POST", "/proofs/" + ID + "/decision", Upstream.PROOF, SUPPORT);
        // Payments.
        add(r, "POST", "/payments/execute/" + ID, Upstream.PAYMENT, SENDER);
        add(r, "GET", "/payments/" + ID, Upstream.PAYMENT, SENDER, SUPPORT);
        return List.copyOf(r);
    }

    private static void add(List<RouteRule> rules, String method, String path, Upstream target, Scope... allowed) {
        rules.add(new RouteRule(method, Pattern.compile(path), target, List.of(allowed)));
    }

    private static void addAny(List<RouteRule> rules, String path, Upstream target, Scope... allowed) {
        rules.add(new RouteRule(null, Pattern.compile(path), target, List.of(allowed)));
    }
}
