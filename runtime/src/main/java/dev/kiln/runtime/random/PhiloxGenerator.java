package dev.kiln.runtime.random;

import dev.kiln.ir.op.OpError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * The state of a random number generator: a 64-bit seed (the Philox key) and an offset counting the Philox
 * blocks handed out so far. Each sampling call reserves a contiguous range of blocks, so the numbers it draws
 * depend only on the seed, the offset at the call and each element's index. Thread-safe.
 */
public final class PhiloxGenerator {
    /** PyTorch's default seed ({@code default_rng_seed_val}). */
    public static final long DEFAULT_SEED = 67280421310721L;

    /** The size in bytes of {@link #state()}: the seed and the offset, little-endian. */
    public static final int STATE_BYTES = 16;

    private static final PhiloxGenerator DEFAULT = new PhiloxGenerator(DEFAULT_SEED);
    private static final SecureRandom ENTROPY = new SecureRandom();

    private long seed;
    private long offset;

    public PhiloxGenerator(long seed) { this.seed = seed; }

    /** The process-wide generator that sampling uses when no generator is given. */
    public static PhiloxGenerator defaultGenerator() { return DEFAULT; }

    /** Implemented by front-end generator objects passed as {@code Generator?} arguments. */
    public interface Source {
        PhiloxGenerator engine();
    }

    /** The generator for a bound {@code Generator?} argument: the default one for None. */
    public static PhiloxGenerator of(String op, Object generator) {
        return switch (generator) {
            case null -> DEFAULT;
            case PhiloxGenerator g -> g;
            case Source s -> s.engine();
            default -> throw OpError.of(op, "expected a Generator for argument 'generator', got " + generator.getClass().getSimpleName());
        };
    }

    /** A reserved range of blocks: the key to use and the first block. */
    public record Draw(long key, long first) {}

    /** Reserves {@code blocks} Philox blocks and advances the offset past them. */
    public synchronized Draw reserve(long blocks) {
        if (blocks < 0) throw new IllegalArgumentException("cannot reserve " + blocks + " blocks");
        Draw d = new Draw(seed, offset);
        offset += blocks;
        return d;
    }

    /** Re-seeds: the seed becomes {@code seed} and the offset 0. */
    public synchronized void manualSeed(long seed) {
        this.seed = seed;
        this.offset = 0;
    }

    /** Re-seeds from a non-deterministic source and returns the new seed. */
    public long seed() {
        long s;
        synchronized (ENTROPY) {
            s = ENTROPY.nextLong();
        }
        manualSeed(s);
        return s;
    }

    /** The seed set last (by the constructor, {@link #manualSeed} or {@link #seed()}). */
    public synchronized long initialSeed() { return seed; }

    /** The number of blocks handed out since the last seeding. */
    public synchronized long offset() { return offset; }

    /** The full state: seed then offset, 8 bytes each, little-endian. */
    public synchronized byte[] state() {
        return ByteBuffer.allocate(STATE_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(seed).putLong(offset).array();
    }

    /** Restores a state returned by {@link #state()}. */
    public synchronized void setState(byte[] state) {
        if (state.length != STATE_BYTES) {
            throw new IllegalArgumentException("Generator.setState: expected " + STATE_BYTES + " bytes of state, got " + state.length);
        }
        ByteBuffer b = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        seed = b.getLong();
        offset = b.getLong();
    }
}
