package io.mqttplatform.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Times one new client from TCP connect to CONNACK, then disconnects it, over a plain socket with a hand-built MQTT
 * 3.1.1 CONNECT. The HiveMQ client would hand the CONNACK to its application scheduler, which during a flood is busy
 * with the driver's own publish completions; a blocking socket on its own thread times the broker, not the driver.
 */
final class ConnectProbe {

    /** Milliseconds from the start of the TCP connect to a successful CONNACK; throws on refusal or timeout. */
    static double connectMillis(int port, String clientId, int timeoutMillis) throws IOException {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        if (id.length > 100) {
            throw new IllegalArgumentException("client id too long for a one-byte remaining length: " + clientId);
        }
        byte[] connect = new byte[14 + id.length];
        int i = 0;
        connect[i++] = 0x10; // CONNECT
        connect[i++] = (byte) (12 + id.length); // remaining length
        connect[i++] = 0;
        connect[i++] = 4;
        for (char c : "MQTT".toCharArray()) {
            connect[i++] = (byte) c;
        }
        connect[i++] = 4; // protocol level: 3.1.1
        connect[i++] = 0x02; // clean session
        connect[i++] = 0;
        connect[i++] = 60; // keep-alive 60 s
        connect[i++] = (byte) (id.length >> 8);
        connect[i++] = (byte) id.length;
        System.arraycopy(id, 0, connect, i, id.length);

        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            int left = (int) Math.max(1, timeoutMillis - (System.nanoTime() - start) / 1_000_000);
            socket.setSoTimeout(left);
            OutputStream out = socket.getOutputStream();
            out.write(connect);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] connAck = in.readNBytes(4);
            double millis = (System.nanoTime() - start) / 1e6;
            if (connAck.length < 4 || connAck[0] != 0x20 || connAck[1] != 2) {
                throw new IOException("no CONNACK (" + connAck.length + " bytes)");
            }
            if (connAck[3] != 0) {
                throw new IOException("CONNACK return code " + connAck[3]);
            }
            out.write(new byte[] {(byte) 0xE0, 0}); // DISCONNECT
            out.flush();
            return millis;
        }
    }

    private ConnectProbe() {}
}
