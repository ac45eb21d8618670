package io.mqttplatform.broker.extension.admin;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientDirectoryTest {

    private final MutableClock clock = new MutableClock();
    private final ClientDirectory directory = new ClientDirectory(clock);

    @Test
    void theEndOfATakenOverConnection_leavesTheNewOneConnected() {
        Object first = new Object();
        Object second = new Object();
        directory.connected(client("lab-1", 0, first));
        directory.connected(client("lab-1", 0, second));

        directory.disconnected("lab-1", first);

        assertThat(directory.get("lab-1"))
                .hasValueSatisfying(client -> assertThat(client.connected()).isTrue());
        directory.disconnected("lab-1", second);
        assertThat(directory.get("lab-1")).isEmpty();
    }

    @Test
    void aPersistentSession_staysDisconnectedUntilItExpires() {
        Object connection = new Object();
        directory.connected(client("lab-2", 60, connection));
        directory.disconnected("lab-2", connection);

        assertThat(directory.get("lab-2")).hasValueSatisfying(client -> {
            assertThat(client.connected()).isFalse();
            assertThat(client.disconnectedAt()).isEqualTo(clock.now);
        });
        assertThat(directory.counts()).isEqualTo(new ClientCounts(0, 1));
        clock.now = clock.now.plusSeconds(61);
        assertThat(directory.get("lab-2")).isEmpty();
        assertThat(directory.page(new ClientQuery(10, null, null, null)).items())
                .isEmpty();
        assertThat(directory.counts()).isEqualTo(new ClientCounts(0, 0));
    }

    @Test
    void anMqtt3PersistentSession_neverExpires() {
        Object connection = new Object();
        directory.connected(client("lab-3", ClientRecord.NEVER_EXPIRES, connection));
        directory.disconnected("lab-3", connection);
        clock.now = clock.now.plusSeconds(10L * 365 * 24 * 3600);

        assertThat(directory.get("lab-3")).isPresent();
    }

    @Test
    void pages_walkTheMatchesInIdOrder_withTheTotalOfAllMatches() {
        for (int i = 0; i < 7; i++) {
            directory.connected(client("lab-" + i, 0, new Object()));
            directory.connected(client("other-" + i, 0, new Object()));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page<ClientRecord> page = directory.page(new ClientQuery(3, after, "lab-", null));
            assertThat(page.total()).isEqualTo(7);
            page.items().forEach(client -> seen.add(client.id()));
            after = page.cursor();
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("lab-0", "lab-1", "lab-2", "lab-3", "lab-4", "lab-5", "lab-6");
    }

    @Test
    void aFullLastPage_hasNoCursor() {
        for (int i = 0; i < 4; i++) {
            directory.connected(client("c" + i, 0, new Object()));
        }
        Page<ClientRecord> first = directory.page(new ClientQuery(2, null, null, null));
        Page<ClientRecord> last = directory.page(new ClientQuery(2, first.cursor(), null, null));

        assertThat(first.cursor()).isEqualTo("c1");
        assertThat(last.items()).extracting(ClientRecord::id).containsExactly("c2", "c3");
        assertThat(last.cursor()).isNull();
    }

    @Test
    void theTextFilter_looksAtIdAddressAndUserName_andTheConnectedFilterAtTheState() {
        directory.connected(
                new ClientRecord("a", true, clock.now, null, "10.0.0.7", "5", 60, true, 0, "Anna", new Object()));
        directory.connected(
                new ClientRecord("b", true, clock.now, null, "10.0.0.8", "5", 60, true, 0, null, new Object()));
        directory.sessionFound(ClientRecord.session("c", false, ClientRecord.NEVER_EXPIRES));

        assertThat(ids(new ClientQuery(10, null, "anna", null))).containsExactly("a");
        assertThat(ids(new ClientQuery(10, null, "10.0.0.8", null))).containsExactly("b");
        assertThat(ids(new ClientQuery(10, null, null, false))).containsExactly("c");
        assertThat(ids(new ClientQuery(10, null, null, true))).containsExactly("a", "b");
    }

    private List<String> ids(ClientQuery query) {
        return directory.page(query).items().stream().map(ClientRecord::id).toList();
    }

    private ClientRecord client(String id, long sessionExpiry, Object connection) {
        return new ClientRecord(id, true, clock.now, null, "127.0.0.1", "5", 60, true, sessionExpiry, null, connection);
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
