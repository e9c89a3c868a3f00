package com.kobatela.kernel.outbox;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The transaction boundary of the service layer: runs the work in one database transaction, then wakes the
 * outbox relay so that staged events leave right after the commit (the 1 s sweep is only the safety net).
 */
@ApplicationScoped
public class Transactions {

    @Inject
    OutboxRelay relay;

    /**
     * Runs {@code work} in a transaction (joins the current one if any).
     *
     * @return the work's result, after commit
     */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::wakeUp);
    }
}
