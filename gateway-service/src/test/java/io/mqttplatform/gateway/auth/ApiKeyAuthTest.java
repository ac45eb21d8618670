package io.mqttplatform.gateway.auth;

import io.mqttplatform.gateway.support.BrokerResource;
import io.mqttplatform.gateway.support.SseClient;
import io.mqttplatform.gateway.support.WsClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** With API keys on, every door asks for a key, and each key reaches only its own topics. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@QuarkusTestResource(BrokerResource.class)
class ApiKeyAuthTest {

    @TestHTTPResource("/api/v1/ws")
    URI wsHttp;

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    private URI ws(String query) {
        return URI.create(wsHttp.toString().replaceFirst("^http", "ws") + query);
    }

    @Test
    void publish_withoutKey_is401WithBearerChallenge() {
        given().body("x")
                .when()
                .post("/api/v1/topics/lab/a")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("detail", containsString("an API key is required"));
    }

    @Test
    void access_saysWhatTheKeyMayDo_and401WithoutOne() {
        given().auth()
                .oauth2(AuthOnProfile.READER_KEY)
                .when()
                .get("/api/v1/access")
                .then()
                .statusCode(200)
                .body("key", equalTo("dashboard"))
                .body("publish", empty())
                .body("subscribe", contains("lab/+/temp"))
                .body("admin", equalTo(false));
        given().auth()
                .oauth2(AuthOnProfile.ADMIN_KEY)
                .when()
                .get("/api/v1/access")
                .then()
                .statusCode(200)
                .body("key", equalTo("ops"))
                .body("admin", equalTo(true));
        given().when().get("/api/v1/access").then().statusCode(401);
    }

    @Test
    void operations_withoutKey_is401_andWithAKeyWithoutAdmin_is403() {
        for (String path : new String[] {"/api/v1/clients", "/api/v1/clients/c1", "/api/v1/subscriptions"}) {
            given().when().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer");
            given().auth()
                    .oauth2(AuthOnProfile.WRITER_KEY)
                    .when()
                    .get(path)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body(
                            "detail",
                            equalTo("API key 'lab-writer' may not use the operations API: give it \"admin\": true "
                                    + "in the keys file"));
        }
        given().when().delete("/api/v1/clients/c1").then().statusCode(401);
        given().auth()
                .oauth2(AuthOnProfile.READER_KEY)
                .when()
                .delete("/api/v1/clients/c1")
                .then()
                .statusCode(403)
                .body("detail", containsString("API key 'dashboard' may not use the operations API"));
    }

    @Test
    void operations_withAnAdminKey_passTheKeyCheck_andSayTheBrokersApiIsNotConfigured() {
        given().auth()
                .oauth2(AuthOnProfile.ADMIN_KEY)
                .when()
                .get("/api/v1/clients")
                .then()
                .statusCode(501)
                .body("detail", containsString("set GATEWAY_BROKER_ADMIN_URL"));
    }

    @Test
    void publish_withWrongKey_is401() {
        given().auth()
                .oauth2("not-a-key")
                .body("x")
                .when()
                .post("/api/v1/topics/lab/a")
                .then()
                .statusCode(401)
                .body("detail", containsString("not valid"));
    }

    @Test
    void publish_withKey_reachesItsTopics_andIs403Elsewhere() {
        given().auth()
                .oauth2(AuthOnProfile.WRITER_KEY)
                .body("x")
                .when()
                .post("/api/v1/topics/lab/a")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(AuthOnProfile.WRITER_KEY)
                .body("x")
                .when()
                .post("/api/v1/topics/other/a")
                .then()
                .statusCode(403)
                .body("detail", containsString("API key 'lab-writer' may not publish to 'other/a'"));
        given().auth()
                .oauth2(AuthOnProfile.READER_KEY)
                .body("x")
                .when()
                .post("/api/v1/topics/lab/a/temp")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(AuthOnProfile.WRITER_KEY)
                .body("x")
                .when()
                .post("/api/v1/topics/$SYS/broker/x")
                .then()
                .statusCode(403);
    }

    @Test
    void batch_withOneForbiddenTopic_publishesNothing() {
        given().auth()
                .oauth2(AuthOnProfile.WRITER_KEY)
                .contentType("application/json")
                .body("[{\"topic\":\"lab/ok\",\"payload\":\"1\"},{\"topic\":\"elsewhere\",\"payload\":\"2\"}]")
                .when()
                .post("/api/v1/messages")
                .then()
                .statusCode(403)
                .body("detail", containsString("1 of 2 messages are invalid"));
    }

    @Test
    void retained_needsSubscribePermission() {
        given().auth()
                .oauth2(AuthOnProfile.READER_KEY)
                .urlEncodingEnabled(false)
                .when()
                .get("/api/v1/retained/lab/+/temp")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(AuthOnProfile.READER_KEY)
                .urlEncodingEnabled(false)
                .when()
                .get("/api/v1/retained/lab/%23")
                .then()
                .statusCode(403)
                .body("detail", containsString("may not subscribe to 'lab/#'"));
    }

    @Test
    void websocket_withoutKey_isRefusedAtTheHandshake() {
        assertThatThrownBy(() -> WsClient.open(ws("")))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause())
                                .getResponse()
                                .statusCode())
                        .isEqualTo(401));
    }

    @Test
    void websocket_withAccessToken_subscribesWithinItsFilters_andGets403Frames() throws Exception {
        try (WsClient client = WsClient.open(ws("?access_token=" + AuthOnProfile.READER_KEY))) {
            client.subscribe("lab/+/temp");
            client.send("{\"type\":\"subscribe\",\"id\":\"wide\",\"filters\":[\"lab/#\"]}");
            client.send("{\"type\":\"publish\",\"id\":\"pub\",\"topic\":\"lab/a/temp\",\"payload\":\"1\"}");

            assertThat(client.awaitFrame("error", f -> f.path("id").asText().equals("wide"))
                            .get("status")
                            .asInt())
                    .isEqualTo(403);
            assertThat(client.awaitFrame("error", f -> f.path("id").asText().equals("pub"))
                            .get("status")
                            .asInt())
                    .isEqualTo(403);
        }
    }

    @Test
    void sse_acceptsAccessTokenAndRefusesWithout() throws Exception {
        given().when().get("/api/v1/stream?filter=lab/x").then().statusCode(401);
        try (SseClient sse =
                new SseClient(URI.create(stream + "?filter=lab/%2B/temp&access_token=" + AuthOnProfile.READER_KEY))) {
            assertThat(sse.status()).isEqualTo(200);
            sse.awaitEvent("subscribed", f -> true);
        }
    }
}
