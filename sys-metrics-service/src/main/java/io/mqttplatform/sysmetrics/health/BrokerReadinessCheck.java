package io.mqttplatform.sysmetrics.health;

import io.mqttplatform.sysmetrics.state.BrokerState;
import io.mqttplatform.sysmetrics.state.Freshness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the broker is up (connected and its {@code $SYS} tree fresh): then the scrape carries its values. */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    @Inject
    BrokerState state;

    @Override
    public HealthCheckResponse call() {
        Freshness freshness = state.freshness();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("broker $SYS")
                .status(freshness.up())
                .withData("connected", freshness.connected());
        if (freshness.age() != null) {
            response.withData("lastUpdateSecondsAgo", freshness.age().toSeconds());
        }
        if (!freshness.up()) {
            response.withData("reason", freshness.reason());
        }
        return response.build();
    }
}
