package io.mqttplatform.broker.extension.security.password;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar mqtt-broker.jar passwd [-c] [-D] [-b] [-I ITERATIONS] FILE USER [PASSWORD]}: manages a
 * mosquitto password file for users without Debian's {@code mosquitto_passwd}, with its options: {@code -c} creates
 * (or empties) the file, {@code -D} deletes the user, {@code -b} takes the password from the command line, otherwise
 * it is asked twice on the terminal (or read as one line from standard input when there is none). Lines are
 * {@code $7$} (PBKDF2-HMAC-SHA512), which mosquitto 2.0 reads too, with {@value Pbkdf2Sha512Hash#DEFAULT_ITERATIONS}
 * iterations unless {@code -I} says otherwise (mosquitto_passwd writes 101). Other lines stay as they were; the file
 * is replaced in one step. Also run from the extension's own jar, where no launcher is (the chart's init container:
 * {@code java -cp mqtt-platform-extension.jar io.mqttplatform.broker.extension.security.password.PasswdCommand ...}).
 */
public final class PasswdCommand {

    static final String USAGE =
            "usage: java -jar mqtt-broker.jar passwd [-c] [-D] [-b] [-I ITERATIONS] FILE USER [PASSWORD]\n"
                    + "  -c  create the file (an existing one is emptied first)\n"
                    + "  -D  delete USER\n"
                    + "  -b  take PASSWORD from the command line (otherwise it is asked for)\n"
                    + "  -I  PBKDF2 iterations of the new hash (default " + Pbkdf2Sha512Hash.DEFAULT_ITERATIONS + ")";

    private PasswdCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command; returns the process exit status (0 done, 1 failed, 2 bad usage), messages on {@code err}. */
    public static int run(String[] args, PrintStream err) {
        boolean create = false;
        boolean delete = false;
        boolean batch = false;
        int iterations = Pbkdf2Sha512Hash.DEFAULT_ITERATIONS;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c" -> create = true;
                case "-D" -> delete = true;
                case "-b" -> batch = true;
                case "-I" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("\\d{1,9}") || Integer.parseInt(args[i + 1]) < 1) {
                        err.println("-I needs a whole number of iterations, 1 or more\n" + USAGE);
                        return 2;
                    }
                    iterations = Integer.parseInt(args[++i]);
                }
                default -> rest.add(args[i]);
            }
        }
        int expected = batch ? 3 : 2;
        if (rest.size() != expected || (delete && (batch || create))) {
            err.println(USAGE);
            return 2;
        }
        Path file = Path.of(rest.get(0));
        String user = rest.get(1);
        if (user.isEmpty() || user.contains(":") || !user.strip().equals(user)) {
            err.println("USER '" + user + "' cannot be used: a username must be non-empty, without ':' and without"
                    + " blanks at either end");
            return 2;
        }
        try {
            List<String> lines = create || !Files.exists(file)
                    ? new ArrayList<>()
                    : new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            if (!create && !delete && !Files.exists(file)) {
                err.println(file + " does not exist: use -c to create it");
                return 1;
            }
            int at = lineOf(lines, user);
            if (delete) {
                if (at < 0) {
                    err.println("user '" + user + "' is not in " + file);
                    return 1;
                }
                lines.remove(at);
            } else {
                char[] password = batch ? rest.get(2).toCharArray() : ask(err);
                if (password == null) {
                    return 1;
                }
                byte[] bytes = new String(password).getBytes(StandardCharsets.UTF_8);
                Arrays.fill(password, '\0');
                String line = user + ":"
                        + Pbkdf2Sha512Hash.create(bytes, iterations, new SecureRandom())
                                .encoded();
                Arrays.fill(bytes, (byte) 0);
                if (at < 0) {
                    lines.add(line);
                } else {
                    lines.set(at, line);
                }
            }
            write(file, lines);
            return 0;
        } catch (IOException e) {
            err.println(file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    private static int lineOf(List<String> lines, String user) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (!line.startsWith("#")
                    && colon >= 0
                    && line.substring(0, colon).strip().equals(user)) {
                return i;
            }
        }
        return -1;
    }

    private static char[] ask(PrintStream err) throws IOException {
        Console console = System.console();
        if (console == null) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                err.println("no password on standard input");
                return null;
            }
            return line.toCharArray();
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Reenter password: ");
        if (first == null || first.length == 0 || !Arrays.equals(first, second)) {
            err.println(first == null || first.length == 0 ? "empty password" : "passwords do not match");
            return null;
        }
        return first;
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
