package io.mqttplatform.gateway.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import io.mqttplatform.gateway.failure.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicRulesTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "lab/+/temp, lab/a/temp, true",
        "lab/+/temp, lab//temp, true",
        "lab/+/temp, lab/a/b/temp, false",
        "lab/#, lab, true",
        "lab/#, lab/a/b, true",
        "#, lab/a, true",
        "#, $SYS/broker/uptime, false",
        "+/broker/uptime, $SYS/broker/uptime, false",
        "$SYS/#, $SYS/broker/uptime, true",
        "$SYS/broker/+, $SYS/broker/uptime, true",
        "/+, /a, true",
        "+/+, /a, true"
    })
    void matches_followsMqttRulesIncludingDollarTopics(String filter, String topic, boolean expected) {
        assertThat(TopicRules.matches(TopicRules.filter(filter), MqttTopic.of(topic)))
                .isEqualTo(expected);
    }

    @Test
    void publishTopic_withWildcard_isRefusedNamingTheWildcardAndItsPosition() {
        assertThatThrownBy(() -> TopicRules.publishTopic("lab/+/temp")).isInstanceOfSatisfying(Failure.class, e -> {
            assertThat(e.kind().status()).isEqualTo(400);
            assertThat(e.detail()).contains("wildcard '+' at position 4");
        });
    }

    @Test
    void publishTopic_withDollarTopic_isForbidden() {
        assertThatThrownBy(() -> TopicRules.publishTopic("$SYS/broker/version"))
                .isInstanceOfSatisfying(
                        Failure.class, e -> assertThat(e.kind().status()).isEqualTo(403));
    }

    @Test
    void publishTopic_withNulOrEmptyOrTooLong_isRefusedWithTheReason() {
        assertThatThrownBy(() -> TopicRules.publishTopic("lab/\u0000x")).hasMessageContaining("NUL character");
        assertThatThrownBy(() -> TopicRules.publishTopic("")).hasMessageContaining("topic is empty");
        assertThatThrownBy(() -> TopicRules.publishTopic("a".repeat(65_536)))
                .hasMessageContaining("65536 bytes long in UTF-8; MQTT allows at most 65535");
    }

    @Test
    void filter_withMisplacedWildcards_isRefusedWithTheRule() {
        assertThatThrownBy(() -> TopicRules.filter("lab/#/x")).hasMessageContaining("'#' must be the whole last level");
        assertThatThrownBy(() -> TopicRules.filter("lab/a+")).hasMessageContaining("not a valid MQTT topic filter");
        assertThatThrownBy(() -> TopicRules.filter("$share/g/lab/#")).hasMessageContaining("shared subscription");
    }
}
