package dev.kiln.data;

import dev.kiln.Generator;
import dev.kiln.Torch;

/** Seeds drawn from a generator the way PyTorch's data utilities draw them. */
final class Seeds {
    private Seeds() {}

    /** A non-negative int64 ({@code torch.empty((), dtype=torch.int64).random_(generator=generator).item()}); null draws from the default generator. */
    static long draw(Generator generator) {
        return Torch.randint(0, Long.MAX_VALUE, new long[0], null, generator).itemLong();
    }

    /** The generator a sampler without one uses: a fresh one seeded from the default generator, as RandomSampler does. */
    static Generator freshFromDefault() { return new Generator().manualSeed(draw(null)); }
}
