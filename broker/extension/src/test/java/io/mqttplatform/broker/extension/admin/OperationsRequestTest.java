package io.mqttplatform.broker.extension.admin;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operations API's parameters: query strings, cursors, filters, and who may ask. */
class OperationsRequestTest {

    @Test
    void aPlusInTheQuery_staysAPlus_asMqttFiltersNeedIt() {
        QueryString query = QueryString.parse("filter=lab/+/t&topic=a%20b%2Bc", Set.of("filter", "topic"));

        assertThat(query.text("filter")).isEqualTo("lab/+/t");
        assertThat(query.text("topic")).isEqualTo("a b+c");
    }

    @Test
    void unknownOrRepeatedParameters_andBadValues_areRefusedNamingThem() {
        assertThatThrownBy(() -> QueryString.parse("limt=3", Set.of("limit")))
                .hasMessageContaining("'limt'")
                .hasMessageContaining("[limit]");
        assertThatThrownBy(() -> QueryString.parse("limit=3&limit=4", Set.of("limit")))
                .hasMessageContaining("given twice");
        assertThatThrownBy(
                        () -> QueryString.parse("limit=1001", Set.of("limit")).limit())
                .hasMessageContaining("limit: '1001' is not a whole number from 1 to 1000");
        assertThatThrownBy(() ->
                        QueryString.parse("connected=yes", Set.of("connected")).bool("connected"))
                .hasMessageContaining("connected: 'yes' is not true or false");
        assertThat(QueryString.parse("", Set.of("limit")).limit()).isEqualTo(100);
    }

    @Test
    void aCursor_bringsBackThePositionItWasMadeFrom() {
        String cursor = QueryString.cursorOf("lab/7\u0000a/#");

        assertThat(cursor).doesNotContain("/", "+", "=");
        assertThat(QueryString.parse("cursor=" + cursor, Set.of("cursor")).cursor())
                .isEqualTo("lab/7\u0000a/#");
        assertThatThrownBy(
                        () -> QueryString.parse("cursor=***", Set.of("cursor")).cursor())
                .hasMessageContaining("not a cursor this API gave");
    }

    @Test
    void filters_followMqtt_includingDollarTopicsAndSharedSubscriptions() {
        assertThat(TopicFilters.topicsOf("filter", "#").test("$SYS/broker/uptime"))
                .isFalse();
        assertThat(TopicFilters.topicsOf("filter", "$SYS/#").test("$SYS/broker/uptime"))
                .isTrue();
        assertThat(TopicFilters.topicsOf("filter", "lab/+").test("lab/a")).isTrue();
        assertThat(TopicFilters.subscriptions("lab/a/t", null).test("$share/g/lab/+/t"))
                .isTrue();
        assertThat(TopicFilters.subscriptions("lab/a/t", null).test("lab/b/#")).isFalse();
        assertThat(TopicFilters.subscriptions(null, "lab/#").test("lab/+/t")).isTrue();
        assertThat(TopicFilters.subscriptions(null, "lab/+").test("lab/#")).isFalse();
        assertThat(TopicFilters.subscriptions(null, null).test("anything/#")).isTrue();
        assertThatThrownBy(() -> TopicFilters.subscriptions("a", "b")).hasMessageContaining("not both");
        assertThatThrownBy(() -> TopicFilters.subscriptions("lab/#", null))
                .hasMessageContaining("topic: 'lab/#' is not an MQTT topic");
    }

    @Test
    void access_needsTheTokenWhenSet_andOnASecuredBrokerWithoutOneNobodyPasses() {
        new AdminAccess("t0ken", false).check("Bearer t0ken");
        new AdminAccess(null, true).check(null);
        assertThatThrownBy(() -> new AdminAccess("t0ken", true).check(null))
                .isInstanceOfSatisfying(
                        OperationsFailure.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> new AdminAccess("t0ken", true).check("Bearer other"))
                .isInstanceOfSatisfying(
                        OperationsFailure.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> new AdminAccess(null, false).check("Bearer anything"))
                .isInstanceOfSatisfying(OperationsFailure.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.detail()).contains("BROKER_ADMIN_TOKEN");
                });
    }
}
