package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.model.PublishResult;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The answer to one published message, from either publish endpoint: 202 for QoS 0 (handed over), else 200. */
final class PublishAnswer {

    static Response of(PublishResult result) {
        return Response.status(result.qos() == 0 ? 202 : 200)
                .type(MediaType.APPLICATION_JSON)
                .entity(result)
                .build();
    }

    private PublishAnswer() {}
}
