package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.support.BrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The operations endpoints of a gateway whose GATEWAY_BROKER_ADMIN_URL is unset (the default): 501 saying what to
 * set, never a wrong list; their own parameters checked first; auth off, so anyone is admin.
 */
@QuarkusTest
@QuarkusTestResource(BrokerResource.class)
class OperationsResourceTest {

    @Test
    void everyOperation_withoutAdminUrl_is501SayingWhatToSet() {
        given().when().get("/api/v1/clients").then().statusCode(501);
        given().when().get("/api/v1/clients/plant%2Fline-1").then().statusCode(501);
        given().when().delete("/api/v1/clients/c1?removeSession=true").then().statusCode(501);
        given().when()
                .get("/api/v1/subscriptions?topic=lab/a")
                .then()
                .statusCode(501)
                .contentType("application/problem+json")
                .body("title", equalTo("Not implemented"))
                .body(
                        "detail",
                        equalTo("the broker's operations API is not configured: set GATEWAY_BROKER_ADMIN_URL to the "
                                + "broker's health port (our broker serves it at http://<broker>:8889); mosquitto "
                                + "has no such API"));
    }

    @Test
    void clients_withABadLimitOrConnected_is400NamingTheParameter() {
        given().when()
                .get("/api/v1/clients?limit=0")
                .then()
                .statusCode(400)
                .body("detail", equalTo("limit must be a whole number from 1 to 1000; got '0'"));
        given().when()
                .get("/api/v1/clients?limit=all")
                .then()
                .statusCode(400)
                .body("detail", containsString("limit must be a whole number from 1 to 1000"));
        given().when()
                .get("/api/v1/clients?connected=maybe")
                .then()
                .statusCode(400)
                .body("detail", equalTo("connected must be true or false; got 'maybe'"));
    }

    @Test
    void disconnect_withABadRemoveSession_is400() {
        given().when()
                .delete("/api/v1/clients/c1?removeSession=yes")
                .then()
                .statusCode(400)
                .body("detail", equalTo("removeSession must be true or false; got 'yes'"));
    }

    @Test
    void subscriptions_withTopicAndFilter_orABadLimit_is400() {
        given().when()
                .get("/api/v1/subscriptions?topic=lab/a&filter=lab/%23")
                .then()
                .statusCode(400)
                .body("detail", containsString("give topic or filter, not both"));
        given().when().get("/api/v1/subscriptions?limit=1001").then().statusCode(400);
    }

    @Test
    void access_withAuthOff_saysAdmin() {
        given().when().get("/api/v1/access").then().statusCode(200).body("admin", equalTo(true));
    }

    @Test
    void openApi_describesTheOperationsEndpoints_withTheirKeyAndFailures() {
        given().when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/clients'.get.summary", equalTo("List the broker's clients"))
                .body("paths.'/api/v1/clients'.get.responses.'501'.description", containsString("ADMIN_URL"))
                .body("paths.'/api/v1/clients/{id}'.get.responses.'404'", notNullValue())
                .body("paths.'/api/v1/clients/{id}'.delete.summary", equalTo("Disconnect a client"))
                .body("paths.'/api/v1/clients/{id}'.delete.responses.'403'", notNullValue())
                .body("paths.'/api/v1/subscriptions'.get.security.size()", equalTo(2))
                .body("paths.'/api/v1/subscriptions'.get.responses.'503'", notNullValue());
    }

    @Test
    void cors_allowsTheWebUiToDisconnectClients() {
        given().header("Origin", "http://localhost:8088")
                .header("Access-Control-Request-Method", "DELETE")
                .when()
                .options("/api/v1/clients/c1")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Methods", containsString("DELETE"));
    }
}
