package io.mqttplatform.broker.extension.security.acl;

import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;

import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a mosquitto {@code acl_file}, line by line as mosquitto 2.0 does ({@code aclfile__parse}): {@code #} comments,
 * {@code user NAME}, {@code topic [read|write|readwrite|deny] FILTER} and {@code pattern [...] FILTER} (without an
 * access word: readwrite), words split at spaces, the filter being the rest of the line. Lines before the first
 * {@code user} line form the anonymous section. A line mosquitto would refuse is an error naming the file and line.
 */
public final class AclFile {

    private AclFile() {}

    /** The file's lines, read by the security package's {@code SecurityFiles}. */
    public static AclRules parse(Path file, List<String> lines) throws ParseException {
        List<AclRule> anonymous = null;
        Map<String, List<AclRule>> byUser = new LinkedHashMap<>();
        List<AclRule> patterns = new ArrayList<>();
        String user = null;
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).stripTrailing();
            if (line.startsWith("#")) {
                continue;
            }
            String trimmed = line.replaceFirst("^ +", "");
            if (trimmed.isEmpty()) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            String keyword = space < 0 ? trimmed : trimmed.substring(0, space);
            String rest = space < 0 ? "" : trimmed.substring(space + 1).replaceFirst("^ +", "");
            switch (keyword) {
                case "user" -> {
                    if (rest.isBlank()) {
                        throw problem(file, number, "'user' needs a username");
                    }
                    user = rest.strip();
                }
                case "topic", "pattern" -> {
                    AclRule rule = rule(file, number, keyword, rest);
                    if (keyword.equals("pattern")) {
                        patterns.add(rule);
                    } else if (user == null) {
                        anonymous = anonymous == null ? new ArrayList<>() : anonymous;
                        anonymous.add(rule);
                    } else {
                        byUser.computeIfAbsent(user, u -> new ArrayList<>()).add(rule);
                    }
                }
                default ->
                    throw problem(
                            file,
                            number,
                            "expected 'user NAME', 'topic [read|write|"
                                    + "readwrite|deny] FILTER', 'pattern [read|write|readwrite|deny] FILTER' or a # comment, not '"
                                    + keyword + "'");
            }
        }
        return new AclRules(anonymous, byUser, patterns);
    }

    private static AclRule rule(Path file, int number, String keyword, String rest) throws ParseException {
        if (rest.isEmpty()) {
            throw problem(file, number, "'" + keyword + "' needs a topic filter");
        }
        int space = rest.indexOf(' ');
        String first = space < 0 ? rest : rest.substring(0, space);
        String filter = space < 0 ? null : rest.substring(space + 1).strip();
        boolean read;
        boolean write;
        if (filter == null || filter.isEmpty()) {
            filter = first; // "topic FILTER": read and write, as in mosquitto
            read = true;
            write = true;
        } else {
            switch (first) {
                case "read" -> {
                    read = true;
                    write = false;
                }
                case "write" -> {
                    read = false;
                    write = true;
                }
                case "readwrite" -> {
                    read = true;
                    write = true;
                }
                case "deny" -> {
                    read = false;
                    write = false;
                }
                default ->
                    throw problem(file, number, "access '" + first + "' is not one of read, write, readwrite, deny");
            }
        }
        try {
            MqttTopicFilter.of(filter);
        } catch (IllegalArgumentException e) {
            throw problem(file, number, "'" + filter + "' is not a valid topic filter (" + e.getMessage() + ")");
        }
        return new AclRule(filter, read, write, number);
    }

    /** A line mosquitto would refuse: the message names the file and the line, the error offset is the line number. */
    private static ParseException problem(Path file, int line, String what) {
        return new ParseException(file + " line " + line + ": " + what, line);
    }
}
