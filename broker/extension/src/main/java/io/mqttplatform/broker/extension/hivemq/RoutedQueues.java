package io.mqttplatform.broker.extension.hivemq;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.hivemq.persistence.ProducerQueues;
import com.hivemq.persistence.SingleWriterService;
import com.hivemq.persistence.clientqueue.ClientQueueLocalPersistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * HiveMQ's single writer for client queues, split in two: a queue that lives only as long as its client's connection
 * (a volatile one) runs its tasks on an in-memory writer (HiveMQ's {@code InMemoryProducerQueues}, inline on the
 * caller's thread), every other queue on the broker's file-persistence writer (its thread pool). Each task runs with
 * {@link RoutedQueueStore} pointed at the store of the writer that runs it, so a task only ever touches the store its
 * writer guards. A task for a whole bucket (clean-up, shutdown) runs on both, once against each store.
 */
final class RoutedQueues implements ProducerQueues {

    private final ProducerQueues durable;
    private final ProducerQueues memory;
    private final ClientQueueLocalPersistence durableStore;
    private final ClientQueueLocalPersistence memoryStore;
    private final Predicate<String> isVolatile;

    RoutedQueues(
            ProducerQueues durable,
            ClientQueueLocalPersistence durableStore,
            ProducerQueues memory,
            ClientQueueLocalPersistence memoryStore,
            Predicate<String> isVolatile) {
        this.durable = durable;
        this.durableStore = durableStore;
        this.memory = memory;
        this.memoryStore = memoryStore;
        this.isVolatile = isVolatile;
    }

    ProducerQueues durable() {
        return durable;
    }

    @Override
    public <R> ListenableFuture<R> submit(String key, SingleWriterService.Task<R> task) {
        return isVolatile.test(key)
                ? memory.submit(key, against(memoryStore, task))
                : durable.submit(key, against(durableStore, task));
    }

    @Override
    public <R> ListenableFuture<R> submit(int bucketIndex, SingleWriterService.Task<R> task) {
        ListenableFuture<R> inMemory = memory.submit(bucketIndex, against(memoryStore, task));
        ListenableFuture<R> onFile = durable.submit(bucketIndex, against(durableStore, task));
        return both(onFile, inMemory);
    }

    @Override
    public <R> List<ListenableFuture<R>> submitToAllBucketsParallel(SingleWriterService.Task<R> task) {
        List<ListenableFuture<R>> inMemory = memory.submitToAllBucketsParallel(against(memoryStore, task));
        List<ListenableFuture<R>> onFile = durable.submitToAllBucketsParallel(against(durableStore, task));
        return pairwise(onFile, inMemory);
    }

    @Override
    public <R> List<ListenableFuture<R>> submitToAllBucketsSequential(SingleWriterService.Task<R> task) {
        List<ListenableFuture<R>> inMemory = memory.submitToAllBucketsSequential(against(memoryStore, task));
        List<ListenableFuture<R>> onFile = durable.submitToAllBucketsSequential(against(durableStore, task));
        return pairwise(onFile, inMemory);
    }

    @Override
    public int getBucket(String key) {
        return durable.getBucket(key);
    }

    @Override
    public ListenableFuture<Void> shutdown(SingleWriterService.Task<Void> finalTask) {
        ListenableFuture<Void> inMemory = memory.shutdown(finalTask == null ? null : against(memoryStore, finalTask));
        ListenableFuture<Void> onFile = durable.shutdown(finalTask == null ? null : against(durableStore, finalTask));
        return both(onFile, inMemory);
    }

    private static <R> SingleWriterService.Task<R> against(
            ClientQueueLocalPersistence store, SingleWriterService.Task<R> task) {
        return bucketIndex -> RoutedQueueStore.runAgainst(store, () -> task.doTask(bucketIndex));
    }

    /** The durable side's result, once both sides are done. */
    private static <R> ListenableFuture<R> both(ListenableFuture<R> onFile, ListenableFuture<R> inMemory) {
        return Futures.whenAllComplete(onFile, inMemory).callAsync(() -> onFile, MoreExecutors.directExecutor());
    }

    private static <R> List<ListenableFuture<R>> pairwise(
            List<ListenableFuture<R>> onFile, List<ListenableFuture<R>> inMemory) {
        List<ListenableFuture<R>> combined = new ArrayList<>(onFile.size());
        for (int i = 0; i < onFile.size(); i++) {
            combined.add(both(onFile.get(i), inMemory.get(i)));
        }
        return combined;
    }
}
