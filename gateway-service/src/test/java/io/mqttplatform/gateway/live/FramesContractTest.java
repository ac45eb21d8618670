package io.mqttplatform.gateway.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqttplatform.gateway.failure.Failure;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway writes the frames of docs/fixtures/frames/ byte for byte; the web UI's tests read the same files. */
class FramesContractTest {

    private static final Path FIXTURES = Path.of("..", "docs", "fixtures", "frames");
    private final Frames frames = new Frames(new ObjectMapper());

    @Test
    void everyFrameIsWrittenAsItsFixture() throws Exception {
        assertWritten(
                frames.message(
                        Mqtt5Publish.builder()
                                .topic("lab/room1/temp")
                                .payload("21.5".getBytes())
                                .qos(MqttQos.AT_LEAST_ONCE)
                                .retain(true)
                                .build(),
                        Instant.parse("2026-11-27T10:15:30.123Z")),
                "message-text");
        assertWritten(
                frames.message(
                        Mqtt5Publish.builder()
                                .topic("lab/camera/frame")
                                .payload(new byte[] {0, -1, 1})
                                .qos(MqttQos.AT_MOST_ONCE)
                                .build(),
                        Instant.parse("2026-11-27T10:15:31Z")),
                "message-binary");
        assertWritten(frames.dropped(250), "dropped");
        assertWritten(frames.subscribed(List.of("lab/#", "$SYS/broker/#"), "s1"), "subscribed");
        assertWritten(frames.unsubscribed(List.of("lab/#"), null), "unsubscribed");
        Failure refused = Failure.forbidden("the broker refused the subscription to 'office/#': NOT_AUTHORIZED");
        assertWritten(frames.error(refused.kind().status(), refused.detail(), "s2"), "error");
    }

    private static void assertWritten(Frame frame, String fixture) throws Exception {
        String expected = Files.readString(FIXTURES.resolve(fixture + ".json")).strip();
        assertThat(frame.json()).as(fixture).isEqualTo(expected);
        assertThat(frame.type())
                .isEqualTo(new ObjectMapper().readTree(expected).get("type").asText());
    }
}
