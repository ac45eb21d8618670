package io.mqttplatform.broker.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one config.xml, and the TLS listener added to it where its listeners say so, nothing else changed. */
class BrokerConfigTest {

    static final Path CONF = Path.of(System.getProperty("broker.dir", ".."), "conf");

    @Test
    void withTlsListener_addsTheTlsListenerAfterThePlainOnes_andChangesNothingElse() throws Exception {
        String plain = Files.readString(CONF.resolve("config.xml"));
        String listener = Files.readString(CONF.resolve("tls-listener.xml"));

        String tls = BrokerConfig.withTlsListener(plain, listener);

        assertThat(tls.replace(listener, "")).isEqualTo(plain);
        assertThat(listenerNames(tls)).containsExactly("tcp-listener", "websocket-listener", "tls-tcp-listener");
        assertThat(listenerNames(plain)).containsExactly("tcp-listener", "websocket-listener");
        assertThat(listener)
                .contains("${ENV:MQTT_TLS_PORT}", "${ENV:MQTT_TLS_KEYSTORE}", "${ENV:MQTT_TLS_KEYSTORE_PASSWORD}");
    }

    @Test
    void withTlsListener_refusesAConfigThatDoesNotSayWhereTheListenerGoes() {
        assertThatThrownBy(() -> BrokerConfig.withTlsListener("<hivemq><listeners/></hivemq>\n", "<x/>\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("config.xml has no line with 'tls-listener.xml goes here'");
    }

    @Test
    void write_givesHiveMqTheBundledConfig_withTheTlsListenerOnlyWhenAsked(@TempDir Path dir) throws Exception {
        String plain =
                Files.readString(BrokerConfig.write(dir.resolve("plain"), false).resolve("config.xml"));
        String tls =
                Files.readString(BrokerConfig.write(dir.resolve("tls"), true).resolve("config.xml"));

        assertThat(plain).isEqualTo(Files.readString(CONF.resolve("config.xml")));
        assertThat(listenerNames(tls)).endsWith("tls-tcp-listener");
    }

    /** The element names under {@code <listeners>}, in order. */
    static List<String> listenerNames(String config) throws Exception {
        Element listeners = (Element) DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("listeners")
                .item(0);
        List<String> names = new ArrayList<>();
        for (Node child = listeners.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                names.add(child.getNodeName());
            }
        }
        return names;
    }
}
