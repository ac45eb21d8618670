package io.mqttplatform.broker.extension.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DroppedMessagesLogTest {

    private final DroppedMessagesLog drops = new DroppedMessagesLog(() -> 0);

    @Test
    void nothingDropped_saysNothing() {
        assertThat(drops.next(0)).isEmpty();
    }

    @Test
    void dropsSinceTheLastLine_areSaidOnceWithTheTotal() {
        assertThat(drops.next(1200))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith("Dropped 1200 messages in the last 60 s (1200 since start): ")
                        .contains("$SYS/broker/publish/messages/dropped"));
        assertThat(drops.next(1200)).isEmpty();
        assertThat(drops.next(1250))
                .hasValueSatisfying(
                        line -> assertThat(line).startsWith("Dropped 50 messages in the last 60 s (1250 since start)"));
    }
}
