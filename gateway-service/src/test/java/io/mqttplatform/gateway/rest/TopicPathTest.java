package io.mqttplatform.gateway.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicPathTest {

    @Test
    void after_decodesPercentEscapesAsUtf8_andKeepsPlusAndEmptyLevels() {
        assertThat(TopicPath.after("/api/v1/topics/lab/room%201/temp", "/api/v1/topics/"))
                .isEqualTo("lab/room 1/temp");
        assertThat(TopicPath.after("/api/v1/topics/lab//x", "/api/v1/topics/")).isEqualTo("lab//x");
        assertThat(TopicPath.after("/api/v1/retained/lab/+/%23", "/api/v1/retained/"))
                .isEqualTo("lab/+/#");
        assertThat(TopicPath.after("/api/v1/topics/caf%C3%A9", "/api/v1/topics/"))
                .isEqualTo("café");
    }

    @Test
    void after_withBrokenEscape_isABadRequest() {
        assertThatThrownBy(() -> TopicPath.after("/api/v1/topics/lab/%zz", "/api/v1/topics/"))
                .hasMessageContaining("bad percent-escape at position 4");
    }
}
