package dev.kiln.runtime.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final int original = Parallel.getNumThreads();

    @AfterEach
    void restore() { Parallel.setNumThreads(original); }

    @Test
    void coversTheRangeExactlyOnceForEveryThreadCount() {
        for (int threads = 1; threads <= 4; threads++) {
            Parallel.setNumThreads(threads);
            int n = 100_003;
            int[] hits = new int[n];
            Parallel.forRange(n, 1000, (s, e) -> {
                for (long i = s; i < e; i++) hits[(int) i]++;
            });
            for (int i = 0; i < n; i++) assertEquals(1, hits[i], "index " + i + " with " + threads + " threads");
        }
    }

    @Test
    void smallRangesStayOnTheCallingThread() {
        Parallel.setNumThreads(4);
        Thread caller = Thread.currentThread();
        AtomicInteger pieces = new AtomicInteger();
        Parallel.forRange(999, 1000, (s, e) -> {
            assertEquals(caller, Thread.currentThread());
            pieces.incrementAndGet();
        });
        assertEquals(1, pieces.get());
    }

    @Test
    void rethrowsTheFirstFailureAfterAllPiecesFinish() {
        Parallel.setNumThreads(2);
        AtomicLong done = new AtomicLong();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(10_000, 100, (s, end) -> {
            done.addAndGet(end - s);
            if (s == 0) throw new IllegalArgumentException("boom");
        }));
        assertEquals("boom", e.getMessage());
        assertEquals(10_000, done.get());
    }

    @Test
    void nestedCallsRunInline() {
        Parallel.setNumThreads(2);
        AtomicLong total = new AtomicLong();
        Parallel.forRange(4, 1, (s, e) -> {
            for (long i = s; i < e; i++) Parallel.forRange(1000, 10, (a, b) -> total.addAndGet(b - a));
        });
        assertEquals(4000, total.get());
    }

    @Test
    void rejectsNonPositiveThreadCounts() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setNumThreads(0));
    }
}
