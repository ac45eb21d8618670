package io.mqttplatform.broker.extension.sys;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.SharedBroker;
import io.mqttplatform.broker.testkit.SysTreeWatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The $SYS tree of a real broker (SYS_INTERVAL=1), watched by a real MQTT client, moves as mosquitto's does. */
class SysTreeIT {

    @RegisterExtension
    static final SharedBroker shared = SharedBroker.watchingSysEverySecond("sys-tree");

    static BrokerProcess broker;
    static SysTreeWatcher sys;

    @BeforeAll
    static void useSharedBroker() {
        broker = shared.process();
        sys = shared.sys();
    }

    @BeforeEach
    void settle() {
        // only the watcher is connected between tests
        sys.awaitValue("$SYS/broker/clients/connected", "1"::equals);
        sys.awaitUpdates(1);
    }

    @Test
    void tree_hasEveryTopicOfTheContractInMosquittoFormats() {
        sys.awaitUpdates(2);
        assertThat(sys.latest().keySet())
                .contains(
                        "$SYS/broker/version",
                        "$SYS/broker/uptime",
                        "$SYS/broker/clients/connected",
                        "$SYS/broker/clients/disconnected",
                        "$SYS/broker/clients/total",
                        "$SYS/broker/clients/maximum",
                        "$SYS/broker/clients/expired",
                        "$SYS/broker/messages/received",
                        "$SYS/broker/messages/sent",
                        "$SYS/broker/publish/messages/received",
                        "$SYS/broker/publish/messages/sent",
                        "$SYS/broker/publish/messages/dropped",
                        "$SYS/broker/bytes/received",
                        "$SYS/broker/bytes/sent",
                        "$SYS/broker/subscriptions/count",
                        "$SYS/broker/retained messages/count");
        for (String what : List.of(
                "messages/received",
                "messages/sent",
                "publish/received",
                "publish/sent",
                "bytes/received",
                "bytes/sent",
                "connections")) {
            for (String window : List.of("1min", "5min", "15min")) {
                assertThat(sys.latest().get("$SYS/broker/load/" + what + "/" + window))
                        .as("load %s %s", what, window)
                        .matches("\\d+\\.\\d{2}");
            }
        }
        assertThat(sys.latest().get("$SYS/broker/version")).isEqualTo("HiveMQ Community Edition version 2025.5");
        assertThat(sys.latest().get("$SYS/broker/uptime")).matches("\\d+ seconds");
    }

    @Test
    void sysIntervalOne_publishesTheUptimeOncePerSecond() {
        sys.awaitUpdates(1);
        long before = sys.received().stream()
                .filter(line -> line.startsWith("$SYS/broker/uptime "))
                .count();

        await("5 seconds").pollDelay(Duration.ofSeconds(5)).until(() -> true);

        long updates = sys.received().stream()
                        .filter(line -> line.startsWith("$SYS/broker/uptime "))
                        .count()
                - before;
        assertThat(updates).isBetween(4L, 6L);
    }

    @Test
    void uptime_growsEverySecond() {
        long before = sys.uptime();

        sys.awaitUpdates(2);

        assertThat(sys.uptime()).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void connectingClients_raisesConnectedAndTotalByN() {
        long total = sys.number("$SYS/broker/clients/total");
        List<Mqtt5BlockingClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Mqtt5BlockingClient client = client5("counted-" + i);
            client.connect();
            clients.add(client);
        }

        sys.awaitValue("$SYS/broker/clients/connected", "4"::equals);
        assertThat(sys.number("$SYS/broker/clients/total")).isEqualTo(total + 3);
        assertThat(sys.number("$SYS/broker/clients/maximum")).isGreaterThanOrEqualTo(4);
        assertThat(Double.parseDouble(
                        sys.awaitValue("$SYS/broker/load/connections/1min", v -> Double.parseDouble(v) > 0)))
                .isPositive();

        clients.forEach(Mqtt5BlockingClient::disconnect);
        sys.awaitValue("$SYS/broker/clients/connected", "1"::equals);
    }

