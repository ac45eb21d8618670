package io.mqttplatform.sysmetrics.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus names the contract promises, read from docs/interfaces.md ("sys-metrics-service: Prometheus names")
 * so that the tests check the contract as written rather than a copy of it.
 */
public final class PromisedMetrics {

    private static final Path INTERFACES = Path.of("..", "docs", "interfaces.md");
    private static final String SECTION = "## sys-metrics-service: Prometheus names";
    private static final Pattern NAME = Pattern.compile("`(mqtt_broker_[a-z_]+)");

    /** The names the service makes itself, not from a {@code $SYS} topic. */
    public static final Set<String> SERVICE_OWN = Set.of("mqtt_broker_up", "mqtt_broker_last_update_timestamp_seconds");

    private static final List<String> ALL = read();

    /** Every promised name, in the contract's order. */
    public static List<String> all() {
        return ALL;
    }

    /** The promised names made from a {@code $SYS} topic. */
    public static List<String> fromSys() {
        return ALL.stream().filter(name -> !SERVICE_OWN.contains(name)).toList();
    }

    private static List<String> read() {
        String text;
        try {
            text = Files.readString(INTERFACES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = text.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalStateException(INTERFACES + " has no section '" + SECTION + "'");
        }
        int end = text.indexOf("\n## ", start + SECTION.length());
        Matcher names = NAME.matcher(text.substring(start, end < 0 ? text.length() : end));
        Set<String> found = new LinkedHashSet<>();
        while (names.find()) {
            found.add(names.group(1));
        }
        return List.copyOf(found);
    }

    private PromisedMetrics() {}
}
