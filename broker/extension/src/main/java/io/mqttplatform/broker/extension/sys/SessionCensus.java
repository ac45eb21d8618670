package io.mqttplatform.broker.extension.sys;

import com.hivemq.extension.sdk.api.services.session.ClientService;
import io.mqttplatform.broker.extension.identity.ProbeIdentity;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts sessions through HiveMQ's client service, which (unlike the registry gauge
 * {@code com.hivemq.sessions.overall.current}) leaves out sessions that have expired but are not yet cleaned up.
 *
 * <p>Expiry has no event or metric in HiveMQ CE, so it is derived: a session that could expire (expiry interval
 * above 0) and is gone at the next census has expired. Sampled once per $SYS interval, like mosquitto's own count.
 */
public final class SessionCensus {

    /** The session counts of one census. */
    public record Counts(long connected, long disconnected, long expiredSinceStart) {}

    private final ClientService clients;
    private Set<String> expirable = Set.of();
    private long expired;

    public SessionCensus(ClientService clients) {
        this.clients = clients;
    }

    /** Walks every session once; completes with the counts. Calls must not overlap. */
    public CompletableFuture<Counts> take() {
        AtomicLong connected = new AtomicLong();
        AtomicLong disconnected = new AtomicLong();
        Set<String> expirableNow = new HashSet<>();
        return clients.iterateAllClients((context, session) -> {
                    if (ProbeIdentity.isProbe(session.getClientIdentifier())) {
                        return; // the broker's own health check is not one of the broker's clients
                    }
                    if (session.isConnected()) {
                        connected.incrementAndGet();
                    } else {
                        disconnected.incrementAndGet();
                    }
                    if (session.getSessionExpiryInterval() > 0) {
                        synchronized (expirableNow) {
                            expirableNow.add(session.getClientIdentifier());
                        }
                    }
                })
                .thenApply(done -> {
                    synchronized (expirableNow) { // the walk is over: nothing adds to it any more
                        expired += expirable.stream()
                                .filter(id -> !expirableNow.contains(id))
                                .count();
                    }
                    expirable = expirableNow;
                    return new Counts(connected.get(), disconnected.get(), expired);
                });
    }
}
