package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Module semantics as PyTorch's: traversal, registration errors, modes, conversion, state dicts, tied weights and repr. */
class ModuleTest {

    private static Sequential issueExample() { return new Sequential(new Linear(4, 2), new ReLU(), new Sequential(new Sigmoid(), new ReLU())); }

    private static List<String> classNames(List<Module> modules) { return modules.stream().map(Module::getName).toList(); }

    @Test
    void childrenAndModulesListAsPyTorch() {
        Sequential m = issueExample();
        assertEquals(List.of("Linear", "ReLU", "Sequential"), classNames(m.children()));
        assertEquals(List.of("", "0", "1", "2", "2.0", "2.1"), List.copyOf(m.namedModules().keySet()));
        assertEquals(List.of("Sequential", "Linear", "ReLU", "Sequential", "Sigmoid", "ReLU"), classNames(m.modules()));
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(List.of(), m.parameters(false));
        assertEquals("""
                Sequential(
                  (0): Linear(in_features=4, out_features=2, bias=True)
                  (1): ReLU()
                  (2): Sequential(
                    (0): Sigmoid()
                    (1): ReLU()
                  )
                )""", m.toString());
    }

    @Test
    void aModuleRegisteredTwiceIsListedOnce() {
        ReLU relu = new ReLU();
        Sequential m = new Sequential(relu, relu);
        assertEquals(List.of(relu), m.children());
        assertEquals(2, m.modules().size());
        assertEquals(List.of("", "0", "1"), List.copyOf(m.namedModules("", false).keySet()));
    }

    @Test
    void tiedWeightsAreSharedAndCountedOnce() {
        Linear a = new Linear(3, 3), b = new Linear(3, 3, false);
        b.registerParameter("weight", a.weight());
        Sequential m = new Sequential(a, b);
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight"), List.copyOf(m.stateDict().keySet()));
        m.to(Torch.float64);
        assertSame(a.weight(), b.weight());
        assertEquals(Torch.float64, b.weight().dtype());
        assertTrue(b.weight().requiresGrad());
    }

    @Test
    void registrationChecksNames() {
        Linear l = new Linear(2, 2);
        assertThrows(IllegalArgumentException.class, () -> l.registerBuffer("weight", Torch.zeros(2)), "attribute 'weight' already exists");
        IllegalArgumentException dot = assertThrows(IllegalArgumentException.class, () -> l.registerModule("a.b", new ReLU()));
        assertEquals("module name can't contain \".\", got: a.b", dot.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.registerParameter("", null));
        l.registerParameter("bias", null);
        assertNull(l.bias());
        assertEquals(List.of("weight"), List.copyOf(l.namedParameters().keySet()));
        assertEquals("Linear(in_features=2, out_features=2, bias=False)", l.toString());
    }

    @Test
    void getSubmoduleParameterAndBufferWithPyTorchsErrors() {
        Sequential m = new Sequential(new Linear(2, 3), new BatchNorm1d(3));
        assertSame(m.get(1), m.getSubmodule("1"));
        assertSame(((BatchNorm) m.get(1)).runningMean(), m.getBuffer("1.running_mean"));
        assertSame(((Linear) m.get(0)).weight(), m.getParameter("0.weight"));
        assertEquals("Linear has no attribute `foo`", assertThrows(IllegalArgumentException.class, () -> m.getSubmodule("0.foo")).getMessage());
        assertEquals("`running_mean` is not an nn.Parameter",
                assertThrows(IllegalArgumentException.class, () -> m.getParameter("1.running_mean")).getMessage());
        assertEquals("`weight` is not a buffer", assertThrows(IllegalArgumentException.class, () -> m.getBuffer("1.weight")).getMessage());
        assertEquals("`weight` is not an nn.Module", assertThrows(IllegalArgumentException.class, () -> m.getSubmodule("0.weight")).getMessage());
        assertEquals("index 2 is out of range", assertThrows(IndexOutOfBoundsException.class, () -> m.get(2)).getMessage());
        assertSame(m.getSubmodule("1"), m.get(-1));
    }

    @Test
    void trainEvalAndApplyReachEverySubmodule() {
        Sequential m = issueExample();
        m.eval();
        for (Module s : m.modules()) assertFalse(s.isTraining());
        m.train();
        for (Module s : m.modules()) assertTrue(s.isTraining());
        List<String> order = new ArrayList<>();
        m.apply(x -> order.add(x.getName()));
        assertEquals(List.of("Linear", "ReLU", "Sigmoid", "ReLU", "Sequential", "Sequential"), order);
    }

