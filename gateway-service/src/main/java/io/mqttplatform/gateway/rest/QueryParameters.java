package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.failure.Failure;

/** The query parameters of the publish endpoints, read as the API documents them (400 naming the parameter). */
final class QueryParameters {

    /** Reads a qos parameter: 0, 1 or 2, default 1. */
    static int qos(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return 1;
        }
        switch (raw.trim()) {
            case "0":
                return 0;
            case "1":
                return 1;
            case "2":
                return 2;
            default:
                throw Failure.invalid(field + " must be 0, 1 or 2; got '" + raw + "'");
        }
    }

    /** Reads a retain parameter: true or false, default false. */
    static boolean retain(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw Failure.invalid(field + " must be true or false; got '" + raw + "'");
        };
    }

    private QueryParameters() {}
}
