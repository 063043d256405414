package dev.kiln.cli;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.cli.demo.DemoData;
import dev.kiln.cli.demo.DemoModel;
import dev.kiln.cli.demo.Splits;
import dev.kiln.cli.demo.TrainingChart;
import dev.kiln.cli.demo.TrainingChart.Epoch;
import dev.kiln.cli.demo.Trainer;
import dev.kiln.cli.demo.Trainer.Score;
import dev.kiln.nn.Sequential;
import dev.kiln.optim.Adam;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kiln demo}: the main job. Trains the demo CNN eagerly (Adam, cross-entropy, mini-batches from a shuffling
 * DataLoader) with a progress bar and early stopping on the validation loss, checkpoints the best model in
 * PyTorch's format, charts loss and accuracy per epoch as a PNG, and reports the best model's test accuracy on its
 * last line.
 */
@Command(name = "demo", description = "Train a small CNN on handwritten digits (or Fashion-MNIST), checkpoint the best model and chart the run.")
final class DemoCommand implements Callable<Integer> {
    /** The data sets the demo knows. */
    enum Data { optdigits, fashion_mnist }

    @Option(names = "--data", defaultValue = "optdigits", converter = DataConverter.class,
            description = "optdigits (embedded 8x8 digits) or fashion-mnist (Debian's dataset-fashion-mnist) (default: ${DEFAULT-VALUE}).")
    Data data;

    @Option(names = "--epochs", description = "Most epochs to train (default: 40 for optdigits, 15 for fashion-mnist).")
    Integer epochs;

    @Option(names = "--patience", defaultValue = "5", description = "Epochs without a better validation loss before stopping early (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch-size", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for initialisation, splits, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "target/demo", description = "Directory for best.pt and training.png (default: ${DEFAULT-VALUE}).")
    Path out;

    private final PrintStream stdout = System.out;

    @Override
    public Integer call() throws IOException {
        Torch.manualSeed(seed);
        Splits splits = data == Data.optdigits ? Splits.optdigits(seed) : Splits.fashionMnist(DemoData.FASHION_MNIST, seed);
        int maxEpochs = epochs != null ? epochs : data == Data.optdigits ? 40 : 15;
        stdout.printf("%s: %d training, %d validation, %d test images of %dx%d; batch %d, Adam lr %s, at most %d epochs%n", name(),
                splits.train().size(), splits.validation().size(), splits.test().size(), splits.side(), splits.side(), batchSize, lr, maxEpochs);
        Trainer trainer = new Trainer(DemoModel.cnn(splits.side(), 10), splits.train(), batchSize, lr, seed);
        Sequential model = trainer.model();
        stdout.println(model);
        Files.createDirectories(out);
        Path best = out.resolve("best.pt"), chart = out.resolve("training.png");
        List<Epoch> history = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        for (int epoch = 1; epoch <= maxEpochs && sinceBest < patience; epoch++) {
            long start = System.nanoTime();
            Score train;
            try (ProgressBar bar = progressBar("epoch " + epoch + "/" + maxEpochs, trainer.samples())) {
                train = trainer.epoch(bar == null ? null : (samples, meanLoss) -> {
                    bar.stepBy(samples);
                    bar.setExtraMessage(String.format(" loss %.4f", meanLoss));
                });
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Score validation = trainer.evaluate(splits.validation());
            history.add(new Epoch(epoch, train.loss(), validation.loss(), train.accuracy(), validation.accuracy()));
            boolean improved = validation.loss() < bestLoss;
            stdout.printf("epoch %2d  train loss %.4f acc %5.1f%%  validation loss %.4f acc %5.1f%%  %.1f s, %.0f samples/s%s%n", epoch,
                    train.loss(), 100 * train.accuracy(), validation.loss(), 100 * validation.accuracy(), seconds,
                    splits.train().size() / seconds, improved ? "  (best so far: saved)" : "");
            if (improved) {
                bestLoss = validation.loss();
                sinceBest = 0;
                Torch.save(checkpoint(epoch, model, trainer.optimizer(), validation), best);
            } else if (++sinceBest == patience) {
                stdout.printf("no better validation loss for %d epochs: stopping early%n", patience);
            }
        }
        TrainingChart.write(history, "Kiln demo: " + name(), chart, 900, 700);
        Map<?, ?> saved = (Map<?, ?>) Torch.load(best);
        model.loadStateDict(stateDictOf(saved.get("model")));
        Score test = trainer.evaluate(splits.test());
        stdout.printf("best model: epoch %s (validation loss %.4f), saved to %s; chart: %s%n", saved.get("epoch"), bestLoss, best, chart);
        stdout.printf("test accuracy: %.1f%%%n", 100 * test.accuracy());
        return 0;
    }

    private String name() { return data == Data.optdigits ? "optdigits" : "fashion-mnist"; }

    /** A training checkpoint as PyTorch users write one: epoch, learning rate, best metric, model and optimizer state. */
    private Map<String, Object> checkpoint(int epoch, Sequential model, Adam optimizer, Score validation) {
        Map<String, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("epoch", (long) epoch);
        ckpt.put("lr", lr);
        ckpt.put("best_val_loss", validation.loss());
        ckpt.put("best_val_accuracy", validation.accuracy());
        ckpt.put("model", model.stateDict());
        ckpt.put("optimizer", optimizer.stateDict());
        return ckpt;
    }

    /** A loaded state dict with its keys and values checked. */
    private static Map<String, Tensor> stateDictOf(Object loaded) {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        ((Map<?, ?>) loaded).forEach((k, v) -> sd.put((String) k, (Tensor) v));
        return sd;
    }

    /** A progress bar on standard error when it is a terminal; none otherwise (the per-epoch lines say it all). */
    private static ProgressBar progressBar(String task, long samples) {
        if (System.console() == null) return null;
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(samples).setUnit(" samples", 1).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200)
                .continuousUpdate().build();
    }

    /** Accepts the data set names as typed on the command line ({@code fashion-mnist}). */
    static final class DataConverter implements picocli.CommandLine.ITypeConverter<Data> {
        @Override
        public Data convert(String value) { return Data.valueOf(value.replace('-', '_')); }
    }
}
