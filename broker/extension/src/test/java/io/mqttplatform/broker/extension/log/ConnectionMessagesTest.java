package io.mqttplatform.broker.extension.log;

import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionMessagesTest {

    @Test
    void connected_withMqtt311_readsLikeMosquitto() {
        assertThat(ConnectionMessages.connected(
                        "10.0.0.5", "sensor-1", MqttVersion.V_3_1_1, true, 60, Optional.empty()))
                .isEqualTo("New client connected from 10.0.0.5 as sensor-1 (p2, c1, k60).");
    }

    @Test
    void connected_withMqtt31AndUser_namesProtocolOneAndTheUser() {
        assertThat(ConnectionMessages.connected(
                        "10.0.0.6", "old-py", MqttVersion.V_3_1, false, 15, Optional.of("alice")))
                .isEqualTo("New client connected from 10.0.0.6 as old-py (p1, c0, k15, u'alice').");
    }

    @Test
    void connected_withMqtt5_isProtocolFive() {
        assertThat(ConnectionMessages.connected("::1", "v5", MqttVersion.V_5, true, 0, Optional.empty()))
                .isEqualTo("New client connected from ::1 as v5 (p5, c1, k0).");
    }

    @Test
    void disconnects_sayWhoEndedTheConnectionAndWhy() {
        assertThat(ConnectionMessages.clientDisconnected("a", Optional.empty())).isEqualTo("Client a disconnected.");
        assertThat(ConnectionMessages.connectionLost("a")).isEqualTo("Client a closed its connection.");
        assertThat(ConnectionMessages.disconnectedByBroker("a", Optional.of("KEEP_ALIVE_TIMEOUT")))
                .isEqualTo("Client a disconnected by the broker: KEEP_ALIVE_TIMEOUT.");
        assertThat(ConnectionMessages.refused("a", Optional.of("NOT_AUTHORIZED")))
                .isEqualTo("Client a refused: NOT_AUTHORIZED.");
    }
}
