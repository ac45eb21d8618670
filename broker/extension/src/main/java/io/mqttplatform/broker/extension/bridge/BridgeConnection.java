package io.mqttplatform.broker.extension.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One {@code connection} section of a {@code BRIDGE_CONFIG} file, with mosquitto 2.0's defaults (mosquitto.conf(5)).
 *
 * @param name              {@code connection NAME}
 * @param addresses         {@code address host[:port] ...} (port 1883 when not given), tried in order
 * @param topics            the {@code topic} lines
 * @param protocol          {@code bridge_protocol_version}: mqttv31, mqttv311 (default) or mqttv50
 * @param cleanSession      {@code cleansession} (default false: the remote broker keeps the bridge's session)
 * @param remoteClientId    {@code remote_clientid} (default {@code hostname.name})
 * @param localClientId     {@code local_clientid} (default {@code local.<remote_clientid>})
 * @param remoteUsername    {@code remote_username}
 * @param remotePassword    {@code remote_password} (only with a username)
 * @param tls               TLS to the remote broker: present when {@code bridge_cafile} or {@code bridge_capath} is set
 * @param keepAlive         {@code keepalive_interval} (default 60 s, at least 5 s)
 * @param restart           {@code restart_timeout}: a constant delay, or a back-off from a base to a cap (default 5-30 s)
 * @param startType         {@code start_type}: automatic (default), lazy or once
 * @param threshold         {@code threshold}: messages queued before a lazy bridge starts (default 10)
 * @param idleTimeout       {@code idle_timeout}: idle time after which a lazy bridge stops (default 60 s)
 * @param notifications     {@code notifications} (default true): retained 1/0 on the notification topic
 * @param notificationTopic {@code notification_topic} (default {@code $SYS/broker/connection/<remote_clientid>/state})
 * @param tryPrivate        {@code try_private} (default true): tell the remote broker it is a bridge
 * @param roundRobin        {@code round_robin} (default false: the first address is the main one)
 */
public record BridgeConnection(
        String name,
        List<Address> addresses,
        List<BridgeTopic> topics,
        Protocol protocol,
        boolean cleanSession,
        String remoteClientId,
        String localClientId,
        Optional<String> remoteUsername,
        Optional<String> remotePassword,
        Optional<Tls> tls,
        Duration keepAlive,
        Restart restart,
        StartType startType,
        int threshold,
        Duration idleTimeout,
        boolean notifications,
        String notificationTopic,
        boolean tryPrivate,
        boolean roundRobin) {

    /** A remote broker's address. */
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** {@code bridge_protocol_version}. */
    public enum Protocol {
        MQTTV31,
        MQTTV311,
        MQTTV50
    }

    /** {@code start_type}. */
    public enum StartType {
        AUTOMATIC,
        LAZY,
        ONCE
    }

    /**
     * TLS to the remote broker.
     *
     * @param caFile         {@code bridge_cafile}: PEM certificates of the CAs that signed the remote's certificate
     * @param caPath         {@code bridge_capath}: a folder of such PEM files ({@code .crt}, {@code .pem})
     * @param insecure       {@code bridge_insecure}: no check of the remote's host name against its certificate
     * @param minimumVersion {@code bridge_tls_version}: tlsv1.1, tlsv1.2 (default) or tlsv1.3, the lowest allowed
     */
    public record Tls(Optional<Path> caFile, Optional<Path> caPath, boolean insecure, String minimumVersion) {}

    /**
     * {@code restart_timeout}: {@code constant} seconds between attempts, or a "decorrelated jitter" back-off from
     * {@code base} to {@code cap} seconds.
     */
    public record Restart(Optional<Duration> constant, Duration base, Duration cap) {}
}
