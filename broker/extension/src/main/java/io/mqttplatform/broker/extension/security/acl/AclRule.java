package io.mqttplatform.broker.extension.security.acl;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;

/**
 * One {@code topic} or {@code pattern} line of an ACL file: a topic filter and the access it grants, or denies
 * ({@code deny}). A pattern's {@code %c} and {@code %u} are the client identifier and the username.
 */
record AclRule(String filter, boolean read, boolean write, int line) {

    boolean denies() {
        return !read && !write;
    }

    boolean grants(Access access) {
        return access == Access.READ ? read : write;
    }

    boolean usesUsername() {
        return filter.contains("%u");
    }

    /** This pattern for one client; null when the substituted text is no valid filter (it then matches nothing). */
    MqttTopicFilter forClient(String clientId, String username) {
        StringBuilder out = new StringBuilder(filter.length() + 16);
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (c == '%' && i + 1 < filter.length() && filter.charAt(i + 1) == 'c') {
                out.append(clientId);
                i++;
            } else if (c == '%' && i + 1 < filter.length() && filter.charAt(i + 1) == 'u' && username != null) {
                out.append(username);
                i++;
            } else {
                out.append(c);
            }
        }
        try {
            return MqttTopicFilter.of(out.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean matches(MqttTopicFilter filter, MqttTopic topic) {
        return filter != null && filter.matches(topic);
    }
}
