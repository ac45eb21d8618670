package io.mqttplatform.broker.extension.security.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks a username and password against the current password file, remembering the verdicts so that a storm of
 * reconnects costs one hash computation per user and password, not one per connect (a $7$ check with 100,000
 * iterations takes tens of milliseconds). Keyed by the user, the line's hash and a SHA-256 of the password; the
 * password itself is never kept. A changed line (another hash) is a new key, so a reload needs no invalidation.
 */
public final class CredentialCheck {

    private static final int MAX_ENTRIES = 10_000;

    private final Supplier<PasswordFile> passwords;
    private final Map<String, Boolean> verdicts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public CredentialCheck(Supplier<PasswordFile> passwords) {
        this.passwords = passwords;
    }

    /** True when the file has {@code user} and {@code password} matches its hash; false for an unknown user. */
    public boolean verify(String user, byte[] password) {
        PasswordHash hash = passwords.get().hashOf(user).orElse(null);
        if (hash == null) {
            return false;
        }
        String key = user + '\n' + hash.encoded() + '\n' + fingerprint(password);
        synchronized (verdicts) {
            Boolean known = verdicts.get(key);
            if (known != null) {
                return known;
            }
        }
        boolean verdict = hash.matches(password);
        synchronized (verdicts) {
            verdicts.put(key, verdict);
        }
        return verdict;
    }

    private static String fingerprint(byte[] password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password);
            return new String(java.util.Base64.getEncoder().encode(digest), StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
