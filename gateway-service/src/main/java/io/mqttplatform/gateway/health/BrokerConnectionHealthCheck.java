package io.mqttplatform.gateway.health;

import io.mqttplatform.gateway.mqtt.BrokerClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the gateway is connected to the broker: a load balancer then sends traffic elsewhere. */
@Readiness
@ApplicationScoped
public class BrokerConnectionHealthCheck implements HealthCheck {

    private final BrokerClient broker;

    public BrokerConnectionHealthCheck(BrokerClient broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("broker")
                .status(broker.isConnected())
                .withData("address", broker.describe())
                .build();
    }
}
