package io.mqttplatform.gateway;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.sun.net.httpserver.HttpServer;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.MosquittoProcess;
import io.mqttplatform.broker.testkit.SharedBroker;
import io.mqttplatform.gateway.auth.AuthOnProfile;
import io.mqttplatform.gateway.support.GatewayProcess;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The operations endpoints of packaged gateways, against brokers as operators run them. In front of our broker
 * (with BROKER_ADMIN_TOKEN) and a key with admin: real clients, the HiveMQ client on MQTT 5 and mosquitto_sub, appear
 * as their CONNECT said, a disconnect reaches the client, the broker's own refusals keep its detail. Where there is no
 * operations API to reach (mosquitto, nothing listening), the gateway says so with 501 or 503, never a wrong list.
 */
class GatewayOperationsIT {

    private static final String BROKER_TOKEN = "broker-admin-4b1f0e";
    private static final String ADMIN_KEY = "operator-7c2d91aa";

    @RegisterExtension
    static final SharedBroker shared =
            SharedBroker.withVariables("gateway-operations", Map.of("BROKER_ADMIN_TOKEN", BROKER_TOKEN));

    private static BrokerProcess broker;
    private static GatewayProcess gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        broker = shared.process();
        Path keys = Files.createTempFile("gateway-operations-keys", ".json");
        Files.writeString(
                keys,
                "{\"keys\": [{\"id\": \"operator\", \"sha256\": \"" + AuthOnProfile.sha256(ADMIN_KEY)
                        + "\", \"subscribe\": [\"#\"], \"admin\": true}]}");
        gateway = GatewayProcess.start(
                broker.mqttPort,
                Map.of(
                        "GATEWAY_BROKER_ADMIN_URL",
                        adminUrl(),
                        "GATEWAY_BROKER_ADMIN_TOKEN",
                        BROKER_TOKEN,
                        "GATEWAY_AUTH_ENABLED",
                        "true",
                        "GATEWAY_AUTH_KEYS_FILE",
                        keys.toString()));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void clients_showAnMqtt5ClientAndMosquittoSub_asTheirConnectSaid_withTheirSubscriptions() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Mqtt5BlockingClient five = broker.client5("gw-list/line 1");
        five.connectWith()
                .keepAlive(33)
                .cleanStart(false)
                .sessionExpiryInterval(600)
                .simpleAuth()
                .username("anna")
                .applySimpleAuth()
                .send();
        five.subscribeWith()
                .topicFilter("plant/five/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        CommandLine.require("mosquitto_sub", "mosquitto-clients");
        Process sub = CommandLine.start(
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(broker.mqttPort),
                "-i",
                "gw-list-sub",
                "-u",
                "instrument",
                "-t",
                "plant/cli/+",
                "-q",
                "1",
                "-k",
                "40");
        try {
            await("both clients listed through the gateway")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> admin().get("/api/v1/clients?q=gw-list")
                            .jsonPath()
                            .getList("items.id")
                            .containsAll(List.of("gw-list/line 1", "gw-list-sub")));

            JsonPath list = admin().get("/api/v1/clients?q=gw-list")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(list.getInt("total")).isEqualTo(2);
            assertThat(list.getInt("connected")).isGreaterThanOrEqualTo(2);
            Map<String, Object> fiveListed = item(list, "gw-list/line 1");
            assertThat(fiveListed)
                    .containsEntry("connected", true)
                    .containsEntry("protocol", "5")
                    .containsEntry("keepAlive", 33)
                    .containsEntry("cleanStart", false)
                    .containsEntry("sessionExpiry", 600)
                    .containsEntry("username", "anna")
                    .containsEntry("address", "127.0.0.1")
                    .containsEntry("disconnectedAt", null);
            assertThat(Instant.parse((String) fiveListed.get("connectedAt"))).isBetween(before, Instant.now());
            assertThat(item(list, "gw-list-sub"))
                    .containsEntry("connected", true)
                    .containsEntry("protocol", "3.1.1")
                    .containsEntry("keepAlive", 40)
                    .containsEntry("username", "instrument");

            // a page at a time: the broker's cursor goes back through the gateway as it came
            JsonPath first = admin().get("/api/v1/clients?q=gw-list&limit=1").jsonPath();
            assertThat(first.getList("items")).hasSize(1);
            JsonPath second = admin().queryParam("cursor", first.getString("cursor"))
                    .get("/api/v1/clients?q=gw-list&limit=1")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(List.of(first.getString("items[0].id"), second.getString("items[0].id")))
                    .containsExactlyInAnyOrder("gw-list/line 1", "gw-list-sub");

            // the id holds a '/' and a space: percent-encoded, it is one client
            admin().get("/api/v1/clients/gw-list%2Fline%201")
                    .then()
                    .statusCode(200)
                    .body("id", equalTo("gw-list/line 1"))
                    .body("subscriptions.size()", equalTo(1))
                    .body("subscriptions[0].filter", equalTo("plant/five/#"))
                    .body("subscriptions[0].qos", equalTo(1))
                    .body("queuedMessages", equalTo(0));

            JsonPath reaching = admin().get("/api/v1/subscriptions?topic=plant%2Fcli%2Fx")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(reaching.getList("items.clientId")).containsExactly("gw-list-sub");
            assertThat(reaching.getString("items[0].filter")).isEqualTo("plant/cli/+");
            assertThat(reaching.getInt("items[0].qos")).isEqualTo(1);
            assertThat(admin().get("/api/v1/subscriptions?filter=plant%2F%23")
                            .jsonPath()
                            .getList("items.filter"))
                    .containsExactlyInAnyOrder("plant/five/#", "plant/cli/+");
        } finally {
            five.disconnect();
            sub.destroy();
            sub.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void disconnect_closesTheClientsConnection_thenItIsShownDisconnected_andRemovingTheSessionMakesItGone() {
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        Mqtt5BlockingClient kicked = MqttClient.builder()
                .useMqttVersion5()
                .identifier("gw-ops-kicked")
                .serverHost("127.0.0.1")
                .serverPort(broker.mqttPort)
                .addDisconnectedListener(context -> {
                    if (context.getSource() == MqttDisconnectSource.SERVER) {
                        closed.complete(context.getCause());
                    }
                })
                .buildBlocking();
        kicked.connectWith().cleanStart(true).sessionExpiryInterval(600).send();
        kicked.subscribeWith().topicFilter("plant/kicked").send();

        admin().delete("/api/v1/clients/gw-ops-kicked")
                .then()
                .statusCode(200)
                .body("id", equalTo("gw-ops-kicked"))
                .body("disconnected", equalTo(true))
                .body("sessionRemoved", equalTo(false));

        Throwable cause = closed.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(cause)
                .isInstanceOfSatisfying(
                        Mqtt5DisconnectException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode())
                                .isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION));
        await("shown disconnected")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin().get("/api/v1/clients/gw-ops-kicked")
                        .then()
                        .statusCode(200)
                        .body("connected", equalTo(false))
                        .body("subscriptions[0].filter", equalTo("plant/kicked")));

        admin().delete("/api/v1/clients/gw-ops-kicked?removeSession=true")
                .then()
                .statusCode(200)
                .body("sessionRemoved", equalTo(true));
        admin().get("/api/v1/clients/gw-ops-kicked")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not found"))
                .body("detail", equalTo("no client 'gw-ops-kicked': it is not connected and has no session"));
    }

    @Test
    void theBrokersOwnRefusals_keepTheirDetail() {
        admin().get("/api/v1/clients?cursor=not*a*cursor")
                .then()
                .statusCode(400)
                .body("detail", containsString("cursor: 'not*a*cursor' is not a cursor this API gave"));
        admin().get("/api/v1/subscriptions?filter=plant%2F%23%2Fx")
                .then()
                .statusCode(400)
                .body("detail", containsString("filter: 'plant/#/x' is not an MQTT topic filter"));
        admin().delete("/api/v1/clients/nobody-here")
                .then()
                .statusCode(404)
                .body("detail", containsString("nobody-here"));
    }

    @Test
    void aGatewayWithTheWrongAdminToken_is502SayingWhichTokenToSet() throws Exception {
        try (GatewayProcess wrong = GatewayProcess.start(
                broker.mqttPort,
                Map.of("GATEWAY_BROKER_ADMIN_URL", adminUrl(), "GATEWAY_BROKER_ADMIN_TOKEN", "not-the-token"))) {
            api(wrong)
                    .get("/api/v1/clients")
                    .then()
                    .statusCode(502)
                    .body("title", equalTo("Broker refused the operations request"))
                    .body(
                            "detail",
                            equalTo("the broker at " + adminUrl() + " refused the gateway's admin token (401: the "
                                    + "bearer token is not the broker's BROKER_ADMIN_TOKEN); set "
                                    + "GATEWAY_BROKER_ADMIN_TOKEN to the broker's BROKER_ADMIN_TOKEN"));
        }
    }

    @Test
    void clients_onMosquitto_whereTheAdminUrlHasNoOperationsApi_is501() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            byte[] body = "<html>404 Not Found</html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        String adminUrl = "http://127.0.0.1:" + other.getAddress().getPort();
        try (MosquittoProcess mosquitto = MosquittoProcess.start("operations", List.of());
                GatewayProcess gateway =
                        GatewayProcess.start(mosquitto.port, Map.of("GATEWAY_BROKER_ADMIN_URL", adminUrl))) {
            api(gateway)
                    .get("/api/v1/clients")
                    .then()
                    .statusCode(501)
                    .contentType("application/problem+json")
                    .body(
                            "detail",
                            equalTo("the broker at " + adminUrl + " has no operations API (GET /api/v1/mqtt/clients "
                                    + "answered 404); mosquitto has none, our broker serves it on its health port "
                                    + "(8889)"));
            // an unknown client's 404 is the broker's problem document; a page that is not one is no API at all
            api(gateway).get("/api/v1/clients/sensor-1").then().statusCode(501);
            api(gateway).get("/api/v1/subscriptions?filter=%23").then().statusCode(501);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void clients_whereNothingListensAtTheAdminUrl_is503WithRetryAfter() throws Exception {
        String adminUrl = "http://127.0.0.1:" + BrokerProcess.freePort();
        try (MosquittoProcess mosquitto = MosquittoProcess.start("operations-down", List.of());
                GatewayProcess gateway = GatewayProcess.start(
                        mosquitto.port,
                        Map.of("GATEWAY_BROKER_ADMIN_URL", adminUrl, "GATEWAY_PUBLISH_RETRY_AFTER_SECONDS", "7"))) {
            api(gateway)
                    .delete("/api/v1/clients/sensor-1")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "7")
                    .body(
                            "detail",
                            equalTo("the broker's operations API at " + adminUrl + " is not reachable (connection "
                                    + "refused); retry in 7 s"))
                    .body("cause", containsString("ConnectException"));
        }
    }

    private static RequestSpecification api(GatewayProcess gateway) {
        return given().baseUri(gateway.base.toString())
                .urlEncodingEnabled(false)
                .when();
    }

    /** A request to the shared gateway with its admin key. */
    private static RequestSpecification admin() {
        return api(gateway).auth().oauth2(ADMIN_KEY);
    }

    private static String adminUrl() {
        return "http://127.0.0.1:" + broker.healthPort;
    }

    private static Map<String, Object> item(JsonPath list, String id) {
        return list.getMap("items.find { it.id == '" + id + "' }");
    }
}
