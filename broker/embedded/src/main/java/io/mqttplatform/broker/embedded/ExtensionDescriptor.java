package io.mqttplatform.broker.embedded;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import org.w3c.dom.Document;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Builds the embedded extension from the same {@code hivemq-extension.xml} that the container image's extension
 * folder holds, so id, name, version and priorities cannot differ between the two ways of running the broker.
 */
final class ExtensionDescriptor {

    static EmbeddedExtension embedded(ExtensionMain main) {
        Document xml = read();
        return EmbeddedExtension.builder()
                .withId(field(xml, "id"))
                .withName(field(xml, "name"))
                .withVersion(field(xml, "version"))
                .withAuthor(field(xml, "author"))
                .withPriority(Integer.parseInt(field(xml, "priority")))
                .withStartPriority(Integer.parseInt(field(xml, "start-priority")))
                .withExtensionMain(main)
                .build();
    }

    private static Document read() {
        try (InputStream in = ExtensionDescriptor.class.getResourceAsStream("/hivemq-extension.xml")) {
            if (in == null) {
                throw new IllegalStateException("hivemq-extension.xml is missing from the launcher's classpath");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("hivemq-extension.xml cannot be read: " + e.getMessage(), e);
        }
    }

    private static String field(Document xml, String name) {
        return xml.getElementsByTagName(name).item(0).getTextContent().trim();
    }

    private ExtensionDescriptor() {}
}
