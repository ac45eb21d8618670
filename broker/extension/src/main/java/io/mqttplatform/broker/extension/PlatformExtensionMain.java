package io.mqttplatform.broker.extension;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.mqttplatform.broker.extension.admin.AdminAccess;
import io.mqttplatform.broker.extension.admin.BrokerOperations;
import io.mqttplatform.broker.extension.admin.ClientDirectory;
import io.mqttplatform.broker.extension.admin.ClientTracker;
import io.mqttplatform.broker.extension.admin.OperationsHttpApi;
import io.mqttplatform.broker.extension.bridge.BridgeConfigException;
import io.mqttplatform.broker.extension.bridge.Bridges;
import io.mqttplatform.broker.extension.config.ExtensionConfig;
import io.mqttplatform.broker.extension.config.InvalidConfigException;
import io.mqttplatform.broker.extension.delivery.DeliveryWindow;
import io.mqttplatform.broker.extension.health.BrokerHealth;
import io.mqttplatform.broker.extension.health.HealthHttpServer;
import io.mqttplatform.broker.extension.health.RoundTripCheck;
import io.mqttplatform.broker.extension.hivemq.ClientQueues;
import io.mqttplatform.broker.extension.hivemq.InboundPublishGuard;
import io.mqttplatform.broker.extension.identity.ProbeIdentity;
import io.mqttplatform.broker.extension.lifecycle.LifecycleFanOut;
import io.mqttplatform.broker.extension.load.BacklogLimits;
import io.mqttplatform.broker.extension.load.DroppedMessagesLog;
import io.mqttplatform.broker.extension.load.InboundBacklog;
import io.mqttplatform.broker.extension.load.StartupWarmup;
import io.mqttplatform.broker.extension.log.ConnectionLogListener;
import io.mqttplatform.broker.extension.security.AdmissionAuthenticator;
import io.mqttplatform.broker.extension.security.DeliveryAuthorizer;
import io.mqttplatform.broker.extension.security.PublishAuthorizer;
import io.mqttplatform.broker.extension.security.SecurityFileException;
import io.mqttplatform.broker.extension.security.SecurityFiles;
import io.mqttplatform.broker.extension.security.acl.AclRules;
import io.mqttplatform.broker.extension.security.password.CredentialCheck;
import io.mqttplatform.broker.extension.sys.MetricRegistryReader;
import io.mqttplatform.broker.extension.sys.SessionCensus;
import io.mqttplatform.broker.extension.sys.SysTreeCalculator;
import io.mqttplatform.broker.extension.sys.SysTreePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The extension's entry point: validates the configuration and wires the parts; it holds no logic of its own.
 * HiveMQ creates it with the no-argument constructor (environment variables); the embedded launcher may pass
 * the variables explicitly.
 */
public final class PlatformExtensionMain implements ExtensionMain {

    private static final Logger log = LoggerFactory.getLogger(PlatformExtensionMain.class);

