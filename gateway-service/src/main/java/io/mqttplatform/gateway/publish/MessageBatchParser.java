package io.mqttplatform.gateway.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.config.GatewayConfig;
import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.failure.FailureKind;
import io.mqttplatform.gateway.failure.InvalidBatch;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the body of POST /api/v1/messages, one message object or an array of them, and checks every message before
 * anything is sent, so that a bad batch publishes nothing and says which messages (by index) and fields are wrong.
 * A message: {@code {"topic", "payload", "encoding": "utf-8"|"base64", "qos": 0|1|2, "retain": bool}}; a payload that
 * is not a JSON string is published as its JSON text. WebSocket {@code publish} frames are checked here too, so both
 * doors accept exactly the same messages.
 */
@ApplicationScoped
public class MessageBatchParser {

    /** What the body held. */
    public record Batch(boolean single, List<PublishService.Checked> messages) {}

    private static final List<String> FIELDS = List.of("topic", "payload", "encoding", "qos", "retain");
    /** A WebSocket publish frame also carries its type and the client's optional id. */
    private static final List<String> FRAME_FIELDS =
            List.of("type", "id", "topic", "payload", "encoding", "qos", "retain");

    private static final int MAX_LISTED_ERRORS = 20;

    private final ObjectMapper json;
    private final PublishService publisher;
    private final int maxBatch;

    public MessageBatchParser(ObjectMapper json, PublishService publisher, GatewayConfig config) {
        this.json = json;
        this.publisher = publisher;
        this.maxBatch = config.publish().maxBatchMessages();
    }

    /** Checks a WebSocket {@code publish} frame as one message (invalid, forbidden, too large, as in the REST API). */
    public PublishService.Checked checkFrame(JsonNode frame, Caller caller) {
        return check(frame, "publish", caller, FRAME_FIELDS);
    }

    public Batch parse(byte[] body, Caller caller) {
        JsonNode root = read(body);
        if (root.isObject()) {
            return new Batch(true, List.of(check(root, "message", caller, FIELDS)));
        }
        if (!root.isArray()) {
            throw Failure.invalid("the body must be a message object or an array of message objects, " + "not a JSON "
                    + root.getNodeType().name().toLowerCase());
        }
        if (root.isEmpty()) {
            throw Failure.invalid("the batch is empty; send at least one message");
        }
        if (root.size() > maxBatch) {
            throw Failure.tooLarge("the batch has " + root.size() + " messages; at most " + maxBatch
                    + " are accepted per request (GATEWAY_PUBLISH_MAX_BATCH_MESSAGES)");
        }
        List<PublishService.Checked> messages = new ArrayList<>(root.size());
        List<InvalidBatch.Item> errors = new ArrayList<>();
        FailureKind kind = null;
        for (int i = 0; i < root.size(); i++) {
            try {
                messages.add(check(root.get(i), "messages[" + i + "]", caller, FIELDS));
            } catch (Failure e) {
                kind = kind == null || kind == e.kind() ? e.kind() : FailureKind.INVALID;
                if (errors.size() < MAX_LISTED_ERRORS) {
                    errors.add(new InvalidBatch.Item(i, e));
                }
            }
        }
        if (!errors.isEmpty()) {
            long invalid = root.size() - messages.size();
            throw new InvalidBatch(
                    kind,
                    invalid + " of " + root.size() + " messages are invalid, so none was published; the first: "
                            + errors.get(0).failure().detail(),
                    errors);
        }
        return new Batch(false, messages);
    }

    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw Failure.invalid("the body is empty; send a JSON message object or an array of them");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw Failure.invalid("the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw Failure.invalid("the body cannot be read: " + e.getMessage());
        }
    }

    private PublishService.Checked check(JsonNode node, String where, Caller caller, List<String> fields) {
        if (!node.isObject()) {
            throw Failure.invalid(where + " must be an object with topic and payload");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw Failure.invalid(
                        where + " has the unknown field '" + name + "'; allowed: " + String.join(", ", fields));
            }
        }
        JsonNode topic = node.get("topic");
        if (topic == null || !topic.isTextual()) {
            throw Failure.invalid(where + ".topic is missing or not a string");
        }
        JsonNode encoding = node.get("encoding");
        if (encoding != null && !encoding.isTextual()) {
            throw Failure.invalid(where + ".encoding must be \"utf-8\" or \"base64\"");
        }
        byte[] payload = payload(node.get("payload"), encoding == null ? null : encoding.asText(), where);
        int qos = qos(node.get("qos"), where);
        JsonNode retain = node.get("retain");
        if (retain != null && !retain.isBoolean()) {
            throw Failure.invalid(where + ".retain must be true or false; got " + retain);
        }
        try {
            return publisher.check(caller, topic.asText(), payload, qos, retain != null && retain.asBoolean());
        } catch (Failure e) {
            throw e.withDetail(where + ": " + e.detail());
        }
    }

    private static byte[] payload(JsonNode payload, String encoding, String where) {
        if (payload == null || payload.isNull()) {
            return new byte[0];
        }
        if (payload.isTextual()) {
            try {
                return Payloads.fromText(payload.asText(), encoding, where + ".payload");
            } catch (Failure e) {
                throw e.withDetail(where + ": " + e.detail());
            }
        }
        if (encoding != null && !encoding.equalsIgnoreCase(Payloads.UTF_8)) {
            throw Failure.invalid(where + ".payload must be a string when encoding is '" + encoding + "'");
        }
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int qos(JsonNode qos, String where) {
        if (qos == null || qos.isNull()) {
            return 1;
        }
        if (!qos.isInt() || qos.asInt() < 0 || qos.asInt() > 2) {
            throw Failure.invalid(where + ".qos must be 0, 1 or 2; got " + qos);
        }
        return qos.asInt();
    }
}
