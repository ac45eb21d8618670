package io.mqttplatform.broker.extension.security;

import io.mqttplatform.broker.extension.security.acl.AclFile;
import io.mqttplatform.broker.extension.security.acl.AclRules;
import io.mqttplatform.broker.extension.security.password.PasswordFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The broker's {@code PASSWORD_FILE} and {@code ACL_FILE}, as last read: read at start (a file that cannot be used
 * stops the start), then read again every few seconds and taken when their content changed, so that edits apply
 * without a restart (mosquitto needs a SIGHUP for that). A changed file that cannot be used leaves the previous rules
 * in force and is logged once, with the file, the line and why. Reading the content rather than watching for events
 * also sees a Kubernetes Secret or ConfigMap update, which swaps a symbolic link.
 */
public final class SecurityFiles {

    private static final Logger log = LoggerFactory.getLogger(SecurityFiles.class);

    /** One file: where it is, the content last looked at, and what was last read from it successfully. */
    private static final class Watched<T> {
        private final String kind;
        private final Path path;
        private final Parser<T> parser;
        private byte[] content;
        private volatile T value;

        private Watched(String kind, Path path, Parser<T> parser) throws SecurityFileException {
            this.kind = kind;
            this.path = path;
            this.parser = parser;
            this.content = bytes(path);
            try {
                this.value = parser.parse(path, lines(content));
            } catch (ParseException e) {
                throw new SecurityFileException(e.getMessage());
            }
        }

        private void reloadIfChanged() {
            byte[] now = changed(path, content);
            if (now == null) {
                return;
            }
            content = now;
            try {
                value = parser.parse(path, lines(now));
                log.info("{} {} reloaded.", kind, path);
            } catch (ParseException e) {
                log.warn("{} changed but cannot be used; the previous one stays in force: {}", kind, e.getMessage());
            }
        }
    }

    private interface Parser<T> {
        T parse(Path path, List<String> lines) throws ParseException;
    }

    private final Watched<PasswordFile> passwords;
    private final Watched<AclRules> acl;
    private ScheduledFuture<?> watch;

    private SecurityFiles(Watched<PasswordFile> passwords, Watched<AclRules> acl) {
        this.passwords = passwords;
        this.acl = acl;
    }

    /** Reads the files that are set (either path may be null). */
    public static SecurityFiles load(Path passwordPath, Path aclPath) throws SecurityFileException {
        return new SecurityFiles(
                passwordPath == null ? null : new Watched<>("Password file", passwordPath, PasswordFile::parse),
                aclPath == null ? null : new Watched<>("ACL file", aclPath, AclFile::parse));
    }

    public void start(ScheduledExecutorService executor, long periodMillis) {
        watch = executor.scheduleWithFixedDelay(this::reloadChanged, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (watch != null) {
            watch.cancel(false);
        }
    }

    /** The password file as last read successfully; null when {@code PASSWORD_FILE} is not set. */
    public PasswordFile passwords() {
        return passwords == null ? null : passwords.value;
    }

    /** The ACL as last read successfully; null when {@code ACL_FILE} is not set. */
    public AclRules acl() {
        return acl == null ? null : acl.value;
    }

    public boolean hasPasswords() {
        return passwords != null;
    }

    public boolean hasAcl() {
        return acl != null;
    }

    /** Takes each file whose content changed since it was last looked at; public for tests that do not wait. */
    public synchronized void reloadChanged() {
        if (passwords != null) {
            passwords.reloadIfChanged();
        }
        if (acl != null) {
            acl.reloadIfChanged();
        }
    }

    private static byte[] changed(Path path, byte[] before) {
        try {
            byte[] now = Files.readAllBytes(path);
            return Arrays.equals(now, before) ? null : now;
        } catch (IOException e) {
            // a file being replaced can be missing for a moment; the next look takes it
            log.debug("Cannot read {} now: {}", path, e.getMessage());
            return null;
        }
    }

    private static byte[] bytes(Path path) throws SecurityFileException {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SecurityFileException(
                    path + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static List<String> lines(byte[] content) {
        return new String(content, StandardCharsets.UTF_8).lines().toList();
    }
}
