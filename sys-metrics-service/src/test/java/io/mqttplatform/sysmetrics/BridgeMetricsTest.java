package io.mqttplatform.sysmetrics;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqttplatform.sysmetrics.support.BridgedBrokerResource;
import io.mqttplatform.sysmetrics.support.Scrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A bridged broker's $SYS becomes one series per bridge: up, messages sent and received, queued, dropped. */
@QuarkusTest
@WithTestResource(BridgedBrokerResource.class)
class BridgeMetricsTest {

    private static final String BRIDGE = "{bridge=\"lab-bridge\"}";

    @Test
    void aBridgesStateAndCounters_areScraped_andFollowItsRemoteBroker() throws Exception {
        await("mqtt_bridge_up 1")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now().value("mqtt_bridge_up" + BRIDGE).orElse(0) == 1);
        Scrape first = Scrape.now();
        assertThat(first.type("mqtt_bridge_up")).contains("gauge");

        Mqtt5BlockingClient lab = BridgedBrokerResource.broker().client5("lab-instrument");
        lab.connect();
        for (int i = 0; i < 3; i++) {
            lab.publishWith()
                    .topic("lab/t" + i)
                    .payload("1".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
        }
        await("three messages sent through the bridge")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now()
                                .value("mqtt_bridge_messages_sent_total" + BRIDGE)
                                .orElse(0)
                        >= 3);
        Scrape sent = Scrape.now();
        assertThat(sent.type("mqtt_bridge_messages_sent_total")).contains("counter");
        assertThat(sent.valueOf("mqtt_bridge_messages_queued" + BRIDGE)).isZero();
        assertThat(sent.valueOf("mqtt_bridge_messages_dropped_total" + BRIDGE)).isZero();

        BridgedBrokerResource.remote().stop();
        await("mqtt_bridge_up 0")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now().value("mqtt_bridge_up" + BRIDGE).orElse(1) == 0);
        lab.publishWith()
                .topic("lab/while-away")
                .payload("1".getBytes())
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        await("a message queued for the remote broker")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now()
                                .value("mqtt_bridge_messages_queued" + BRIDGE)
                                .orElse(0)
                        >= 1);
        lab.disconnect();
    }
}
