package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DataLoader behaviour beyond the golden batches: shuffling reproducible under a seed, the same batches whatever the
 * number of workers, worker exceptions, worker information, timeouts, persistent workers, and no worker thread
 * outliving its pass.
 */
class DataLoaderTest {
    /** Samples {@code i -> [i, 10 i]}; some indices take longer so that workers finish out of order. */
    private record SlowSquares(int n, Set<String> readers) implements Dataset<List<Long>> {
        SlowSquares(int n) { this(n, ConcurrentHashMap.newKeySet()); }

        @Override
        public List<Long> getItem(long index) {
            readers.add(Thread.currentThread().getName());
            if (index % 3 == 0) sleep(2);
            if (index == 13) throw new IllegalStateException("sample 13 is corrupt");
            return List.of(index, 10 * index);
        }

        @Override
        public long len() { return n; }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Thread> liveWorkers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("kiln-data-worker") && t.isAlive()).toList();
    }

    @AfterEach
    void noWorkerOutlivesItsTest() {
        for (int i = 0; i < 100 && !liveWorkers().isEmpty(); i++) sleep(20);
        assertEquals(List.of(), liveWorkers(), "worker threads left running");
    }

    /** Each batch's values as one array per field, for comparing passes. */
    private static List<List<long[]>> values(Iterable<Object> loader) {
        List<List<long[]>> out = new ArrayList<>();
        for (Object batch : loader) {
            List<long[]> fields = new ArrayList<>();
            for (Object field : (List<?>) batch) fields.add(((Tensor) field).toLongArray());
            out.add(fields);
        }
        return out;
    }

    private static void assertSameBatches(List<List<long[]>> expected, List<List<long[]>> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of batches");
        for (int b = 0; b < expected.size(); b++) {
            for (int f = 0; f < expected.get(b).size(); f++) assertArrayEquals(expected.get(b).get(f), actual.get(b).get(f), what + ": batch " + b);
        }
    }

    private static DataLoader<Object> shuffled(int workers, long seed, boolean dropLast) {
        return DataLoader.builder(new SlowSquares(13)).batchSize(4).shuffle(true).dropLast(dropLast).numWorkers(workers)
                .generator(new Generator().manualSeed(seed)).build();
    }

    @Test
    void shufflingIsReproducibleUnderASeedAndNewEachPass() {
        DataLoader<Object> loader = shuffled(0, 7, false);
        List<List<long[]>> first = values(loader), second = values(loader);
        assertSameBatches(first, values(shuffled(0, 7, false)), "same seed");
        List<Long> seen = new ArrayList<>();
        first.forEach(batch -> {
            for (long i : batch.get(0)) seen.add(i);
        });
        assertEquals(13, seen.size());
        assertEquals(13, Set.copyOf(seen).size(), "every sample once per pass");
        assertFalse(java.util.Arrays.equals(first.get(0).get(0), second.get(0).get(0)) && java.util.Arrays.equals(first.get(1).get(0), second.get(1).get(0)),
                "the second pass is shuffled anew");
    }

    @Test
    void theSameBatchesInTheSameOrderWhateverTheWorkerCount() {
        for (boolean dropLast : new boolean[]{false, true}) {
            List<List<long[]>> reference = values(shuffled(0, 5, dropLast));
            assertEquals(dropLast ? 3 : 4, reference.size());
            for (int workers : new int[]{1, 3}) {
                DataLoader<Object> loader = shuffled(workers, 5, dropLast);
                assertSameBatches(reference, values(loader), workers + " workers, dropLast " + dropLast);
            }
        }
        for (int prefetch : new int[]{1, 3}) {
            DataLoader<Object> loader = DataLoader.builder(new SlowSquares(13)).batchSize(2).numWorkers(3).prefetchFactor(prefetch).build();
            DataLoader<Object> inline = DataLoader.builder(new SlowSquares(13)).batchSize(2).build();
            assertSameBatches(values(inline), values(loader), "prefetch " + prefetch);
        }
    }

    @Test
    void aWorkersExceptionReachesTheCallerWithTheWorkerId() {
        DataLoader<Object> loader = DataLoader.builder(new SlowSquares(20)).batchSize(2).numWorkers(2).build();
        try (DataLoaderIterator<Object> it = loader.iterator()) {
            for (int b = 0; b < 6; b++) it.next();
            var e = assertThrows(DataLoaderWorkerException.class, it::next, "batch 6 holds sample 13");
            assertEquals(0, e.workerId(), "batch 6 went to worker 6 % 2");
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getMessage().contains("Caught IllegalStateException in DataLoader worker 0: sample 13 is corrupt"), e.getMessage());
            assertEquals(14L, ((Tensor) ((List<?>) it.next()).get(0)).toLongArray()[0], "the pass goes on after an exception, as in PyTorch");
        }
        DataLoader<Object> inline = DataLoader.builder(new SlowSquares(20)).batchSize(2).build();
        Iterator<Object> it = inline.iterator();
        for (int b = 0; b < 6; b++) it.next();
        assertThrows(IllegalStateException.class, it::next, "without workers the dataset's own exception");
    }

    @Test
    void workersKnowWhoTheyAre() {
        List<WorkerInfo> infos = new java.util.concurrent.CopyOnWriteArrayList<>();
        Set<Integer> initialised = ConcurrentHashMap.newKeySet();
        IntConsumer init = id -> {
            initialised.add(id);
            infos.add(WorkerInfo.get());
        };
        SlowSquares data = new SlowSquares(6);
        DataLoader<Object> loader = DataLoader.builder(data).numWorkers(3).workerInitFn(init).build();
        assertEquals(6, values(loader).size());
        assertEquals(Set.of(0, 1, 2), initialised);
        assertNull(WorkerInfo.get(), "no worker information in the main thread");
        infos.sort(java.util.Comparator.comparingInt(WorkerInfo::id));
        for (WorkerInfo info : infos) {
            assertEquals(3, info.numWorkers());
            assertSame(data, info.dataset());
            assertEquals(infos.get(0).seed() + info.id(), info.seed(), "seed = base_seed + id");
        }
        assertTrue(data.readers().stream().allMatch(name -> name.startsWith("kiln-data-worker")), "workers read the samples: " + data.readers());
    }

    @Test
    void aWorkerWhoseInitFailedFailsEachOfItsBatches() {
        DataLoader<Object> loader = DataLoader.builder(new SlowSquares(4)).numWorkers(2).workerInitFn(id -> {
            if (id == 1) throw new IllegalArgumentException("no such shard");
        }).build();
        try (DataLoaderIterator<Object> it = loader.iterator()) {
            it.next();
            var e = assertThrows(DataLoaderWorkerException.class, it::next);
            assertEquals(1, e.workerId());
            assertEquals("no such shard", e.getCause().getMessage());
            it.next();
            assertEquals(1, assertThrows(DataLoaderWorkerException.class, it::next).workerId());
            assertFalse(it.hasNext());
        }
    }

    @Test
    void stoppingEarlyLeavesNoWorkerRunning() {
        DataLoader<Object> loader = DataLoader.builder(new SlowSquares(12)).numWorkers(3).build();
        try (DataLoaderIterator<Object> it = loader.iterator()) {
            it.next();
            assertEquals(3, liveWorkers().size());
        }
        assertEquals(List.of(), liveWorkers(), "close() waits for the workers to end");
        DataLoaderIterator<Object> abandoned = loader.iterator();
        abandoned.next();
        loader.close();
        assertEquals(List.of(), liveWorkers(), "the loader's close() stops its passes' workers");
        assertFalse(abandoned.hasNext(), "a stopped pass has ended");
        values(loader);
        assertEquals(List.of(), liveWorkers(), "a finished pass stops its workers");
        try (java.util.stream.Stream<Object> batches = loader.stream()) {
            assertEquals(1, batches.limit(1).count());
        }
        assertEquals(List.of(), liveWorkers(), "closing a pass's stream stops its workers");
    }

    @Test
    void anAbandonedPassStopsItsWorkersOnceCollected() {
        DataLoader<Object> loader = DataLoader.builder(new SlowSquares(12)).numWorkers(2).build();
        loader.iterator().next();
        for (int i = 0; i < 50 && !liveWorkers().isEmpty(); i++) {
            System.gc();
            sleep(20);
        }
        assertEquals(List.of(), liveWorkers());
    }

    @Test
    void persistentWorkersServeEveryPass() {
        SlowSquares data = new SlowSquares(12);
        DataLoader<Object> loader = DataLoader.builder(data).batchSize(5).numWorkers(2).persistentWorkers(true).build();
        List<List<long[]>> first = values(loader);
        assertEquals(2, liveWorkers().size(), "persistent workers outlive the pass");
        assertSameBatches(first, values(loader), "a second pass on the same workers");
        assertEquals(2, data.readers().size(), "the same two threads read both passes: " + data.readers());
        DataLoaderIterator<Object> unfinished = loader.iterator();
        unfinished.next();
        assertSameBatches(first, values(loader), "a pass restarted before the last one ended");
        try (DataLoaderIterator<Object> early = loader.iterator()) {
            early.next();
        }
        assertEquals(List.of(), liveWorkers(), "closing a pass of persistent workers stops them");
        assertSameBatches(first, values(loader), "a pass on new workers after close");
        loader.close();
    }

    @Test
    void persistentWorkersRestartTheirShareOfAnIterableDataset() {
        DataLoader<Object> loader = DataLoader.builder(new DataFixtures.RangeStream(0, 11, true)).batchSize(2).numWorkers(2).persistentWorkers(true).build();
        List<String> first = new ArrayList<>(), second = new ArrayList<>();
        loader.forEach(b -> first.add(b.toString()));
        loader.forEach(b -> second.add(b.toString()));
        assertEquals(List.of("tensor([0, 1])", "tensor([6, 7])", "tensor([2, 3])", "tensor([8, 9])", "tensor([4, 5])", "tensor([10])"), first,
                "worker 0 reads 0..5 and worker 1 6..10, taking turns");
        assertEquals(first, second);
        loader.close();
    }

    @Test
    void aSlowWorkerTimesOut() {
        Dataset<Long> slow = new Dataset<>() {
            @Override
            public Long getItem(long index) {
                sleep(400);
                return index;
            }

            @Override
            public long len() { return 2; }
        };
        DataLoader<Object> loader = DataLoader.builder(slow).numWorkers(1).timeout(0.05).build();
        try (DataLoaderIterator<Object> it = loader.iterator()) {
            var e = assertThrows(IllegalStateException.class, it::next);
            assertEquals("DataLoader timed out after 0.05 seconds", e.getMessage());
        }
    }

    @Test
    void customCollateAndNoAutomaticBatching() {
        TensorDataset ds = new TensorDataset(Torch.arange(6).reshape(3, 2), Torch.arange(3));
        DataLoader<Tensor> firsts = DataLoader.builder(ds).batchSize(2).collateFn(batch -> Torch.stack(batch.stream().map(s -> s.get(0)).toList())).build();
        List<Tensor> batches = new ArrayList<>();
        firsts.forEach(batches::add);
        assertArrayEquals(new long[]{2, 2}, batches.get(0).shape());
        assertArrayEquals(new long[]{1, 2}, batches.get(1).shape());
        DataLoader<Long> labels = DataLoader.builder(ds).batchSize(null).convertFn(s -> s.get(1).itemLong()).build();
        List<Long> out = new ArrayList<>();
        labels.forEach(out::add);
        assertEquals(List.of(0L, 1L, 2L), out);
        assertEquals(3, labels.len());
        assertNull(labels.batchSampler());
        DataLoader<Object> pinned = DataLoader.builder(ds).pinMemory(true).build();
        assertTrue(pinned.pinMemory());
        assertEquals(3, pinned.stream().count());
    }

    @Test
    void optionsPyTorchAssertsOnAreRejectedToo() {
        TensorDataset ds = new TensorDataset(Torch.arange(3));
        var prefetch = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).numWorkers(1).prefetchFactor(0).build());
        assertTrue(prefetch.getMessage().contains("prefetch_factor"));
        var timeout = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).timeout(1).build());
        assertTrue(timeout.getMessage().contains("num_workers=0"), timeout.getMessage());
        var convert = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).convertFn(s -> s).build());
        assertTrue(convert.getMessage().contains("convertFn"));
        var collate = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).batchSize(null).collateFn(b -> b).build());
        assertTrue(collate.getMessage().contains("collateFn"));
    }

    @Test
    void aUserBatchSamplerChoosesTheBatches() {
        TensorDataset ds = new TensorDataset(Torch.arange(5).mul(2));
        Sampler<List<Long>> evensFirst = () -> List.of(List.of(0L, 2L, 4L), List.of(1L, 3L)).iterator();
        DataLoader<Object> loader = DataLoader.builder(ds).batchSampler(evensFirst).numWorkers(2).build();
        List<List<long[]>> batches = values(loader);
        assertArrayEquals(new long[]{0, 4, 8}, batches.get(0).get(0));
        assertArrayEquals(new long[]{2, 6}, batches.get(1).get(0));
        assertThrows(UnsupportedOperationException.class, loader::len, "a lambda batch sampler has no len");
    }
}
