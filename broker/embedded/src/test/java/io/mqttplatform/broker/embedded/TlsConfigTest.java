package io.mqttplatform.broker.embedded;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** conf-tls/config.xml is conf/config.xml plus the TLS listener and nothing else, so the two never drift apart. */
class TlsConfigTest {

    private static final Path BROKER = Path.of(System.getProperty("broker.dir", ".."));

    @Test
    void tlsConfig_isThePlainConfigPlusTheTlsListener() throws IOException {
        String plain = body(BROKER.resolve("conf/config.xml"));
        String tls = body(BROKER.resolve("conf-tls/config.xml"));

        int start = tls.indexOf("        <tls-tcp-listener>");
        int end = tls.indexOf("</tls-tcp-listener>\n") + "</tls-tcp-listener>\n".length();
        assertThat(start).isPositive();
        assertThat(tls.substring(0, start) + tls.substring(end)).isEqualTo(plain);
        assertThat(tls.substring(start, end))
                .contains("${ENV:MQTT_TLS_PORT}", "${ENV:MQTT_TLS_KEYSTORE}", "${ENV:MQTT_TLS_KEYSTORE_PASSWORD}");
    }

    /** The file from its root element on: the comments before it differ on purpose. */
    private static String body(Path config) throws IOException {
        String text = Files.readString(config);
        return text.substring(text.indexOf("<hivemq "));
    }
}
