package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.config.GatewayConfig;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.failure.FailureKind;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /api/v1/bench/noop}: reads the body and answers 202, nothing else. The baseline that `make bench`
 * compares REST publishing with (same server, same body handling, no MQTT). 404 unless GATEWAY_BENCH_ENABLED=true.
 */
@Path("/api/v1/bench/noop")
public class BenchNoopResource {

    private final boolean enabled;

    public BenchNoopResource(GatewayConfig config) {
        this.enabled = config.bench().enabled();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response noop(byte[] body) {
        if (!enabled) {
            throw Failure.of(FailureKind.NOT_FOUND, "the benchmark endpoint is off (GATEWAY_BENCH_ENABLED=false)");
        }
        return Response.accepted().build();
    }
}
