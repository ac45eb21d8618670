package io.mqttplatform.broker.extension.load;

import io.mqttplatform.broker.extension.hivemq.HiveMqInternals;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.TimeUnit;

/**
 * One connection's read back-pressure, in its Netty pipeline right after HiveMQ's decoder: counts each inbound
 * PUBLISH into the connection's backlog, is told when HiveMQ has delivered or persisted it ({@link #released}), and
 * stops reading from the socket while {@link BacklogLimits} says so. Reads pause through the channel's auto-read (the
 * kernel's socket buffer fills and TCP slows the sender), never by holding messages. All state is touched on the
 * channel's event loop only.
 *
 * <p>A PUBLISH that never reaches delivery (refused by another extension, a duplicate QoS 2 retry) is never released;
 * so that it cannot hold a connection paused for good, a connection paused for {@value #STALE_SECONDS} s without a
 * single release starts afresh.
 */
final class ConnectionReadGate extends ChannelInboundHandlerAdapter {

    static final String NAME = "mqtt-platform-read-gate";
    static final long STALE_SECONDS = 5;

    private final InboundBacklog backlog;
    private Channel channel;
    private long ownBytes;
    private boolean paused;
    private long releases;

    ConnectionReadGate(InboundBacklog backlog) {
        this.backlog = backlog;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        int payload = HiveMqInternals.publishPayloadBytes(msg);
        if (payload >= 0) {
            long cost = BacklogLimits.cost(payload);
            ownBytes += cost;
            long all = backlog.add(cost);
            if (!paused && backlog.limits().shouldPause(ownBytes, all)) {
                pause();
            }
        }
        super.channelRead(ctx, msg);
    }

    /** HiveMQ is done with a PUBLISH of this connection that cost {@code cost}; from any thread. */
    void released(long cost) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> released(cost));
            return;
        }
        long taken = Math.min(cost, ownBytes);
        ownBytes -= taken;
        releases++;
        long all = backlog.add(-taken);
        if (paused && backlog.limits().mayResume(ownBytes, all)) {
            resume();
        }
    }

    /** The connection is gone: what it still had in the backlog no longer counts; from any thread. */
    void closed() {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(this::closed);
            return;
        }
        backlog.add(-ownBytes);
        ownBytes = 0;
        paused = false;
    }

    private void pause() {
        paused = true;
        channel.config().setAutoRead(false);
        long releasesAtPause = releases;
        channel.eventLoop().schedule(() -> restartIfStale(releasesAtPause), STALE_SECONDS, TimeUnit.SECONDS);
    }

    private void restartIfStale(long releasesAtPause) {
        if (!paused || !channel.isActive()) {
            return;
        }
        if (releases == releasesAtPause) {
            backlog.add(-ownBytes);
            ownBytes = 0;
            resume();
        } else {
            long now = releases;
            channel.eventLoop().schedule(() -> restartIfStale(now), STALE_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void resume() {
        paused = false;
        // HiveMQ's own subscribe barrier turns reading back on itself when its SUBSCRIBE is done
        if (!HiveMqInternals.subscribeBarrierActive(channel)) {
            channel.config().setAutoRead(true);
        }
    }
}
