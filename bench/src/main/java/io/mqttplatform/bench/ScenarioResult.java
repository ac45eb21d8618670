package io.mqttplatform.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one load scenario measured against one broker, and its two renderings: the {@code RESULT key=value ...} line
 * that bench/broker-load.sh reads (every key always present, {@code n/a} when not measured or not applicable) and a
 * line for people. {@code null} components are "not measured"; {@code reason} says why a scenario failed.
 */
record ScenarioResult(
        String broker,
        String scenario,
        String reason,
        Double deliveredPerS,
        Double deliveredMBps,
        Double offeredPerS,
        Double p50Ms,
        Double p99Ms,
        Double sentPerS,
        Double ackedPerS,
        Long undelivered,
        Long dropped,
        Double rssMib,
        Double brokerCpuPct,
        Double driverCpuPct,
        Double othersCpuPct,
        NewClientProbes.Outcome newClients,
        Double besideP50Ms,
        Double besideP99Ms,
        Boolean alive) {

    static ScenarioResult failed(String broker, String scenario, String reason, Boolean alive) {
        return new ScenarioResult(
                broker, scenario, reason, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, alive);
    }

    /** The same measurements, marked failed for {@code why} (e.g. a publisher that got no PUBACK for 5 s). */
    ScenarioResult failing(String why) {
        return withOutcome(why, alive);
    }

    /** The same measurements, failed because the broker stopped answering after (or during) the scenario. */
    ScenarioResult brokerGone(String why, boolean processAlive) {
        return withOutcome(reason == null ? why : reason + ";" + why, processAlive);
    }

    private ScenarioResult withOutcome(String failure, boolean brokerAlive) {
        return new ScenarioResult(
                broker,
                scenario,
                failure,
                deliveredPerS,
                deliveredMBps,
                offeredPerS,
                p50Ms,
                p99Ms,
                sentPerS,
                ackedPerS,
                undelivered,
                dropped,
                rssMib,
                brokerCpuPct,
                driverCpuPct,
                othersCpuPct,
                newClients,
                besideP50Ms,
                besideP99Ms,
                brokerAlive);
    }

    Double deliveredRatio() {
        return deliveredPerS == null || offeredPerS == null ? null : deliveredPerS / offeredPerS;
    }

    String resultLine() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("broker", broker);
        values.put("scenario", scenario);
        values.put("status", reason == null ? "ok" : "failed");
        values.put("delivered_per_s", number(deliveredPerS, "%.0f"));
        values.put("delivered_mb_per_s", number(deliveredMBps, "%.1f"));
        values.put("offered_per_s", number(offeredPerS, "%.0f"));
        values.put("delivered_ratio", number(deliveredRatio(), "%.3f"));
        values.put("p50_ms", number(p50Ms, "%.2f"));
        values.put("p99_ms", number(p99Ms, "%.2f"));
        values.put("pub_sent_per_s", number(sentPerS, "%.0f"));
        values.put("pub_acked_per_s", number(ackedPerS, "%.0f"));
        values.put("undelivered", number(undelivered));
        values.put("dropped", number(dropped));
        values.put("rss_mib", number(rssMib, "%.0f"));
        values.put("broker_cpu_pct", number(brokerCpuPct, "%.0f"));
        values.put("driver_cpu_pct", number(driverCpuPct, "%.0f"));
        values.put("others_cpu_pct", number(othersCpuPct, "%.0f"));
        values.put(
                "new_client_max_ms_during", newClients == null ? "n/a" : number(newClients.maxDuringMillis(), "%.1f"));
        values.put("new_client_max_ms_after", newClients == null ? "n/a" : number(newClients.maxAfterMillis(), "%.1f"));
        values.put("new_client_failures", newClients == null ? "n/a" : Integer.toString(newClients.failures()));
        values.put("beside_p50_ms", number(besideP50Ms, "%.2f"));
        values.put("beside_p99_ms", number(besideP99Ms, "%.2f"));
        values.put("alive", alive == null ? "n/a" : alive.toString());
        values.put("reason", reason == null ? "n/a" : reason.replaceAll("[\\s=]+", "_"));
        StringBuilder line = new StringBuilder("RESULT");
        values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }

    String humanLine() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s %-12s", broker, scenario));
        if (reason != null) {
            line.append(" FAILED (").append(reason).append(")");
        }
        if (deliveredPerS != null) {
            line.append(String.format(
                    Locale.ROOT, " %,.0f delivered/s (%s MB/s)", deliveredPerS, number(deliveredMBps, "%,.1f")));
            if (offeredPerS != null) {
                line.append(
                        String.format(Locale.ROOT, " of %,.0f offered (%.1f%%)", offeredPerS, 100 * deliveredRatio()));
            }
            line.append(String.format(
                    Locale.ROOT,
                    ", sent %s/s acked %s/s, p50 %s ms p99 %s ms, undelivered %s",
                    number(sentPerS, "%,.0f"),
                    number(ackedPerS, "%,.0f"),
                    number(p50Ms, "%.2f"),
                    number(p99Ms, "%.2f"),
                    number(undelivered)));
        }
        line.append(String.format(
                Locale.ROOT,
                "; dropped ($SYS) %s; broker %s%% CPU, peak %s MiB; driver %s%% CPU; other processes %s%% CPU",
                number(dropped),
                number(brokerCpuPct, "%.0f"),
                number(rssMib, "%.0f"),
                number(driverCpuPct, "%.0f"),
                number(othersCpuPct, "%.0f")));
        if (newClients != null) {
            line.append(String.format(
                    Locale.ROOT,
                    "; new clients: slowest %s ms during, %s ms after, %d of %d failed",
                    number(newClients.maxDuringMillis(), "%.1f"),
                    number(newClients.maxAfterMillis(), "%.1f"),
                    newClients.failures(),
                    newClients.attempts()));
        }
        if (besideP99Ms != null) {
            line.append(String.format(
                    Locale.ROOT,
                    "; the client beside: p50 %s ms p99 %s ms",
                    number(besideP50Ms, "%.2f"),
                    number(besideP99Ms, "%.2f")));
        }
        if (alive != null) {
            line.append(alive ? "; broker alive" : "; broker GONE");
        }
        return line.toString();
    }

    private static String number(Double value, String format) {
        return value == null || value.isNaN() ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private static String number(Long value) {
        return value == null ? "n/a" : value.toString();
    }
}