    @Test
    void publishingMessages_raisesPublishReceivedAndBytesReceived() {
        long published = sys.number("$SYS/broker/publish/messages/received");
        long bytes = sys.number("$SYS/broker/bytes/received");
        Mqtt5BlockingClient publisher = client5("publisher");
        publisher.connect();
        byte[] payload = new byte[100];

        for (int i = 0; i < 25; i++) {
            publisher
                    .publishWith()
                    .topic("lab/counted")
                    .payload(payload)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
        }

        sys.awaitValue("$SYS/broker/publish/messages/received", v -> Long.parseLong(v) == published + 25);
        sys.awaitValue("$SYS/broker/bytes/received", v -> Long.parseLong(v) >= bytes + 25 * 100);
        publisher.disconnect();
    }

    @Test
    void retainingAMessage_raisesRetainedCountByOne_andClearingItLowersIt() {
        long retained = sys.number("$SYS/broker/retained messages/count");
        Mqtt5BlockingClient publisher = client5("retainer");
        publisher.connect();

        publisher
                .publishWith()
                .topic("lab/retained/one")
                .payload("21.5".getBytes())
                .retain(true)
                .send();
        sys.awaitValue("$SYS/broker/retained messages/count", v -> Long.parseLong(v) == retained + 1);

        publisher.publishWith().topic("lab/retained/one").retain(true).send(); // empty retained payload clears it
        sys.awaitValue("$SYS/broker/retained messages/count", v -> Long.parseLong(v) == retained);
        publisher.disconnect();
    }

    @Test
    void subscribing_raisesSubscriptionCount() {
        long subscriptions = sys.number("$SYS/broker/subscriptions/count");
        Mqtt5BlockingClient subscriber = client5("subscriber");
        subscriber.connect();

        subscriber.subscribeWith().topicFilter("lab/a/#").send();
        subscriber.subscribeWith().topicFilter("lab/b/+").send();

        sys.awaitValue("$SYS/broker/subscriptions/count", v -> Long.parseLong(v) == subscriptions + 2);
        subscriber.disconnect();
    }

    @Test
    void persistentSession_countsAsDisconnectedWhileKept_andExpiredWhenItExpires() {
        long expired = sys.number("$SYS/broker/clients/expired");
        long disconnected = sys.number("$SYS/broker/clients/disconnected");
        Mqtt5BlockingClient shortLived = client5("expires-soon");
        shortLived.connectWith().cleanStart(true).sessionExpiryInterval(3).send();
        shortLived.disconnect();

        sys.awaitValue("$SYS/broker/clients/disconnected", v -> Long.parseLong(v) == disconnected + 1);
        sys.awaitValue("$SYS/broker/clients/expired", v -> Long.parseLong(v) == expired + 1);
        assertThat(sys.awaitValue("$SYS/broker/clients/disconnected", v -> Long.parseLong(v) == disconnected))
                .isEqualTo(Long.toString(disconnected));
    }

    @Test
    void mqtt3PersistentSession_countsAsDisconnectedAfterItLeaves() {
        long disconnected = sys.number("$SYS/broker/clients/disconnected");
        Mqtt3BlockingClient keeper = broker.client3("keeps-session");
        keeper.connectWith().cleanSession(false).send();
        keeper.disconnect();

        sys.awaitValue("$SYS/broker/clients/disconnected", v -> Long.parseLong(v) == disconnected + 1);

        keeper.connectWith().cleanSession(true).send(); // a clean session discards the kept one
        keeper.disconnect();
        sys.awaitValue("$SYS/broker/clients/disconnected", v -> Long.parseLong(v) == disconnected);
    }

    private static Mqtt5BlockingClient client5(String id) {
        return broker.client5(id);
    }
}
