package dev.kiln.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.op.OpCatalogue;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.aten.PointwiseOps;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PointwiseGoldenTest {
    @TestFactory
    Stream<DynamicTest> pointwise() { return GoldenCases.load("pointwise").tests(); }

    @Test
    void everyPointwiseOpAndInplaceVariantHasGoldenCases() throws IllegalAccessException {
        Set<String> covered = new HashSet<>(GoldenCases.load("pointwise").ops());
        Set<OpDef> declared = new HashSet<>();
        for (Field f : PointwiseOps.class.getFields()) {
            if (f.get(null) instanceof OpDef op) declared.add(op);
        }
        List<String> missing = new ArrayList<>();
        for (OpDef op : OpCatalogue.all()) {
            boolean ours = declared.contains(op) || op.isInplace() && declared.contains(op.functional());
            if (ours && !covered.contains(op.name())) missing.add(op.name());
        }
        assertEquals(List.of(), missing);
    }
}
