package com.kobatela.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.kobatela.gateway.domain.RouteRule;
import com.kobatela.gateway.domain.RouteTable;
import com.kobatela.gateway.domain.Upstream;
import com.kobatela.kernel.security.Scope;

/** Plain unit tests of the route table: owners, scopes per scope value, messages. */
class RouteTableTest {

    private static RouteRule rule(String method, String path) {
        return RouteTable.find(method, path).orElseThrow(() -> new AssertionError(method + " " + path));
    }

    @Test
    void ownersFollowTheSplit() {
        assertEquals(Upstream.PAYMENT, rule("GET", "/escrows/1/balance").target());
        assertEquals(Upstream.PAYMENT, rule("GET", "/escrows/1/payments").target());
        assertEquals(Upstream.PAYMENT, rule("POST", "/escrows/1/funding-session").target());
        assertEquals(Upstream.PAYMENT, rule("POST", "/payments/execute/3").target());
        assertEquals(Upstream.PAYMENT, rule("POST", "/psp/webhook").target());
        assertEquals(Upstream.ESCROW, rule("POST", "/escrows").target());
        assertEquals(Upstream.ESCROW, rule("GET", "/escrows/1").target());
        assertEquals(Upstream.ESCROW, rule("GET", "/escrows/milestones/2").target());
        assertEquals(Upstream.ESCROW, rule("POST", "/escrows/1/deposit").target());
        assertEquals(Upstream.ESCROW, rule("GET", "/kct_public/projects").target());
        assertEquals(Upstream.SPEND, rule("POST", "/spend").target());
        assertEquals(Upstream.SPEND, rule("GET", "/alerts").target());
        assertEquals(Upstream.PROOF, rule("POST", "/proofs/4/decision").target());
        assertEquals(Upstream.LOCAL, rule("POST", "/users").target());
        assertEquals(Upstream.LOCAL, rule("DELETE", "/apikeys/1").target());
        assertTrue(RouteTable.find("GET", "/escrows").isEmpty());
        assertTrue(RouteTable.find("DELETE", "/escrows/1").isEmpty());
    }

    @Test
    void scopesPerValue() {
        RouteRule users = rule("POST", "/users");
        assertTrue(Scope.SUPPORT.satisfies(users.allowed()));
        assertTrue(Scope.ADMIN.satisfies(users.allowed()));
        assertFalse(Scope.SENDER.satisfies(users.allowed()));
        RouteRule escrows = rule("POST", "/escrows");
        assertTrue(Scope.SENDER.satisfies(escrows.allowed()));
        assertFalse(Scope.SUPPORT.satisfies(escrows.allowed()));
        RouteRule read = rule("GET", "/escrows/9");
        assertTrue(Scope.SENDER.satisfies(read.allowed()) && Scope.SUPPORT.satisfies(read.allowed()));
        assertTrue(rule("POST", "/psp/webhook").isPublic());
        assertTrue(rule("GET", "/health").isPublic());
        assertEquals(List.of(), rule("GET", "/health").allowed());
    }

    @Test
    void insufficientScopeMessages() {
        assertEquals("Requires one of: ['admin', 'support']", rule("POST", "/users").insufficientScopeMessage());
        assertEquals("Requires one of: ['admin']", rule("POST", "/escrows/1/milestones").insufficientScopeMessage());
        assertEquals("Requires one of: ['admin', 'sender']", rule("POST", "/mandates").insufficientScopeMessage());
        assertEquals("Requires one of: ['admin', 'sender', 'support']", rule("GET", "/escrows/1").insufficientScopeMessage());
    }
}
