package io.mqttplatform.broker.extension.log;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.SharedBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker log says who connected, how, and how they left, in mosquitto's words. */
class ConnectionLogIT {

    @RegisterExtension
    static final SharedBroker shared = SharedBroker.withVariables("connection-log", Map.of());

    static BrokerProcess broker;

    @BeforeAll
    static void useSharedBroker() {
        broker = shared.process();
    }

    @Test
    void mqtt5Client_isLoggedWithProtocolCleanStartAndKeepAlive_andItsDisconnect() {
        Mqtt5BlockingClient client = broker.client5("log-v5");
        client.connectWith().keepAlive(30).cleanStart(true).send();
        client.disconnect();

        awaitLine("New client connected from 127.0.0.1 as log-v5 (p5, c1, k30).");
        awaitLine("Client log-v5 disconnected.");
    }

    @Test
    void mqtt311PersistentClientWithUser_isLoggedWithCleanZeroAndTheUser() {
        Mqtt3BlockingClient client = broker.client3("log-v311");
        client.connectWith()
                .keepAlive(20)
                .cleanSession(false)
                .simpleAuth()
                .username("alice")
                .password("secret".getBytes())
                .applySimpleAuth()
                .send();
        client.disconnect();

        awaitLine("New client connected from 127.0.0.1 as log-v311 (p2, c0, k20, u'alice').");
        assertThat(broker.output()).noneMatch(line -> line.contains("secret"));
    }

    @Test
    void clientThatDropsItsConnection_isLoggedAsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", broker.mqttPort)) {
            OutputStream out = socket.getOutputStream();
            byte[] id = "log-raw".getBytes(StandardCharsets.US_ASCII);
            // MQTT 3.1.1 CONNECT: protocol "MQTT" level 4, clean session, keep-alive 60, client id
            out.write(new byte[] {
                0x10, (byte) (12 + id.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, (byte) id.length
            });
            out.write(id);
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(4)).containsExactly(0x20, 0x02, 0x00, 0x00); // CONNACK, accepted
        } // closed without DISCONNECT

        awaitLine("Client log-raw closed its connection.");
    }

    private static void awaitLine(String line) {
        await(line)
                .atMost(Duration.ofSeconds(10))
                .until(() -> broker.output().stream().anyMatch(l -> l.endsWith(line)));
    }
}
