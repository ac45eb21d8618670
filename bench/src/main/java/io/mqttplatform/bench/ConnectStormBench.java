package io.mqttplatform.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connect storm: {@code CLIENTS} MQTT 3.1.1 clients (HiveMQ client) connect at once, then all disconnect, then all
 * connect again (a reconnect storm, e.g. after a network blip). Clients use users {@code user-0} ... of the password
 * {@code pw-<user>}, {@code USERS} of them in turn (0 users: no credentials). Prints
 * {@code RESULT label=L first_ms=... again_ms=... failed=...}.
 * <p>Usage: {@code ConnectStormBench PORT LABEL CLIENTS USERS}
 */
public final class ConnectStormBench {

    public static void main(String[] args) {
        BenchMain.exitAfter(args, ConnectStormBench::run);
    }

    static void run(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String label = args[1];
        int clients = Integer.parseInt(args[2]);
        int users = Integer.parseInt(args[3]);
        List<Mqtt3AsyncClient> all = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            all.add(MqttClient.builder()
                    .useMqttVersion3()
                    .identifier("storm-" + label + "-" + i)
                    .serverHost("127.0.0.1")
                    .serverPort(port)
                    .buildAsync());
        }
        AtomicInteger failed = new AtomicInteger();
        double first = storm(all, users, failed);
        disconnectAll(all);
        double again = storm(all, users, failed);
        disconnectAll(all);
        System.out.printf(
                "RESULT label=%s clients=%d users=%d first_ms=%.0f again_ms=%.0f failed=%d%n",
                label, clients, users, first, again, failed.get());
    }

    /** Milliseconds until every client has its CONNACK (or failed). */
    private static double storm(List<Mqtt3AsyncClient> clients, int users, AtomicInteger failed) {
        long start = System.nanoTime();
        List<CompletableFuture<?>> connacks = new ArrayList<>(clients.size());
        for (int i = 0; i < clients.size(); i++) {
            Mqtt3ConnectBuilder.Send<?> connect =
                    clients.get(i).connectWith().cleanSession(true).keepAlive(60);
            if (users > 0) {
                String user = "user-" + (i % users);
                connect.simpleAuth()
                        .username(user)
                        .password(("pw-" + user).getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth();
            }
            connacks.add(((CompletableFuture<?>) connect.send()).exceptionally(error -> {
                failed.incrementAndGet();
                return null;
            }));
        }
        CompletableFuture.allOf(connacks.toArray(CompletableFuture[]::new))
                .orTimeout(300, TimeUnit.SECONDS)
                .join();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void disconnectAll(List<Mqtt3AsyncClient> clients) {
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (Mqtt3AsyncClient client : clients) {
            if (client.getState().isConnected()) {
                done.add(client.disconnect());
            }
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
    }

    private ConnectStormBench() {}
}
