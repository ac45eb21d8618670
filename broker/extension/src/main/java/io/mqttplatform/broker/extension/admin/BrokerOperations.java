package io.mqttplatform.broker.extension.admin;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.exception.NoSuchClientIdException;
import com.hivemq.extension.sdk.api.services.publish.RetainedMessageStore;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import com.hivemq.extension.sdk.api.services.subscription.SubscriptionStore;
import io.mqttplatform.broker.extension.hivemq.HiveMqInternals;
import io.mqttplatform.broker.extension.identity.ProbeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the operations API does, through HiveMQ's extension services and the {@link ClientDirectory}: list clients,
 * show one, disconnect one, list subscriptions and retained messages, delete retained messages. The broker's own
 * clients (health check, warm-up) are never shown. Calls wait at most {@link #TIMEOUT} for HiveMQ.
 */
public final class BrokerOperations {

    private static final Logger log = LoggerFactory.getLogger(BrokerOperations.class);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ClientDirectory directory;
    private final ClientService clients;
    private final SubscriptionStore subscriptions;
    private final RetainedMessageStore retained;

    public BrokerOperations(
            ClientDirectory directory,
            ClientService clients,
            SubscriptionStore subscriptions,
            RetainedMessageStore retained) {
        this.directory = directory;
        this.clients = clients;
        this.subscriptions = subscriptions;
        this.retained = retained;
    }

    /** Notes the sessions HiveMQ kept from before this start (persistence on); run once, in the background. */
    public CompletableFuture<Void> findSessions() {
        return clients.iterateAllClients((context, session) -> {
            if (!ProbeIdentity.isProbe(session.getClientIdentifier())) {
                directory.sessionFound(ClientRecord.session(
                        session.getClientIdentifier(), session.isConnected(), session.getSessionExpiryInterval()));
            }
        });
    }

    public Page<ClientRecord> clients(ClientQuery query) {
        return directory.page(query);
    }

    public ClientCounts counts() {
        return directory.counts();
    }

    public ClientDetails client(String id) {
        ClientRecord client = known(id);
        List<SubscriptionView> subscribed = new ArrayList<>();
        try {
            await(subscriptions.getSubscriptions(id))
                    .forEach(subscription -> subscribed.add(SubscriptionView.of(id, subscription)));
        } catch (OperationsFailure e) {
            if (!(e.getCause() instanceof NoSuchClientIdException)) {
                throw e;
            }
        }
        subscribed.sort(SubscriptionView.BY_CLIENT_AND_FILTER);
        return new ClientDetails(client, subscribed, queued(id));
    }

    /**
     * Closes the client's connection (an MQTT 5 client is told "administrative action"); with {@code removeSession}
     * its session, queue and subscriptions go too.
     */
    public boolean disconnect(String id, boolean removeSession) {
        ClientRecord client = known(id);
        if (removeSession) {
            await(clients.invalidateSession(id));
            directory.removed(id);
            return true;
        }
        if (!client.connected()) {
            throw OperationsFailure.notFound(
                    "client '" + id + "' is not connected; its session stays until it expires (removeSession=true "
                            + "removes it now)");
        }
        return await(clients.disconnectClient(
                id, false, DisconnectReasonCode.ADMINISTRATIVE_ACTION, "disconnected through the operations API"));
    }

    /** A page of the subscriptions whose filters {@code filters} accepts, by client id and filter. */
    public Page<SubscriptionView> subscriptions(Predicate<String> filters, int limit, String after) {
        List<SubscriptionView> found = Collections.synchronizedList(new ArrayList<>());
        await(subscriptions.iterateAllSubscriptions((context, client) -> {
            if (!ProbeIdentity.isProbe(client.getClientId())) {
                client.getSubscriptions().stream()
                        .filter(subscription -> filters.test(subscription.getTopicFilter()))
                        .forEach(subscription -> found.add(SubscriptionView.of(client.getClientId(), subscription)));
            }
        }));
        return page(found, SubscriptionView.BY_CLIENT_AND_FILTER, SubscriptionView::position, limit, after);
    }

    /** A page of the retained messages whose topics {@code topics} accepts, by topic. */
    public Page<RetainedView> retained(Predicate<String> topics, int limit, String after) {
        List<RetainedView> found = Collections.synchronizedList(new ArrayList<>());
        await(retained.iterateAllRetainedMessages((context, message) -> {
            if (topics.test(message.getTopic())) {
                found.add(new RetainedView(
                        message.getTopic(),
                        message.getQos().getQosNumber(),
                        message.getPayload().map(payload -> payload.remaining()).orElse(0)));
            }
        }));
        return page(found, Comparator.comparing(RetainedView::topic), RetainedView::topic, limit, after);
    }

    /** Removes the retained messages whose topics {@code topics} accepts; returns how many. */
    public int deleteRetained(Predicate<String> topics) {
        List<String> found = Collections.synchronizedList(new ArrayList<>());
        await(retained.iterateAllRetainedMessages((context, message) -> {
            if (topics.test(message.getTopic())) {
                found.add(message.getTopic());
            }
        }));
        for (String topic : found) {
            await(retained.remove(topic));
        }
        return found.size();
    }

    private ClientRecord known(String id) {
        if (ProbeIdentity.isProbe(id)) {
            throw noSuchClient(id);
        }
        Optional<ClientRecord> tracked = directory.get(id);
        if (tracked.isPresent()) {
            return tracked.get();
        }
        return await(clients.getSession(id))
                .map(session -> ClientRecord.session(id, session.isConnected(), session.getSessionExpiryInterval()))
                .orElseThrow(() -> noSuchClient(id));
    }

    private static OperationsFailure noSuchClient(String id) {
        return OperationsFailure.notFound("no client '" + id + "': it is not connected and has no session");
    }

    private Integer queued(String id) {
        try {
            return HiveMqInternals.queuedMessages(clients, id, TIMEOUT);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Cannot tell how many messages are queued for client '{}': {}", id, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static <T> Page<T> page(
            List<T> found, Comparator<T> order, Function<T, String> position, int limit, String after) {
        List<T> sorted = new ArrayList<>(found);
        sorted.sort(order);
        int start = 0;
        if (after != null) {
            while (start < sorted.size() && position.apply(sorted.get(start)).compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        List<T> items = List.copyOf(sorted.subList(start, end));
        String cursor = end < sorted.size() ? position.apply(items.get(items.size() - 1)) : null;
        return new Page<>(items, cursor, sorted.size());
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            OperationsFailure failure = OperationsFailure.unavailable("the broker could not answer: " + cause);
            failure.initCause(cause);
            throw failure;
        } catch (TimeoutException e) {
            throw OperationsFailure.unavailable("the broker did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OperationsFailure.unavailable("interrupted while waiting for the broker");
        }
    }
}
