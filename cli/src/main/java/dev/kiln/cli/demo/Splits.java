package dev.kiln.cli.demo;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.io.IOException;
import java.nio.file.Path;

/** The demo's training, validation and test samples of {@code side x side} images, split by a seeded permutation. */
public record Splits(DemoData train, DemoData validation, DemoData test, int side) {
    /** optdigits shuffled and cut 70 / 10 / 20 %. */
    public static Splits optdigits(long seed) throws IOException {
        DemoData all = DemoData.optdigits();
        int n = all.size(), train = n * 7 / 10, validation = n / 10;
        Tensor order = Torch.randperm(n, null, new Generator().manualSeed(seed));
        return new Splits(all.select(order, 0, train), all.select(order, train, train + validation), all.select(order, train + validation, n), 8);
    }

    /** Fashion-MNIST from {@code dir}: 10 % of its training set (shuffled) for validation, its test set for testing. */
    public static Splits fashionMnist(Path dir, long seed) throws IOException {
        DemoData all = DemoData.fashionMnist(dir, "train");
        int n = all.size(), validation = n / 10;
        Tensor order = Torch.randperm(n, null, new Generator().manualSeed(seed));
        return new Splits(all.select(order, validation, n), all.select(order, 0, validation), DemoData.fashionMnist(dir, "t10k"),
                (int) all.images().size(2));
    }
}
