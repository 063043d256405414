package dev.kiln.ir.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.type.DType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
        "add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)",
        "max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
        "sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
        "index.Tensor(Tensor self, Tensor?[] indices) -> Tensor",
        "split.Tensor(Tensor(a -> *) self, int split_size, int dim=0) -> Tensor(a)[]",
        "conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, int[2] padding=0, int[2] dilation=1, int groups=1) -> Tensor",
        "layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enable=True) -> Tensor",
        "div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor",
        "pad(Tensor self, SymInt[] pad, str mode=\"constant\", float? value=None) -> Tensor",
        "zeros(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
        "prim::NumToTensor.Scalar(Scalar a) -> Tensor",
        "empty.memory_format(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
    })
    void parsesAndPrintsBack(String text) {
        Schema s = Schema.parse(text);
        String printed = s.toString();
        assertEquals(printed, Schema.parse(printed).toString());
        assertEquals(text.replace("SymInt", "int"), (s.namespace().equals("aten") ? "" : s.namespace() + "::") + printed);
    }

    @Test
    void exposesNamesArgumentsAndAliasing() {
        Schema s = Schema.parse("add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)");
        assertEquals("aten::add_.Tensor", s.fullName());
        assertEquals("aten::add_", s.qualifiedName());
        assertTrue(s.isMutating());
        assertTrue(s.arguments().get(2).kwargOnly());
        assertEquals(1L, s.arguments().get(2).defaultValue());
        Schema max = Schema.parse("max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)");
        assertEquals(List.of("values", "indices"), max.returns().stream().map(Argument::name).toList());
    }

    @Test
    void bindsPositionalKeywordAndDefaults() {
        Schema s = Schema.parse("sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor");
        Object self = new Object();
        Schema anyTensor = Schema.parse("f(Any self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor");
        Object[] bound = Binder.bind(anyTensor, List.of(self, 1), Map.of("dtype", "float64"));
        assertArrayEquals(new long[]{1}, (long[]) bound[1]);
        assertEquals(false, bound[2]);
        assertEquals(DType.FLOAT64, bound[3]);
        assertThrows(Binder.Mismatch.class, () -> Binder.bind(s, List.of(self, 1), Map.of()), "self must be a tensor");
        Binder.Mismatch unknown = assertThrows(Binder.Mismatch.class, () -> Binder.bind(anyTensor, List.of(self, 1), Map.of("dtyp", "float64")));
        assertTrue(unknown.getMessage().contains("unexpected keyword argument 'dtyp'"), unknown.getMessage());
        Binder.Mismatch missing = assertThrows(Binder.Mismatch.class, () -> Binder.bind(anyTensor, List.of(self), Map.of()));
        assertTrue(missing.getMessage().contains("missing value for argument 'dim'"), missing.getMessage());
    }

    @Test
    void expandsFixedLengthIntListsAndAcceptsNone() {
        Schema s = Schema.parse("f(Any x, int[2] stride=1, Tensor? bias=None) -> Tensor");
        Object[] bound = Binder.bind(s, List.of(new Object(), 3), Map.of());
        assertArrayEquals(new long[]{3, 3}, (long[]) bound[1]);
        assertNull(bound[2]);
        Binder.Mismatch notInts = assertThrows(Binder.Mismatch.class, () -> Binder.bind(s, List.of(new Object(), "2"), Map.of()));
        assertTrue(notInts.getMessage().contains("argument 'stride' must be int[2]"), notInts.getMessage());
    }

    @Test
    void fixedLengthIntListsDefaultingToEmptyTakeAnEmptyList() {
        Schema s = Schema.parse("f(Any x, int[2] kernel_size, int[2] stride=[], int[2] padding=0) -> Tensor");
        Object x = new Object();
        assertArrayEquals(new long[0], (long[]) Binder.bind(s, List.of(x, 2), Map.of())[2]);
        assertArrayEquals(new long[0], (long[]) Binder.bind(s, List.of(x, 2, new long[0]), Map.of())[2]);
        assertThrows(Binder.Mismatch.class, () -> Binder.bind(s, List.of(x, new long[0]), Map.of()), "kernel_size has no empty default");
        assertThrows(Binder.Mismatch.class, () -> Binder.bind(s, List.of(x, 2, 1, new long[0]), Map.of()), "nor has padding");
    }

    @Test
    void reportsTheColumnOfASyntaxError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schema.parse("add(Tensor self, Tensr other) -> Tensor"));
        assertTrue(e.getMessage().contains("unknown schema type 'Tensr'"), e.getMessage());
        assertTrue(e.getMessage().contains("^"), e.getMessage());
    }
}
