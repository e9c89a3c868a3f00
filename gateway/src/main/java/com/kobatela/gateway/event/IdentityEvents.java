package com.kobatela.gateway.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.gateway.domain.User;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.kernel.event.payload.UserRegistered;
import com.kobatela.kernel.outbox.OutboxWriter;
import com.kobatela.kernel.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Identity events of the gateway, staged in the transactional outbox (ARCHITECTURE §3): topic
 * {@code kobatela.identity.v1}, key = user id, actor and correlation id of the caller. Must run inside the
 * transaction that changes the user.
 */
@ApplicationScoped
public class IdentityEvents {

    @Inject
    OutboxWriter outbox;

    /** Stages {@code identity.user-registered.v1} for a new user (no e-mail: PII stays in the gateway). */
    public Uni<Void> userRegistered(User user, Caller caller) {
        return outbox.write(Topics.IDENTITY, String.valueOf(user.id), EventTypes.USER_REGISTERED,
                new UserRegistered(user.id, user.username, user.isActive, user.publicTag), caller.actor(), caller.requestId())
                .replaceWithVoid();
    }
}
