package io.mqttplatform.deployment;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one piece of a cluster the chart asks about: its `lookup` of the gateway's API key Secret (so that an upgrade
 * keeps the key made at install). helm-java's `template` runs that lookup against the cluster of $KUBECONFIG (real
 * `helm template` skips it), and there is no cluster here, so this answers the two Kubernetes API calls a lookup
 * makes: discovery of v1 and GET of one Secret (404, or a Secret a test put here). Surefire points KUBECONFIG at the
 * file this writes.
 */
final class ClusterSecrets {

    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    private static volatile HttpServer server;

    private ClusterSecrets() {}

    /** Starts the API once per test JVM and writes $KUBECONFIG for it. */
    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body;
                int status = 200;
                if (path.equals("/api/v1")) {
                    body = """
                            {"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"secrets",
                             "singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""";
                } else if (SECRETS.containsKey(path)) {
                    body = SECRETS.get(path);
                } else {
                    status = 404;
                    body = """
                            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            Path kubeconfig = Path.of(System.getenv().getOrDefault("KUBECONFIG", "target/kubeconfig"));
            Files.createDirectories(kubeconfig.toAbsolutePath().getParent());
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: lookup, cluster: {server: "http://127.0.0.1:%d"}}]
                    users: [{name: lookup, user: {}}]
                    contexts: [{name: lookup, context: {cluster: lookup, user: lookup}}]
                    current-context: lookup
                    """.formatted(server.getAddress().getPort()));
            ClusterSecrets.server = server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the next lookups find this Secret (its data base64-encoded, as the API returns it). */
    static void put(String namespace, String name, Map<String, String> base64Data) {
        StringBuilder data = new StringBuilder();
        base64Data.forEach((k, v) -> data.append(data.isEmpty() ? "" : ",")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        SECRETS.put("/api/v1/namespaces/" + namespace + "/secrets/" + name, """
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"%s","namespace":"%s"},"data":{%s}}""".formatted(name, namespace, data));
    }

    /** Stops the API (its thread would keep a program's JVM running; test JVMs just exit). */
    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    static void clear() {
        SECRETS.clear();
    }
}
