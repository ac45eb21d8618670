package io.mqttplatform.broker.extension.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The clients the broker has a session for, kept in memory by id as their connections start and end
 * ({@link ClientTracker}), so that a page of 100 of 100,000 clients costs a walk over the map and no call into HiveMQ.
 * HiveMQ's ClientService can list sessions but knows nothing of a connection's address, protocol or keep-alive.
 */
public final class ClientDirectory {

    private final ConcurrentSkipListMap<String, ClientRecord> clients = new ConcurrentSkipListMap<>();
    private final Clock clock;

    public ClientDirectory(Clock clock) {
        this.clock = clock;
    }

    /** A connection has been accepted: it replaces whatever the id had. */
    public void connected(ClientRecord client) {
        clients.put(client.id(), client);
    }

    /**
     * {@code connection} has ended: the client is kept as disconnected while its session lives on, forgotten when the
     * session ended with it. The end of an older connection (taken over by a newer one) changes nothing.
     */
    public void disconnected(String id, Object connection) {
        clients.computeIfPresent(id, (key, client) -> {
            if (client.connection() != connection) {
                return client;
            }
            return client.sessionExpiry() == 0 ? null : client.disconnected(clock.instant());
        });
    }

    /** A session HiveMQ holds from before this run (seen once at start); what a connection told wins. */
    public void sessionFound(ClientRecord session) {
        clients.putIfAbsent(session.id(), session);
    }

    /** The session is gone (removed through the operations API). */
    public void removed(String id) {
        clients.remove(id);
    }

    public Optional<ClientRecord> get(String id) {
        ClientRecord client = clients.get(id);
        return client == null || client.expired(clock.instant()) ? Optional.empty() : Optional.of(client);
    }

    /** A page of the clients by id, and how many match in all; forgets the sessions that have expired meanwhile. */
    public Page<ClientRecord> page(ClientQuery query) {
        Instant now = clock.instant();
        Map<String, ClientRecord> from = query.after() == null ? clients : clients.tailMap(query.after(), false);
        List<ClientRecord> items = new ArrayList<>(query.limit());
        int total = 0;
        for (ClientRecord client : from.values()) {
            if (client.expired(now)) {
                clients.remove(client.id(), client);
            } else if (query.matches(client)) {
                total++;
                if (items.size() < query.limit()) {
                    items.add(client);
                }
            }
        }
        String cursor = total > items.size() ? items.get(items.size() - 1).id() : null;
        return new Page<>(items, cursor, query.after() == null ? total : total + countBefore(query));
    }

    /** How many clients are connected and how many are not, over all of them. */
    public ClientCounts counts() {
        Instant now = clock.instant();
        long connected = 0;
        long disconnected = 0;
        for (ClientRecord client : clients.values()) {
            if (client.connected()) {
                connected++;
            } else if (!client.expired(now)) {
                disconnected++;
            }
        }
        return new ClientCounts(connected, disconnected);
    }

    private int countBefore(ClientQuery query) {
        int count = 0;
        for (ClientRecord client : clients.headMap(query.after(), true).values()) {
            if (query.matches(client)) {
                count++;
            }
        }
        return count;
    }
}
