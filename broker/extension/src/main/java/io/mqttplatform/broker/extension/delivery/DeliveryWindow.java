package io.mqttplatform.broker.extension.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Widens how many QoS 1 and 2 messages HiveMQ CE sends a subscriber before it waits for acknowledgements: from its
 * built-in 50 to {@value #MESSAGES}. With file persistence HiveMQ reads a subscriber's queue from disk one batch at a
 * time and reads the next only when the whole batch is acknowledged, so with 50 one subscriber received about 1,500
 * messages/s while publishers sent 10,000/s and the rest were dropped from its queue; with 500 it keeps up
 * (docs/adr/0009-broker-under-load.md has the figures). An MQTT 5 subscriber's own Receive Maximum still applies.
 *
 * <p>HiveMQ CE has no setting for this: the window and the batch are public static fields of its internal
 * {@code InternalConfigurations}, read at every delivery, which an extension in the same JVM can set (the extension
 * class loader falls back to HiveMQ's for classes the extension does not carry). A HiveMQ without those fields leaves
 * its default and the broker says so once.
 */
public final class DeliveryWindow {

    public static final int MESSAGES = 500;

    private static final Logger log = LoggerFactory.getLogger(DeliveryWindow.class);
    private static final String INTERNALS = "com.hivemq.configuration.service.InternalConfigurations";
    private static final String[] FIELDS = {"MAX_INFLIGHT_WINDOW_SIZE_MESSAGES", "PUBLISH_POLL_BATCH_SIZE"};

    /** Sets the window; returns false (and logs why) when this HiveMQ does not have the fields. */
    public static boolean widen(ClassLoader loader) {
        try {
            Class<?> internals = Class.forName(INTERNALS, true, loader);
            for (String name : FIELDS) {
                Field field = internals.getField(name);
                if (field.getType() != int.class || Modifier.isFinal(field.getModifiers())) {
                    throw new NoSuchFieldException(name + " is not a settable int");
                }
                field.setInt(null, Math.max(MESSAGES, field.getInt(null)));
            }
            log.info("QoS 1 and 2 delivery window: {} messages per subscriber.", MESSAGES);
            return true;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            log.warn(
                    "HiveMQ's delivery window stays at its default ({}): QoS 1 subscribers may receive less than "
                            + "publishers send when file persistence is on.",
                    e.toString());
            return false;
        }
    }

    private DeliveryWindow() {}
}
