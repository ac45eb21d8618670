package io.mqttplatform.broker.extension.security.password;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashTest {

    // Written by Debian's mosquitto_passwd 2.0.11: "-b pw alice 'secret one'" and "-H sha512 -b pw bob 'bob pw'".
    static final String ALICE_7 =
            "$7$101$aiPHDi/PdhixJSHc$EqiTUlCA3P2rhgrgHxC4adaAqYbHPi2nhs2rNUQ/JGUPowNYh38ZQVLzdL4CA3TgcZlJD12fe/s+yeA6/iwBmw==";
    static final String BOB_6 =
            "$6$9x+JmCIr0a/fQJiL$e2UbVPkq/MzBBdxINjCVQX19ijHQdgQpQ9rCrZmfKl+DVbTVTpJnLzVs4Eelf530Qkp9he+W88sn2xaGLJNG0Q==";
    // libargon2's own test vector (src/test.c): argon2id, t=2, m=65536, p=1, password "password", salt "somesalt".
    static final String ARGON2ID =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    @Test
    void mosquittoPasswdPbkdf2LineVerifies() {
        PasswordHash hash = PasswordHash.parse(ALICE_7);
        assertThat(hash.matches(utf8("secret one"))).isTrue();
        assertThat(hash.matches(utf8("secret two"))).isFalse();
        assertThat(hash.encoded()).isEqualTo(ALICE_7);
    }

    @Test
    void mosquittoOneSaltedSha512LineVerifies() {
        PasswordHash hash = PasswordHash.parse(BOB_6);
        assertThat(hash.matches(utf8("bob pw"))).isTrue();
        assertThat(hash.matches(utf8("bob pw "))).isFalse();
        assertThat(hash.encoded()).isEqualTo(BOB_6);
    }

    @Test
    void argon2idLineVerifies() {
        PasswordHash hash = PasswordHash.parse(ARGON2ID);
        assertThat(hash.matches(utf8("password"))).isTrue();
        assertThat(hash.matches(utf8("Password"))).isFalse();
        assertThat(hash.encoded()).isEqualTo(ARGON2ID);
    }

    @Test
    void createdHashVerifiesAndHasMosquittoShape() {
        Pbkdf2Sha512Hash hash = Pbkdf2Sha512Hash.create(utf8("pw"), 1000, new SecureRandom());
        assertThat(hash.encoded()).matches("\\$7\\$1000\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        assertThat(PasswordHash.parse(hash.encoded()).matches(utf8("pw"))).isTrue();
    }

    @Test
    void unreadableHashesSayWhyWithoutTheHash() {
        assertThatThrownBy(() -> PasswordHash.parse("plaintext"))
                .hasMessageStartingWith("the password is not a hash mosquitto reads")
                .hasMessageNotContaining("plaintext");
        assertThatThrownBy(() -> PasswordHash.parse("$7$0$aiPHDi/PdhixJSHc$AAAA"))
                .hasMessage("its iteration count is not a whole number of 1 or more");
        assertThatThrownBy(
                        () -> PasswordHash.parse("$7$101$c2hvcnQ=$" + ALICE_7.substring(ALICE_7.lastIndexOf('$') + 1)))
                .hasMessage("its salt has 5 bytes, mosquitto expects 12");
        assertThatThrownBy(() -> PasswordHash.parse("$6$9x+JmCIr0a/fQJiL$not*base64"))
                .hasMessage("its hash is not valid Base64");
        assertThatThrownBy(() -> PasswordHash.parse("$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFh"))
                .hasMessageStartingWith("an argon2id hash has the form");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
