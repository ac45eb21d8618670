package io.mqttplatform.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tables of bench/broker-load.sh from the driver's RESULT lines. */
class LoadReportTest {

    private static final List<String> RUN = List.of(
            "RESULT broker=mosquitto scenario=p2p-q0 status=ok delivered_per_s=300000 p50_ms=1.50 p99_ms=4.00"
                    + " dropped=0 undelivered=0 broker_cpu_pct=95 driver_cpu_pct=90 others_cpu_pct=2",
            "RESULT broker=ours scenario=p2p-q0 status=ok delivered_per_s=150000 p50_ms=3.00 p99_ms=9.00"
                    + " dropped=0 undelivered=0 broker_cpu_pct=120 driver_cpu_pct=70 others_cpu_pct=3",
            "RESULT broker=ours-in-memory scenario=p2p-q0 status=ok delivered_per_s=n/a",
            "the driver's line for people, not a RESULT",
            "RESULT broker=mosquitto-cold scenario=cold-rate5k-q1 status=ok delivered_ratio=1.000 p99_ms=12.5",
            "RESULT broker=ours-cold scenario=cold-rate5k-q1 status=ok delivered_ratio=1.000 p99_ms=25.0",
            "RESULT broker=ours scenario=flood-q0 status=failed reason=broker_gone alive=false");

    @Test
    void print_putsOursBesideMosquittoWithTheRatio_andNaWhereAValueIsMissing() {
        String table = report(RUN);

        assertThat(table)
                .contains("Broker load: ours (HiveMQ CE embedded, -Xmx512m) vs mosquitto 2.0.11 (Debian, defaults);"
                        + " 2 cores")
                .contains(String.format(
                        "| %-52s | %20s | %20s | %14s | %20s | %14s |",
                        "p2p-q0 delivered/s", "300000", "150000", "0.50", "n/a", ""))
                .contains(String.format(
                        "| %-52s | %20s | %20s | %14s | %20s | %14s |",
                        "p2p-q0 p50 / p99 ms", "1.50 / 4.00", "3.00 / 9.00", "", "n/a / n/a", ""));
    }

    @Test
    void print_hasTheColdTable_andListsWhatFailed_butNoRowsForScenariosThatDidNotRun() {
        String table = report(RUN);

        assertThat(table)
                .contains("Just started, no warm-up by the driver")
                .contains(String.format(
                        "| %-52s | %20s | %20s | %14s | %20s | %14s |",
                        "cold-rate5k-q1 p99 ms", "12.5", "25.0", "2.00", "", ""))
                .contains("failed: ours flood-q0: broker_gone")
                .doesNotContain("fanin-q0")
                .doesNotContain("large256k");
    }

    @Test
    void ratio_isEmptyUnlessBothAreNumbersAndTheBaseIsAboveZero() {
        assertThat(LoadReport.ratio("3", "4")).isEqualTo("0.75");
        assertThat(LoadReport.ratio("n/a", "4")).isEmpty();
        assertThat(LoadReport.ratio("3", "0")).isEmpty();
    }

    private static String report(List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LoadReport(lines, new PrintStream(bytes, true, StandardCharsets.UTF_8)).print("-Xmx512m", "2.0.11", "2");
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
