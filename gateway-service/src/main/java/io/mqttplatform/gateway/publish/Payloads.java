package io.mqttplatform.gateway.publish;

import io.mqttplatform.gateway.failure.Failure;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Payload bytes to and from the JSON text forms the API uses: {@code utf-8} or {@code base64}. */
public final class Payloads {

    public static final String UTF_8 = "utf-8";
    public static final String BASE64 = "base64";

    /** A payload as JSON text and its encoding: text when the bytes are valid UTF-8, else base64. */
    public record Text(String payload, String encoding) {}

    public static Text toText(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Text(text, UTF_8);
        } catch (CharacterCodingException e) {
            return new Text(Base64.getEncoder().encodeToString(bytes), BASE64);
        }
    }

    /** The bytes of a payload given as text in an encoding; invalid, naming the field, for unknown encodings or bad base64. */
    public static byte[] fromText(String payload, String encoding, String field) {
        String chosen = encoding == null ? UTF_8 : encoding.toLowerCase(java.util.Locale.ROOT);
        switch (chosen) {
            case UTF_8, "utf8":
                return payload.getBytes(StandardCharsets.UTF_8);
            case BASE64:
                try {
                    return Base64.getDecoder().decode(payload);
                } catch (IllegalArgumentException e) {
                    throw Failure.invalid(field + " is not valid base64: " + e.getMessage());
                }
            default:
                throw Failure.invalid(
                        "encoding '" + encoding + "' is not supported: use \"utf-8\" (default) or \"base64\"");
        }
    }

    private Payloads() {}
}
