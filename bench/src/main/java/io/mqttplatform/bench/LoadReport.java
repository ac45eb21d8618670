package io.mqttplatform.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of bench/broker-load.sh: every {@code RESULT key=value ...} line the driver ({@link BrokerLoadBench})
 * printed in one run, as one Markdown table per kind of scenario with ours beside mosquitto and the ratio, then the
 * cold-broker table and the scenarios that failed.
 *
 * <pre>java -cp bench.jar io.mqttplatform.bench.LoadReport RESULTS_FILE BROKER_JAVA_OPTS MOSQUITTO_VERSION CORES</pre>
 */
public final class LoadReport {

    static final String MOSQUITTO = "mosquitto";
    static final String OURS = "ours";
    static final String IN_MEMORY = "ours-in-memory";
    static final String NONE = "n/a";

    private final List<Map<String, String>> results;
    private final PrintStream out;

    LoadReport(List<String> lines, PrintStream out) {
        this.results = lines.stream()
                .filter(line -> line.startsWith("RESULT "))
                .map(LoadReport::fields)
                .toList();
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: LoadReport RESULTS_FILE BROKER_JAVA_OPTS MOSQUITTO_VERSION CORES");
            System.exit(2);
        }
        new LoadReport(Files.readAllLines(Path.of(args[0])), System.out).print(args[1], args[2], args[3]);
    }

    void print(String brokerJavaOpts, String mosquittoVersion, String cores) {
        out.printf(
                Locale.ROOT,
                "%nBroker load: ours (HiveMQ CE embedded, %s) vs mosquitto %s (Debian, defaults); %s cores, shared with"
                        + " the driver%n%n",
                brokerJavaOpts,
                mosquittoVersion,
                cores);
        row("scenario", "mosquitto", "ours (file)", "ours/mosquitto", "ours (in-memory)", "in-memory/mosq.");
        row("---", "---:", "---:", "---:", "---:", "---:");
        for (String s : List.of("p2p-q0", "p2p-q1", "fanin-q0", "fanin-q1", "fanout-q0", "fanout-q1")) {
            if (ran(s)) {
                compared(s, "delivered_per_s", "delivered/s");
                joined(s, "p50 / p99 ms", "p50_ms", "p99_ms");
                joined(s, "dropped ($SYS) / undelivered", "dropped", "undelivered");
                cpu(s);
            }
        }
        for (String s : List.of("rate1k-q1", "rate5k-q1", "rate10k-q1")) {
            if (ran(s)) {
                compared(s, "delivered_per_s", "delivered/s");
                compared(s, "delivered_ratio", "delivered/offered");
                compared(s, "p50_ms", "p50 ms");
                compared(s, "p99_ms", "p99 ms");
                cpu(s);
            }
        }
        if (ran("flood-q0")) {
            String s = "flood-q0";
            compared(s, "delivered_per_s", "delivered/s");
            compared(s, "new_client_max_ms_during", "new client, slowest connect during (ms)");
            compared(s, "new_client_max_ms_after", "new client, slowest connect after (ms)");
            joined(s, "new clients failed (of 18)", "new_client_failures");
            compared(s, "rss_mib", "broker peak RSS (MiB)");
            joined(s, "broker alive at the end", "alive");
            joined(s, "dropped ($SYS) / undelivered", "dropped", "undelivered");
            cpu(s);
        }
        for (String s : List.of("large256k-q0", "large256k-q1", "large1m-q0", "large1m-q1")) {
            if (ran(s)) {
                compared(s, "delivered_mb_per_s", "delivered MB/s");
                compared(s, "delivered_per_s", "delivered/s");
                joined(s, "p50 / p99 ms", "p50_ms", "p99_ms");
                compared(s, "rss_mib", "broker peak RSS (MiB)");
                joined(s, "dropped ($SYS) / undelivered", "dropped", "undelivered");
                cpu(s);
            }
        }
        if (ran("flood256k-beside")) {
            String s = "flood256k-beside";
            compared(s, "delivered_mb_per_s", "flood delivered MB/s");
            compared(s, "beside_p50_ms", "small client beside, p50 ms");
            compared(s, "beside_p99_ms", "small client beside, p99 ms");
            compared(s, "rss_mib", "broker peak RSS (MiB)");
            joined(s, "broker alive at the end", "alive");
            cpu(s);
        }
        if (results.stream().anyMatch(r -> r.getOrDefault("broker", "").endsWith("-cold"))) {
            out.printf(
                    "%nJust started, no warm-up by the driver (each scenario a fresh broker; ours as make run starts it:"
                            + " file persistence, its own start-up warm-up (BROKER_WARMUP_SECONDS, 20 s by default), the"
                            + " whole stack beside it; both brokers with their default $SYS interval, 10 s)%n%n");
            row("scenario", "mosquitto", "ours (make run)", "ours/mosquitto", "", "");
            row("---", "---:", "---:", "---:", "", "");
            for (String s : List.of("cold-rate1k-q1", "cold-rate5k-q1", "cold-rate10k-q1")) {
                if (ran(s)) {
                    cold(s, "delivered_ratio", "delivered/offered");
                    cold(s, "p50_ms", "p50 ms");
                    cold(s, "p99_ms", "p99 ms");
                    cold(s, "broker_cpu_pct", "broker CPU % of a core");
                    cold(s, "others_cpu_pct", "others CPU % (the stack, ...)");
                }
            }
        }
        results.stream()
                .filter(r -> "failed".equals(r.get("status")))
                .forEach(r -> out.printf(
                        "failed: %s %s: %s%n", r.get("broker"), r.get("scenario"), r.getOrDefault("reason", NONE)));
    }

    /** One value per broker, with ours and in-memory as ratios to mosquitto. */
    private void compared(String scenario, String key, String label) {
        String m = value(MOSQUITTO, scenario, key);
        String o = value(OURS, scenario, key);
        String i = value(IN_MEMORY, scenario, key);
        row(scenario + " " + label, m, o, ratio(o, m), i, ratio(i, m));
    }

    /** Several values per broker in one cell, "a / b / c", without ratios. */
    private void joined(String scenario, String label, String... keys) {
        row(
                scenario + " " + label,
                values(MOSQUITTO, scenario, keys),
                values(OURS, scenario, keys),
                "",
                values(IN_MEMORY, scenario, keys),
                "");
    }

    private void cpu(String scenario) {
        joined(
                scenario,
                "CPU % of a core: broker / driver / others",
                "broker_cpu_pct",
                "driver_cpu_pct",
                "others_cpu_pct");
    }

    /** mosquitto just started against ours as make run starts it, just started. */
    private void cold(String scenario, String key, String label) {
        String m = value(MOSQUITTO + "-cold", scenario, key);
        String o = value(OURS + "-cold", scenario, key);
        row(scenario + " " + label, m, o, ratio(o, m), "", "");
    }

    private void row(String... cells) {
        out.printf(Locale.ROOT, "| %-52s | %20s | %20s | %14s | %20s | %14s |%n", (Object[]) cells);
    }

    private boolean ran(String scenario) {
        return results.stream().anyMatch(r -> scenario.equals(r.get("scenario")));
    }

    private String values(String broker, String scenario, String... keys) {
        List<String> cells = new ArrayList<>();
        for (String key : keys) {
            cells.add(value(broker, scenario, key));
        }
        return String.join(" / ", cells);
    }

    /** The value of the last RESULT line of that broker and scenario, n/a when there is none. */
    String value(String broker, String scenario, String key) {
        Optional<String> last = Optional.empty();
        for (Map<String, String> r : results) {
            if (broker.equals(r.get("broker")) && scenario.equals(r.get("scenario")) && r.containsKey(key)) {
                last = Optional.of(r.get(key));
            }
        }
        return last.filter(v -> !v.isEmpty()).orElse(NONE);
    }

    /** a / b to two decimals, or empty when either is not a number or b is not above zero. */
    static String ratio(String a, String b) {
        if (!isNumber(a) || !isNumber(b) || Double.parseDouble(b) <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f", Double.parseDouble(a) / Double.parseDouble(b));
    }

    private static boolean isNumber(String text) {
        return text.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+");
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : line.substring("RESULT ".length()).trim().split("\\s+")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        return fields;
    }
}
