package io.mqttplatform.broker.extension.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The broker's settings from environment variables, read once at start and validated there, so that a bad value
 * stops the broker with a message naming the variable instead of misbehaving later. Most are the extension's own;
 * {@code BROKER_PERSISTENCE} and {@code BROKER_INCOMING_BANDWIDTH} fill config.xml's placeholders (the launcher checks
 * them before HiveMQ reads the file, which would fall back to its defaults on a bad value).
 *
 * @param sysIntervalSeconds   {@code SYS_INTERVAL}: seconds between $SYS updates, 0 turns the $SYS tree off (default 10)
 * @param connectionMessages   {@code CONNECTION_MESSAGES}: log connects and disconnects like mosquitto (default true)
 * @param allowAnonymous       {@code ALLOW_ANONYMOUS}: admit every client without credentials, like mosquitto's
 *                             {@code allow_anonymous true} (default true); when false, admission is left to another
 *                             security extension and HiveMQ refuses clients if there is none
 * @param healthPort           {@code HEALTH_PORT}: HTTP port of the liveness and readiness endpoints (default 8889, as
 *                             HiveMQ Enterprise's health API); 0 turns them and the round-trip check off
 * @param healthBindAddress    {@code HEALTH_BIND_ADDRESS}: address the health endpoints bind to (default 0.0.0.0, so
 *                             that Kubernetes' probes reach them on the pod's address)
 * @param persistence          {@code BROKER_PERSISTENCE}: {@code file} (default: sessions, queues and retained
 *                             messages survive a restart) or {@code in-memory}
 * @param incomingBandwidth    {@code BROKER_INCOMING_BANDWIDTH}: bytes per second that all clients together may send
 *                             to the broker (default {@value #DEFAULT_INCOMING_BANDWIDTH}: no cap); a fixed cap, kept
 *                             as an option beside the read back-pressure
 * @param backlogPerConnection {@code BROKER_BACKLOG_PER_CONNECTION}: bytes a connection may have sent that the broker
 *                             has not yet delivered or persisted before its reads pause (default
 *                             {@value #DEFAULT_BACKLOG_PER_CONNECTION}); 0 turns the read back-pressure off
 * @param backlogTotal         {@code BROKER_BACKLOG_TOTAL}: the same for all connections together, at which the
 *                             connections that contribute to it pause (default: an eighth of the JVM's maximum heap)
 * @param warmupSeconds        {@code BROKER_WARMUP_SECONDS}: seconds the broker sends messages through its own
 *                             listener after start before it reports ready, so that the first clients do not meet a
 *                             cold JVM (default {@value #DEFAULT_WARMUP_SECONDS}; 0 turns it off; needs the health
 *                             endpoints, whose identity its clients use)
 * @param passwordFile         {@code PASSWORD_FILE}: a mosquitto {@code password_file}; null (unset) = no passwords
 * @param aclFile              {@code ACL_FILE}: a mosquitto {@code acl_file}; null (unset) = every client may read and
 *                             write every topic but {@code $SYS}
 * @param bridgeConfig         {@code BRIDGE_CONFIG}: a file of mosquitto bridge sections; null (unset) = no bridges
 * @param bridgeMaxQueued      {@code BRIDGE_MAX_QUEUED_MESSAGES}: messages each bridge keeps for a remote broker that
 *                             is away (default {@value #DEFAULT_BRIDGE_MAX_QUEUED}, as mosquitto's
 *                             {@code max_queued_messages}); beyond it the newest are dropped and counted
 * @param adminToken           {@code BROKER_ADMIN_TOKEN}: the bearer token of the operations API on the health port;
 *                             null (unset) = the API answers only on an open broker (anonymous clients allowed, no
 *                             password file)
 */
public record ExtensionConfig(
        int sysIntervalSeconds,
        boolean connectionMessages,
        boolean allowAnonymous,
        int healthPort,
        String healthBindAddress,
        String persistence,
        long incomingBandwidth,
        long backlogPerConnection,
        long backlogTotal,
        int warmupSeconds,
        Path passwordFile,
        Path aclFile,
        Path bridgeConfig,
        int bridgeMaxQueued,
        String adminToken) {

    public static final String SYS_INTERVAL = "SYS_INTERVAL";
    public static final String CONNECTION_MESSAGES = "CONNECTION_MESSAGES";
    public static final String ALLOW_ANONYMOUS = "ALLOW_ANONYMOUS";
    public static final String HEALTH_PORT = "HEALTH_PORT";
    public static final String HEALTH_BIND_ADDRESS = "HEALTH_BIND_ADDRESS";
    public static final int DEFAULT_HEALTH_PORT = 8889;
    public static final String BROKER_PERSISTENCE = "BROKER_PERSISTENCE";
    public static final String BROKER_INCOMING_BANDWIDTH = "BROKER_INCOMING_BANDWIDTH";
    public static final String BROKER_BACKLOG_PER_CONNECTION = "BROKER_BACKLOG_PER_CONNECTION";
    public static final String BROKER_BACKLOG_TOTAL = "BROKER_BACKLOG_TOTAL";
    /** 4 MiB: sixteen frames of 256 KiB, or about 250 small messages (BacklogLimits); docs/adr/0011 and 0013. */
    public static final long DEFAULT_BACKLOG_PER_CONNECTION = 4L * 1024 * 1024;

    public static final String BROKER_WARMUP_SECONDS = "BROKER_WARMUP_SECONDS";
    /** docs/adr/0012-startup-warmup.md (10 s at first) and 0015-client-queues.md, second addendum (why 20 s). */
    public static final int DEFAULT_WARMUP_SECONDS = 20;

    public static final int MAX_WARMUP_SECONDS = 300;

    public static final String PASSWORD_FILE = "PASSWORD_FILE";
    public static final String ACL_FILE = "ACL_FILE";
    public static final String BRIDGE_CONFIG = "BRIDGE_CONFIG";
    public static final String BRIDGE_MAX_QUEUED_MESSAGES = "BRIDGE_MAX_QUEUED_MESSAGES";
    public static final int DEFAULT_BRIDGE_MAX_QUEUED = 1000;
    public static final String BROKER_ADMIN_TOKEN = "BROKER_ADMIN_TOKEN";
    /** No cap: the read back-pressure protects the broker instead (docs/adr/0011-broker-data-path.md). */
    public static final long DEFAULT_INCOMING_BANDWIDTH = 0;

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
                bool(ALLOW_ANONYMOUS, variables.get(ALLOW_ANONYMOUS), true),
                port(HEALTH_PORT, variables.get(HEALTH_PORT), DEFAULT_HEALTH_PORT, "to turn the health endpoints off"),
                isUnset(variables.get(HEALTH_BIND_ADDRESS))
                        ? "0.0.0.0"
                        : variables.get(HEALTH_BIND_ADDRESS).trim(),
                persistence(variables.get(BROKER_PERSISTENCE)),
                incomingBandwidth(variables.get(BROKER_INCOMING_BANDWIDTH)),
                wholeNumber(
                        BROKER_BACKLOG_PER_CONNECTION,
                        variables.get(BROKER_BACKLOG_PER_CONNECTION),
                        DEFAULT_BACKLOG_PER_CONNECTION,
                        0,
                        "a whole number of bytes, 0 or more (0 turns the read back-pressure off)"),
                wholeNumber(
                        BROKER_BACKLOG_TOTAL,
                        variables.get(BROKER_BACKLOG_TOTAL),
                        Runtime.getRuntime().maxMemory() / 8,
                        1,
                        "a whole number of bytes, 1 or more"),
                warmupSeconds(variables.get(BROKER_WARMUP_SECONDS)),
                file(PASSWORD_FILE, variables.get(PASSWORD_FILE)),
                file(ACL_FILE, variables.get(ACL_FILE)),
                file(BRIDGE_CONFIG, variables.get(BRIDGE_CONFIG)),
                (int) wholeNumber(
                        BRIDGE_MAX_QUEUED_MESSAGES,
                        variables.get(BRIDGE_MAX_QUEUED_MESSAGES),
                        DEFAULT_BRIDGE_MAX_QUEUED,
                        1,
                        Integer.MAX_VALUE,
                        "a whole number of messages, 1 or more"),
                isUnset(variables.get(BROKER_ADMIN_TOKEN))
                        ? null
                        : variables.get(BROKER_ADMIN_TOKEN).trim());
    }

    private static Path file(String variable, String raw) {
        if (isUnset(raw)) {
            return null;
        }
        try {
            return Path.of(raw.trim());
        } catch (InvalidPathException e) {
            throw new InvalidConfigException(variable, raw, "the path of a file");
        }
    }

    /** {@code BROKER_PERSISTENCE} alone, for the launcher, which fills config.xml before the extension starts. */
    public static String persistence(Map<String, String> variables) {
        return persistence(variables.get(BROKER_PERSISTENCE));
    }

    /** {@code BROKER_INCOMING_BANDWIDTH} alone, for the launcher, which fills config.xml before the extension starts. */
    public static long incomingBandwidth(Map<String, String> variables) {
        return incomingBandwidth(variables.get(BROKER_INCOMING_BANDWIDTH));
    }

    private static String persistence(String raw) {
        if (isUnset(raw)) {
            return "file";
        }
        String value = raw.trim().toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("file") && !value.equals("in-memory")) {
            throw new InvalidConfigException(BROKER_PERSISTENCE, raw, "file or in-memory");
        }
        return value;
    }

    private static long incomingBandwidth(String raw) {
        return wholeNumber(
                BROKER_INCOMING_BANDWIDTH,
                raw,
                DEFAULT_INCOMING_BANDWIDTH,
                0,
                "a whole number of bytes per second, 0 or more (0 = no cap)");
    }

    /** A whole number of at least {@code lowest}: unset or blank means {@code defaultValue}; else {@code expected}. */
    private static long wholeNumber(String variable, String raw, long defaultValue, long lowest, String expected) {
        return wholeNumber(variable, raw, defaultValue, lowest, Long.MAX_VALUE, expected);
    }

    /** The same, at most {@code highest}: the one parser of every numeric setting. */
    private static long wholeNumber(
            String variable, String raw, long defaultValue, long lowest, long highest, String expected) {
        if (isUnset(raw)) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= lowest && value <= highest) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigException(variable, raw, expected);
    }

    private static int warmupSeconds(String raw) {
        return (int) wholeNumber(
                BROKER_WARMUP_SECONDS,
                raw,
                DEFAULT_WARMUP_SECONDS,
                0,
                MAX_WARMUP_SECONDS,
                "a whole number of seconds from 0 to " + MAX_WARMUP_SECONDS + " (0 turns the warm-up off)");
    }

    public boolean warmupEnabled() {
        return warmupSeconds > 0 && healthEnabled();
    }

    public boolean backPressureEnabled() {
        return backlogPerConnection > 0;
    }

    /** The operations API shares the health endpoints' HTTP server. */
    public boolean adminEnabled() {
        return healthEnabled();
    }

    public boolean healthEnabled() {
        return healthPort > 0;
    }

    /**
     * A port setting, also the launcher's: unset or blank means {@code defaultPort}, else 1 to 65535, and 0 as well
     * where {@code zeroMeans} says what 0 does (null: 0 is not allowed).
     */
    public static int port(String variable, String raw, int defaultPort, String zeroMeans) {
        return (int) wholeNumber(
                variable,
                raw,
                defaultPort,
                zeroMeans == null ? 1 : 0,
                65_535,
                "a port number from 1 to 65535" + (zeroMeans == null ? "" : ", or 0 " + zeroMeans));
    }

    public boolean sysTreeEnabled() {
        return sysIntervalSeconds > 0;
    }

    private static int sysInterval(String raw) {
        return (int) wholeNumber(
                SYS_INTERVAL,
                raw,
                DEFAULT_SYS_INTERVAL_SECONDS,
                0,
                MAX_SYS_INTERVAL_SECONDS,
                "a whole number of seconds from 0 to " + MAX_SYS_INTERVAL_SECONDS + " (0 turns the $SYS tree off)");
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

    /** Never shows the operations API's token. */
    @Override
    public String toString() {
        return "ExtensionConfig[sysInterval=" + sysIntervalSeconds + ", healthPort=" + healthPort + ", persistence="
                + persistence + ", passwordFile=" + passwordFile + ", aclFile=" + aclFile + ", bridgeConfig="
                + bridgeConfig + ", adminToken=" + (adminToken == null ? "unset" : "set") + "]";
    }
}
