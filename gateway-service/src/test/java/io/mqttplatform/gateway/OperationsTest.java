package io.mqttplatform.gateway;

import io.mqttplatform.gateway.support.BrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** What operators use: health, metrics, the API description, CORS for the web UI. */
@QuarkusTest
@QuarkusTestResource(BrokerResource.class)
class OperationsTest {

    @Test
    void readiness_reportsTheBrokerConnection() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("broker"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metrics_haveThePublishOutcomesLatencyHistogramAndLiveConnections() {
        given().body("m").when().post("/api/v1/topics/ops/metrics").then().statusCode(200);
        given().body("m")
                .queryParam("qos", "9")
                .when()
                .post("/api/v1/topics/ops/metrics")
                .then()
                .statusCode(400);

        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("mqtt_gateway_publishes_total{outcome=\"acknowledged\"}"))
                .body(containsString("mqtt_gateway_publish_latency_seconds_bucket"))
                .body(containsString("mqtt_gateway_live_connections{kind=\"websocket\"}"))
                .body(containsString("mqtt_gateway_live_connections{kind=\"sse\"}"))
                .body(containsString("mqtt_gateway_messages_dropped_total"))
                .body(containsString(
                        "# HELP mqtt_gateway_publishes Messages published through the gateway, by outcome."))
                .body(containsString("# HELP mqtt_gateway_live_connections Open live connections"));
    }

    @Test
    void openApi_describesTheApiWithExamples_andSwaggerUiIsServed() {
        given().when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/topics/{topic}'.post.summary", equalTo("Publish the request body to a topic"))
                .body(
                        "paths.'/api/v1/messages'.post.requestBody.content.'application/json'.examples.batch.value[1].encoding",
                        equalTo("base64"))
                .body("paths.'/api/v1/retained/{filter}'.get.summary", containsString("retained"))
                .body("paths.'/api/v1/stream'.get.summary", containsString("Server-Sent Events"))
                // the API key: a Bearer header or the access_token query parameter, either one, on every endpoint
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.securitySchemes.access_token.in", equalTo("query"))
                .body("paths.'/api/v1/topics/{topic}'.post.security.size()", equalTo(2))
                .body("paths.'/api/v1/retained/{filter}'.get.security[1].access_token", notNullValue());
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void cors_allowsTheWebUiOrigin() {
        given().header("Origin", "http://localhost:8088")
                .header("Access-Control-Request-Method", "POST")
                .when()
                .options("/api/v1/topics/lab/a")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8088");
    }
}
