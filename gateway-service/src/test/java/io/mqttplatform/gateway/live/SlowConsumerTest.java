package io.mqttplatform.gateway.live;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.mqttplatform.gateway.support.BrokerResource;
import io.mqttplatform.gateway.support.MqttProbe;
import io.mqttplatform.gateway.support.WsClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A WebSocket client that stops reading cannot make the gateway's memory grow; it is told what it missed. */
@QuarkusTest
@QuarkusTestResource(BrokerResource.class)
class SlowConsumerTest {

    private static final int MESSAGES = 2000;
    private static final int PAYLOAD_BYTES = 32 * 1024; // 2000 x 32 KiB = 62.5 MiB through the gateway

    @TestHTTPResource("/api/v1/ws")
    URI ws;

    @Test
    void stalledWebSocket_dropsOldestWithinItsBuffer_andOthersKeepReceiving() throws Exception {
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(8 * 1024);
            stalled.connect(new InetSocketAddress(ws.getHost(), ws.getPort()));
            InputStream in = stalled.getInputStream();
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/v1/ws HTTP/1.1\r\nHost: " + ws.getHost()
                            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntil(in, "\r\n\r\n")).startsWith("HTTP/1.1 101");
            out.write(maskedTextFrame("{\"type\":\"subscribe\",\"filters\":[\"slow/#\"]}"));
            assertThat(readUntil(in, "slow/#")).contains("\"type\":\"subscribed\"");
            // from here on the stalled client reads nothing

            long heapBefore = usedHeapAfterGc();
            try (WsClient reader = WsClient.openKeepingSmallFrames(
                                    URI.create(ws.toString().replaceFirst("^http", "ws")), 1024)
                            .subscribe("slow/#");
                    MqttProbe publisher = new MqttProbe()) {
                byte[] payload = "x".repeat(PAYLOAD_BYTES).getBytes(StandardCharsets.UTF_8);
                // QoS 1 paces the publisher by acknowledgements, so every message reaches the gateway (a QoS 0 flood
                // would be shed by the broker on its way to the gateway, which is not what this test is about)
                for (int i = 0; i < MESSAGES - 1; i++) {
                    publisher.publish("slow/data", payload, MqttQos.AT_LEAST_ONCE, false);
                }
                publisher.publish("slow/last", "last".getBytes(), MqttQos.AT_LEAST_ONCE, false);

                reader.awaitFrame("message", f -> f.get("topic").asText().equals("slow/last"));
            }
            long growth = usedHeapAfterGc() - heapBefore;

            assertThat(growth)
                    .as("heap growth in bytes while %d MiB went to a stalled client", MESSAGES * PAYLOAD_BYTES >> 20)
                    .isLessThan(24L * 1024 * 1024);
            assertThat(droppedTotal()).isGreaterThan(500);

            // once it reads again, the stalled client learns how many messages it lost
            stalled.setSoTimeout(10_000);
            assertThat(readUntil(in, "\"type\":\"dropped\"")).contains("\"type\":\"dropped\"");
        }
    }

    private static double droppedTotal() {
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(l -> l.startsWith("mqtt_gateway_messages_dropped_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
            await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        }
        return used;
    }

    /** Reads until the marker has gone by; returns the last bytes read (at most 4 KiB) as text. */
    private static String readUntil(InputStream in, String marker) throws Exception {
        byte[] want = marker.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder tail = new StringBuilder();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            tail.append((char) b);
            if (tail.length() > 4096) {
                tail.delete(0, tail.length() - 4096);
            }
            matched = b == want[matched] ? matched + 1 : (b == want[0] ? 1 : 0);
            if (matched == want.length) {
                break;
            }
        }
        return tail.toString();
    }

    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
