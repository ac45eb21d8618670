package io.mqttplatform.sysmetrics.metrics;

import io.mqttplatform.sysmetrics.state.BrokerState;
import io.mqttplatform.sysmetrics.state.Freshness;
import io.mqttplatform.sysmetrics.sys.BridgeMetric;
import io.mqttplatform.sysmetrics.sys.MetricType;
import io.mqttplatform.sysmetrics.sys.Reading;
import io.mqttplatform.sysmetrics.sys.SysMetric;
import io.mqttplatform.sysmetrics.sys.SysMetricTable;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the {@link BrokerState} into metrics at scrape time. {@value #UP} and {@value #LAST_UPDATE} are always
 * there; the broker's own values only while it is up, so that a broker that went away shows as absent series (gaps
 * in graphs, alerts on {@code up}), never as numbers that look current.
 */
public class BrokerCollector implements MultiCollector {

    public static final String UP = "mqtt_broker_up";
    public static final String LAST_UPDATE = "mqtt_broker_last_update_timestamp_seconds";

    private final BrokerState state;

    public BrokerCollector(BrokerState state) {
        this.state = state;
    }

    @Override
    public MetricSnapshots collect() {
        Freshness freshness = state.freshness();
        List<MetricSnapshot> snapshots = new ArrayList<>();
        snapshots.add(gauge(
                UP,
                null,
                "1 while the service is connected to the broker and its $SYS tree is fresh, "
                        + "else 0 (then no other mqtt_broker_ value is exported).",
                freshness.up() ? 1 : 0));
        if (freshness.lastUpdate() != null) {
            snapshots.add(gauge(
                    LAST_UPDATE,
                    Unit.SECONDS,
                    "When the last $SYS message arrived from the broker, " + "in seconds since the Unix epoch.",
                    freshness.lastUpdate().toEpochMilli() / 1000.0));
        }
        if (freshness.up()) {
            Map<SysMetric, Reading> values = state.values();
            for (SysMetric metric : SysMetricTable.all()) {
                Reading reading = values.get(metric);
                if (reading != null) {
                    snapshots.add(snapshot(metric, reading));
                }
            }
            bridges(state.bridges(), snapshots);
        }
        return new MetricSnapshots(snapshots);
    }

    /** One family per bridge metric, a series per bridge that reported it. */
    private static void bridges(Map<String, Map<BridgeMetric, Double>> bridges, List<MetricSnapshot> snapshots) {
        if (bridges.isEmpty()) {
            return;
        }
        for (BridgeMetric metric : BridgeMetric.values()) {
            CounterSnapshot.Builder counter =
                    CounterSnapshot.builder().name(metric.metricName()).help(metric.help());
            GaugeSnapshot.Builder gauge =
                    GaugeSnapshot.builder().name(metric.metricName()).help(metric.help());
            boolean any = false;
            for (Map.Entry<String, Map<BridgeMetric, Double>> bridge : new TreeMap<>(bridges).entrySet()) {
                Double value = bridge.getValue().get(metric);
                if (value == null) {
                    continue;
                }
                any = true;
                Labels labels = Labels.of(BridgeMetric.LABEL, bridge.getKey());
                if (metric.type() == MetricType.COUNTER) {
                    counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(labels)
                            .value(value)
                            .build());
                } else {
                    gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(labels)
                            .value(value)
                            .build());
                }
            }
            if (any) {
                snapshots.add(metric.type() == MetricType.COUNTER ? counter.build() : gauge.build());
            }
        }
    }

    private static MetricSnapshot snapshot(SysMetric metric, Reading reading) {
        Unit unit = metric.unit() == null ? null : new Unit(metric.unit());
        return switch (metric.type()) {
            case COUNTER ->
                CounterSnapshot.builder()
                        .name(metric.name())
                        .help(metric.help())
                        .unit(unit)
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .value(reading.number())
                                .build())
                        .build();
            case GAUGE -> gauge(metric.name(), unit, metric.help(), reading.number());
            case INFO ->
                InfoSnapshot.builder()
                        .name(metric.name())
                        .help(metric.help())
                        .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                                .labels(Labels.of(SysMetricTable.VERSION_LABEL, reading.text()))
                                .build())
                        .build();
        };
    }

    private static GaugeSnapshot gauge(String name, Unit unit, String help, double value) {
        return GaugeSnapshot.builder()
                .name(name)
                .help(help)
                .unit(unit)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(value)
                        .build())
                .build();
    }
}
