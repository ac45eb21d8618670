package io.mqttplatform.broker.extension.sys;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SysTreeCalculatorTest {

    private final SysTreeCalculator calculator = new SysTreeCalculator("HiveMQ Community Edition version 2025.5");

    private static BrokerSnapshot snapshot(
            long connected, long disconnected, long publishReceived, long bytesReceived) {
        return new BrokerSnapshot(
                connected, disconnected, 0, 10, 20, publishReceived, 3, 0, bytesReceived, 500, 4, 4, 7, 2);
    }

    private static Map<String, String> asMap(List<SysMessage> messages) {
        return messages.stream().collect(Collectors.toMap(SysMessage::topic, SysMessage::payload));
    }

    @Test
    void update_first_publishesTheWholeTreeInMosquittoFormatsButNoLoads() {
        Map<String, String> tree = asMap(calculator.update(snapshot(3, 2, 5, 100), 42, 0));

        assertThat(tree)
                .containsEntry("$SYS/broker/version", "HiveMQ Community Edition version 2025.5")
                .containsEntry("$SYS/broker/uptime", "42 seconds")
                .containsEntry("$SYS/broker/clients/connected", "3")
                .containsEntry("$SYS/broker/clients/active", "3")
                .containsEntry("$SYS/broker/clients/disconnected", "2")
                .containsEntry("$SYS/broker/clients/inactive", "2")
                .containsEntry("$SYS/broker/clients/total", "5")
                .containsEntry("$SYS/broker/clients/maximum", "5")
                .containsEntry("$SYS/broker/clients/expired", "0")
                .containsEntry("$SYS/broker/publish/messages/received", "5")
                .containsEntry("$SYS/broker/bytes/received", "100")
                .containsEntry("$SYS/broker/subscriptions/count", "7")
                .containsEntry("$SYS/broker/retained messages/count", "2");
        assertThat(tree.keySet()).noneMatch(topic -> topic.contains("/load/"));
    }

    @Test
    void update_second_publishesEveryLoadTopicWithTwoDecimals() {
        calculator.update(snapshot(3, 2, 5, 100), 42, 0);

        Map<String, String> tree = asMap(calculator.update(snapshot(3, 2, 15, 100), 52, 10));

        assertThat(tree.keySet().stream().filter(topic -> topic.contains("/load/")))
                .hasSize(27);
        // 10 PUBLISH in 10 s = 60 per minute: 60 * (1 - exp(-1/6))
        assertThat(tree)
                .containsEntry("$SYS/broker/load/publish/received/1min", "9.21")
                .containsEntry("$SYS/broker/load/bytes/received/1min", "0.00")
                .containsEntry("$SYS/broker/load/connections/15min", "0.00");
        assertThat(tree.values()).filteredOn(v -> v.contains(".")).allMatch(v -> v.matches("\\d+\\.\\d{2}"));
    }

    @Test
    void update_withNothingChanged_publishesOnlyTheUptime() {
        calculator.update(snapshot(3, 2, 5, 100), 42, 0);
        calculator.update(snapshot(3, 2, 5, 100), 52, 10);

        List<SysMessage> quiet = calculator.update(snapshot(3, 2, 5, 100), 62, 10);

        assertThat(quiet).containsExactly(new SysMessage("$SYS/broker/uptime", "62 seconds"));
    }

    @Test
    void update_whenClientsLeave_keepsTheMaximumButLowersTheRest() {
        calculator.update(snapshot(3, 2, 5, 100), 1, 0);

        Map<String, String> tree = asMap(calculator.update(snapshot(1, 0, 5, 100), 2, 1));

        assertThat(tree)
                .containsEntry("$SYS/broker/clients/connected", "1")
                .containsEntry("$SYS/broker/clients/total", "1")
                .doesNotContainKey("$SYS/broker/clients/maximum");
    }
}
