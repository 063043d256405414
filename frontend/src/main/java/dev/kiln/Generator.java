package dev.kiln;

import dev.kiln.ir.type.DType;
import dev.kiln.ir.type.Device;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.random.PhiloxGenerator;
import java.util.Arrays;

/**
 * A pseudo-random number generator ({@code torch.Generator}), passed to the sampling functions as
 * {@code generator}. It is a Philox4x32-10 counter-based generator: a seed and an offset that each sampling
 * call advances, so the same seed gives the same numbers on every run and for every thread count. The
 * streams differ from PyTorch's. {@link Torch#manualSeed(long)} seeds the default generator.
 */
public final class Generator implements PhiloxGenerator.Source {
    private final PhiloxGenerator engine;

    /** A new generator with PyTorch's default seed (67280421310721). */
    public Generator() { this(new PhiloxGenerator(PhiloxGenerator.DEFAULT_SEED)); }

    Generator(PhiloxGenerator engine) { this.engine = engine; }

    @Override
    public PhiloxGenerator engine() { return engine; }

    /** Sets the seed and resets the stream ({@code generator.manual_seed(seed)}); returns this generator. */
    public Generator manualSeed(long seed) {
        engine.manualSeed(seed);
        return this;
    }

    /** Seeds from a non-deterministic source and returns the seed ({@code generator.seed()}). */
    public long seed() { return engine.seed(); }

    /** The seed last set ({@code generator.initial_seed()}). */
    public long initialSeed() { return engine.initialSeed(); }

    public Device device() { return Device.CPU; }

    /** The state as a uint8 tensor of 16 bytes: the seed and the stream offset ({@code generator.get_state()}). */
    public Tensor getState() {
        byte[] state = engine.state();
        return new Tensor(new TensorData(DType.UINT8, Storage.wrap(state), new long[]{state.length}, new long[]{1}, 0));
    }

    /** Restores a state from {@link #getState()} ({@code generator.set_state(state)}); returns this generator. */
    public Generator setState(Tensor state) {
        if (state.dtype() != DType.UINT8 || state.dim() != 1 || state.numel() != PhiloxGenerator.STATE_BYTES) {
            throw new IllegalArgumentException("Generator.setState: expected a torch.uint8 tensor of " + PhiloxGenerator.STATE_BYTES
                    + " elements (from getState()), got a " + state.dtype() + " tensor of shape " + Arrays.toString(state.shape()));
        }
        byte[] bytes = new byte[PhiloxGenerator.STATE_BYTES];
        byte[] storage = state.data().storage().bytes();
        for (int i = 0; i < bytes.length; i++) bytes[i] = storage[(int) (state.storageOffset() + i * state.stride(0))];
        engine.setState(bytes);
        return this;
    }

    @Override
    public String toString() { return "Generator(seed=" + initialSeed() + ", offset=" + engine.offset() + ")"; }
}
