package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.cli.demo.DemoModel;
import dev.kiln.nn.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The main job end to end, as {@code ./kiln demo} runs it: the CNN reaches the 97 % test accuracy on
 * optdigits, the best model's checkpoint is a PyTorch-format training checkpoint that loads back into the model, and
 * the chart is a PNG.
 */
class DemoCommandTest {
    @Test
    void trainsToTheTargetAccuracyWithCheckpointAndChart(@TempDir Path out) throws IOException {
        String text = run("demo", "--out", out.toString());
        String[] lines = text.strip().split("\n");
        Matcher last = Pattern.compile("test accuracy: ([0-9.]+)%").matcher(lines[lines.length - 1]);
        assertTrue(last.matches(), "last line: " + lines[lines.length - 1]);
        assertTrue(Double.parseDouble(last.group(1)) >= 97.0, text);

        Map<?, ?> checkpoint = (Map<?, ?>) Torch.load(out.resolve("best.pt"));
        assertEquals(List.of("epoch", "lr", "best_val_loss", "best_val_accuracy", "model", "optimizer"), List.copyOf(checkpoint.keySet()));
        Map<String, Tensor> state = new LinkedHashMap<>();
        ((Map<?, ?>) checkpoint.get("model")).forEach((k, v) -> state.put((String) k, (Tensor) v));
        Sequential fresh = DemoModel.cnn(8, 10);
        fresh.loadStateDict(state);
        assertEquals(fresh.stateDict().keySet(), state.keySet());
        assertTrue(((Map<?, ?>) checkpoint.get("optimizer")).containsKey("param_groups"));

        try (InputStream png = Files.newInputStream(out.resolve("training.png"))) {
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, png.readNBytes(4));
        }
    }

    @Test
    void stopsAfterTheGivenEpochsAndRejectsUnknownData(@TempDir Path out) {
        String text = run("demo", "--epochs", "1", "--out", out.toString());
        assertTrue(text.contains("epoch  1 "), text);
        assertTrue(!text.contains("epoch  2 "), text);
        assertEquals(2, new CommandLine(new Main()).setErr(new PrintWriter(new StringWriter())).execute("demo", "--data", "cifar"));
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(original);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        return text;
    }
}
