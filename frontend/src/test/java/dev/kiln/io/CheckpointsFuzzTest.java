package dev.kiln.io;

import static dev.kiln.io.CheckpointsHardeningTest.loadsOrFailsCleanly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzz-style checks on PyTorch's own checkpoint files: truncated or with a byte changed at every position, and
 * with their pickle mutated and re-wrapped with valid CRCs (so the unpickler, not the CRC check, meets the damage).
 * Every input must load or fail with a {@link CheckpointFormatException}; a failure message names the file, the
 * position and the change, which is all it takes to reproduce it.
 */
class CheckpointsFuzzTest {
    /** Opcodes and small values substituted into pickles: the structural ones do the most damage. */
    private static final int[] REPLACEMENTS = {'(', ')', ']', '}', 't', 'R', 'Q', 'b', 'a', 'e', 's', 'u', '.', 'h', 'q', 'K', 'X',
            0x81, 0x85, 0x86, 0x87, 0x88, 0x8a, 0x93, 0x94, 0x00, 0x01, 0x7f, 0xff};

    @TestFactory
    Stream<DynamicTest> damagedFilesLoadOrFailCleanly() {
        return CheckpointsHardeningTest.fuzzedFiles().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            byte[] file = Files.readAllBytes(CheckpointsGoldenTest.resource("checkpoints/" + name + ".pt"));
            for (int pos = 0; pos < file.length; pos++) {
                loadsOrFailsCleanly(Arrays.copyOf(file, pos), name + " truncated to " + pos + " bytes");
                for (int mask : new int[] {0xFF, 1 << (pos % 8)}) {
                    byte[] damaged = file.clone();
                    damaged[pos] ^= (byte) mask;
                    loadsOrFailsCleanly(damaged, name + " with byte " + pos + " xor 0x" + Integer.toHexString(mask));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> mutatedPicklesLoadOrFailCleanly() {
        return CheckpointsHardeningTest.fuzzedFiles().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path path = CheckpointsGoldenTest.resource("checkpoints/" + name + ".pt");
            Map<String, byte[]> entries = CheckpointArchives.entries(path);
            byte[] pickle = entries.remove("data.pkl");
            Map<String, byte[]> rest = new LinkedHashMap<>(entries);
            for (int pos = 0; pos < pickle.length; pos++) {
                loadsOrFailsCleanly(CheckpointArchives.archive(Arrays.copyOf(pickle, pos), rest), name + " pickle truncated to " + pos);
                int replacement = REPLACEMENTS[pos % REPLACEMENTS.length];
                for (int value : new int[] {pickle[pos] ^ 0xFF, pickle[pos] ^ 1, replacement}) {
                    byte[] mutated = pickle.clone();
                    mutated[pos] = (byte) value;
                    loadsOrFailsCleanly(CheckpointArchives.archive(mutated, rest),
                            name + " pickle byte " + pos + " set to 0x" + Integer.toHexString(value & 0xFF));
                }
            }
            Random random = new Random(5);
            for (int round = 0; round < 2000; round++) {
                byte[] mutated = pickle.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    mutated[random.nextInt(mutated.length)] = (byte) REPLACEMENTS[random.nextInt(REPLACEMENTS.length)];
                }
                loadsOrFailsCleanly(CheckpointArchives.archive(mutated, rest), name + " pickle, random round " + round + " (seed 5)");
            }
        }));
    }
}
