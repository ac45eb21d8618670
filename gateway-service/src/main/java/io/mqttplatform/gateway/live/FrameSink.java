package io.mqttplatform.gateway.live;

import java.util.concurrent.CompletionStage;

/** Where a live subscriber's frames go: a WebSocket connection or an SSE stream. */
public interface FrameSink {

    /** Sends one frame; completes once it is written, fails when the client is gone. */
    CompletionStage<?> send(Frame frame);

    /** Ends the connection (the client vanished or broke the protocol). */
    void close();
}
