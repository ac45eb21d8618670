package io.mqttplatform.broker.extension.load;

import com.hivemq.extension.sdk.api.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Says in the log, at most once a minute, how many messages the broker dropped since the last time it said so.
 * HiveMQ logs each drop only at DEBUG (one line per message), so under load a person reading the log would otherwise
 * never learn that subscribers lose messages; one line a minute tells them without flooding the log.
 * {@code $SYS/broker/publish/messages/dropped} counts every drop.
 */
public final class DroppedMessagesLog {

    static final long INTERVAL_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(DroppedMessagesLog.class);

    private final LongSupplier droppedTotal;
    private long reported;
    private ScheduledFuture<?> schedule;

    /** @param droppedTotal the broker's count of dropped messages since start */
    public DroppedMessagesLog(LongSupplier droppedTotal) {
        this.droppedTotal = droppedTotal;
    }

    public void start(@NotNull ScheduledExecutorService executor) {
        schedule = executor.scheduleWithFixedDelay(this::report, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    public void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** The line for the drops since the last one, if there were any; called once per interval. */
    Optional<String> next(long total) {
        if (total <= reported) {
            return Optional.empty();
        }
        String line = String.format(
                Locale.ROOT,
                "Dropped %d messages in the last %d s (%d since start): subscribers "
                        + "that could not keep up (1000 queued QoS 1/2 messages, or their QoS 0 memory, full) or publishes "
                        + "refused. $SYS/broker/publish/messages/dropped counts them.",
                total - reported,
                INTERVAL_SECONDS,
                total);
        reported = total;
        return Optional.of(line);
    }

    private void report() {
        try {
            next(droppedTotal.getAsLong()).ifPresent(log::warn);
        } catch (RuntimeException e) {
            log.debug("Dropped-message count not readable: {}", e.toString());
        }
    }
}
