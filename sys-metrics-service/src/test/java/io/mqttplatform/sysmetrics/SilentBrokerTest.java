package io.mqttplatform.sysmetrics;

import io.mqttplatform.sysmetrics.support.BrokerResource;
import io.mqttplatform.sysmetrics.support.Scrape;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Connected, but the broker publishes no $SYS (SYS_INTERVAL=0): not up, and readiness says why. */
@QuarkusTest
@WithTestResource(value = BrokerResource.class, initArgs = @ResourceArg(name = "sysInterval", value = "0"))
class SilentBrokerTest {

    @Test
    void connectedWithoutSys_isNotUp_andReadinessExplains() {
        await("connected")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().when()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(503)
                        .body(containsString("no $SYS message arrived yet")));
        Scrape scrape = Scrape.now();
        assertThat(scrape.valueOf("mqtt_broker_up")).isZero();
        assertThat(scrape.names("mqtt_broker_")).containsExactly("mqtt_broker_up");
    }
}
