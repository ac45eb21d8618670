package io.mqttplatform.broker.extension.security.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $argon2id$v=19$m=MEMORY_KIB,t=ITERATIONS,p=LANES$SALT$HASH}: the PHC string of libargon2, which
 * mosquitto 2.1 writes (Base64 without padding).
 */
public record Argon2idHash(int memoryKib, int iterations, int lanes, byte[] salt, byte[] hash) implements PasswordHash {

    private static final Pattern FORM = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    static Argon2idHash parse(String encoded) {
        Matcher m = FORM.matcher(encoded);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "an argon2id hash has the form $argon2id$v=19$m=KIB,t=ITERATIONS,p=LANES$SALT$HASH");
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int lanes = Integer.parseInt(m.group(3));
        if (iterations < 1 || lanes < 1 || memory < 8 * lanes || memory > 4 * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "its argon2id parameters are out of range (t >= 1, p >= 1, 8p <= m <= 4194304)");
        }
        byte[] salt = unpadded("salt", m.group(4));
        byte[] hash = unpadded("hash", m.group(5));
        if (salt.length < 8 || hash.length < 4) {
            throw new IllegalArgumentException("its argon2id salt or hash is too short");
        }
        return new Argon2idHash(memory, iterations, lanes, salt, hash);
    }

    @Override
    public boolean matches(byte[] password) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(lanes)
                .withSalt(salt)
                .build());
        byte[] result = new byte[hash.length];
        generator.generateBytes(password, result);
        return MessageDigest.isEqual(result, hash);
    }

    @Override
    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + lanes + "$" + b64.encodeToString(salt)
                + "$" + b64.encodeToString(hash);
    }

    private static byte[] unpadded(String field, String value) {
        return PasswordHash.base64(field, value);
    }
}
