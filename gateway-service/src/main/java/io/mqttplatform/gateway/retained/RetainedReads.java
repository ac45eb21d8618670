package io.mqttplatform.gateway.retained;

import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import io.mqttplatform.gateway.auth.Caller;
import io.mqttplatform.gateway.model.RetainedMessage;
import io.mqttplatform.gateway.model.RetainedMessages;
import io.mqttplatform.gateway.mqtt.BrokerClient;
import io.mqttplatform.gateway.mqtt.RetainedReader;
import io.mqttplatform.gateway.mqtt.TopicRules;
import io.mqttplatform.gateway.publish.Payloads;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletionStage;

/**
 * Reading the retained messages that match a topic filter, for a caller: the filter checked (invalid), the caller's
 * right to read it (forbidden), the broker there (unavailable), then the messages with their payloads as text or base64.
 */
@ApplicationScoped
public class RetainedReads {

    private final RetainedReader reader;
    private final BrokerClient broker;

    public RetainedReads(RetainedReader reader, BrokerClient broker) {
        this.reader = reader;
        this.broker = broker;
    }

    public CompletionStage<RetainedMessages> read(Caller caller, String filter) {
        MqttTopicFilter parsed = TopicRules.filter(filter);
        caller.requireSubscribe(filter);
        if (!broker.isConnected()) {
            throw broker.unavailable();
        }
        return reader.read(parsed)
                .<RetainedMessages>thenApply(RetainedReads::answer)
                .exceptionally(error -> {
                    throw broker.unavailable().withCause("reading retained messages failed: " + error.getMessage());
                });
    }

    private static RetainedMessages answer(RetainedReader.Found found) {
        return new RetainedMessages(
                found.filter(),
                found.messages().stream()
                        .map(message -> {
                            Payloads.Text payload = Payloads.toText(message.getPayloadAsBytes());
                            return new RetainedMessage(
                                    message.getTopic().toString(),
                                    payload.payload(),
                                    payload.encoding(),
                                    message.getQos().getCode());
                        })
                        .toList(),
                found.truncated());
    }
}
