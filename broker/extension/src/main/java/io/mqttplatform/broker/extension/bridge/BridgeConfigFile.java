package io.mqttplatform.broker.extension.bridge;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Address;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Protocol;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Restart;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.StartType;
import io.mqttplatform.broker.extension.bridge.BridgeConnection.Tls;
import io.mqttplatform.broker.extension.bridge.BridgeTopic.Direction;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code connection} sections of a {@code BRIDGE_CONFIG} file: the bridge lines of a mosquitto.conf, with
 * mosquitto 2.0's syntax and meaning ({@code config__read_file_core} in its conf.c): a line starting with {@code #} is a
 * comment, words are split at spaces, a setting applies to the {@code connection} above it. A setting this broker does
 * not support, a value mosquitto would refuse or a line outside a section stops the start with the file, the line and
 * what is allowed.
 */
public final class BridgeConfigFile {

    /** mosquitto's bridge settings that this broker's bridges do not implement, each refused by name. */
    static final Set<String> UNSUPPORTED = Set.of(
            "bridge_attempt_unsubscribe",
            "bridge_bind_address",
            "bridge_max_packet_size",
            "bridge_outgoing_retain",
            "local_cleansession",
            "local_username",
            "local_password",
            "notifications_local_only",
            "bridge_alpn",
            "bridge_certfile",
            "bridge_keyfile",
            "bridge_identity",
            "bridge_psk",
            "bridge_require_ocsp");

    static final String SUPPORTED = "connection, address, topic, bridge_protocol_version, cleansession, local_clientid,"
            + " remote_clientid, remote_username, remote_password, bridge_cafile, bridge_capath, bridge_insecure,"
            + " bridge_tls_version, keepalive_interval, restart_timeout, start_type, threshold, idle_timeout,"
            + " notifications, notification_topic, try_private, round_robin";

    private final Path file;
    private final String hostname;
    private final List<BridgeConnection> connections = new ArrayList<>();
    private Section section;
    private int number;

    private BridgeConfigFile(Path file, String hostname) {
        this.file = file;
        this.hostname = hostname;
    }

    /**
     * The bridges of {@code lines}, read from {@code file}; {@code hostname} makes the default remote client id
     * ({@code hostname.name}, as mosquitto).
     */
    public static List<BridgeConnection> parse(Path file, List<String> lines, String hostname)
            throws BridgeConfigException {
        BridgeConfigFile reader = new BridgeConfigFile(file, hostname);
        for (int i = 0; i < lines.size(); i++) {
            reader.number = i + 1;
            reader.line(lines.get(i));
        }
        reader.endSection();
        reader.number = 0;
        reader.checkUnique();
        return List.copyOf(reader.connections);
    }

    private void line(String raw) throws BridgeConfigException {
        String line = raw.replaceAll("[\r\n]+$", "");
        if (line.startsWith("#") || line.isBlank()) {
            return;
        }
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String setting = space < 0 ? trimmed : trimmed.substring(0, space);
        // mosquitto splits at spaces, and a text setting takes the rest of the line (conf__parse_string)
        String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
        List<String> words = rest.isEmpty() ? List.of() : List.of(rest.split(" +"));
        if (setting.equals("connection")) {
            endSection();
            section = new Section(one(setting, words, "a name for the bridge"));
            if (connections.stream().anyMatch(c -> c.name().equals(section.name))) {
                throw problem("duplicate bridge name '" + section.name + "'");
            }
            return;
        }
        if (UNSUPPORTED.contains(setting)) {
            throw problem("'" + setting + "' is a mosquitto bridge setting this broker does not support; supported: "
                    + SUPPORTED);
        }
        if (section == null) {
            throw problem("'" + setting + "' outside a bridge: "
                    + (isBridgeSetting(setting)
                            ? "a bridge starts with a 'connection NAME' line"
                            : "BRIDGE_CONFIG holds only bridge sections ('connection NAME' and its settings: "
                                    + SUPPORTED
                                    + "); mosquitto's other settings map to the broker's own (broker/README.md)"));
        }
        section.set(setting, words, rest);
    }

    private static boolean isBridgeSetting(String setting) {
        return List.of(SUPPORTED.split(", ")).contains(setting)
                || List.of("addresses", "clientid", "username", "password").contains(setting);
    }

    private void endSection() throws BridgeConfigException {
        if (section != null) {
            int current = number;
            connections.add(section.build()); // its errors name the section's connection line
            number = current;
            section = null;
        }
    }

