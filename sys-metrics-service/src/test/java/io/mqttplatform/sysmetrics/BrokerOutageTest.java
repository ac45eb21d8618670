package io.mqttplatform.sysmetrics;

import io.mqttplatform.sysmetrics.support.BrokerResource;
import io.mqttplatform.sysmetrics.support.Scrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The broker goes away: up drops to 0 and the broker's values leave the scrape, health goes down; the broker comes
 * back: everything returns without restarting the service.
 */
@QuarkusTest
@WithTestResource(BrokerResource.class)
class BrokerOutageTest {

    @Test
    void brokerStopped_upIs0AndValuesGone_brokerBack_upIs1AndValuesBack() throws Exception {
        await("up before the outage")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now().value("mqtt_broker_up").orElse(0) == 1);
        BrokerResource.restartable().stop();
        try {
            // Staleness window in the tests: 3 intervals of 1 s; a lost connection is seen within ~0.25 s.
            await("up 0").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                Scrape scrape = Scrape.now();
                assertThat(scrape.valueOf("mqtt_broker_up")).isZero();
                assertThat(scrape.names("mqtt_broker_"))
                        .containsExactlyInAnyOrder("mqtt_broker_up", "mqtt_broker_last_update_timestamp_seconds");
            });
            given().when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body(containsString("not connected to the broker"));
        } finally {
            BrokerResource.restartable().startAgain();
        }
        await("up again").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = Scrape.now();
            assertThat(scrape.valueOf("mqtt_broker_up")).isEqualTo(1);
            assertThat(scrape.valueOf("mqtt_broker_clients_connected")).isPositive();
            assertThat(scrape.valueOf("mqtt_broker_uptime_seconds")).isLessThan(30);
        });
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
