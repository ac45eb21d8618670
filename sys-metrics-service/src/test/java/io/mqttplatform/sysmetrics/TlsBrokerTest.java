package io.mqttplatform.sysmetrics;

import io.mqttplatform.sysmetrics.support.Scrape;
import io.mqttplatform.sysmetrics.support.TlsMosquittoResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker reachable only over TLS, with its own CA: the service connects with SYS_METRICS_BROKER_TLS_* set. */
@QuarkusTest
@WithTestResource(TlsMosquittoResource.class)
class TlsBrokerTest {

    @Test
    void tlsWithTheBrokersCa_andHostNameVerification_connects() {
        await("mqtt_broker_up 1 over TLS")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now().value("mqtt_broker_up").orElse(0) == 1);
        Scrape scrape = Scrape.now();
        assertThat(scrape.series("mqtt_broker_info")).singleElement().asString().contains("mosquitto version");
        assertThat(scrape.valueOf("mqtt_broker_clients_connected")).isGreaterThanOrEqualTo(0);
    }
}
