package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.failure.Failure;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionException;

/** Asynchronous endpoints fail with the failure wrapped in a CompletionException: answer the failure itself. */
@Provider
public class CompletionExceptionMapper implements ExceptionMapper<CompletionException> {

    private static final Logger log = Logger.getLogger(CompletionExceptionMapper.class);

    @Override
    public Response toResponse(CompletionException exception) {
        if (!(Failure.unwrap(exception) instanceof Failure)) {
            log.error("Unexpected failure", exception);
        }
        return Problems.response(Failure.from(exception));
    }
}
