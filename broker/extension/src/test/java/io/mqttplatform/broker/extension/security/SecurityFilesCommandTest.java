package io.mqttplatform.broker.extension.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityFilesCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env) {
        return SecurityFilesCommand.run(
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Map<String, String> platform(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("SECURITY_DIR", dir.toString());
        env.put("GATEWAY_USERNAME", "gw");
        env.put("GATEWAY_PASSWORD", "gw secret");
        env.put("SYS_METRICS_USERNAME", "sm");
        env.put("SYS_METRICS_PASSWORD", "sm secret");
        return env;
    }

    @Test
    void withoutUserFiles_onlyThePlatformsClients() throws Exception {
        assertThat(run(platform(dir))).as(err.toString()).isZero();

        assertThat(Files.readAllLines(dir.resolve("passwd")))
                .filteredOn(line -> line.contains(":"))
                .extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly("gw", "sm");
        assertThat(Files.readString(dir.resolve("acl")))
                .isEqualTo("# the platform's own clients (added by security-files)\n"
                        + "user gw\ntopic readwrite #\ntopic read $SYS/#\nuser sm\ntopic read $SYS/#\n");
        assertThat(out.toString()).contains("password file with 2 users written to " + dir.resolve("passwd"));
    }

    @Test
    void withUserPasswordsButNoAcl_everyTopicForEveryone_asMosquittoWithoutAclFile() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "alice:$7$101$c2FsdA==$aGFzaA==");
        Map<String, String> env = platform(dir);
        env.put("USER_PASSWORD_FILE", users.toString());
        env.put("USER_ACL_FILE", dir.resolve("not-mounted").toString());

        assertThat(run(env)).as(err.toString()).isZero();

        assertThat(Files.readString(dir.resolve("passwd"))).startsWith("alice:$7$101$c2FsdA==$aGFzaA==\n");
        assertThat(Files.readString(dir.resolve("acl")))
                .startsWith("# no acl_file given")
                .contains("pattern readwrite #\npattern read $SYS/#\n", "user gw\n", "user sm\n");
        assertThat(out.toString()).contains("password file with 3 users");
    }

    @Test
    void aMissingVariable_namesItAndWhatIsNeeded() {
        Map<String, String> env = platform(dir);
        env.remove("GATEWAY_PASSWORD");

        assertThat(run(env)).isEqualTo(2);
        assertThat(err.toString()).contains("GATEWAY_PASSWORD is not set; needed: SECURITY_DIR, GATEWAY_USERNAME");
    }

    @TempDir
    Path dir;
}
