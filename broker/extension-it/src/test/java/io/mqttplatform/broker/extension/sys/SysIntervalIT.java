package io.mqttplatform.broker.extension.sys;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.SysTreeWatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SYS_INTERVAL: unset means every 10 s, 0 means no $SYS tree at all (as mosquitto's sys_interval 0). */
class SysIntervalIT {

    @Test
    void sysIntervalZero_publishesNoSysTree_butServesClients(@TempDir Path data) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start("sys-off", data, Map.of("SYS_INTERVAL", "0"));
                SysTreeWatcher sys = new SysTreeWatcher(broker.mqttPort)) {

            await("no $SYS message")
                    .during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> sys.received().isEmpty());

            Mqtt5BlockingClient client = broker.client5("still-served");
            client.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
                    client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                client.subscribeWith().topicFilter("lab/off").send();
                client.publishWith().topic("lab/off").payload("here".getBytes()).send();
                assertThat(publishes.receive(10, TimeUnit.SECONDS))
                        .map(p -> new String(p.getPayloadAsBytes()))
                        .isEqualTo(Optional.of("here"));
            }
            client.disconnect();
            assertThat(broker.output()).anyMatch(line -> line.contains("$SYS tree off"));
        }
    }

    @Test
    void sysIntervalUnset_publishesTheTreeAtOnceAndThenEveryTenSeconds(@TempDir Path data) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start("sys-default", data, Map.of());
                SysTreeWatcher sys = new SysTreeWatcher(broker.mqttPort)) {

            sys.awaitValue("$SYS/broker/uptime", v -> v.endsWith(" seconds"));
            long first = sys.uptime();
            await("next update").atMost(Duration.ofSeconds(15)).until(() -> sys.uptime() > first);

            assertThat(sys.uptime() - first).isBetween(9L, 11L);
            assertThat(broker.output()).anyMatch(line -> line.contains("$SYS tree every 10 s"));
        }
    }
}
