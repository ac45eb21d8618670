package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** Answers every {@link ProblemException} as an RFC 9457 problem document. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    public static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Response toResponse(ProblemException problem) {
        return problemResponse(problem);
    }

    /** The problem document of a {@link ProblemException}, with its headers (Retry-After, WWW-Authenticate). */
    public static Response problemResponse(ProblemException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.putAll(problem.extensions());
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(PROBLEM_JSON).entity(body);
        problem.headers().forEach(response::header);
        return response.build();
    }
}