    private final Map<String, String> variables;
    private volatile SysTreePublisher sysTree;
    private volatile HealthHttpServer healthServer;
    private volatile RoundTripCheck roundTrip;
    private volatile DroppedMessagesLog drops;
    private volatile String startupFailure;
    private volatile SecurityFiles securityFiles;
    private volatile Bridges bridges;
    private volatile ExecutorService operationsExecutor;
    /** Completes with a line on the warm-up when it is over (at once when there is none). */
    private final CompletableFuture<String> warmedUp = new CompletableFuture<>();
    /** How often PASSWORD_FILE and ACL_FILE are looked at for changes. */
    private static final long SECURITY_FILES_CHECK_MILLIS = 2000;

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
            refuse(output, e.getMessage());
            return;
        }

        DeliveryWindow.widen(PlatformExtensionMain.class.getClassLoader());
        ClientQueues queues = ClientQueues.install(
                Services.clientService(),
                Services.metricRegistry(),
                Runtime.getRuntime().maxMemory() / 4);
        ProbeIdentity probe = null;
        BrokerHealth health = null;
        String listenerHost = null;
        int listenerPort = 0;
        if (config.healthEnabled()) {
            Optional<Listener> tcp = input.getServerInformation().getListener().stream()
                    .filter(listener -> listener.getListenerType() == ListenerType.TCP_LISTENER)
                    .findFirst();
            health = new BrokerHealth(System.nanoTime());
            try {
                healthServer = HealthHttpServer.start(config.healthBindAddress(), config.healthPort(), health);
            } catch (IOException | RuntimeException e) {
                refuse(
                        output,
                        ExtensionConfig.HEALTH_PORT + "=" + config.healthPort() + " on "
                                + config.healthBindAddress() + " cannot be bound (" + e.getMessage()
                                + "): stop what uses it, set HEALTH_PORT to another port, or 0 to turn the health endpoints off.");
                return;
            }
            if (tcp.isPresent()) {
                probe = ProbeIdentity.random();
                queues.reserve(probe.topic(), List.of(probe.clientId()));
                queues.reserve(StartupWarmup.topic(probe), StartupWarmup.subscribers(probe));
                String address = tcp.get().getBindAddress();
                listenerHost = address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
                listenerPort = tcp.get().getPort();
                roundTrip = new RoundTripCheck(listenerHost, listenerPort, probe, Services.publishService(), health);
                roundTrip.start(Services.extensionExecutorService());
            } else {
                health.failed("the broker has no plain TCP listener for the round-trip check");
            }
        }
        SecurityFiles security;
        try {
            security = SecurityFiles.load(config.passwordFile(), config.aclFile());
        } catch (SecurityFileException e) {
            refuse(output, e.getMessage());
            return;
        }
        securityFiles = security;
        security.start(Services.extensionExecutorService(), SECURITY_FILES_CHECK_MILLIS);
        if (config.allowAnonymous() || probe != null || security.hasPasswords()) {
            AdmissionAuthenticator admission = new AdmissionAuthenticator(
                    config.allowAnonymous(),
                    probe,
                    security.hasPasswords() ? new CredentialCheck(security::passwords) : null);
            Services.securityRegistry().setAuthenticatorProvider(providerInput -> admission);
        }
        Bridges bridging = null;
        if (config.bridgeConfig() != null) {
            try {
                bridging = Bridges.load(
                        config.bridgeConfig(),
                        config.bridgeMaxQueued(),
                        Services.publishService(),
                        Services.retainedMessageStore(),
                        Services.extensionExecutorService());
            } catch (BridgeConfigException e) {
                refuse(output, e.getMessage());
                return;
            }
        }
        Bridges takeOut = bridging != null && bridging.takeOut() ? bridging : null;
        InboundBacklog backlog = config.backPressureEnabled()
                ? new InboundBacklog(new BacklogLimits(config.backlogPerConnection(), config.backlogTotal()))
                : null;
        // One supplier for every client: the compiled publish path then sees the same class, whoever publishes.
        Supplier<AclRules> acl = security::acl;
        Supplier<AclRules> noAcl = () -> null;
        Services.initializerRegistry().setClientInitializer((initializerInput, clientContext) -> {
            String clientId = initializerInput.getClientInformation().getClientId();
            var connection = initializerInput.getConnectionInformation();
            var attributes = connection.getConnectionAttributeStore();
            queues.connected(clientId, attributes);
            String username = AdmissionAuthenticator.username(attributes);
            if (backlog != null) {
                backlog.connected(clientId, attributes);
            }
            boolean broker = AdmissionAuthenticator.isAdmittedProbe(attributes);
            // The broker's own clients get the users' guard, so that the warm-up's messages take the very path of
            // users' messages: without an ACL file the same guard, user name and ACL supplier, nothing new for the
            // compiled code when users come (a branch on who publishes, taken first by a user, made the JVM throw
            // away the compiled publish path at the users' first message: docs/adr/0015). With an ACL file the
            // broker's own clients are not subject to it.
            PublishAuthorizer authorizer =
                    new PublishAuthorizer(clientId, username, broker && security.hasAcl() ? noAcl : acl);
            IntConsumer refused = backlog == null ? bytes -> {} : bytes -> backlog.prevented(clientId, bytes);
            InboundPublishGuard.install(
                    attributes, connection.getMqttVersion() == MqttVersion.V_5, authorizer::refusal, refused);
            if (broker) {
                return;
            }
            if (takeOut != null) {
                clientContext.addPublishInboundInterceptor(takeOut.interceptor()); // after the ACL: what may leave
            }
            if (security.hasAcl()) {
                clientContext.addPublishOutboundInterceptor(new DeliveryAuthorizer(username, security::acl));
            }
        });
        List<ClientLifecycleEventListener> lifecycle = new ArrayList<>();
        if (config.connectionMessages()) {
            lifecycle.add(new ConnectionLogListener());
        }
        if (healthServer != null) {
            lifecycle.add(startOperationsApi(config, security));
        }
        if (!lifecycle.isEmpty()) {
            ClientLifecycleEventListener listener =
                    lifecycle.size() == 1 ? lifecycle.get(0) : new LifecycleFanOut(lifecycle);
            // The broker's own health check connects every few seconds: not a client to log or to list.
            Services.eventRegistry()
                    .setClientLifecycleEventListener(providerInput -> ProbeIdentity.isProbe(
                                    providerInput.getClientInformation().getClientId())
                            ? null
                            : listener);
        }
        drops = new DroppedMessagesLog(new MetricRegistryReader(Services.metricRegistry())::dropped);
        drops.start(Services.extensionExecutorService());
        if (config.sysTreeEnabled()) {
            String version = "HiveMQ Community Edition version "
                    + input.getServerInformation().getVersion();
            sysTree = new SysTreePublisher(
                    new SessionCensus(Services.clientService()),
                    new MetricRegistryReader(Services.metricRegistry()),
                    new SysTreeCalculator(version),
                    Services.publishService(),
                    bridging == null ? Map::of : bridging::sysTopics);
        }
        // the warm-up's clients use the probe's identity, so it needs the health check and a TCP listener
        boolean warmup = config.warmupEnabled() && probe != null;
        if (warmup) {
            BrokerHealth warming = health;
            warming.warmingUp(true);
            if (sysTree != null) {
                sysTree.warmupStarted();
            }
            new StartupWarmup(listenerHost, listenerPort, probe, Duration.ofSeconds(config.warmupSeconds()))
                    .start()
                    .thenAccept(result -> {
                        if (sysTree != null) {
                            sysTree.warmupEnded();
                        }
                        warming.warmingUp(false);
                        log.info("Start-up warm-up done: {}.", result.describe());
                        warmedUp.complete("after a warm-up of " + result.describe());
                    });
        } else {
            warmedUp.complete("without a warm-up");
        }
        if (sysTree != null) {
            sysTree.start(Services.extensionExecutorService(), config.sysIntervalSeconds());
        }
        if (bridging != null) {
            bridges = bridging;
            bridging.start();
        }
        log.info(
                "$SYS tree {}, connection messages {}, anonymous clients {}, passwords {}, ACL {}, health endpoints {}, "
                        + "read back-pressure {}, start-up warm-up {}, bridges {}, operations API {}.",
                config.sysTreeEnabled() ? "every " + config.sysIntervalSeconds() + " s" : "off",
                config.connectionMessages() ? "on" : "off",
                config.allowAnonymous()
                        ? "allowed"
                        : security.hasPasswords() ? "refused" : "left to other security extensions",
                security.hasPasswords() ? "from " + config.passwordFile() : "off",
                security.hasAcl() ? "from " + config.aclFile() : "off",
                config.healthEnabled() ? "on " + config.healthBindAddress() + ":" + config.healthPort() : "off",
                backlog == null
                        ? "off"
                        : "at " + config.backlogPerConnection() + " bytes per connection, " + config.backlogTotal()
                                + " in all",
                warmup ? config.warmupSeconds() + " s" : "off",
                bridging == null ? "off" : bridging.names() + " from " + config.bridgeConfig(),
                !config.adminEnabled()
                        ? "off"
                        : config.adminToken() != null
                                ? "on the health port, with BROKER_ADMIN_TOKEN"
                                : config.allowAnonymous() && !security.hasPasswords()
                                        ? "on the health port, open (an open broker)"
                                        : "refusing every request (a secured broker without BROKER_ADMIN_TOKEN)");
    }

    /** Serves the operations API on the health endpoints' server; returns what keeps its client directory. */
    private ClientTracker startOperationsApi(ExtensionConfig config, SecurityFiles security) {
        Clock clock = Clock.systemUTC();
        ClientDirectory directory = new ClientDirectory(clock);
        BrokerOperations operations = new BrokerOperations(
                directory, Services.clientService(), Services.subscriptionStore(), Services.retainedMessageStore());
        operationsExecutor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "broker-operations-http");
            thread.setDaemon(true);
            return thread;
        });
        AdminAccess access = new AdminAccess(config.adminToken(), config.allowAnonymous() && !security.hasPasswords());
        healthServer.addContext(OperationsHttpApi.PATH, new OperationsHttpApi(operations, access, operationsExecutor));
        operations.findSessions().exceptionally(failure -> {
            log.warn(
                    "The operations API could not list the sessions kept from before this start: {}",
                    failure.toString());
            return null;
        });
        return new ClientTracker(directory, clock);
    }

    /**
     * Completes when the start-up warm-up is over, with how it went ({@code after a warm-up of 12,345 messages in
     * 10.0 s}, or {@code without a warm-up}); the embedded launcher says the broker is ready only then.
     */
    public CompletableFuture<String> warmedUp() {
        return warmedUp;
    }

    private void refuse(ExtensionStartOutput output, String reason) {
        startupFailure = reason;
        log.error("Extension not started: {}", reason);
        output.preventExtensionStartup(reason);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        if (sysTree != null) {
            sysTree.stop();
        }
        if (roundTrip != null) {
            roundTrip.stop();
        }
        if (drops != null) {
            drops.stop();
        }
        if (healthServer != null) {
            healthServer.stop();
        }
        if (operationsExecutor != null) {
            operationsExecutor.shutdownNow();
        }
        if (securityFiles != null) {
            securityFiles.stop();
        }
        if (bridges != null) {
            bridges.stop();
        }
    }

    /** Why the last start was refused, or null when it started: lets the embedded launcher fail fast. */
    public String startupFailure() {
        return startupFailure;
    }
}
