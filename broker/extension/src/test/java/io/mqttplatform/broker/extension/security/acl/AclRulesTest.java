package io.mqttplatform.broker.extension.security.acl;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

import static io.mqttplatform.broker.extension.security.acl.Access.READ;
import static io.mqttplatform.broker.extension.security.acl.Access.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decisions of mosquitto 2.0's acl_check_default; the differential test runs them against mosquitto itself. */
class AclRulesTest {

    private static final Path FILE = Path.of("acl");

    private static AclRules rules(String... lines) throws ParseException {
        return AclFile.parse(FILE, List.of(lines));
    }

    @Test
    void anonymousSectionIsForClientsWithoutUsername() throws Exception {
        AclRules acl = rules("topic read public/#", "user alice", "topic readwrite lab/#");
        assertThat(acl.allows("c", null, "public/x", READ)).isTrue();
        assertThat(acl.allows("c", null, "public/x", WRITE)).isFalse();
        assertThat(acl.allows("c", null, "lab/x", READ)).isFalse();
        assertThat(acl.allows("c", "alice", "lab/x", WRITE)).isTrue();
        assertThat(acl.allows("c", "alice", "public/x", READ)).isFalse();
        assertThat(acl.allows("c", "bob", "lab/x", READ)).isFalse();
    }

    @Test
    void denyWinsWhereverItStands() throws Exception {
        AclRules acl = rules("user alice", "topic readwrite lab/#", "topic deny lab/secret/#");
        assertThat(acl.allows("c", "alice", "lab/a", READ)).isTrue();
        assertThat(acl.allows("c", "alice", "lab/secret/x", READ)).isFalse();
        assertThat(acl.allows("c", "alice", "lab/secret/x", WRITE)).isFalse();
    }

    @Test
    void aLineWithoutAccessWordIsReadWrite() throws Exception {
        AclRules acl = rules("user alice", "topic read lab/a b", "topic write");
        assertThat(acl.allows("c", "alice", "lab/a b", READ)).isTrue();
        assertThat(acl.allows("c", "alice", "lab/a b", WRITE)).isFalse();
        assertThat(acl.allows("c", "alice", "write", WRITE)).isTrue();
        assertThat(acl.allows("c", "alice", "write", READ)).isTrue();
    }

    @Test
    void patternsSubstituteClientIdAndUsername() throws Exception {
        AclRules acl = rules("pattern readwrite devices/%c/#", "pattern read users/%u/#");
        assertThat(acl.allows("dev1", null, "devices/dev1/t", WRITE)).isTrue();
        assertThat(acl.allows("dev1", null, "devices/dev2/t", WRITE)).isFalse();
        assertThat(acl.allows("dev1", "alice", "users/alice/x", READ)).isTrue();
        assertThat(acl.allows("dev1", null, "users/%u/x", READ)).isFalse();
        assertThat(acl.allows("dev+", null, "devices/x/t", WRITE)).isFalse();
        assertThat(acl.allows("dev1", "al#", "devices/dev1/t", WRITE)).isFalse();
    }

    @Test
    void wildcardsNeverGrantSysButSysLinesDo() throws Exception {
        AclRules acl = rules("topic read #", "user monitor", "topic read $SYS/#", "topic read #");
        assertThat(acl.allows("c", null, "$SYS/broker/uptime", READ)).isFalse();
        assertThat(acl.allows("c", null, "a/b", READ)).isTrue();
        assertThat(acl.allows("c", "monitor", "$SYS/broker/uptime", READ)).isTrue();
    }

    @Test
    void noRulesForTheClientMeansNothing() throws Exception {
        AclRules acl = rules("user alice", "topic read a");
        assertThat(acl.allows("c", null, "a", READ)).isFalse();
        assertThat(acl.allows("c", "bob", "a", READ)).isFalse();
    }

    @Test
    void aLineMosquittoRefusesNamesFileAndLine() {
        assertThatThrownBy(() -> rules("topic lab/a b"))
                .hasMessage("acl line 1: access 'lab/a' is not one of read, write, readwrite, deny");
        assertThatThrownBy(() -> rules("user alice", "topic sometimes lab/#"))
                .hasMessage("acl line 2: access 'sometimes' is not one of read, write, readwrite, deny");
        assertThatThrownBy(() -> rules("topic read lab/#/x"))
                .hasMessageStartingWith("acl line 1: 'lab/#/x' is not a valid topic filter");
        assertThatThrownBy(() -> rules("usr alice")).hasMessageStartingWith("acl line 1: expected 'user NAME'");
        assertThatThrownBy(() -> rules("user")).hasMessage("acl line 1: 'user' needs a username");
    }
}
