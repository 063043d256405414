package dev.kiln.cli.demo;

import dev.kiln.nn.Conv2d;
import dev.kiln.nn.Dropout;
import dev.kiln.nn.Flatten;
import dev.kiln.nn.Linear;
import dev.kiln.nn.MaxPool2d;
import dev.kiln.nn.ReLU;
import dev.kiln.nn.Sequential;

/** The demo's small CNN: two 3x3 convolution blocks with 2x2 max pooling, then a two-layer classifier head. */
public final class DemoModel {
    private DemoModel() {}

    /** A classifier of {@code classes} classes for single-channel {@code side x side} images ({@code side} divisible by 4). */
    public static Sequential cnn(int side, int classes) {
        if (side % 4 != 0) throw new IllegalArgumentException("DemoModel.cnn: the image side must be divisible by 4, got " + side);
        int pooled = side / 4;
        return new Sequential(
                new Conv2d(1, 32, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(64L * pooled * pooled, 128), new ReLU(), new Dropout(0.25),
                new Linear(128, classes));
    }
}
