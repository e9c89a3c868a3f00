package com.kobatela.payment.service;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * Work to run once a transaction has committed (metrics, handing a reserved payment to the PSP). Cleared when the
 * transaction is retried, so only the attempt that committed runs its work.
 */
public final class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);
    private final List<Runnable> actions = new ArrayList<>();

    /** Adds an action. */
    public synchronized void add(Runnable action) {
        actions.add(action);
    }

    /** Forgets the actions of a rolled-back attempt. */
    public synchronized void clear() {
        actions.clear();
    }

    /** Runs the actions in order; a failing action is logged and does not stop the others. */
    public void run() {
        List<Runnable> todo;
        synchronized (this) {
            todo = List.copyOf(actions);
            actions.clear();
        }
        for (Runnable r : todo) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("after-commit action failed", e);
            }
        }
    }
}
