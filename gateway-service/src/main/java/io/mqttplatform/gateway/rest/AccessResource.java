package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.auth.ApiKeyStore;
import io.mqttplatform.gateway.model.Access;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/access}: the topic filters the caller's API key may publish and subscribe to, so that a client
 * (the web UI's topic tree) asks only for what it may read.
 */
@Path("/api/v1/access")
public class AccessResource {

    private final ApiKeyStore keys;

    public AccessResource(ApiKeyStore keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the caller's API key may do")
    @APIResponse(responseCode = "200", description = "{key, publish: [filters], subscribe: [filters]}")
    @APIResponse(responseCode = "401", description = "auth is on and the key is missing or not valid")
    public Access access(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("access_token") String accessToken) {
        return keys.authenticate(authorization, accessToken).access();
    }
}
