package io.mqttplatform.gateway;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.SysTreeWatcher;
import io.mqttplatform.gateway.support.GatewayProcess;
import io.mqttplatform.gateway.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged gateway replicas on one broker, as behind one Kubernetes Service: each has its own MQTT client id and
 * serves its own sockets, a message reaches the sockets of both, and either can publish.
 */
class GatewayReplicasIT {

    @Test
    void twoReplicas_eachServeTheirOwnSockets_andBothReceiveEveryMessage(@TempDir Path data) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start("replicas", data, Map.of("SYS_INTERVAL", "1"));
                SysTreeWatcher sys = new SysTreeWatcher(broker.mqttPort);
                GatewayProcess one = GatewayProcess.start(broker.mqttPort, Map.of());
                GatewayProcess two = GatewayProcess.start(broker.mqttPort, Map.of());
                WsClient onOne = WsClient.open(ws(one)).subscribe("replica/#");
                WsClient onTwo = WsClient.open(ws(two)).subscribe("replica/#")) {

            // both gateways and the watcher stay connected: distinct client ids, nobody is taken over
            sys.awaitValue("$SYS/broker/clients/connected", "3"::equals);

            assertThat(post(one, "/api/v1/topics/replica/from-one").statusCode())
                    .isEqualTo(200);
            assertThat(post(two, "/api/v1/topics/replica/from-two").statusCode())
                    .isEqualTo(200);
            var mqtt = broker.client5("mqtt-publisher");
            mqtt.connect();
            mqtt.publishWith()
                    .topic("replica/from-mqtt")
                    .payload("m".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            for (WsClient client : new WsClient[] {onOne, onTwo}) {
                for (String topic : new String[] {"replica/from-one", "replica/from-two", "replica/from-mqtt"}) {
                    client.awaitFrame("message", f -> f.get("topic").asText().equals(topic));
                }
            }
            assertThat(one.output()).noneMatch(line -> line.contains("Broker connection lost"));
            assertThat(two.output()).noneMatch(line -> line.contains("Broker connection lost"));
            mqtt.disconnect();
        }
    }

    private static URI ws(GatewayProcess gateway) {
        return URI.create(gateway.base.toString().replaceFirst("^http", "ws") + "/api/v1/ws");
    }

    private static HttpResponse<String> post(GatewayProcess gateway, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(gateway.base.resolve(path))
                                .POST(HttpRequest.BodyPublishers.ofString("hi"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
