package io.mqttplatform.broker.extension.security.password;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.mqttplatform.broker.extension.security.password.PasswordHashTest.ALICE_7;
import static io.mqttplatform.broker.extension.security.password.PasswordHashTest.BOB_6;
import static io.mqttplatform.broker.extension.security.password.PasswordHashTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordFileTest {

    private static final Path FILE = Path.of("/etc/mosquitto/passwd");

    @Test
    void readsUsersCommentsAndBlanksAsMosquittoDoes() throws Exception {
        PasswordFile file =
                PasswordFile.parse(FILE, List.of("# team", "", " alice : " + ALICE_7 + " ", "bob:" + BOB_6));
        assertThat(file.users()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(file.hashOf("alice")).get().extracting(PasswordHash::encoded).isEqualTo(ALICE_7);
        assertThat(file.hashOf("carol")).isEmpty();
    }

    @Test
    void aLineItCannotReadNamesFileAndLineButNotTheHash() {
        assertThatThrownBy(() -> PasswordFile.parse(FILE, List.of("alice:" + ALICE_7, "bob:cleartext")))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("/etc/mosquitto/passwd line 2: user 'bob': the password is not a hash")
                .hasMessageNotContaining("cleartext");
        assertThatThrownBy(() -> PasswordFile.parse(FILE, List.of("alice")))
                .hasMessage("/etc/mosquitto/passwd line 1: expected USERNAME:HASH (no colon)");
        assertThatThrownBy(() -> PasswordFile.parse(FILE, List.of("alice:")))
                .hasMessage("/etc/mosquitto/passwd line 1: user 'alice' has no password hash");
        assertThatThrownBy(() -> PasswordFile.parse(FILE, List.of("alice:" + ALICE_7, "alice:" + BOB_6)))
                .hasMessage("/etc/mosquitto/passwd line 2: user 'alice' is already on line 1");
    }

    @Test
    void credentialCheckVerifiesOncePerUserAndPasswordAndFollowsReloads() throws Exception {
        AtomicReference<PasswordFile> current =
                new AtomicReference<>(PasswordFile.parse(FILE, List.of("alice:" + ALICE_7, "bob:" + BOB_6)));
        CredentialCheck check = new CredentialCheck(current::get);
        assertThat(check.verify("alice", utf8("secret one"))).isTrue();
        assertThat(check.verify("alice", utf8("secret one"))).isTrue();
        assertThat(check.verify("alice", utf8("bob pw"))).isFalse();
        assertThat(check.verify("carol", utf8("secret one"))).isFalse();

        current.set(PasswordFile.parse(FILE, List.of("alice:" + BOB_6)));
        assertThat(check.verify("alice", utf8("secret one"))).isFalse();
        assertThat(check.verify("alice", utf8("bob pw"))).isTrue();
        assertThat(check.verify("bob", utf8("bob pw"))).isFalse();
    }
}
