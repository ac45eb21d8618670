package io.mqttplatform.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A new client every second during a flood and after it ({@link ConnectProbe}), each on its own thread so that a
 * slow broker does not delay the next one: how long a user who connects now would wait, and how many could not.
 */
final class NewClientProbes {

    static final int TIMEOUT_MILLIS = 5000;

    /** Slowest successful connect during and after the flood (ms, {@code null} without one) and the failures. */
    record Outcome(Double maxDuringMillis, Double maxAfterMillis, int failures, int attempts) {}

    private record Probe(boolean during, CompletableFuture<Double> millis) {}

    private final List<Probe> probes = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "connect-probe");
        thread.setDaemon(true);
        return thread;
    });
    private Thread scheduler;

    /** Starts a probe at 0, 1, ... {@code totalSeconds - 1} s; those before {@code duringSeconds} count as "during". */
    void start(int port, String prefix, int duringSeconds, int totalSeconds) {
        long start = System.nanoTime();
        scheduler = new Thread(
                () -> {
                    for (int second = 0; second < totalSeconds; second++) {
                        long due = start + TimeUnit.SECONDS.toNanos(second);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        String id = prefix + "-new-" + second;
                        CompletableFuture<Double> millis = CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return ConnectProbe.connectMillis(port, id, TIMEOUT_MILLIS);
                                    } catch (Exception e) {
                                        return null;
                                    }
                                },
                                threads);
                        synchronized (probes) {
                            probes.add(new Probe(second < duringSeconds, millis));
                        }
                    }
                },
                "connect-probes");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    /** Waits for the schedule and the last probe (each bounded by its timeout) and sums them up. */
    Outcome finish(long scheduleTimeoutMillis) throws InterruptedException {
        scheduler.join(scheduleTimeoutMillis);
        scheduler.interrupt();
        List<Probe> all;
        synchronized (probes) {
            all = new ArrayList<>(probes);
        }
        Double maxDuring = null;
        Double maxAfter = null;
        int failures = 0;
        for (Probe probe : all) {
            Double millis;
            try {
                millis = probe.millis().get(TIMEOUT_MILLIS + 1000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                millis = null;
            }
            if (millis == null) {
                failures++;
            } else if (probe.during()) {
                maxDuring = maxDuring == null ? millis : Math.max(maxDuring, millis);
            } else {
                maxAfter = maxAfter == null ? millis : Math.max(maxAfter, millis);
            }
        }
        threads.shutdownNow();
        return new Outcome(maxDuring, maxAfter, failures, all.size());
    }
}
