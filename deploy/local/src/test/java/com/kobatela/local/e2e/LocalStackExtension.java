package com.kobatela.local.e2e;

import com.kobatela.local.LocalStack;
import com.kobatela.local.Service;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: makes sure the {@link E2eStack} runs before the test class and injects
 * {@link LocalStack.Running} and {@link E2eHttp} (a gateway client authenticated with the admin key
 * when the gateway is part of the stack) into test and lifecycle methods.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        E2eStack.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.Running.class || type == E2eHttp.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalStack.Running stack = E2eStack.get();
        if (parameter.getParameter().getType() == LocalStack.Running.class) {
            return stack;
        }
        E2eHttp http = new E2eHttp(stack.gatewayUrl());
        return stack.services().contains(Service.GATEWAY) ? http.withApiKey(stack.adminKey()) : http;
    }
}
