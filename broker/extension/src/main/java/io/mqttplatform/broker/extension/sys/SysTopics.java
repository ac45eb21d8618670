package io.mqttplatform.broker.extension.sys;

/** The $SYS topic names, exactly as mosquitto 2.0 publishes them. */
public final class SysTopics {

    public static final String PREFIX = "$SYS/broker/";

    public static final String VERSION = PREFIX + "version";
    public static final String UPTIME = PREFIX + "uptime";

    public static final String CLIENTS_CONNECTED = PREFIX + "clients/connected";
    public static final String CLIENTS_ACTIVE = PREFIX + "clients/active";
    public static final String CLIENTS_DISCONNECTED = PREFIX + "clients/disconnected";
    public static final String CLIENTS_INACTIVE = PREFIX + "clients/inactive";
    public static final String CLIENTS_TOTAL = PREFIX + "clients/total";
    public static final String CLIENTS_MAXIMUM = PREFIX + "clients/maximum";
    public static final String CLIENTS_EXPIRED = PREFIX + "clients/expired";

    public static final String MESSAGES_RECEIVED = PREFIX + "messages/received";
    public static final String MESSAGES_SENT = PREFIX + "messages/sent";
    public static final String PUBLISH_RECEIVED = PREFIX + "publish/messages/received";
    public static final String PUBLISH_SENT = PREFIX + "publish/messages/sent";
    public static final String PUBLISH_DROPPED = PREFIX + "publish/messages/dropped";
    public static final String BYTES_RECEIVED = PREFIX + "bytes/received";
    public static final String BYTES_SENT = PREFIX + "bytes/sent";

    public static final String SUBSCRIPTIONS_COUNT = PREFIX + "subscriptions/count";
    public static final String RETAINED_COUNT = PREFIX + "retained messages/count";

    /** {@code $SYS/broker/load/<what>/<window>}: a per-minute moving average, as mosquitto computes it. */
    public static String load(String what, LoadAverage.Window window) {
        return PREFIX + "load/" + what + "/" + window.label();
    }

    /** Whether a client-supplied topic lies in the broker's own $SYS tree. */
    public static boolean isSysTopic(String topic) {
        return topic.equals("$SYS") || topic.startsWith("$SYS/");
    }

    private SysTopics() {}
}
