package dev.kiln.runtime.vecmath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The functions give the same bits whatever runs them: before and after a warm-up that gets them compiled by C2,
 * and in a separate JVM that only interprets ({@code -Xint}), where the Vector API runs its per-lane fallbacks.
 */
class DeterminismTest {
    @Test
    void sameBitsBeforeAndAfterWarmUp() {
        Map<String, Long> cold = Checksums.compute();
        float[] a = new float[4 * Sweep.F.length()];
        for (int i = 0; i < a.length; i++) a[i] = i * 0.37f - 5;
        for (int rep = 0; rep < 20_000; rep++) {
            for (AccuracyTest.F1 f : AccuracyTest.FLOAT) Sweep.apply(f.f(), a);
            FloatVector v = FloatVector.fromArray(Sweep.F, a, 0);
            FloatViaDouble.pow(v.abs().add(1f), v);
            FloatViaDouble.atan2(v, v.add(1f));
        }
        assertEquals(cold, Checksums.compute());
    }

    @Test
    void sameBitsInterpreted() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-Xint", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), Checksums.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Map<String, Long> interpreted = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            int eq = line.indexOf('=');
            interpreted.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
        }
        assertEquals(Checksums.compute(), interpreted);
    }
}
