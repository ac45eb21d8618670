package io.mqttplatform.broker.extension.security;

import java.nio.file.Path;

/** A password or ACL file that cannot be used: the message names the file, the line number and what is wrong. */
public class SecurityFileException extends Exception {

    public SecurityFileException(Path file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
    }

    public SecurityFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
