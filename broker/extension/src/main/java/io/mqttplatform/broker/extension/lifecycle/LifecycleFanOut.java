package io.mqttplatform.broker.extension.lifecycle;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationFailedInput;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionLostInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;

import java.util.List;
import java.util.function.Consumer;

/**
 * HiveMQ takes one lifecycle listener per client from an extension; this one hands each event to several (the
 * connection log, the operations API's client directory), in order.
 */
public final class LifecycleFanOut implements ClientLifecycleEventListener {

    private final List<ClientLifecycleEventListener> listeners;

    public LifecycleFanOut(List<ClientLifecycleEventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        each(listener -> listener.onMqttConnectionStart(input));
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        each(listener -> listener.onAuthenticationSuccessful(input));
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        each(listener -> listener.onDisconnect(input));
    }

    @Override
    public void onAuthenticationFailedDisconnect(AuthenticationFailedInput input) {
        each(listener -> listener.onAuthenticationFailedDisconnect(input));
    }

    @Override
    public void onConnectionLost(ConnectionLostInput input) {
        each(listener -> listener.onConnectionLost(input));
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        each(listener -> listener.onClientInitiatedDisconnect(input));
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        each(listener -> listener.onServerInitiatedDisconnect(input));
    }

    private void each(Consumer<ClientLifecycleEventListener> event) {
        for (ClientLifecycleEventListener listener : listeners) {
            event.accept(listener);
        }
    }
}
