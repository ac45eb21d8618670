package io.mqttplatform.broker.extension.security.password;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** {@code $6$SALT$HASH}: SHA-512 of the password followed by a 12-byte salt, as mosquitto 1.x wrote it. */
public record SaltedSha512Hash(byte[] salt, byte[] hash) implements PasswordHash {

    static SaltedSha512Hash parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("a $6$ hash has the form $6$SALT$HASH");
        }
        return new SaltedSha512Hash(
                PasswordHash.exactly(12, "salt", PasswordHash.base64("salt", parts[2])),
                PasswordHash.exactly(64, "hash", PasswordHash.base64("hash", parts[3])));
    }

    @Override
    public boolean matches(byte[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(password);
            digest.update(salt);
            return MessageDigest.isEqual(digest.digest(), hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
    }

    @Override
    public String encoded() {
        return "$6$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }
}
