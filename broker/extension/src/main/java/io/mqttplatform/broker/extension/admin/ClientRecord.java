package io.mqttplatform.broker.extension.admin;

import java.time.Instant;

/**
 * One client as the operations API shows it: what its CONNECT said and where it came from (null when unknown, e.g. a
 * session kept from before a restart), and whether it is connected now.
 *
 * @param connection     the connection this record describes (its Netty channel), so that the end of
 *                       an older connection with the same id (a take-over) does not mark the newer one disconnected
 * @param sessionExpiry  seconds the session outlives the connection (0: it ends with it; MQTT 3's persistent
 *                       sessions: HiveMQ's maximum, 4294967295)
 */
public record ClientRecord(
        String id,
        boolean connected,
        Instant connectedAt,
        Instant disconnectedAt,
        String address,
        String protocol,
        Integer keepAlive,
        Boolean cleanStart,
        long sessionExpiry,
        String username,
        Object connection) {

    /** HiveMQ's "never expires" for MQTT 5, and what it gives MQTT 3 sessions that are not clean. */
    static final long NEVER_EXPIRES = 4_294_967_295L;

    /** A session HiveMQ holds that no connection of this run described (kept from before a restart). */
    public static ClientRecord session(String id, boolean connected, long sessionExpiry) {
        return new ClientRecord(id, connected, null, null, null, null, null, null, sessionExpiry, null, null);
    }

    ClientRecord disconnected(Instant at) {
        return new ClientRecord(
                id, false, connectedAt, at, address, protocol, keepAlive, cleanStart, sessionExpiry, username, null);
    }

    /** Whether HiveMQ has let the session expire by {@code now}: a disconnected session past its expiry. */
    boolean expired(Instant now) {
        return !connected
                && disconnectedAt != null
                && sessionExpiry < NEVER_EXPIRES
                && disconnectedAt.plusSeconds(sessionExpiry).isBefore(now);
    }

    /**
     * The same record, not an equal one: the directory replaces records and compares them by identity. (A record's
     * generated {@code equals} is linked at its first call, which spun up method handles for about 100 ms on HiveMQ's
     * extension executor at the first user's disconnect, while the first users' messages waited behind it.)
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Whether {@code text} (lower case) is part of the id, the address or the user name. */
    boolean mentions(String text) {
        return contains(id, text) || contains(address, text) || contains(username, text);
    }

    private static boolean contains(String field, String text) {
        return field != null && field.toLowerCase(java.util.Locale.ROOT).contains(text);
    }
}
