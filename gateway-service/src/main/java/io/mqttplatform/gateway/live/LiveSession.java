package io.mqttplatform.gateway.live;

import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.failure.Failure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One live connection, whatever its transport: its subscriber and mailbox, the frames it is sent in answer to what
 * it asks, the keep-alive, the open-connections gauge, and an end that happens once, however it comes (the client
 * left, a write failed, the keep-alive failed, the server closed it). The WebSocket endpoint and the SSE resource
 * only translate their transport's events into calls of this class. Made by {@code LiveSessions.start}, which also
 * holds the {@link Subscriptions} it asks.
 */
public final class LiveSession {

    /** What a session asks of the gateway's subscriptions for its subscriber. */
    interface Subscriptions {
        /** Checks every filter (throws at once: invalid, forbidden) and completes when the broker confirmed them all. */
        CompletableFuture<Void> subscribe(LiveSubscriber subscriber, Caller caller, List<String> filters);

        void unsubscribe(LiveSubscriber subscriber, List<String> filters);

        /** The subscriber's filters all go. */
        void close(LiveSubscriber subscriber);
    }

    /** Runs a task every period on the transport's own timer; {@link #cancel} stops it. */
    public interface Timer {
        long every(Duration period, Runnable task);

        void cancel(long timer);
    }

    private final Subscriptions sessions;
    private final LiveSubscriber subscriber;
    private final Frames frames;
    private final AtomicInteger gauge;
    private final Runnable closeTransport;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable stopKeepAlive = () -> {};

    LiveSession(
            Subscriptions sessions,
            LiveSubscriber subscriber,
            Frames frames,
            AtomicInteger gauge,
            Runnable closeTransport) {
        this.sessions = sessions;
        this.subscriber = subscriber;
        this.frames = frames;
        this.gauge = gauge;
        this.closeTransport = closeTransport;
        gauge.incrementAndGet();
    }

    /**
     * Adds the filters; once the broker answered, the client gets {@code subscribed}, or {@code error} with the status
     * that says why. Filters that fail the checks throw at once (invalid, forbidden), before anything is added.
     */
    public void subscribe(Caller caller, List<String> filters, String id) {
        sessions.subscribe(subscriber, caller, filters)
                .whenComplete((done, error) -> subscriber.control(
                        error == null ? frames.subscribed(filters, id) : error(subscribeFailure(error), id)));
    }

    public void unsubscribe(List<String> filters, String id) {
        sessions.unsubscribe(subscriber, filters);
        subscriber.control(frames.unsubscribed(filters, id));
    }

    /** The answer to a publish the client sent: {@code published} with its result, or {@code error}. */
    public void published(CompletionStage<?> result, String id) {
        result.whenComplete((done, error) ->
                subscriber.control(error == null ? frames.published(done, id) : error(Failure.from(error), id)));
    }

    /** Tells the client that one of its frames could not be used. */
    public void refused(Failure failure, String id) {
        subscriber.control(error(failure, id));
    }

    /**
     * Sends {@code ping} every {@code period} (e.g. an SSE comment, which also finds clients that vanished without a
     * word); a ping that fails ends the session.
     */
    public void keepAlive(Duration period, Timer timer, Supplier<CompletionStage<?>> ping) {
        long id = timer.every(period, () -> {
            try {
                ping.get().whenComplete((ok, error) -> {
                    if (error != null) {
                        close();
                    }
                });
            } catch (RuntimeException gone) {
                close();
            }
        });
        stopKeepAlive = () -> timer.cancel(id);
        if (closed.get()) {
            stopKeepAlive.run();
        }
    }

    /** Ends the session once: the filters go, the keep-alive stops, the gauge goes down, the transport is closed. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopKeepAlive.run();
            sessions.close(subscriber);
            gauge.decrementAndGet();
            closeTransport.run();
        }
    }

    /**
     * What a failed subscribe means for the client: the broker's refusal as it was mapped, or broker unavailable when
     * the broker could not be asked (unreachable, no answer).
     */
    static Failure subscribeFailure(Throwable error) {
        Throwable cause = Failure.unwrap(error);
        return cause instanceof Failure failure
                ? failure
                : Failure.brokerUnavailable("subscribing at the broker failed: " + cause.getMessage(), 0);
    }

    private Frame error(Failure failure, String id) {
        return frames.error(failure.kind().status(), failure.detail(), id);
    }
}