    private void checkUnique() throws BridgeConfigException {
        Set<String> local = new HashSet<>();
        for (BridgeConnection c : connections) {
            if (!local.add(c.localClientId())) {
                throw new BridgeConfigException(file + ": bridge local_clientid '" + c.localClientId()
                        + "' is not unique; set local_clientid for one of the bridges (as mosquitto requires)");
            }
        }
    }

    /** The settings of one {@code connection} section as they are read, with mosquitto's defaults. */
    private final class Section {
        final String name;
        final int line = number;
        List<Address> addresses;
        final List<BridgeTopic> topics = new ArrayList<>();
        Protocol protocol = Protocol.MQTTV311;
        boolean cleanSession;
        String remoteClientId;
        String localClientId;
        String remoteUsername;
        String remotePassword;
        Path caFile;
        Path caPath;
        boolean insecure;
        String tlsVersion = "tlsv1.2";
        boolean tlsVersionSet;
        int keepAlive = 60;
        Restart restart = new Restart(Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(30));
        StartType startType = StartType.AUTOMATIC;
        int threshold = 10;
        int idleTimeout = 60;
        boolean notifications = true;
        String notificationTopic;
        boolean tryPrivate = true;
        boolean roundRobin;

        Section(String name) {
            this.name = name;
        }

        void set(String setting, List<String> words, String rest) throws BridgeConfigException {
            switch (setting) {
                case "address", "addresses" -> addresses(setting, words);
                case "topic" -> topics.add(topic(words));
                case "bridge_protocol_version" ->
                    protocol = switch (text(setting, rest, null, "mqttv31, mqttv311 or mqttv50")) {
                        case "mqttv31" -> Protocol.MQTTV31;
                        case "mqttv311" -> Protocol.MQTTV311;
                        case "mqttv50" -> Protocol.MQTTV50;
                        default -> throw invalid(setting, rest, "mqttv31, mqttv311 or mqttv50");
                    };
                case "cleansession" -> cleanSession = bool(setting, words);
                case "remote_clientid", "clientid" ->
                    remoteClientId = text(setting, rest, remoteClientId, "a client id");
                case "local_clientid" -> localClientId = text(setting, rest, localClientId, "a client id");
                case "remote_username", "username" ->
                    remoteUsername = text(setting, rest, remoteUsername, "a username");
                case "remote_password", "password" ->
                    remotePassword = text(setting, rest, remotePassword, "a password");
                case "bridge_cafile" -> caFile = readable(setting, text(setting, rest, caFile, "a CA file"), false);
                case "bridge_capath" -> caPath = readable(setting, text(setting, rest, caPath, "a CA folder"), true);
                case "bridge_insecure" -> insecure = bool(setting, words);
                case "bridge_tls_version" -> {
                    tlsVersion = text(setting, rest, tlsVersionSet ? tlsVersion : null, "tlsv1.3, tlsv1.2 or tlsv1.1");
                    tlsVersionSet = true;
                    if (!List.of("tlsv1.3", "tlsv1.2", "tlsv1.1").contains(tlsVersion)) {
                        throw invalid(setting, tlsVersion, "tlsv1.3, tlsv1.2 or tlsv1.1");
                    }
                }
                case "keepalive_interval" -> keepAlive = Math.max(5, number(setting, words, 0, 65_535, "seconds"));
                case "restart_timeout" -> restart = restart(words);
                case "start_type" ->
                    startType = switch (one(setting, words, "automatic, lazy or once")) {
                        case "automatic" -> StartType.AUTOMATIC;
                        case "lazy" -> StartType.LAZY;
                        case "once" -> StartType.ONCE;
                        default -> throw invalid(setting, words.get(0), "automatic, lazy or once");
                    };
                case "threshold" -> threshold = number(setting, words, 1, Integer.MAX_VALUE, "messages");
                case "idle_timeout" -> idleTimeout = number(setting, words, 1, Integer.MAX_VALUE, "seconds");
                case "notifications" -> notifications = bool(setting, words);
                case "notification_topic" -> {
                    notificationTopic = text(setting, rest, notificationTopic, "a topic");
                    publishTopic(setting, notificationTopic);
                }
                case "try_private" -> tryPrivate = bool(setting, words);
                case "round_robin" -> roundRobin = bool(setting, words);
                default ->
                    throw problem(
                            "'" + setting + "' is not a bridge setting this broker knows; supported: " + SUPPORTED);
            }
        }

