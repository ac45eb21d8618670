package io.mqttplatform.broker.extension.security;

import io.mqttplatform.broker.extension.security.password.PasswdCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the broker's password file and ACL from what the Helm chart mounts, before the broker starts: the chart's
 * init container runs it through {@code broker/security-files.sh} with the extension's jar
 * ({@code java -cp mqtt-platform-extension.jar io.mqttplatform.broker.extension.security.SecurityFilesCommand}), and the
 * launcher has it as {@code java -jar mqtt-broker.jar security-files}. Everything comes from the environment:
 * <ul>
 *   <li>{@code SECURITY_DIR}: where {@code passwd} and {@code acl} are written;</li>
 *   <li>{@code USER_PASSWORD_FILE}, {@code USER_ACL_FILE} (optional): the user's own mosquitto files;</li>
 *   <li>{@code GATEWAY_USERNAME}/{@code GATEWAY_PASSWORD}, {@code SYS_METRICS_USERNAME}/{@code SYS_METRICS_PASSWORD}:
 *       the platform's own clients, added to the password file with {@code $7$} hashes.</li>
 * </ul>
 * The ACL is the user's, if any, with a section for each platform client appended (the gateway reads and writes every
 * topic, its API keys narrow that per key; sys-metrics-service reads {@code $SYS}). With a user password file but no
 * user ACL, every client may use every topic and read {@code $SYS}, as mosquitto allows without {@code acl_file}.
 */
public final class SecurityFilesCommand {

    static final List<String> REQUIRED = List.of(
            "SECURITY_DIR", "GATEWAY_USERNAME", "GATEWAY_PASSWORD", "SYS_METRICS_USERNAME", "SYS_METRICS_PASSWORD");

    private SecurityFilesCommand() {}

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out, System.err));
    }

    /** Writes both files; returns the exit status (0 written, 1 failed, 2 a variable missing), messages on err. */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        for (String name : REQUIRED) {
            if (env.get(name) == null || env.get(name).isEmpty()) {
                err.println(name + " is not set; needed: " + String.join(", ", REQUIRED)
                        + " (USER_PASSWORD_FILE and USER_ACL_FILE are optional)");
                return 2;
            }
        }
        Path dir = Path.of(env.get("SECURITY_DIR"));
        Path passwd = dir.resolve("passwd");
        Path acl = dir.resolve("acl");
        Path userPasswords = existing(env.get("USER_PASSWORD_FILE"));
        Path userAcl = existing(env.get("USER_ACL_FILE"));
        try {
            Files.writeString(passwd, userPasswords == null ? "" : Files.readString(userPasswords) + "\n");
            for (String client : List.of("GATEWAY", "SYS_METRICS")) {
                int status = PasswdCommand.run(
                        new String[] {
                            "-b", passwd.toString(), env.get(client + "_USERNAME"), env.get(client + "_PASSWORD")
                        },
                        err);
                if (status != 0) {
                    return status;
                }
            }
            StringBuilder rules = new StringBuilder();
            if (userAcl != null) {
                rules.append(Files.readString(userAcl)).append('\n');
            } else if (userPasswords != null) {
                rules.append("# no acl_file given: every client may use every topic, as in mosquitto without one\n")
                        .append("pattern readwrite #\n")
                        .append("pattern read $SYS/#\n");
            }
            rules.append("# the platform's own clients (added by security-files)\n")
                    .append("user ")
                    .append(env.get("GATEWAY_USERNAME"))
                    .append("\ntopic readwrite #\ntopic read $SYS/#\n")
                    .append("user ")
                    .append(env.get("SYS_METRICS_USERNAME"))
                    .append("\ntopic read $SYS/#\n");
            Files.writeString(acl, rules, StandardCharsets.UTF_8);
            long users = Files.readAllLines(passwd).stream()
                    .filter(line -> line.contains(":"))
                    .count();
            out.println("password file with " + users + " users written to " + passwd + "; ACL written to " + acl);
            return 0;
        } catch (IOException e) {
            err.println("cannot write the security files in " + dir + ": " + e);
            return 1;
        }
    }

    /** The file named, when it is set and there (as the chart mounts it only when the user gave one). */
    private static Path existing(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        Path path = Path.of(name);
        return Files.isRegularFile(path) ? path : null;
    }
}
