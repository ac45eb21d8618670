package io.mqttplatform.broker.extension.security.acl;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of one ACL file, decided as mosquitto 2.0 decides them ({@code mosquitto_acl_check_default}): first the
 * client's own section (its username's {@code user} section, or the anonymous section before the first {@code user}
 * line for a client without a username), then the {@code pattern} lines for everyone; within each, {@code deny}
 * lines first, then the others in file order; the first line whose filter matches the topic decides. When patterns
 * exist, a client whose username or identifier contains {@code +} or {@code #} is refused everything. Nothing
 * matching means no access. Wildcards never match topics starting with {@code $} (MQTT's rule, and mosquitto's),
 * so only a line that itself starts with {@code $SYS} grants {@code $SYS} topics.
 */
public final class AclRules {

    private static final int MAX_CACHED_CLIENTS = 10_000;

    private final List<Compiled> anonymous;
    private final Map<String, List<Compiled>> byUser;
    private final List<AclRule> patterns;
    private final Map<String, List<Compiled>> patternsByClient = new ConcurrentHashMap<>();

    /** A rule with its filter parsed once; {@code dollar}: the filter starts with {@code $}, so it may match such topics. */
    private record Compiled(AclRule rule, MqttTopicFilter filter, boolean dollar) {
        static Compiled of(AclRule rule, MqttTopicFilter filter) {
            return new Compiled(
                    rule, filter, filter != null && filter.toString().startsWith("$"));
        }
    }

    AclRules(List<AclRule> anonymous, Map<String, List<AclRule>> byUser, List<AclRule> patterns) {
        this.anonymous = anonymous == null ? null : compile(anonymous);
        this.byUser = new ConcurrentHashMap<>();
        byUser.forEach((user, rules) -> this.byUser.put(user, compile(rules)));
        this.patterns = denialsFirst(patterns);
    }

    /** Whether the client may receive ({@link Access#READ}) or publish ({@link Access#WRITE}) on {@code topic}. */
    public boolean allows(String clientId, String username, String topic, Access access) {
        MqttTopic parsed;
        try {
            parsed = MqttTopic.of(topic);
        } catch (IllegalArgumentException e) {
            return false; // no topic the broker accepts; nothing to grant
        }
        List<Compiled> own = username == null ? anonymous : byUser.get(username);
        if (own != null) {
            Boolean verdict = decide(own, parsed, topic, access);
            if (verdict != null) {
                return verdict;
            }
        }
        if (patterns.isEmpty()) {
            return false;
        }
        if (dangerous(username) || dangerous(clientId)) {
            return false;
        }
        Boolean verdict = decide(patternsFor(clientId, username), parsed, topic, access);
        return verdict != null && verdict;
    }

    private static Boolean decide(List<Compiled> rules, MqttTopic topic, String raw, Access access) {
        for (Compiled compiled : rules) {
            if (compiled.filter() == null) {
                continue;
            }
            if (raw.startsWith("$") && !compiled.dollar()) {
                continue;
            }
            if (compiled.filter().matches(topic)) {
                if (compiled.rule().denies()) {
                    return false;
                }
                if (compiled.rule().grants(access)) {
                    return true;
                }
            }
        }
        return null;
    }

    private List<Compiled> patternsFor(String clientId, String username) {
        String key = clientId + '\u0000' + (username == null ? "\u0001" : username);
        List<Compiled> cached = patternsByClient.get(key);
        if (cached != null) {
            return cached;
        }
        List<Compiled> compiled = new ArrayList<>(patterns.size());
        for (AclRule rule : patterns) {
            if (rule.usesUsername() && username == null) {
                continue; // mosquitto skips %u patterns for clients without a username
            }
            compiled.add(Compiled.of(rule, rule.forClient(clientId, username)));
        }
        if (patternsByClient.size() >= MAX_CACHED_CLIENTS) {
            patternsByClient.clear();
        }
        patternsByClient.put(key, compiled);
        return compiled;
    }

    private static boolean dangerous(String name) {
        return name != null && (name.indexOf('+') >= 0 || name.indexOf('#') >= 0);
    }

    private static List<Compiled> compile(List<AclRule> rules) {
        return denialsFirst(rules).stream()
                .map(rule -> Compiled.of(rule, MqttTopicFilter.of(rule.filter())))
                .toList();
    }

    /** mosquitto puts each deny line at the front as it reads it: denials in reverse file order, then the rest. */
    private static List<AclRule> denialsFirst(List<AclRule> rules) {
        List<AclRule> ordered = new ArrayList<>(rules.size());
        for (AclRule rule : rules) {
            if (rule.denies()) {
                ordered.add(0, rule);
            }
        }
        for (AclRule rule : rules) {
            if (!rule.denies()) {
                ordered.add(rule);
            }
        }
        return List.copyOf(ordered);
    }
}
