package io.mqttplatform.gateway.auth;

/**
 * Whether one MQTT topic filter allows everything another one can match (filter containment): the question "may a
 * key allowed {@code lab/#} subscribe to {@code lab/+/temp}?". No MQTT library answers it, so it is written here.
 * A concrete topic is a filter without wildcards, so this also answers "may it publish to {@code lab/a/temp}?".
 * As in MQTT matching, an allowed filter that starts with a wildcard covers nothing that starts with '$'.
 */
public final class FilterCoverage {

    public static boolean covers(String allowed, String requested) {
        if (requested.startsWith("$") && (allowed.startsWith("+") || allowed.startsWith("#"))) {
            return false;
        }
        String[] allow = allowed.split("/", -1);
        String[] want = requested.split("/", -1);
        for (int level = 0; level < allow.length; level++) {
            if (allow[level].equals("#")) {
                return true; // covers this level and everything below, including the parent ("lab/#" covers "lab")
            }
            if (level >= want.length) {
                return false;
            }
            if (want[level].equals("#")) {
                return false; // the request reaches deeper than this allowance
            }
            if (allow[level].equals("+")) {
                continue; // one level, concrete or '+'
            }
            if (!allow[level].equals(want[level])) {
                return false;
            }
        }
        return allow.length == want.length;
    }

    private FilterCoverage() {}
}
