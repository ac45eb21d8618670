package io.mqttplatform.gateway.operations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client id holds, it reaches the broker as one path segment; absent parameters are left out. */
class OperationsPathsTest {

    @Test
    void client_withSlashesSpacesAndPercent_isOnePercentEncodedSegment() {
        assertThat(OperationsPaths.client("plant/line 1/50%?x#y"))
                .isEqualTo("/api/v1/mqtt/clients/plant%2Fline%201%2F50%25%3Fx%23y");
        assertThat(OperationsPaths.client("sensor+1")).isEqualTo("/api/v1/mqtt/clients/sensor%2B1");
        assertThat(OperationsPaths.client("Zähler")).isEqualTo("/api/v1/mqtt/clients/Z%C3%A4hler");
    }

    @Test
    void client_namedDotOrDotDot_isNotAPathStep() {
        assertThat(OperationsPaths.client("..")).isEqualTo("/api/v1/mqtt/clients/%2E%2E");
        assertThat(OperationsPaths.client("a.b")).isEqualTo("/api/v1/mqtt/clients/a.b");
    }

    @Test
    void connection_saysWhetherToRemoveTheSession() {
        assertThat(OperationsPaths.connection("a/b", true))
                .isEqualTo("/api/v1/mqtt/clients/a%2Fb/connection?removeSession=true");
    }

    @Test
    void queries_carryOnlyTheGivenParameters_encoded() {
        assertThat(OperationsPaths.clients(new ClientsQuery(null, null, null, null)))
                .isEqualTo("/api/v1/mqtt/clients");
        assertThat(OperationsPaths.clients(new ClientsQuery(50, "c&1=", "line 1", false)))
                .isEqualTo("/api/v1/mqtt/clients?limit=50&cursor=c%261%3D&q=line%201&connected=false");
        assertThat(OperationsPaths.subscriptions(new SubscriptionsQuery(null, "lab/+/#", null, null)))
                .isEqualTo("/api/v1/mqtt/subscriptions?filter=lab%2F%2B%2F%23");
        assertThat(OperationsPaths.subscriptions(new SubscriptionsQuery("$SYS/broker/uptime", null, 10, "n")))
                .isEqualTo("/api/v1/mqtt/subscriptions?topic=%24SYS%2Fbroker%2Fuptime&limit=10&cursor=n");
    }
}
