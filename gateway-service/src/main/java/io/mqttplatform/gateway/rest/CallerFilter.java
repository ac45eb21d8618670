package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.auth.ApiKeyStore;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * The one place where a REST request's API key is read: the {@code Authorization: Bearer KEY} header or the
 * {@code access_token} query parameter (for EventSource and links), checked by {@link ApiKeyStore}; the
 * {@link CurrentCaller} is what the resource then acts for. Runs before the body is read, so a request without a valid
 * key is answered 401 at once. The WebSocket upgrade has its own check ({@code websocket.ApiKeyUpgradeCheck}).
 */
@Provider
@CallerRequired
@Priority(Priorities.AUTHENTICATION)
public class CallerFilter implements ContainerRequestFilter {

    private final ApiKeyStore keys;
    private final CurrentCaller current;

    public CallerFilter(ApiKeyStore keys, CurrentCaller current) {
        this.keys = keys;
        this.current = current;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        current.set(keys.authenticate(
                request.getHeaderString(HttpHeaders.AUTHORIZATION),
                request.getUriInfo().getQueryParameters().getFirst("access_token")));
    }
}
