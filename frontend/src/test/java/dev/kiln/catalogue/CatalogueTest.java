package dev.kiln.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.golden.GoldenCases;
import dev.kiln.golden.GradGoldenCases;
import dev.kiln.ir.op.Lowering;
import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.schema.Schema;
import dev.kiln.ir.schema.SchemaType;
import dev.kiln.runtime.eager.Kernels;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every op in the catalogue is complete: its schema prints back to itself, it has a shape rule and a lowering,
 * a library op has a CPU kernel, and a golden fixture from PyTorch exercises it. Ops whose results PyTorch
 * cannot pin down (random sampling, uninitialised memory) are exempt here and tested by their own tests.
 */
class CatalogueTest {

    private static boolean goldenExempt(OpDef op) {
        boolean random = op.schema().arguments().stream().anyMatch(a -> a.type().base() == SchemaType.Base.GENERATOR);
        boolean uninitialised = op.schema().name().startsWith("empty");
        return random || uninitialised;
    }

    @Test
    void catalogueIsNotEmptyAndNamesAreUnique() {
        Set<String> names = new HashSet<>();
        for (OpDef op : OpCatalogue.all()) assertTrue(names.add(op.name()), "declared twice: " + op.name());
        assertTrue(names.size() > 5, "catalogue has " + names.size() + " ops");
    }

    @Test
    void schemasPrintBackToThemselves() {
        for (OpDef op : OpCatalogue.all()) {
            Schema reparsed = Schema.parse(op.schema().toString());
            assertEquals(op.schema().toString(), reparsed.toString(), op.name());
            assertEquals(op.schema().fullName(), reparsed.fullName(), op.name());
        }
    }

    @Test
    void everyLibraryOpHasACpuKernel() {
        List<String> missing = OpCatalogue.all().stream()
                .filter(op -> op.lowering() instanceof Lowering.Library && !Kernels.has(op))
                .map(OpDef::name).toList();
        assertEquals(List.of(), missing, "library ops without a CPU kernel");
    }

    @Test
    void everyOpHasGoldenValuesFromPyTorch() throws IOException, URISyntaxException {
        Set<String> covered = new HashSet<>();
        Path dir = Path.of(CatalogueTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String family = f.getFileName().toString().replace(".json", "");
                if (family.equals("repr") || family.startsWith("grad_")) continue;
                covered.addAll(GoldenCases.load(family).ops());
            }
        }
        List<String> missing = OpCatalogue.all().stream()
                .filter(op -> !goldenExempt(op) && !covered.contains(op.name()))
                .map(OpDef::name).toList();
        assertEquals(List.of(), missing, "ops without a golden case in tools/golden/gen_*.py");
    }

    @Test
    void everyOpSaysHowGradientsFlowThroughIt() {
        List<String> missing = OpCatalogue.all().stream()
                .filter(op -> !(op.lowering() instanceof Lowering.Composite) && op.derivative() == null)
                .map(OpDef::name).toList();
        assertEquals(List.of(), missing, "ops with neither a derivative nor .nonDifferentiable() (composites record what they expand into)");
    }

    @Test
    void everyDifferentiableOpHasGoldenGradientsFromPyTorch() throws IOException, URISyntaxException {
        Set<String> covered = new HashSet<>();
        Path dir = Path.of(CatalogueTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("grad_")).toList()) {
                covered.addAll(GradGoldenCases.load(f.getFileName().toString().replace(".json", "")).ops());
            }
        }
        List<String> missing = OpCatalogue.all().stream()
                .filter(op -> !op.isInplace() && op.derivative() != null && op.derivative().isDifferentiable())
                .filter(op -> !covered.contains(op.name()))
                .map(OpDef::name).toList();
        assertEquals(List.of(), missing, "differentiable ops without a golden gradient case in tools/golden/gen_grad_*.py");
    }
}
