package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.failure.Failure;

import java.util.Locale;

/**
 * The query parameters of the publish and operations endpoints, read as the API documents them (400 naming the
 * parameter and what it allows).
 */
final class QueryParameters {

    /** The largest page the broker's operations API gives (docs/interfaces.md). */
    static final int MAX_LIMIT = 1000;

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
        Boolean retain = flag(raw, field);
        return retain != null && retain;
    }

    /** Reads a true-or-false parameter (also 1 or 0); null when it is absent or blank. */
    static Boolean flag(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw Failure.invalid(field + " must be true or false; got '" + raw + "'");
        };
    }

    /** Reads a page size: a whole number from 1 to {@value #MAX_LIMIT}; null (the broker's default) when absent. */
    static Integer limit(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.trim();
        if (trimmed.matches("[0-9]{1,4}")) {
            int limit = Integer.parseInt(trimmed);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw Failure.invalid(field + " must be a whole number from 1 to " + MAX_LIMIT + "; got '" + raw + "'");
    }

    private QueryParameters() {}
}