        private void addresses(String setting, List<String> words) throws BridgeConfigException {
            if (addresses != null) {
                throw problem("a second '" + setting + "' line in bridge '" + name
                        + "': give every address on one line (address host[:port] host[:port] ...)");
            }
            List<Address> list = new ArrayList<>();
            for (String word : words) {
                if (word.startsWith("#")) {
                    break; // the rest of the line is a comment, as mosquitto reads it
                }
                int colon = word.lastIndexOf(':');
                String host = colon < 0 ? word : word.substring(0, colon);
                int port = 1883;
                if (colon >= 0) {
                    port = parsePort(setting, word.substring(colon + 1));
                }
                if (host.isEmpty()) {
                    throw invalid(setting, word, "host[:port], e.g. broker.example.org:1883");
                }
                list.add(new Address(host, port));
            }
            if (list.isEmpty()) {
                throw problem("'" + setting + "' needs at least one host[:port]");
            }
            addresses = List.copyOf(list);
        }

        private int parsePort(String setting, String raw) throws BridgeConfigException {
            try {
                int port = Integer.parseInt(raw);
                if (port >= 1 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(setting, raw, "a port from 1 to 65535");
        }

        private BridgeTopic topic(List<String> words) throws BridgeConfigException {
            if (words.isEmpty()) {
                throw problem(
                        "'topic' needs a pattern: topic PATTERN [out|in|both [QOS [LOCAL-PREFIX [REMOTE-PREFIX]]]]");
            }
            String pattern = empty(words.get(0));
            Direction direction = Direction.OUT;
            int qos = 0;
            String localPrefix = "";
            String remotePrefix = "";
            if (words.size() > 1 && !words.get(1).startsWith("#")) {
                direction = switch (words.get(1).toLowerCase(Locale.ROOT)) {
                    case "out" -> Direction.OUT;
                    case "in" -> Direction.IN;
                    case "both" -> Direction.BOTH;
                    default -> throw invalid("topic", words.get(1), "out, in or both as the direction");
                };
                if (words.size() > 2 && !words.get(2).startsWith("#")) {
                    qos = switch (words.get(2)) {
                        case "0" -> 0;
                        case "1" -> 1;
                        case "2" -> 2;
                        default -> throw invalid("topic", words.get(2), "a QoS of 0, 1 or 2");
                    };
                    if (words.size() > 3 && !words.get(3).startsWith("#")) {
                        localPrefix = empty(words.get(3));
                        if (words.size() > 4 && !words.get(4).startsWith("#")) {
                            remotePrefix = empty(words.get(4));
                        }
                    }
                }
            }
            if (!localPrefix.isEmpty()) {
                publishTopic("topic local prefix", localPrefix);
            }
            if (!remotePrefix.isEmpty()) {
                publishTopic("topic remote prefix", remotePrefix);
            }
            if (pattern.isEmpty() && (localPrefix.isEmpty() || remotePrefix.isEmpty())) {
                throw problem("'topic \"\"' maps one topic and needs both prefixes (topic \"\" "
                        + direction.name().toLowerCase(Locale.ROOT) + " " + qos + " LOCAL-TOPIC REMOTE-TOPIC)");
            }
            for (String filter : List.of(localPrefix + pattern, remotePrefix + pattern)) {
                try {
                    MqttTopicFilter.of(filter);
                } catch (IllegalArgumentException e) {
                    throw problem("'" + filter + "' is not a valid topic filter: " + e.getMessage());
                }
            }
            return new BridgeTopic(pattern, direction, qos, localPrefix, remotePrefix);
        }

        private Restart restart(List<String> words) throws BridgeConfigException {
            if (words.isEmpty() || words.size() > 2) {
                throw problem("'restart_timeout' takes a constant delay or a base and a cap, in seconds"
                        + " (restart_timeout 20, restart_timeout 5 30)");
            }
            int first = Math.max(1, number("restart_timeout", words.subList(0, 1), 0, Integer.MAX_VALUE, "seconds"));
            if (words.size() == 1) {
                return new Restart(
                        Optional.of(Duration.ofSeconds(first)), Duration.ofSeconds(5), Duration.ofSeconds(30));
            }
            int cap = number("restart_timeout", words.subList(1, 2), 0, Integer.MAX_VALUE, "seconds");
            if (cap < first) {
                throw problem("restart_timeout's cap (" + cap + ") is lower than its base (" + first + ")");
            }
            return new Restart(Optional.empty(), Duration.ofSeconds(first), Duration.ofSeconds(cap));
        }

        private Path readable(String setting, String value, boolean folder) throws BridgeConfigException {
            Path path = Path.of(value);
            if (folder ? !Files.isDirectory(path) : !Files.isReadable(path) || Files.isDirectory(path)) {
                throw problem("'" + setting + "' " + path + " is not a readable " + (folder ? "folder" : "file"));
            }
            return path;
        }

        BridgeConnection build() throws BridgeConfigException {
            number = line;
            if (addresses == null) {
                throw problem("bridge '" + name + "' has no 'address' line (address host[:port] ...)");
            }
            if (remotePassword != null && remoteUsername == null) {
                throw problem("bridge '" + name + "' has remote_password but no remote_username (mosquitto sends a"
                        + " password only with a username)");
            }
            String remoteId = remoteClientId != null ? remoteClientId : hostname + "." + name;
            String localId = localClientId != null ? localClientId : "local." + remoteId;
            Optional<Tls> tls = caFile == null && caPath == null
                    ? Optional.empty()
                    : Optional.of(
                            new Tls(Optional.ofNullable(caFile), Optional.ofNullable(caPath), insecure, tlsVersion));
            return new BridgeConnection(
                    name,
                    addresses,
                    List.copyOf(topics),
                    protocol,
                    cleanSession,
                    remoteId,
                    localId,
                    Optional.ofNullable(remoteUsername),
                    Optional.ofNullable(remotePassword),
                    tls,
                    Duration.ofSeconds(keepAlive),
                    restart,
                    startType,
                    threshold,
                    Duration.ofSeconds(idleTimeout),
                    notifications,
                    notificationTopic != null ? notificationTopic : "$SYS/broker/connection/" + remoteId + "/state",
                    tryPrivate,
                    roundRobin);
        }
    }

    /** The one word a setting takes. */
    private String one(String setting, List<String> words, String expected) throws BridgeConfigException {
        if (words.isEmpty()) {
            throw problem("'" + setting + "' needs " + expected);
        }
        if (words.size() > 1 && !words.get(1).startsWith("#")) {
            throw problem(
                    "'" + setting + "' takes one value (" + expected + "), not '" + String.join(" ", words) + "'");
        }
        return words.get(0);
    }

    /**
     * A text setting: the rest of the line, as mosquitto's conf__parse_string takes it; given twice in one bridge is
     * an error, as there.
     */
    private String text(String setting, String rest, Object current, String expected) throws BridgeConfigException {
        if (current != null) {
            throw problem("a second '" + setting + "' line in this bridge (mosquitto refuses a duplicate value too)");
        }
        if (rest.isEmpty()) {
            throw problem("'" + setting + "' needs " + expected);
        }
        if (rest.getBytes(StandardCharsets.UTF_8).length > 65_535) {
            throw problem("'" + setting + "' is longer than 65535 bytes");
        }
        return rest;
    }

    private boolean bool(String setting, List<String> words) throws BridgeConfigException {
        return switch (one(setting, words, "true or false")) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw invalid(setting, words.get(0), "true or false");
        };
    }

    private int number(String setting, List<String> words, int lowest, int highest, String unit)
            throws BridgeConfigException {
        String raw = one(setting, words, "a whole number of " + unit);
        try {
            int value = Integer.parseInt(raw);
            if (value >= lowest && value <= highest) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(
                setting,
                raw,
                "a whole number of " + unit + " from " + lowest
                        + (highest == Integer.MAX_VALUE ? " up" : " to " + highest));
    }

    private void publishTopic(String what, String topic) throws BridgeConfigException {
        try {
            MqttTopic.of(topic);
        } catch (IllegalArgumentException e) {
            throw problem("'" + topic + "' is not a valid " + what + " (a topic without wildcards): " + e.getMessage());
        }
    }

    private static String empty(String word) {
        return word.equals("\"\"") ? "" : word;
    }

    private BridgeConfigException invalid(String setting, String value, String expected) {
        return problem("'" + setting + "' value '" + value + "' is not valid: expected " + expected);
    }

    private BridgeConfigException problem(String what) {
        return new BridgeConfigException(file + (number > 0 ? " line " + number : "") + ": " + what);
    }
}
