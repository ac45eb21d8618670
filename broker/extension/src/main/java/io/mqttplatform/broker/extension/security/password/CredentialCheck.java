package io.mqttplatform.broker.extension.security.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Checks a username and password against the current password file, remembering the verdicts so that a storm of
 * reconnects costs one hash computation per user and password, not one per connect (a $7$ check with 100,000
 * iterations takes about 75 ms here), also when many clients of one user connect at the same moment. Keyed by the user, the line's hash and a SHA-256 of the password; the
 * password itself is never kept. A changed line (another hash) is a new key, so a reload needs no invalidation.
 */
public final class CredentialCheck {

    private static final int MAX_ENTRIES = 10_000;

    private final Supplier<PasswordFile> passwords;
    /** Verdicts by key; a verdict still being computed is shared by every connect that asks for it meanwhile. */
    private final Map<String, CompletableFuture<Boolean>> verdicts = new ConcurrentHashMap<>();

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
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> known = verdicts.putIfAbsent(key, mine);
        if (known != null) {
            return known.join();
        }
        if (verdicts.size() > MAX_ENTRIES) {
            verdicts.clear(); // rare: more distinct users and passwords than that; they are computed again
        }
        try {
            mine.complete(hash.matches(password));
        } catch (RuntimeException e) {
            verdicts.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
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
