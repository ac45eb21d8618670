package io.mqttplatform.gateway.rest;

/**
 * The names of the two ways a request names its API key in the OpenAPI document (the resources with
 * {@link CallerRequired} require either): the {@code Authorization: Bearer KEY} header, or the {@code access_token}
 * query parameter for clients that cannot set headers (EventSource, links). The schemes themselves are declared on
 * {@link AccessResource}, as the OpenAPI scanner reads them only from resources.
 */
public final class ApiSecurity {

    public static final String BEARER = "bearer";
    public static final String ACCESS_TOKEN = "access_token";

    private ApiSecurity() {}
}
