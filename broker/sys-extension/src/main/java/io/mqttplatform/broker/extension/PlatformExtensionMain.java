package io.mqttplatform.broker.extension;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.mqttplatform.broker.extension.config.ExtensionConfig;
import io.mqttplatform.broker.extension.config.InvalidConfigException;
import io.mqttplatform.broker.extension.log.ConnectionLogListener;
import io.mqttplatform.broker.extension.security.AnonymousAuthenticator;
import io.mqttplatform.broker.extension.security.SysPublishGuard;
import io.mqttplatform.broker.extension.sys.MetricRegistryReader;
import io.mqttplatform.broker.extension.sys.SessionCensus;
import io.mqttplatform.broker.extension.sys.SysTreeCalculator;
import io.mqttplatform.broker.extension.sys.SysTreePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The extension's entry point: validates the configuration and wires the parts; it holds no logic of its own.
 * HiveMQ creates it with the no-argument constructor (environment variables); the embedded launcher may pass
 * the variables explicitly.
 */
public final class PlatformExtensionMain implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(PlatformExtensionMain.class);

    private final Map<String, String> variables;
    private volatile SysTreePublisher sysTree;
    private volatile String startupFailure;

    public PlatformExtensionMain() {
        this(System.getenv());
    }

    public PlatformExtensionMain(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        ExtensionConfig config;
        try {
            config = ExtensionConfig.from(variables);
        } catch (InvalidConfigException e) {
            startupFailure = e.getMessage();
            log.error("Extension not started: {}", e.getMessage());
            output.preventExtensionStartup(e.getMessage());
            return;
        }

        if (config.allowAnonymous()) {
            AnonymousAuthenticator anonymous = new AnonymousAuthenticator();
            Services.securityRegistry().setAuthenticatorProvider(providerInput -> anonymous);
        }
        SysPublishGuard guard = new SysPublishGuard();
        Services.initializerRegistry().setClientInitializer(
                (initializerInput, clientContext) -> clientContext.addPublishInboundInterceptor(guard));
        if (config.connectionMessages()) {
            ConnectionLogListener listener = new ConnectionLogListener();
            Services.eventRegistry().setClientLifecycleEventListener(providerInput -> listener);
        }
        if (config.sysTreeEnabled()) {
            String version = "HiveMQ Community Edition version " + input.getServerInformation().getVersion();
            sysTree = new SysTreePublisher(
                    new SessionCensus(Services.clientService()),
                    new MetricRegistryReader(Services.metricRegistry()),
                    new SysTreeCalculator(version),
                    Services.publishService());
            sysTree.start(Services.extensionExecutorService(), config.sysIntervalSeconds());
        }
        log.info("$SYS tree {}, connection messages {}, anonymous clients {}.",
                config.sysTreeEnabled() ? "every " + config.sysIntervalSeconds() + " s" : "off",
                config.connectionMessages() ? "on" : "off",
                config.allowAnonymous() ? "allowed" : "left to other security extensions");
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        if (sysTree != null) {
            sysTree.stop();
        }
    }

    /** Why the last start was refused, or null when it started: lets the embedded launcher fail fast. */
    public String startupFailure() {
        return startupFailure;
    }
}
