package io.mqttplatform.broker.extension.security.password;

import java.util.Base64;

/**
 * One password hash of a mosquitto {@code password_file} line, in the formats mosquitto reads: {@code $6$} (salted
 * SHA-512, mosquitto 1.x), {@code $7$} (PBKDF2-HMAC-SHA512, what {@code mosquitto_passwd} 2.0 writes) and
 * {@code $argon2id$} (mosquitto 2.1). Parsing errors never quote the hash.
 */
public sealed interface PasswordHash permits SaltedSha512Hash, Pbkdf2Sha512Hash, Argon2idHash {

    /** True when {@code password} (UTF-8 bytes, as the client sent them) hashes to this. Compares in constant time. */
    boolean matches(byte[] password);

    /** The hash as it is written in the file. */
    String encoded();

    /**
     * Reads the part of a password line after the username.
     *
     * @throws IllegalArgumentException saying what is wrong, without the hash itself
     */
    static PasswordHash parse(String encoded) {
        if (encoded.startsWith("$6$")) {
            return SaltedSha512Hash.parse(encoded);
        }
        if (encoded.startsWith("$7$")) {
            return Pbkdf2Sha512Hash.parse(encoded);
        }
        if (encoded.startsWith("$argon2id$")) {
            return Argon2idHash.parse(encoded);
        }
        throw new IllegalArgumentException(
                "the password is not a hash mosquitto reads: expected $7$ (mosquitto_passwd 2.0),"
                        + " $6$ (mosquitto 1.x) or $argon2id$ (mosquitto 2.1); a plain-text password must first be hashed"
                        + " (mosquitto_passwd -U, or java -jar mqtt-broker.jar passwd)");
    }

    /** Standard Base64 as mosquitto writes it; a field that does not decode is named in the message. */
    static byte[] base64(String field, String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + field + " is not valid Base64");
        }
    }

    static byte[] exactly(int length, String field, byte[] bytes) {
        if (bytes.length != length) {
            throw new IllegalArgumentException(
                    "its " + field + " has " + bytes.length + " bytes, mosquitto expects " + length);
        }
        return bytes;
    }
}
