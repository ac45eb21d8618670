package io.mqttplatform.broker.extension.hivemq;

import java.util.Set;

/** Topics under {@code prefix} are queued for {@code clientIds} alone ({@link ClientQueues#reserve}). */
record TopicReservation(String prefix, Set<String> clientIds) {

    /** Whether a message on {@code topic} is kept out of the queue {@code queueId}. */
    boolean keepsOut(String queueId, String topic) {
        return topic.startsWith(prefix) && !clientIds.contains(queueId);
    }
}
