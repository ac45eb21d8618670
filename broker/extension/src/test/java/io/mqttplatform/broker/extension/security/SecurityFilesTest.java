package io.mqttplatform.broker.extension.security;

import io.mqttplatform.broker.extension.security.acl.Access;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityFilesTest {

    @TempDir
    Path dir;

    @Test
    void aChangedFileIsTakenAndABrokenOneKeepsThePreviousRules() throws Exception {
        Path acl = Files.writeString(dir.resolve("acl"), "topic read a/#\n");
        SecurityFiles files = SecurityFiles.load(null, acl);
        assertThat(files.acl().allows("c", null, "a/1", Access.READ)).isTrue();

        Files.writeString(acl, "topic read b/#\n");
        files.reloadChanged();
        assertThat(files.acl().allows("c", null, "a/1", Access.READ)).isFalse();
        assertThat(files.acl().allows("c", null, "b/1", Access.READ)).isTrue();

        Files.writeString(acl, "topic maybe c/#\n");
        files.reloadChanged();
        assertThat(files.acl().allows("c", null, "b/1", Access.READ)).isTrue();
        assertThat(files.passwords()).isNull();
    }

    @Test
    void aMissingFileStopsTheStartNamingIt() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> SecurityFiles.load(missing, null))
                .isInstanceOf(SecurityFileException.class)
                .hasMessageStartingWith(missing + ": cannot be read (NoSuchFileException");
    }
}
