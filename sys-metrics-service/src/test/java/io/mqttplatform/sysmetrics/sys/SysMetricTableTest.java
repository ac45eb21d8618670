package io.mqttplatform.sysmetrics.sys;

import io.mqttplatform.sysmetrics.support.PromisedMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SysMetricTableTest {

    @Test
    void everyPromisedName_isInTheTable() {
        assertThat(PromisedMetrics.fromSys()).hasSizeGreaterThan(20);
        assertThat(SysMetricTable.all()).extracting(SysMetric::name).containsAll(PromisedMetrics.fromSys());
    }

    @Test
    void everyNameInTheTable_isPromised() {
        assertThat(SysMetricTable.all()).extracting(SysMetric::name).allMatch(PromisedMetrics.all()::contains);
    }

    @Test
    void names_followPrometheusConventions() {
        for (SysMetric metric : SysMetricTable.all()) {
            assertThat(metric.name()).matches("mqtt_broker_[a-z_]+");
            assertThat(metric.topic()).startsWith("$SYS/broker/");
            if (metric.type() == MetricType.GAUGE) {
                assertThat(metric.name()).as("a gauge never ends in _total").doesNotEndWith("_total");
            }
        }
        assertThat(SysMetricTable.all()).extracting(SysMetric::name).doesNotHaveDuplicates();
    }

    @Test
    void uptimeIsAGauge_andCumulativeValuesAreCounters() {
        assertThat(SysMetricTable.forTopic("$SYS/broker/uptime").orElseThrow().type())
                .isEqualTo(MetricType.GAUGE);
        assertThat(SysMetricTable.forTopic("$SYS/broker/clients/maximum")
                        .orElseThrow()
                        .type())
                .isEqualTo(MetricType.GAUGE);
        assertThat(SysMetricTable.forTopic("$SYS/broker/bytes/sent")
                        .orElseThrow()
                        .type())
                .isEqualTo(MetricType.COUNTER);
        assertThat(SysMetricTable.forTopic("$SYS/broker/version").orElseThrow().type())
                .isEqualTo(MetricType.INFO);
    }

    @Test
    void unknownTopicsAndAliases_areNotInTheTable() {
        assertThat(SysMetricTable.forTopic("$SYS/broker/load/messages/received/1min"))
                .isEmpty();
        assertThat(SysMetricTable.forTopic("$SYS/broker/clients/active")).isEmpty();
        assertThat(SysMetricTable.forTopic("$SYS/broker/messages/stored")).isEmpty();
        assertThat(SysMetricTable.forTopic("$SYS/broker/connection/bridge/state"))
                .isEmpty();
    }

    @Test
    void aRow_thatBreaksTheConventions_isRefused() {
        assertThatThrownBy(() ->
                        new SysMetric("$SYS/x", "mqtt_broker_x", MetricType.COUNTER, null, "X.", PayloadFormat.NUMBER))
                .hasMessageContaining("_total");
        assertThatThrownBy(() ->
                        new SysMetric("$SYS/x", "mqtt_broker_x", MetricType.GAUGE, "bytes", "X.", PayloadFormat.NUMBER))
                .hasMessageContaining("_bytes");
        assertThatThrownBy(() -> new SysMetric(
                        "$SYS/x", "mqtt_broker_x", MetricType.GAUGE, null, "no stop", PayloadFormat.NUMBER))
                .hasMessageContaining("full sentence");
    }
}
