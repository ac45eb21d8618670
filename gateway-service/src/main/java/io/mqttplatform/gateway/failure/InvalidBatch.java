package io.mqttplatform.gateway.failure;

import java.util.List;

/**
 * A batch of messages of which some are invalid, so that none was published: the failures of the first few, each
 * with its position in the batch. Its kind is the one all invalid messages share, else {@link FailureKind#INVALID}.
 */
public final class InvalidBatch extends Failure {

    /** One invalid message: its position in the batch and why. */
    public record Item(int index, Failure failure) {}

    private final List<Item> items;

    public InvalidBatch(FailureKind kind, String detail, List<Item> items) {
        super(kind, detail, 0, null);
        this.items = List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }
}
