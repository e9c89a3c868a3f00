package com.kobatela.local.e2e;

import com.kobatela.local.LocalStack;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base class of end-to-end tests: the stack is started once per test run and tests talk to the
 * gateway only, as a partner would.
 */
@ExtendWith(LocalStackExtension.class)
public abstract class E2eTestBase {

    /** The running stack. */
    protected static LocalStack.Running stack() {
        return E2eStack.get();
    }

    /** A gateway client without credentials. */
    protected static E2eHttp gateway() {
        return new E2eHttp(stack().gatewayUrl());
    }

    /** A gateway client authenticated with the admin API key. */
    protected static E2eHttp admin() {
        return gateway().withApiKey(stack().adminKey());
    }
}
