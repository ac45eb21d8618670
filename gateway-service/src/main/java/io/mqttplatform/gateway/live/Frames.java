package io.mqttplatform.gateway.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqttplatform.gateway.publish.Payloads;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;

/**
 * Every server frame of the live API (WebSocket frames and SSE events), written here and only here, from records:
 * {@code message}, {@code dropped}, {@code subscribed}, {@code unsubscribed}, {@code published} and {@code error}.
 * Control frames echo the client's {@code id} when it sent one. The shapes are in docs/interfaces.md, and
 * docs/fixtures/frames/ holds an example of each that the gateway's and the web UI's tests both read.
 */
@ApplicationScoped
public class Frames {

    /** What every frame record has first: its type. */
    private interface Typed {
        String type();
    }

    /** {@code encoding} is {@code utf-8} when the payload bytes are valid UTF-8, else {@code base64}. */
    private record MessageFrame(
            String type, String topic, String payload, String encoding, int qos, boolean retain, String receivedAt)
            implements Typed {}

    private record DroppedFrame(String type, long count) implements Typed {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record FiltersFrame(String type, String id, Collection<String> filters) implements Typed {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record PublishedFrame(String type, String id, Object result) implements Typed {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ErrorFrame(String type, String id, int status, String detail) implements Typed {}

    private final ObjectMapper json;

    public Frames(ObjectMapper json) {
        this.json = json;
    }

    public Frame message(Mqtt5Publish message, Instant receivedAt) {
        Payloads.Text payload = Payloads.toText(message.getPayloadAsBytes());
        return write(new MessageFrame(
                "message",
                message.getTopic().toString(),
                payload.payload(),
                payload.encoding(),
                message.getQos().getCode(),
                message.isRetain(),
                receivedAt.toString()));
    }

    public Frame dropped(long count) {
        return write(new DroppedFrame("dropped", count));
    }

    public Frame subscribed(Collection<String> filters, String id) {
        return write(new FiltersFrame("subscribed", id, filters));
    }

    public Frame unsubscribed(Collection<String> filters, String id) {
        return write(new FiltersFrame("unsubscribed", id, filters));
    }

    public Frame published(Object result, String id) {
        return write(new PublishedFrame("published", id, result));
    }

    public Frame error(int status, String detail, String id) {
        return write(new ErrorFrame("error", id, status, detail));
    }

    private Frame write(Typed frame) {
        try {
            return new Frame(frame.type(), json.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a frame", e);
        }
    }
}
