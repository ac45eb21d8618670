package io.mqttplatform.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Broker under load, the same driver for every broker (bench/broker-load.sh runs it against Debian's mosquitto and
 * against ours, a fresh broker per group). MQTT 3.1.1 over 127.0.0.1, 100-byte payloads unless a scenario says
 * otherwise, one topic per scenario.
 * <ul>
 *   <li>{@code maxrate}: point-to-point (1 publisher, 1 subscriber), fan-in (4, 1) and fan-out (1, 10) at QoS 0 and
 *       QoS 1, publishers as fast as their window allows; 3 s warm-up, 10 s measured.</li>
 *   <li>{@code fixedrate}: fan-in, 4 QoS 1 publishers to 1 QoS 1 subscriber at 1,000, 5,000 and 10,000 msg/s in
 *       total; 2 s warm-up, 10 s measured.</li>
 *   <li>{@code flood}: 4 QoS 0 publishers as fast as they can for 8 s to 1 QoS 0 subscriber; a new client connects
 *       every second during the flood and for 10 s after it.</li>
 *   <li>{@code large}: 256 KiB and 1 MiB payloads, 1 publisher to 1 subscriber, QoS 0 and QoS 1, 8 outstanding; and
 *       a 256 KiB QoS 0 flood beside a small client sending 100 QoS 1 messages/s (both measured).</li>
 *   <li>{@code cold}: the fixed-rate scenarios for a broker that was just started: no warm-up at all, 30 s measured
 *       from the first message (the script gives each its own fresh broker, ours with the whole stack beside it).</li>
 * </ul>
 * Each scenario prints a {@code RESULT key=value ...} line and a line for people; a failing scenario is reported
 * (values {@code n/a} and a reason) and the run goes on. Once the broker process is gone, the scenarios left are
 * printed as {@code SKIPPED scenario=NAME} (the script runs them again against a fresh broker) and the driver ends.
 * {@code --jit-warmup} first gives a JVM broker its 5,000 msg/s scenario three times, not reported
 * (see {@link #warmUp}). {@code --driver-warmup=PORT:PID} first runs the scenarios' load, not reported, against another
 * broker (a throwaway one), so that a broker that was just started meets a driver that is not (see
 * {@link #warmDriver}).
 * Usage: BrokerLoadBench PORT BROKER_PID LABEL [--jit-warmup] [--driver-warmup=PORT:PID] GROUP_OR_SCENARIO...
 */
public final class BrokerLoadBench {

    private static final MqttQos Q0 = MqttQos.AT_MOST_ONCE;
    private static final MqttQos Q1 = MqttQos.AT_LEAST_ONCE;

    public static void main(String[] args) {
        BenchMain.exitAfter(args, BrokerLoadBench::run);
    }

    /** A group's scenarios, or the one scenario of that name. */
    static List<LoadScenario.Spec> scenarios(String name) {
        return switch (name) {
            case "maxrate" ->
                List.of(
                        maxRate("p2p-q0", 1, 1, Q0), maxRate("p2p-q1", 1, 1, Q1),
                        maxRate("fanin-q0", 4, 1, Q0), maxRate("fanin-q1", 4, 1, Q1),
                        maxRate("fanout-q0", 1, 10, Q0), maxRate("fanout-q1", 1, 10, Q1));
            case "fixedrate" -> List.of(fixedRate(1_000), fixedRate(5_000), fixedRate(10_000));
            case "flood" -> List.of(new LoadScenario.Spec("flood-q0", 4, 1, Q0, 0, 0, 8, 10));
            case "large" ->
                List.of(
                        large("large256k-q0", 256, Q0, null),
                        large("large256k-q1", 256, Q1, null),
                        large("large1m-q0", 1024, Q0, null),
                        large("large1m-q1", 1024, Q1, null),
                        large("flood256k-beside", 256, Q0, new LoadScenario.Beside(Q1, 100)));
            case "cold" -> List.of(coldRate(1_000), coldRate(5_000), coldRate(10_000));
            default ->
                Stream.of("maxrate", "fixedrate", "flood", "large", "cold")
                        .flatMap(g -> scenarios(g).stream())
                        .filter(s -> s.name().equals(name))
                        .findFirst()
                        .map(List::of)
                        .orElseThrow(() -> new IllegalArgumentException("no group or scenario " + name));
        };
    }

    private static void run(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: BrokerLoadBench PORT BROKER_PID LABEL [--jit-warmup] [--driver-warmup=PORT:PID]"
                            + " GROUP_OR_SCENARIO...");
        }
        String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000_0000, Integer.MAX_VALUE));
        LoadScenario.Broker broker =
                new LoadScenario.Broker(args[2], Integer.parseInt(args[0]), Long.parseLong(args[1]), runId);
        List<LoadScenario.Spec> specs = new ArrayList<>();
        boolean jitWarmup = false;
        LoadScenario.Broker driverWarmup = null;
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--jit-warmup")) {
                jitWarmup = true;
            } else if (args[i].startsWith("--driver-warmup=")) {
                String[] portPid =
                        args[i].substring("--driver-warmup=".length()).split(":", 2);
                driverWarmup = new LoadScenario.Broker(
                        "driver-warmup", Integer.parseInt(portPid[0]), Long.parseLong(portPid[1]), runId);
            } else {
                specs.addAll(scenarios(args[i]));
            }
        }
        if (driverWarmup != null) {
            warmDriver(driverWarmup, specs);
        }
        if (jitWarmup) {
            warmUp(broker);
        }
        for (int i = 0; i < specs.size(); i++) {
            ScenarioResult result;
            try {
                result = LoadScenario.run(broker, specs.get(i));
            } catch (Exception e) {
                result = ScenarioResult.failed(
                        broker.label(), specs.get(i).name(), rootCause(e), ProcessSampler.alive(broker.pid()));
            }
            boolean answers = answers(broker, specs.get(i).name());
            if (!answers) {
                boolean alive = ProcessSampler.alive(broker.pid());
                result = result.brokerGone(alive ? "broker_not_answering" : "broker_exited", alive);
            }
            System.out.println(result.resultLine());
            System.out.println(result.humanLine());
            if (!answers) {
                specs.subList(i + 1, specs.size()).forEach(s -> System.out.println("SKIPPED scenario=" + s.name()));
                return;
            }
        }
    }

    /**
     * The 5,000 msg/s fixed-rate scenario {@value #WARMUP_ROUNDS} times, about 45 s, not reported. A fresh JVM broker
     * keeps compiling its hot paths for its first 40 s or so of load, and again when clients first come and go and
     * the benchmark's own {@code $SYS} reads first arrive; until then its latency tail is the compiler's (ours in
     * memory, the 5,000 msg/s scenario three times in a row after 45 s of plain load: p99 1.2-1.4 ms, then 0.4-0.5 ms,
     * then 0.4 ms; docs/adr/0009-broker-under-load.md). Start-up is what bench/broker-startup.sh measures; this
     * benchmark measures a broker that runs. mosquitto has nothing to compile, so the script spares it the warm-up.
     */
    static final int WARMUP_ROUNDS = 3;

    private static void warmUp(LoadScenario.Broker broker) {
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            try {
                LoadScenario.run(broker, fixedRate(5_000));
            } catch (Exception e) {
                return; // the first scenario will say what is wrong
            }
        }
    }

    /**
     * Each scenario's load for {@value #DRIVER_WARMUP_SECONDS} s against another broker, not reported. The driver is a
     * JVM too: just started, it compiles its own paths (the client's decoding, its acknowledgements, the latency
     * records) while it measures. Against Debian's mosquitto just started, 5,000 QoS 1 messages/s, a just-started
     * driver measured a p99 of 19.7 ms in one run and 0.66 ms in the next; warmed for 30 s against another mosquitto,
     * 0.16 and 0.17 ms (10 s were not enough: it still spent a third more CPU). A user's clients have been running all
     * along; the broker is what was just started.
     */
    static final int DRIVER_WARMUP_SECONDS = 30;

    private static void warmDriver(LoadScenario.Broker elsewhere, List<LoadScenario.Spec> specs) {
        for (LoadScenario.Spec spec : specs) {
            try {
                LoadScenario.run(
                        elsewhere,
                        new LoadScenario.Spec(
                                spec.name() + "-driver-warmup",
                                spec.publishers(),
                                spec.subscribers(),
                                spec.qos(),
                                spec.offeredPerS(),
                                0,
                                DRIVER_WARMUP_SECONDS,
                                0,
                                spec.payloadBytes(),
                                spec.window(),
                                spec.beside()));
            } catch (Exception e) {
                throw new IllegalStateException("the driver's warm-up on port " + elsewhere.port() + " failed", e);
            }
        }
    }

    /** Whether the broker process is there and a new client gets a CONNACK within 5 s. */
    private static boolean answers(LoadScenario.Broker broker, String after) {
        if (!ProcessSampler.alive(broker.pid())) {
            return false;
        }
        try {
            ConnectProbe.connectMillis(broker.port(), "lb-" + broker.runId() + "-" + after + "-check", 5000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** "ConnectException: Connection refused" rather than the chain of wrappers around it. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static LoadScenario.Spec maxRate(String name, int publishers, int subscribers, MqttQos qos) {
        return new LoadScenario.Spec(name, publishers, subscribers, qos, 0, 3, 10, 0);
    }

    /**
     * One publisher and one subscriber, payloads of {@code kib} KiB, {@value #LARGE_WINDOW} messages outstanding (as a
     * camera or digitizer sends frames); with {@code beside}, a small paced client on a topic of its own alongside.
     */
    private static LoadScenario.Spec large(String name, int kib, MqttQos qos, LoadScenario.Beside beside) {
        return new LoadScenario.Spec(name, 1, 1, qos, 0, 3, 10, 0, kib * 1024, LARGE_WINDOW, beside);
    }

    static final int LARGE_WINDOW = 8;

    private static LoadScenario.Spec coldRate(int totalPerSecond) {
        return new LoadScenario.Spec(
                String.format(Locale.ROOT, "cold-rate%dk-q1", totalPerSecond / 1000),
                4,
                1,
                Q1,
                totalPerSecond,
                0,
                30,
                0);
    }

    private static LoadScenario.Spec fixedRate(int totalPerSecond) {
        return new LoadScenario.Spec(
                String.format(Locale.ROOT, "rate%dk-q1", totalPerSecond / 1000), 4, 1, Q1, totalPerSecond, 2, 10, 0);
    }

    private BrokerLoadBench() {}
}
