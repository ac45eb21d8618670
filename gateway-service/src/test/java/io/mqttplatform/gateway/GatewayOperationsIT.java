package io.mqttplatform.gateway;

import com.sun.net.httpserver.HttpServer;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.MosquittoProcess;
import io.mqttplatform.gateway.support.GatewayProcess;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The operations endpoints of packaged gateways, against brokers as operators run them: where there is no operations
 * API to reach (mosquitto, nothing listening), the gateway says so with 501 or 503, never a wrong list.
 */
class GatewayOperationsIT {

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
}
