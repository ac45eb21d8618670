package io.mqttplatform.broker.extension.config;

import java.util.Map;

/**
 * The extension's settings, read once at start from environment variables and validated there, so that a bad value
 * stops the extension with a message naming the variable instead of misbehaving later.
 *
 * @param sysIntervalSeconds   {@code SYS_INTERVAL}: seconds between $SYS updates, 0 turns the $SYS tree off (default 10)
 * @param connectionMessages   {@code CONNECTION_MESSAGES}: log connects and disconnects like mosquitto (default true)
 * @param allowAnonymous       {@code ALLOW_ANONYMOUS}: admit every client without credentials, like mosquitto's
 *                             {@code allow_anonymous true} (default true); when false, admission is left to another
 *                             security extension and HiveMQ refuses clients if there is none
 */
public record ExtensionConfig(int sysIntervalSeconds, boolean connectionMessages, boolean allowAnonymous) {

    public static final String SYS_INTERVAL = "SYS_INTERVAL";
    public static final String CONNECTION_MESSAGES = "CONNECTION_MESSAGES";
    public static final String ALLOW_ANONYMOUS = "ALLOW_ANONYMOUS";

    public static final int DEFAULT_SYS_INTERVAL_SECONDS = 10;
    /** One day: a longer interval would make the load averages and uptime useless. */
    public static final int MAX_SYS_INTERVAL_SECONDS = 86_400;

    /**
     * Reads the settings from a variable map (normally {@link System#getenv()}); unset or blank means the default.
     *
     * @throws InvalidConfigException naming the variable, the value given and what is allowed
     */
    public static ExtensionConfig from(Map<String, String> variables) {
        return new ExtensionConfig(
                sysInterval(variables.get(SYS_INTERVAL)),
                bool(CONNECTION_MESSAGES, variables.get(CONNECTION_MESSAGES), true),
                bool(ALLOW_ANONYMOUS, variables.get(ALLOW_ANONYMOUS), true));
    }

    public boolean sysTreeEnabled() {
        return sysIntervalSeconds > 0;
    }

    private static int sysInterval(String raw) {
        if (isUnset(raw)) {
            return DEFAULT_SYS_INTERVAL_SECONDS;
        }
        String allowed = "a whole number of seconds from 0 to " + MAX_SYS_INTERVAL_SECONDS + " (0 turns the $SYS tree off)";
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(SYS_INTERVAL, raw, allowed);
        }
        if (value < 0 || value > MAX_SYS_INTERVAL_SECONDS) {
            throw new InvalidConfigException(SYS_INTERVAL, raw, allowed);
        }
        return value;
    }

    private static boolean bool(String name, String raw, boolean defaultValue) {
        if (isUnset(raw)) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new InvalidConfigException(name, raw, "true or false");
        };
    }

    private static boolean isUnset(String raw) {
        return raw == null || raw.isBlank();
    }
}
