package io.mqttplatform.broker.extension.security;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;

/**
 * Admits every client, with or without credentials, like mosquitto's {@code allow_anonymous true}. HiveMQ refuses
 * all clients when no extension authenticates them, so this is what makes the default broker usable.
 */
public final class AnonymousAuthenticator implements SimpleAuthenticator {

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        output.authenticateSuccessfully();
    }
}
