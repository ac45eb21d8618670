package io.mqttplatform.broker.extension.security.password;

import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A mosquitto {@code password_file}: {@code username:hash} lines, {@code #} comments. As mosquitto, blanks around the
 * username and the hash are ignored. Stricter than mosquitto, which skips what it cannot read with a log line: a
 * line this cannot read (no colon, an empty username, a hash of no known kind, a username given twice) is an error
 * naming the file and the line, never the hash, so that a typo does not lock a user out unnoticed.
 */
public final class PasswordFile {

    private final Map<String, PasswordHash> users;

    private PasswordFile(Map<String, PasswordHash> users) {
        this.users = Map.copyOf(users);
    }

    /** The file's lines, read by the security package's {@code SecurityFiles}. */
    public static PasswordFile parse(Path file, List<String> lines) throws ParseException {
        Map<String, PasswordHash> users = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw problem(file, number, "expected USERNAME:HASH (no colon)");
            }
            String user = line.substring(0, colon).strip();
            if (user.isEmpty()) {
                throw problem(file, number, "the username is empty");
            }
            String rest = line.substring(colon + 1);
            int nextColon = rest.indexOf(':');
            String encoded = (nextColon < 0 ? rest : rest.substring(0, nextColon)).strip();
            if (encoded.isEmpty()) {
                throw problem(file, number, "user '" + user + "' has no password hash");
            }
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(encoded);
            } catch (IllegalArgumentException e) {
                throw problem(file, number, "user '" + user + "': " + e.getMessage());
            }
            Integer earlier = firstLine.putIfAbsent(user, number);
            if (earlier != null) {
                throw problem(file, number, "user '" + user + "' is already on line " + earlier);
            }
            users.put(user, hash);
        }
        return new PasswordFile(users);
    }

    public Optional<PasswordHash> hashOf(String user) {
        return Optional.ofNullable(users.get(user));
    }

    public Set<String> users() {
        return new HashSet<>(users.keySet());
    }

    /** A line mosquitto would refuse: the message names the file and the line, the error offset is the line number. */
    private static ParseException problem(Path file, int line, String what) {
        return new ParseException(file + " line " + line + ": " + what, line);
    }
}
