package io.mqttplatform.sysmetrics.sys;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads a {@code $SYS} payload in the format its {@link SysMetric} expects. A payload that does not fit is refused
 * with the reason, never read as 0.
 */
public final class PayloadParser {

    /** Longest text value kept (a version string); longer payloads are refused. */
    public static final int MAX_TEXT_LENGTH = 200;

    private static final Pattern NUMBER = Pattern.compile("\\d{1,20}(\\.\\d{1,17})?");
    private static final Pattern SECONDS = Pattern.compile("(\\d{1,20})( seconds?)?");

    private PayloadParser() {}

    /** Parses a payload; throws {@link InvalidPayloadException} saying what was wrong. */
    public static Reading parse(SysMetric metric, byte[] payload) {
        String text = utf8(payload).trim();
        return switch (metric.format()) {
            case NUMBER -> Reading.ofNumber(number(text));
            case SECONDS -> Reading.ofNumber(seconds(text));
            case TEXT -> Reading.ofText(text(text));
        };
    }

    private static double number(String text) {
        if (!NUMBER.matcher(text).matches()) {
            throw new InvalidPayloadException("expected a non-negative decimal number such as 42 or 0.25");
        }
        return Double.parseDouble(text);
    }

    private static double seconds(String text) {
        var matcher = SECONDS.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidPayloadException("expected whole seconds such as '12345 seconds'");
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static String text(String text) {
        if (text.isEmpty()) {
            throw new InvalidPayloadException("expected text, got an empty payload");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidPayloadException(
                    "expected at most " + MAX_TEXT_LENGTH + " characters, got " + text.length());
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidPayloadException("expected printable text, got control characters");
        }
        return text;
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPayloadException("expected UTF-8 text, got " + payload.length + " bytes that are not");
        }
    }
}
