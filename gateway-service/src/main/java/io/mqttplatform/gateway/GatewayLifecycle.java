package io.mqttplatform.gateway;

import io.mqttplatform.gateway.auth.ApiKeyStore;
import io.mqttplatform.gateway.live.SubscriptionRegistry;
import io.mqttplatform.gateway.mqtt.BrokerClient;
import io.mqttplatform.gateway.operations.OperationsApiClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Start-up order: check the API keys file and the operations API's URL (a bad one stops the gateway), route broker
 * messages to the registry, restore subscriptions after every reconnect, then connect. On shutdown, leave the broker
 * cleanly.
 */
@ApplicationScoped
public class GatewayLifecycle {

    private static final Logger log = Logger.getLogger(GatewayLifecycle.class);

    void start(
            @Observes StartupEvent event,
            BrokerClient broker,
            SubscriptionRegistry registry,
            ApiKeyStore keys,
            OperationsApiClient operations) {
        log.infof("API keys %s", keys.enabled() ? "required" : "not required (GATEWAY_AUTH_ENABLED=false)");
        log.infof(
                "Broker operations API %s",
                operations.base().map(Object::toString).orElse("not configured (GATEWAY_BROKER_ADMIN_URL unset)"));
        broker.onMessage(registry::dispatch);
        broker.onReconnect(registry::restore);
        broker.connect();
    }

    void stop(@Observes ShutdownEvent event, BrokerClient broker) {
        broker.disconnect();
    }
}
