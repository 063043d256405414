package dev.kiln.cli.demo;

import dev.kiln.Generator;
import dev.kiln.Tensor;
import dev.kiln.autograd.Autograd;
import dev.kiln.data.DataLoader;
import dev.kiln.data.TensorDataset;
import dev.kiln.nn.CrossEntropyLoss;
import dev.kiln.nn.Sequential;
import dev.kiln.optim.Adam;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The demo's eager training: Adam on the cross-entropy of a classifier, over mini-batches that a shuffling
 * DataLoader draws from the training images. The demo command and the epoch benchmark both run it.
 */
public final class Trainer {
    private final Sequential model;
    private final Adam optimizer;
    private final CrossEntropyLoss criterion = new CrossEntropyLoss();
    private final DataLoader<Object> loader;
    private final int samples;

    /** Mean loss and accuracy over a pass. */
    public record Score(double loss, double accuracy) {}

    public Trainer(Sequential model, DemoData train, int batchSize, double lr, long seed) {
        this.model = model;
        this.optimizer = new Adam(model.parameters(), Map.of("lr", lr));
        this.loader = DataLoader.builder(new TensorDataset(train.images(), train.labels()))
                .batchSize(batchSize).shuffle(true).generator(new Generator().manualSeed(seed)).build();
        this.samples = train.size();
    }

    public Sequential model() { return model; }

    public Adam optimizer() { return optimizer; }

    /** Number of training samples in an epoch. */
    public int samples() { return samples; }

    /**
     * One pass over the shuffled training batches (forward, loss, backward, Adam step) in training mode;
     * {@code progress}, when not null, is told the samples done and the running mean loss after each batch.
     */
    public Score epoch(Progress progress) {
        model.train();
        double lossSum = 0;
        long correct = 0, seen = 0;
        for (Object batch : loader) {
            List<?> pair = (List<?>) batch;
            Tensor images = (Tensor) pair.get(0), labels = (Tensor) pair.get(1);
            optimizer.zeroGrad();
            Tensor logits = model.call(images);
            Tensor loss = criterion.call(logits, labels);
            loss.backward();
            optimizer.step();
            long n = labels.size(0);
            lossSum += loss.itemDouble() * n;
            correct += logits.argmax(1).eq(labels).sum().itemLong();
            seen += n;
            if (progress != null) progress.batchDone(n, lossSum / seen);
        }
        return new Score(lossSum / seen, (double) correct / seen);
    }

    /** Loss and accuracy on {@code split} in evaluation mode, without recording gradients. */
    public Score evaluate(DemoData split) {
        model.eval();
        return Autograd.noGrad(() -> {
            Tensor logits = model.call(split.images());
            double accuracy = logits.argmax(1).eq(split.labels()).sum().itemDouble() / split.size();
            return new Score(criterion.call(logits, split.labels()).itemDouble(), accuracy);
        });
    }

    /** Told after each training batch. */
    @FunctionalInterface
    public interface Progress {
        void batchDone(long samples, double meanLoss);
    }
}