    @Test
    void stateDictHoldsParametersAndPersistentBuffersInOrder() {
        Sequential m = new Sequential(new Linear(2, 3), new BatchNorm1d(3));
        m.get(1).registerBuffer("scratch", Torch.zeros(3), false);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"),
                List.copyOf(m.stateDict().keySet()));
        assertTrue(m.namedBuffers().containsKey("1.scratch"));
        Tensor w = m.stateDict().get("0.weight");
        assertFalse(w.requiresGrad());
        assertSame(((Linear) m.get(0)).weight().data().storage(), w.data().storage());
    }

    @Test
    void stateDictRoundTripCopiesInPlace() {
        Sequential a = new Sequential(new Linear(2, 3), new BatchNorm1d(3)), b = new Sequential(new Linear(2, 3), new BatchNorm1d(3));
        Parameter before = ((Linear) b.get(0)).weight();
        assertEquals("<All keys matched successfully>", b.loadStateDict(a.stateDict()).toString());
        assertSame(before, ((Linear) b.get(0)).weight());
        a.stateDict().forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), b.stateDict().get(k).toDoubleArray(), k));
        assertTrue(before.requiresGrad());
        assertNull(before.gradFn());
    }

    @Test
    void strictLoadingReportsMissingAndUnexpectedKeysAsPyTorch() {
        Sequential m = new Sequential(new Linear(2, 3), new BatchNorm1d(3));
        Map<String, Tensor> sd = new LinkedHashMap<>(m.stateDict());
        sd.remove("0.bias");
        sd.put("extra.w", Torch.zeros(1));
        sd.put("1.foo", Torch.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(sd));
        assertEquals("Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: \"0.bias\". \n\t"
                + "Unexpected key(s) in state_dict: \"extra.w\", \"1.foo\". ", e.getMessage());
        assertEquals("_IncompatibleKeys(missing_keys=['0.bias'], unexpected_keys=['extra.w', '1.foo'])", m.loadStateDict(sd, false).toString());
        Map<String, Tensor> wrong = new LinkedHashMap<>(m.stateDict());
        wrong.put("0.weight", Torch.zeros(2, 2));
        assertEquals("Error(s) in loading state_dict for Sequential:\n\tsize mismatch for 0.weight: copying a param with shape "
                + "torch.Size([2, 2]) from checkpoint, the shape in current model is torch.Size([3, 2]).",
                assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(wrong, false)).getMessage());
    }

    @Test
    void zeroGradSetsToNoneOrZeroes() {
        Linear l = new Linear(3, 2);
        l.call(Torch.randn(4, 3)).sum().backward();
        l.zeroGrad(false);
        assertArrayEquals(new double[6], l.weight().grad().toDoubleArray());
        l.zeroGrad();
        assertNull(l.weight().grad());
        assertNull(l.bias().grad());
    }

    @Test
    void toConvertsFloatingParametersBuffersAndGradients() {
        BatchNorm1d bn = new BatchNorm1d(3);
        bn.weight().setGrad(Torch.ones(3));
        bn.to(Torch.float64);
        assertEquals(Torch.float64, bn.weight().dtype());
        assertEquals(Torch.float64, bn.weight().grad().dtype());
        assertEquals(Torch.float64, bn.runningMean().dtype());
        assertEquals(Torch.int64, bn.numBatchesTracked().dtype());
        assertSame(bn, bn.to("cpu"));
        assertThrows(IllegalArgumentException.class, () -> bn.to("cuda"));
        assertThrows(IllegalArgumentException.class, () -> bn.to(Torch.int32));
    }

    @Test
    void reprOfEveryLayerMatchesPyTorch() {
        Sequential big = new Sequential(new Conv2d(1, 8, 3, 1, 1), new BatchNorm2d(8), new LeakyReLU(), new MaxPool2d(2), new Dropout(0.25),
                new Flatten(), new Linear(128, 10, false), new LayerNorm(10), new GELU(), new Softmax(1), new Embedding(10, 3, 0L),
                new EmbeddingBag(10, 3, "sum"), new ConvTranspose2d(3, 2, 3, 2, 0, 1),
                new Conv1d(2, 2, 3, 1, "same", 1, 1, true, "reflect", Torch.float32), new AvgPool1d(2), new AvgPool2d(2),
                new AdaptiveAvgPool2d(2, 3), new GroupNorm(2, 4), new BatchNorm1d(4, 1e-5, null, true, true, Torch.float32), new Softplus(),
                new Hardtanh(), new Threshold(0.1, 20L), new Hardshrink(), new ELU(), new Bilinear(2, 3, 4), new Unflatten(1, 2, 5),
                new ReLU(true));
        assertEquals("""
                Sequential(
                  (0): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
                  (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                  (2): LeakyReLU(negative_slope=0.01)
                  (3): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
                  (4): Dropout(p=0.25, inplace=False)
                  (5): Flatten(start_dim=1, end_dim=-1)
                  (6): Linear(in_features=128, out_features=10, bias=False)
                  (7): LayerNorm((10,), eps=1e-05, elementwise_affine=True)
                  (8): GELU(approximate='none')
                  (9): Softmax(dim=1)
                  (10): Embedding(10, 3, padding_idx=0)
                  (11): EmbeddingBag(10, 3, mode=sum)
                  (12): ConvTranspose2d(3, 2, kernel_size=(3, 3), stride=(2, 2), output_padding=(1, 1))
                  (13): Conv1d(2, 2, kernel_size=(3,), stride=(1,), padding=same, padding_mode=reflect)
                  (14): AvgPool1d(kernel_size=(2,), stride=(2,), padding=(0,))
                  (15): AvgPool2d(kernel_size=2, stride=2, padding=0)
                  (16): AdaptiveAvgPool2d(output_size=(2, 3))
                  (17): GroupNorm(2, 4, eps=1e-05, affine=True)
                  (18): BatchNorm1d(4, eps=1e-05, momentum=None, affine=True, track_running_stats=True)
                  (19): Softplus(beta=1, threshold=20)
                  (20): Hardtanh(min_val=-1.0, max_val=1.0)
                  (21): Threshold(threshold=0.1, value=20)
                  (22): Hardshrink(0.5)
                  (23): ELU(alpha=1.0)
                  (24): Bilinear(in1_features=2, in2_features=3, out_features=4, bias=True)
                  (25): Unflatten(dim=1, unflattened_size=(2, 5))
                  (26): ReLU(inplace=True)
                )""", big.toString());
    }

    @Test
    void reprOfContainersAndParametersMatchesPyTorch() {
        ModuleDict md = new ModuleDict();
        md.put("a", new Linear(2, 2));
        md.put("b", new ModuleList(new Tanh(), new Identity()));
        assertEquals("""
                ModuleDict(
                  (a): Linear(in_features=2, out_features=2, bias=True)
                  (b): ModuleList(
                    (0): Tanh()
                    (1): Identity()
                  )
                )""", md.toString());
        ParameterList pl = new ParameterList(new Parameter(Torch.zeros(2, 3)), new Parameter(Torch.zeros(4)));
        assertEquals("""
                ParameterList(
                    (0): Parameter containing: [torch.float32 of size 2x3]
                    (1): Parameter containing: [torch.float32 of size 4]
                )""", pl.toString());
        ParameterDict pd = new ParameterDict();
        pd.put("w", new Parameter(Torch.zeros(2, 3)));
        assertEquals("ParameterDict(  (w): Parameter containing: [torch.FloatTensor of size 2x3])", pd.toString());
        assertEquals("Parameter containing:\ntensor([1., 2.], requires_grad=True)", new Parameter(Torch.tensor(new float[]{1, 2})).toString());
        assertThrows(UnsupportedOperationException.class, () -> md.invoke(Torch.zeros(1)));
    }

    @Test
    void parameterSharesStorageAndIsALeaf() {
        Tensor t = Torch.zeros(3);
        Parameter p = new Parameter(t);
        assertSame(t.data().storage(), p.data().storage());
        assertTrue(p.isLeaf() && p.requiresGrad());
        assertFalse(new Parameter(t, false).requiresGrad());
        assertNotSame(t, p);
    }

    @Test
    void readmeExampleRuns() {
        Sequential model = new Sequential(new Conv2d(1, 8, 3, 1, 1), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(8 * 4 * 4, 10));
        Tensor logits = model.call(Torch.randn(32, 1, 8, 8));
        model.zeroGrad();
        logits.logSoftmax(1).mean().neg().backward();
        for (Parameter p : model.parameters()) assertArrayEquals(p.sizes(), p.grad().sizes());
        model.eval();
        Map<String, Tensor> state = model.stateDict();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
                "5.weight", "5.bias"), List.copyOf(state.keySet()));
        assertEquals(1L, state.get("1.num_batches_tracked").item());
    }
}
