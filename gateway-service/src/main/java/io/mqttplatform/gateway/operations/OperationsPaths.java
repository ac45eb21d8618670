package io.mqttplatform.gateway.operations;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The paths of the broker's operations API (docs/interfaces.md, "Broker", "Operations API") with every value
 * percent-encoded: a client id may hold '/', '?', '%', spaces or anything else MQTT allows, and must reach the broker
 * as one path segment.
 */
final class OperationsPaths {

    static final String CLIENTS = "/api/v1/mqtt/clients";
    static final String SUBSCRIPTIONS = "/api/v1/mqtt/subscriptions";

    static String clients(ClientsQuery query) {
        return CLIENTS
                + query(
                        "limit",
                        query.limit(),
                        "cursor",
                        query.cursor(),
                        "q",
                        query.q(),
                        "connected",
                        query.connected());
    }

    static String client(String id) {
        return CLIENTS + "/" + segment(id);
    }

    static String connection(String id, boolean removeSession) {
        return client(id) + "/connection" + query("removeSession", removeSession);
    }

    static String subscriptions(SubscriptionsQuery query) {
        return SUBSCRIPTIONS
                + query(
                        "topic", query.topic(),
                        "filter", query.filter(),
                        "limit", query.limit(),
                        "cursor", query.cursor());
    }

    /** A value as one path segment: percent-encoded, '.' too where the segment is only dots ("." and ".."). */
    static String segment(String value) {
        String encoded = encode(value);
        return encoded.matches("\\.+") ? encoded.replace(".", "%2E") : encoded;
    }

    /** "?a=1&b=x" of the pairs whose value is not null, or "" when there is none. */
    private static String query(Object... namesAndValues) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) {
                query.add(namesAndValues[i] + "=" + encode(value.toString()));
            }
        }
        return query.toString();
    }

    /** Percent-encoding of UTF-8 (URLEncoder's form encoding, with a space as %20 rather than '+'). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private OperationsPaths() {}
}
