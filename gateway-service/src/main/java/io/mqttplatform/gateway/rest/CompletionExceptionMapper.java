package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionException;

/** Asynchronous endpoints fail with the problem wrapped in a CompletionException: answer the problem itself. */
@Provider
public class CompletionExceptionMapper implements ExceptionMapper<CompletionException> {

    private static final Logger log = Logger.getLogger(CompletionExceptionMapper.class);

    @Override
    public Response toResponse(CompletionException exception) {
        if (!(ProblemException.unwrap(exception) instanceof ProblemException)) {
            log.error("Unexpected failure", exception);
        }
        return ProblemExceptionMapper.problemResponse(ProblemException.of(exception));
    }
}
