package io.mqttplatform.broker.extension.security.password;

import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code $7$ITERATIONS$SALT$HASH}: PBKDF2-HMAC-SHA512 with a 12-byte salt and a 64-byte result, what
 * {@code mosquitto_passwd} 2.0 writes (with 101 iterations by default).
 */
public record Pbkdf2Sha512Hash(int iterations, byte[] salt, byte[] hash) implements PasswordHash {

    /**
     * What {@link #create} uses when not told otherwise: about 60 ms per check here, and a check is done once per
     * user and password while they stay the same (see {@link CredentialCheck}).
     */
    public static final int DEFAULT_ITERATIONS = 100_000;

    static Pbkdf2Sha512Hash parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("a $7$ hash has the form $7$ITERATIONS$SALT$HASH");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            iterations = 0;
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("its iteration count is not a whole number of 1 or more");
        }
        return new Pbkdf2Sha512Hash(
                iterations,
                PasswordHash.exactly(12, "salt", PasswordHash.base64("salt", parts[3])),
                PasswordHash.exactly(64, "hash", PasswordHash.base64("hash", parts[4])));
    }

    /** A new hash of {@code password} with a random salt, as {@code mosquitto_passwd} makes one. */
    public static Pbkdf2Sha512Hash create(byte[] password, int iterations, SecureRandom random) {
        byte[] salt = new byte[12];
        random.nextBytes(salt);
        return new Pbkdf2Sha512Hash(iterations, salt, derive(password, salt, iterations));
    }

    @Override
    public boolean matches(byte[] password) {
        return MessageDigest.isEqual(derive(password, salt, iterations), hash);
    }

    @Override
    public String encoded() {
        return "$7$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static byte[] derive(byte[] password, byte[] salt, int iterations) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA512Digest());
        generator.init(password, salt, iterations);
        return ((KeyParameter) generator.generateDerivedParameters(512)).getKey();
    }
}
