package io.mqttplatform.broker.extension.security;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.SharedBroker;
import io.mqttplatform.broker.testkit.SysTreeWatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clients cannot write the broker's $SYS tree, at any QoS, whichever MQTT version, also with a PUBLISH sent right
 * behind the CONNECT; the broker answers them as mosquitto 2.0 does and keeps serving them and everyone else.
 */
class SysPublishGuardIT {

    @RegisterExtension
    static final SharedBroker shared = SharedBroker.watchingSysEverySecond("sys-guard");

    static BrokerProcess broker;
    static SysTreeWatcher sys;

    @BeforeAll
    static void useSharedBroker() {
        broker = shared.process();
        sys = shared.sys();
    }

    @Test
    void mqtt5PublishToSys_isRefusedWithNotAuthorized_andNobodyReceivesIt() {
        Mqtt5BlockingClient intruder = broker.client5("intruder-5");
        intruder.connect();

        assertThatThrownBy(() -> intruder.publishWith()
                        .topic("$SYS/broker/version")
                        .payload("fake".getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retain(true)
                        .send())
                .isInstanceOfSatisfying(
                        Mqtt5PubAckException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode())
                                .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));

        assertThat(intruder.getState()).isEqualTo(MqttClientState.CONNECTED);
        sys.awaitUpdates(2);
        assertThat(sys.received()).noneMatch(line -> line.endsWith(" fake"));
        assertThat(broker.output())
                .anyMatch(line -> line.contains("Denied PUBLISH from intruder-5 to '$SYS/broker/version'"));
        intruder.disconnect();
    }

    @Test
    void mqtt3PublishToSys_isDroppedWithoutDisconnecting_andTheClientIsStillServed() throws Exception {
        Mqtt3BlockingClient intruder = broker.client3("intruder-3");
        intruder.connect();

        intruder.publishWith()
                .topic("$SYS/broker/uptime")
                .payload("fake".getBytes())
                .qos(MqttQos.AT_MOST_ONCE)
                .send();
        intruder.publishWith()
                .topic("$SYS/custom")
                .payload("fake".getBytes())
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();

        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = intruder.publishes(MqttGlobalPublishFilter.ALL)) {
            intruder.subscribeWith().topicFilter("lab/after").send();
            intruder.publishWith()
                    .topic("lab/after")
                    .payload("served".getBytes())
                    .send();
            assertThat(publishes.receive(10, TimeUnit.SECONDS))
                    .map(p -> new String(p.getPayloadAsBytes()))
                    .isEqualTo(Optional.of("served"));
        }
        assertThat(intruder.getState()).isEqualTo(MqttClientState.CONNECTED);
        sys.awaitUpdates(2);
        assertThat(sys.received()).noneMatch(line -> line.endsWith(" fake"));
        assertThat(sys.latest().get("$SYS/broker/uptime")).endsWith(" seconds");
        intruder.disconnect();
    }

    @Test
    void qos2PublishToSys_mqtt5GetsNotAuthorizedInThePubrec_mqtt3CompletesItsFlow_andBothStayConnected() {
        Mqtt5BlockingClient intruder5 = broker.client5("intruder-5-qos2");
        intruder5.connect();
        assertThatThrownBy(() -> intruder5
                        .publishWith()
                        .topic("$SYS/broker/version")
                        .payload("fake".getBytes())
                        .qos(MqttQos.EXACTLY_ONCE)
                        .send())
                .isInstanceOfSatisfying(
                        Mqtt5PubRecException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode())
                                .isEqualTo(Mqtt5PubRecReasonCode.NOT_AUTHORIZED));

        Mqtt3BlockingClient intruder3 = broker.client3("intruder-3-qos2");
        intruder3.connect();
        // PUBREC, PUBREL, PUBCOMP as for any QoS 2 message: send() returns only when the flow is complete
        intruder3
                .publishWith()
                .topic("$SYS/broker/version")
                .payload("fake".getBytes())
                .qos(MqttQos.EXACTLY_ONCE)
                .retain(true)
                .send();
        intruder3
                .publishWith()
                .topic("$SYS/broker/version")
                .payload("fake".getBytes())
                .qos(MqttQos.EXACTLY_ONCE)
                .send();

        assertThat(intruder5.getState()).isEqualTo(MqttClientState.CONNECTED);
        assertThat(intruder3.getState()).isEqualTo(MqttClientState.CONNECTED);
        sys.awaitUpdates(2);
        assertThat(sys.received()).noneMatch(line -> line.endsWith(" fake"));
        intruder5.disconnect();
        intruder3.disconnect();
    }

    @Test
    void publishSentRightBehindTheConnect_isRefusedToo() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", broker.mqttPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // CONNECT, a retained QoS 1 PUBLISH to $SYS and a PINGREQ in one write, before any CONNACK has come
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes(packet(0x10, concat(string("MQTT"), new byte[] {4, 2, 0, 60}, string("intruder-burst"))));
            burst.writeBytes(packet(0x33, concat(string("$SYS/broker/version"), new byte[] {0, 7}, bytes("fake"))));
            burst.writeBytes(new byte[] {(byte) 0xC0, 0});
            out.write(burst.toByteArray());
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(readPacket(in)).as("CONNACK, accepted").containsExactly(0x20, 2, 0, 0);
            assertThat(readPacket(in)).as("PUBACK of packet 7").containsExactly(0x40, 2, 0, 7);
            assertThat(readPacket(in)).as("PINGRESP: still connected").containsExactly(0xD0, 0);
            out.write(new byte[] {(byte) 0xE0, 0}); // DISCONNECT
        }
        sys.awaitUpdates(2);
        assertThat(sys.received()).noneMatch(line -> line.endsWith(" fake"));
        assertThat(broker.output())
                .anyMatch(line -> line.contains("Denied PUBLISH from intruder-burst to '$SYS/broker/version'"));
    }

    /** One MQTT packet with a one-byte remaining length (all of this test's are shorter than 128 bytes). */
    private static byte[] packet(int header, byte[] body) {
        return concat(new byte[] {(byte) header, (byte) body.length}, body);
    }

    private static byte[] string(String value) {
        byte[] utf8 = bytes(value);
        return concat(new byte[] {0, (byte) utf8.length}, utf8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** The next packet from the broker as unsigned bytes, header included. */
    private static int[] readPacket(DataInputStream in) throws IOException {
        int header = in.read();
        int length = in.read();
        if (header < 0 || length < 0 || length > 127) {
            throw new IOException("unexpected packet start " + header + ", " + length);
        }
        byte[] body = in.readNBytes(length);
        int[] packet = new int[2 + body.length];
        packet[0] = header;
        packet[1] = length;
        for (int i = 0; i < body.length; i++) {
            packet[2 + i] = body[i] & 0xFF;
        }
        return packet;
    }

    @Test
    void sysGuard_leavesOrdinaryTopicsThatMerelyContainSysAlone() throws Exception {
        Mqtt5BlockingClient client = broker.client5("ordinary");
        client.connect();

        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("lab/#").send();
            client.publishWith()
                    .topic("lab/$SYS/not-the-tree")
                    .payload("ok".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            assertThat(publishes.receive(10, TimeUnit.SECONDS))
                    .map(p -> p.getTopic().toString())
                    .isEqualTo(Optional.of("lab/$SYS/not-the-tree"));
        }
        assertThat(broker.output()).noneMatch(line -> line.contains("Denied PUBLISH from ordinary"));
        client.disconnect();
    }
}
