package io.mqttplatform.broker.extension.admin;

/**
 * A page of the client list: at most {@code limit} clients after {@code after} (an id; null: from the first), whose
 * id, address or user name contains {@code text} (lower case; null: any), connected or not ({@code connected} null:
 * both).
 */
public record ClientQuery(int limit, String after, String text, Boolean connected) {

    boolean matches(ClientRecord client) {
        return (text == null || client.mentions(text)) && (connected == null || client.connected() == connected);
    }
}
