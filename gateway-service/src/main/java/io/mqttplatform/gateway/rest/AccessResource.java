package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.model.Access;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * {@code GET /api/v1/access}: the topic filters the caller's API key may publish and subscribe to, so that a client
 * (the web UI's topic tree) asks only for what it may read.
 */
@SecurityScheme(
        securitySchemeName = ApiSecurity.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "an API key (GATEWAY_AUTH_KEYS_FILE) as Authorization: Bearer KEY; not needed when auth is off")
@SecurityScheme(
        securitySchemeName = ApiSecurity.ACCESS_TOKEN,
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.QUERY,
        apiKeyName = "access_token",
        description = "the same API key as the access_token query parameter, for EventSource and links")
@CallerRequired
@SecurityRequirement(name = ApiSecurity.BEARER)
@SecurityRequirement(name = ApiSecurity.ACCESS_TOKEN)
@Path("/api/v1/access")
public class AccessResource {

    private final CurrentCaller current;

    public AccessResource(CurrentCaller current) {
        this.current = current;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the caller's API key may do")
    @APIResponse(responseCode = "200", description = "{key, publish: [filters], subscribe: [filters]}")
    @APIResponse(responseCode = "401", description = "auth is on and the key is missing or not valid")
    public Access access(@QueryParam("access_token") String accessToken) {
        return current.get().access();
    }
}
