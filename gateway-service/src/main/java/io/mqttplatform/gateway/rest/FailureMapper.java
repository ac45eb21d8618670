package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.failure.Failure;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers every {@link Failure} a resource throws as its RFC 9457 problem document ({@link Problems}). */
@Provider
public class FailureMapper implements ExceptionMapper<Failure> {

    @Override
    public Response toResponse(Failure failure) {
        return Problems.response(failure);
    }
}
