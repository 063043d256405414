package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The main job runs to the end and its linear fit recovers the slope the data was made with. */
class DemoCommandTest {
    @Test
    void demoRunsAndFitsTheLine() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Main()).execute("demo", "--steps", "200");
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        Matcher last = Pattern.compile("step +200 +loss ([0-9.]+) +w = ([-0-9.]+) +b = ([-0-9.]+)").matcher(out);
        assertTrue(last.find(), out);
        assertEquals(3.0, Double.parseDouble(last.group(2)), 0.1);
        assertEquals(-2.0, Double.parseDouble(last.group(3)), 0.1);
        assertTrue(out.contains("equal = true"), out);
    }
}
