package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.failure.Failure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The topic, filter or client id at the end of a request path, taken from the raw (undecoded, unnormalised) path so
 * that empty levels ({@code lab//x}), {@code %2F} and {@code %23} ({@code #}) reach MQTT exactly as sent. Only {@code %XX}
 * escapes are decoded (as UTF-8); '+' stays '+', as in any URL path.
 */
public final class TopicPath {

    public static String after(String rawPath, String prefix) {
        if (!rawPath.startsWith(prefix)) {
            return "";
        }
        return decode(rawPath.substring(prefix.length()));
    }

    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= raw.length()
                    || Character.digit(raw.charAt(i + 1), 16) < 0
                    || Character.digit(raw.charAt(i + 2), 16) < 0) {
                throw Failure.invalid(
                        "'" + raw + "' has a bad percent-escape at position " + i + "; write a '%' as %25");
            }
            bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private TopicPath() {}
}
