package io.mqttplatform.sysmetrics.mqtt;

import io.mqttplatform.sysmetrics.support.TestSettings;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import io.smallrye.reactive.messaging.mqtt.session.ReconnectDelayProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerClientOptionsTest {

    @Test
    void reconnectWaits_growFromTheInitialDelayToTheMaximum_andStartOverAfterAConnection() {
        BrokerClientOptions customizer = new BrokerClientOptions();
        customizer.config = TestSettings.defaults();
        MqttClientSessionOptions options = customizer.customize("sys", null, new MqttClientSessionOptions());

        ReconnectDelayProvider delays = options.getReconnectDelay().createProvider();
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            waits.add(delays.nextDelay());
        }
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(9),
                        Duration.ofSeconds(17),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
        delays.reset();
        assertThat(delays.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void clientId_namesTheService_unlessOneIsSet() {
        BrokerClientOptions customizer = new BrokerClientOptions();
        customizer.config = TestSettings.defaults();
        String generated = customizer
                .customize("sys", null, new MqttClientSessionOptions())
                .getClientId();
        assertThat(generated).matches("mqtt-sys-metrics-[0-9a-f]{8}");
        assertThat(customizer
                        .customize("sys", null, new MqttClientSessionOptions())
                        .getClientId())
                .isNotEqualTo(generated);
        MqttClientSessionOptions chosen = new MqttClientSessionOptions();
        chosen.setClientId("lab-exporter");
        assertThat(customizer.customize("sys", null, chosen).getClientId()).isEqualTo("lab-exporter");
    }
}
