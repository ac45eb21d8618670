package io.mqttplatform.broker.extension.security;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import io.mqttplatform.broker.extension.security.password.PasswdCommand;
import io.mqttplatform.broker.testkit.BrokerProcess;
import io.mqttplatform.broker.testkit.CommandLine;
import io.mqttplatform.broker.testkit.MosquittoProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * mosquitto is the oracle: the same password_file (written by Debian's mosquitto_passwd, $7$ and $6$) and acl_file
 * are given to Debian's mosquitto 2.0 and to our broker, the same clients connect, subscribe and publish against
 * each, and every observation (CONNACK codes, PUBACK codes, which client received which message) must be the same.
 */
class SecurityFilesParityIT {

    static final String ACL = """
            # anonymous clients
            topic read public/#
            topic write inbox/anon
            user alice
            topic readwrite lab/#
            topic deny lab/secret/#
            topic write public/#
            topic write devices/#
            topic read $SYS/broker/uptime
            user bob
            topic read lab/#
            topic write inbox/#
            topic read #
            pattern readwrite devices/%c/#
            pattern read users/%u/#
            pattern write users/%u/out
            """;
    /** Client identifier, username (null: none), password. */
    record Who(String id, String user, String password) {}

    static final List<Who> CLIENTS = List.of(
            new Who("anon-1", null, null),
            new Who("alice-1", "alice", "secret one"),
            new Who("bob-1", "bob", "bob pw"),
            new Who("carol-1", "carol", "carol pw"),
            new Who("dev1", null, null));
    static final List<String> TOPICS = List.of(
            "public/news",
            "lab/a",
            "lab/secret/x",
            "inbox/anon",
            "inbox/bob",
            "devices/dev1/t",
            "devices/dev2/t",
            "devices/dev1-w/t",
            "users/carol/out",
            "users/carol/in",
            "plain/t",
            "$SYS/x",
            "$SYS/broker/connection/x/state");

    @TempDir
    static Path dir;

    static Path passwords;
    static Path acl;

    @BeforeAll
    static void writeFiles() throws Exception {
        CommandLine.require("mosquitto_passwd", "mosquitto");
        passwords = dir.resolve("passwd");
        acl = Files.writeString(dir.resolve("acl"), ACL);
        mosquittoPasswd("-c", "-b", passwords.toString(), "alice", "secret one");
        mosquittoPasswd("-H", "sha512", "-b", passwords.toString(), "bob", "bob pw");
        mosquittoPasswd("-b", passwords.toString(), "carol", "carol pw");
        assertThat(Files.readString(passwords)).contains("alice:$7$101$", "bob:$6$", "carol:$7$");
    }

    @Test
    void connectsPublishesAndDeliveriesAreWhatMosquittoDoes() throws Exception {
        List<String> oracle;
        try (MosquittoProcess mosquitto = MosquittoProcess.start(
                "security", List.of("password_file " + passwords, "acl_file " + acl, "sys_interval 1"))) {
            oracle = observe(mosquitto.port);
        }
        List<String> ours;
        try (BrokerProcess broker = BrokerProcess.start(
                "security",
                dir.resolve("data"),
                Map.of("PASSWORD_FILE", passwords.toString(), "ACL_FILE", acl.toString(), "SYS_INTERVAL", "1"))) {
            ours = observe(broker.mqttPort);
        }
        assertThat(ours).containsExactlyElementsOf(oracle);
        // and the table is the one we meant: spot checks of what mosquitto decided
        assertThat(oracle)
                .contains(
                        "connect v3 alice/secret one: SUCCESS",
                        "connect v3 alice/wrong: NOT_AUTHORIZED",
                        "connect v3 bob/bob pw: SUCCESS",
                        "connect v3 nobody/x: NOT_AUTHORIZED",
                        "connect v3 anonymous: SUCCESS",
                        "connect v5 alice/wrong: NOT_AUTHORIZED",
                        "anon-1 received public/news from alice-1",
                        "bob-1 received lab/a from alice-1",
                        "carol-1 received users/carol/out from carol-1",
                        "dev1 received devices/dev1/t from alice-1",
                        "bob-1 received devices/dev1-w/t from dev1",
                        "alice-1 received $SYS/broker/uptime",
                        "v5 alice publishes lab/secret/x: NOT_AUTHORIZED",
                        "v5 alice publishes lab/a: SUCCESS");
        assertThat(oracle)
                .doesNotContain(
                        "anon-1 received lab/a from alice-1",
                        "bob-1 received lab/secret/x from alice-1",
                        "bob-1 received $SYS/broker/uptime",
                        "alice-1 received $SYS/x from alice-1",
                        "dev1 received devices/dev2/t from alice-1",
                        "carol-1 received users/carol/in from carol-1");
    }

    @Test
    void withoutAnonymousAccessOnlyUsersGetIn() throws Exception {
        List<String> oracle;
        try (MosquittoProcess mosquitto = MosquittoProcess.start(
                "security-closed", List.of("password_file " + passwords, "allow_anonymous false"))) {
            oracle = connects(mosquitto.port);
        }
        List<String> ours;
        try (BrokerProcess broker = BrokerProcess.start(
                "security-closed",
                dir.resolve("data-closed"),
                Map.of("PASSWORD_FILE", passwords.toString(), "ALLOW_ANONYMOUS", "false"))) {
            ours = connects(broker.mqttPort);
        }
        assertThat(ours)
                .containsExactlyElementsOf(oracle)
                .contains("connect v3 anonymous: NOT_AUTHORIZED", "connect v3 alice/secret one: SUCCESS");
    }

    @Test
    void passwdCommandWritesLinesMosquittoAccepts() throws Exception {
        Path file = dir.resolve("passwd-ours");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(PasswdCommand.run(new String[] {"-c", "-b", file.toString(), "dana", "dana pw"}, errors))
                .isZero();
        assertThat(PasswdCommand.run(new String[] {"-b", file.toString(), "erin", "erin pw"}, errors))
                .isZero();
        assertThat(PasswdCommand.run(new String[] {"-b", file.toString(), "dana", "new pw"}, errors))
                .isZero();
        assertThat(PasswdCommand.run(new String[] {"-D", file.toString(), "erin"}, errors))
                .isZero();
        assertThat(PasswdCommand.run(new String[] {"-D", file.toString(), "erin"}, errors))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("user 'erin' is not in");
        assertThat(Files.readAllLines(file)).singleElement().asString().startsWith("dana:$7$100000$");

        try (MosquittoProcess mosquitto =
                MosquittoProcess.start("passwd-ours", List.of("password_file " + file, "allow_anonymous false"))) {
            assertThat(connect3(mosquitto.port, "d1", "dana", "new pw")).isEqualTo("SUCCESS");
            assertThat(connect3(mosquitto.port, "d2", "dana", "dana pw")).isEqualTo("NOT_AUTHORIZED");
            assertThat(connect3(mosquitto.port, "e1", "erin", "erin pw")).isEqualTo("NOT_AUTHORIZED");
        }
    }

    @Test
    void editedFilesApplyWithoutRestartAndABrokenEditKeepsThePreviousRules() throws Exception {
        Path pw = Files.copy(passwords, dir.resolve("passwd-reload"));
        Path rules = Files.writeString(dir.resolve("acl-reload"), "topic read public/#\n");
        try (BrokerProcess broker = BrokerProcess.start(
                "security-reload",
                dir.resolve("data-reload"),
                Map.of("PASSWORD_FILE", pw.toString(), "ACL_FILE", rules.toString()))) {
            Set<String> got = new ConcurrentSkipListSet<>();
            Mqtt3AsyncClient reader = subscriber(broker.mqttPort, new Who("reader", null, null), got);
            Mqtt3BlockingClient writer = connected(broker.mqttPort, new Who("writer", null, null));
            writer.publishWith()
                    .topic("lab/a")
                    .payload("1".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            writer.publishWith()
                    .topic("public/b")
                    .payload("writer".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();

            Files.writeString(rules, "topic readwrite lab/#\n");
            await("the new ACL applies to connected clients")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        writer.publishWith()
                                .topic("lab/a")
                                .payload("writer".getBytes())
                                .qos(MqttQos.AT_LEAST_ONCE)
                                .send();
                        assertThat(got).contains("reader received lab/a from writer");
                    });
            assertThat(got).doesNotContain("reader received public/b from writer");

            Files.writeString(rules, "topic sometimes lab/#\n");
            await("the broken edit is reported")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> broker.output().stream()
                            .anyMatch(l -> l.contains("acl-reload line 1: access 'sometimes'")));
            got.clear();
            writer.publishWith()
                    .topic("lab/b")
                    .payload("writer".getBytes())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("reader received lab/b from writer"));

            assertThat(connect3(broker.mqttPort, "f1", "frank", "frank pw")).isEqualTo("NOT_AUTHORIZED");
            PasswdCommand.run(new String[] {"-b", "-I", "1000", pw.toString(), "frank", "frank pw"}, System.err);
            await("a user added to the password file gets in")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            connect3(broker.mqttPort, "f1", "frank", "frank pw").equals("SUCCESS"));
            reader.disconnect();
            writer.disconnect();
        }
    }

    // --- observing a broker ---

    static List<String> observe(int port) throws Exception {
        List<String> seen = new ArrayList<>(connects(port));
        Set<String> got = new ConcurrentSkipListSet<>();
        List<Mqtt3AsyncClient> subscribers = new ArrayList<>();
        for (Who who : CLIENTS) {
            subscribers.add(subscriber(port, who, got));
        }
        List<Mqtt3BlockingClient> writers = new ArrayList<>();
        for (Who who : CLIENTS) {
            Mqtt3BlockingClient writer = connected(port, new Who(who.id() + "-w", who.user(), who.password()));
            writers.add(writer);
        }
        for (int i = 0; i < CLIENTS.size(); i++) {
            for (String topic : TOPICS) {
                // the writer publishes with its reader's identifier in the payload; %c patterns see the writer's id
                writers.get(i)
                        .publishWith()
                        .topic(topic)
                        .payload(CLIENTS.get(i).id().getBytes(StandardCharsets.UTF_8))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
            }
        }
        Mqtt5BlockingClient alice5 = MqttClient.builder()
                .useMqttVersion5()
                .identifier("alice-5")
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
        alice5.connectWith()
                .simpleAuth()
                .username("alice")
                .password("secret one".getBytes())
                .applySimpleAuth()
                .send();
        for (String topic : List.of("lab/a", "lab/secret/x", "plain/t", "$SYS/x")) {
            String code;
            try {
                alice5.publishWith()
                        .topic(topic)
                        .payload("alice-5".getBytes())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                code = "SUCCESS";
            } catch (Mqtt5PubAckException e) {
                code = e.getMqttMessage().getReasonCode().name();
            }
            seen.add("v5 alice publishes " + topic + ": " + code);
        }
        // QoS 1 deliveries follow their PUBACKs within milliseconds on loopback; 1.5 s is ample on both brokers
        Thread.sleep(1500);
        alice5.disconnect();
        writers.forEach(Mqtt3BlockingClient::disconnect);
        subscribers.forEach(Mqtt3AsyncClient::disconnect);
        seen.addAll(new TreeSet<>(got));
        return seen;
    }

    static List<String> connects(int port) {
        List<String> seen = new ArrayList<>();
        String[][] cases = {
            {"alice", "secret one"},
            {"alice", "wrong"},
            {"bob", "bob pw"},
            {"bob", "wrong"},
            {"carol", "carol pw"},
            {"nobody", "x"},
            {"alice", null},
            {null, null}
        };
        for (String[] c : cases) {
            String label = c[0] == null ? "anonymous" : c[0] + "/" + (c[1] == null ? "(no password)" : c[1]);
            seen.add("connect v3 " + label + ": " + connect3(port, "c3", c[0], c[1]));
        }
        for (String[] c : new String[][] {{"alice", "secret one"}, {"alice", "wrong"}, {"nobody", "x"}}) {
            Mqtt5BlockingClient client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("c5")
                    .serverHost("127.0.0.1")
                    .serverPort(port)
                    .buildBlocking();
            String code;
            try {
                client.connectWith()
                        .simpleAuth()
                        .username(c[0])
                        .password(c[1].getBytes())
                        .applySimpleAuth()
                        .send();
                code = "SUCCESS";
                client.disconnect();
            } catch (Mqtt5ConnAckException e) {
                code = e.getMqttMessage().getReasonCode().name();
            }
            seen.add("connect v5 " + c[0] + "/" + c[1] + ": " + code);
        }
        return seen;
    }

    static String connect3(int port, String id, String user, String password) {
        Mqtt3BlockingClient client = MqttClient.builder()
                .useMqttVersion3()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
        try {
            if (user == null) {
                client.connect();
            } else if (password == null) {
                client.connectWith()
                        .simpleAuth()
                        .username(user)
                        .applySimpleAuth()
                        .send();
            } else {
                client.connectWith()
                        .simpleAuth()
                        .username(user)
                        .password(password.getBytes())
                        .applySimpleAuth()
                        .send();
            }
            client.disconnect();
            return "SUCCESS";
        } catch (Mqtt3ConnAckException e) {
            return e.getMqttMessage().getReturnCode().name();
        }
    }

    static Mqtt3BlockingClient connected(int port, Who who) {
        Mqtt3BlockingClient client = MqttClient.builder()
                .useMqttVersion3()
                .identifier(who.id())
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
        if (who.user() == null) {
            client.connect();
        } else {
            client.connectWith()
                    .simpleAuth()
                    .username(who.user())
                    .password(who.password().getBytes())
                    .applySimpleAuth()
                    .send();
        }
        return client;
    }

    /** Connects {@code who} and subscribes it to {@code #} and {@code $SYS/broker/uptime}; what it gets goes to got. */
    static Mqtt3AsyncClient subscriber(int port, Who who, Set<String> got) {
        Mqtt3AsyncClient client = connected(port, who).toAsync();
        for (String filter : List.of("#", "$SYS/broker/uptime")) {
            client.subscribeWith()
                    .topicFilter(filter)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(publish -> {
                        String topic = publish.getTopic().toString();
                        got.add(
                                topic.equals("$SYS/broker/uptime")
                                        ? who.id() + " received " + topic
                                        : who.id() + " received " + topic + " from "
                                                + new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
                    })
                    .send()
                    .join();
        }
        return client;
    }

    static void mosquittoPasswd(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mosquitto_passwd"));
        command.addAll(List.of(args));
        CommandLine.Result result = CommandLine.run(Duration.ofSeconds(10), command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
