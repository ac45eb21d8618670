package io.mqttplatform.broker.extension.sys;

/**
 * What the broker reports at one instant: the raw numbers the $SYS tree is computed from. Counters are cumulative
 * since broker start (or, with {@link #since}, since a baseline); the others are current values.
 *
 * @param clientsConnected     sessions with a live connection (client service)
 * @param clientsDisconnected  sessions kept for a client that is not connected and whose session has not expired
 * @param clientsExpired       sessions seen to expire since start (client service, sampled each interval)
 * @param messagesReceived     MQTT packets of every kind received
 * @param messagesSent         MQTT packets of every kind sent
 * @param publishReceived      PUBLISH packets received
 * @param publishSent          PUBLISH packets sent
 * @param publishDropped       PUBLISH messages the broker dropped
 * @param bytesReceived        bytes read from the network
 * @param bytesSent            bytes written to the network
 * @param connectsReceived     CONNECT packets received
 * @param socketsOpened        network connections opened since start
 * @param subscriptions        current subscriptions
 * @param retainedMessages     current retained messages
 */
public record BrokerSnapshot(
        long clientsConnected,
        long clientsDisconnected,
        long clientsExpired,
        long messagesReceived,
        long messagesSent,
        long publishReceived,
        long publishSent,
        long publishDropped,
        long bytesReceived,
        long bytesSent,
        long connectsReceived,
        long socketsOpened,
        long subscriptions,
        long retainedMessages) {

    /** The counters since {@code baseline} was taken; the current values (clients, subscriptions, retained) as now. */
    public BrokerSnapshot since(BrokerSnapshot baseline) {
        return new BrokerSnapshot(
                clientsConnected,
                clientsDisconnected,
                clientsExpired,
                messagesReceived - baseline.messagesReceived,
                messagesSent - baseline.messagesSent,
                publishReceived - baseline.publishReceived,
                publishSent - baseline.publishSent,
                publishDropped - baseline.publishDropped,
                bytesReceived - baseline.bytesReceived,
                bytesSent - baseline.bytesSent,
                connectsReceived - baseline.connectsReceived,
                socketsOpened - baseline.socketsOpened,
                subscriptions,
                retainedMessages);
    }

    public long clientsTotal() {
        return clientsConnected + clientsDisconnected;
    }
}
