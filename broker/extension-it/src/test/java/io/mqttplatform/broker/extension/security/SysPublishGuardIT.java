package io.mqttplatform.broker.extension.security;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.SharedBroker;
import io.mqttplatform.broker.testkit.SysTreeWatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Clients cannot write the broker's $SYS tree; the broker keeps serving them and everyone else. */
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
