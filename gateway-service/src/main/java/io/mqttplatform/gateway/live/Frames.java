package io.mqttplatform.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control frames of the live API (WebSocket frames and SSE event data), written with Jackson: {@code subscribed},
 * {@code unsubscribed}, {@code published} and {@code error}. Each echoes the client's {@code id} when it sent one.
 */
@ApplicationScoped
public class Frames {

    private final ObjectMapper json;

    public Frames(ObjectMapper json) {
        this.json = json;
    }

    public String subscribed(Collection<String> filters, String id) {
        return write(frame("subscribed", id, "filters", filters));
    }

    public String unsubscribed(Collection<String> filters, String id) {
        return write(frame("unsubscribed", id, "filters", filters));
    }

    public String published(Object result, String id) {
        return write(frame("published", id, "result", result));
    }

    public String error(int status, String detail, String id) {
        Map<String, Object> frame = frame("error", id, "status", status);
        frame.put("detail", detail);
        return write(frame);
    }

    private static Map<String, Object> frame(String type, String id, String key, Object value) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        if (id != null) {
            frame.put("id", id);
        }
        frame.put(key, value);
        return frame;
    }

    private String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a frame", e);
        }
    }
}
