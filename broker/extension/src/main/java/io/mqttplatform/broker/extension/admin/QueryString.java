package io.mqttplatform.broker.extension.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of one request, percent-decoded as RFC 3986 says ({@code +} stays a plus, which MQTT filters
 * need), each checked where it is read: a bad value names the parameter, what was wrong and what is allowed.
 */
final class QueryString {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Map<String, String> values;

    private QueryString(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw query string; a parameter outside {@code known} is refused (a typo should not go unnoticed). */
    static QueryString parse(String rawQuery, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (!known.contains(name)) {
                    throw OperationsFailure.invalid("unknown query parameter '" + name + "'; this path takes " + known);
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw OperationsFailure.invalid("query parameter '" + name + "' is given twice; give it once");
                }
            }
        }
        return new QueryString(values);
    }

    /** RFC 3986 percent-decoding of one URL part: unlike a form, {@code +} is a plus. */
    static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OperationsFailure.invalid("'" + part + "' is not percent-encoded correctly: " + e.getMessage());
        }
    }

    String text(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    int limit() {
        String value = text("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw OperationsFailure.invalid("limit: '" + value + "' is not a whole number from 1 to " + MAX_LIMIT
                + " (default " + DEFAULT_LIMIT + ")");
    }

    Boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw OperationsFailure.invalid(name + ": '" + value + "' is not true or false");
        };
    }

    /** Where the previous page ended, from the opaque cursor it gave. */
    String cursor() {
        String value = text("cursor");
        if (value == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OperationsFailure.invalid(
                    "cursor: '" + value + "' is not a cursor this API gave; pass the previous page's cursor as is");
        }
    }

    static String cursorOf(String position) {
        return position == null
                ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }
}
