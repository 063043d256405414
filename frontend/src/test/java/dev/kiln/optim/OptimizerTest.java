package dev.kiln.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Tensor;
import dev.kiln.ThreadCounts;
import dev.kiln.Torch;
import dev.kiln.autograd.Autograd;
import dev.kiln.autograd.GradMode;
import dev.kiln.ir.type.DType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The {@link Optimizer} contract: parameter groups, zeroGrad, closures, state dicts and PyTorch's errors. */
class OptimizerTest {
    private static Tensor leaf(double... values) { return Torch.tensor(values).float32().requiresGrad_(); }

    private static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void groupsGetTheDefaultsTheyDoNotSet() {
        Tensor a = leaf(1, 2), b = leaf(3);
        SGD sgd = new SGD(List.of(Map.of("params", a), Map.of("params", List.of(b), "lr", 1e-3, "momentum", 0)),
                Map.of("lr", 1e-2, "momentum", 0.9));
        assertEquals(2, sgd.paramGroups().size());
        assertEquals(List.of(a), sgd.paramGroups().get(0).params());
        assertEquals(1e-2, sgd.paramGroups().get(0).lr());
        assertEquals(0.9, sgd.paramGroups().get(0).getDouble("momentum"));
        assertEquals(1e-3, sgd.paramGroups().get(1).lr());
        assertEquals(0.0, sgd.paramGroups().get(1).get("momentum"), "integers become doubles");
        assertEquals(List.of("lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable"),
                List.copyOf(sgd.paramGroups().get(0).options().keySet()), "PyTorch's key order");
        Tensor c = leaf(4);
        sgd.addParamGroup(Map.of("params", c, "nesterov", true));
        assertEquals(3, sgd.paramGroups().size());
        assertEquals(true, sgd.paramGroups().get(2).get("nesterov"));
    }

    @Test
    void rejectsWhatPyTorchRejects() {
        Tensor a = leaf(1, 2);
        assertMessage("optimizer got an empty parameter list", () -> new SGD(List.<Tensor>of(), 0.1));
        assertMessage("some parameters appear in more than one parameter group",
                () -> new SGD(List.of(Map.of("params", a), Map.of("params", List.of(a))), Map.of("lr", 0.1)));
        assertMessage("can't optimize a non-leaf Tensor", () -> new SGD(List.of(a.mul(2)), 0.1));
        assertMessage("parameter group didn't specify a value of required optimization parameter lr",
                () -> new SGD(List.of(Map.of("params", a)), Map.of()));
        assertMessage("SGD() got an unexpected keyword argument 'momentun'", () -> new SGD(List.of(a), Map.of("lr", 0.1, "momentun", 0.9)));
        assertMessage("Invalid learning rate: -0.1", () -> new SGD(List.of(a), -0.1));
        assertMessage("Nesterov momentum requires a momentum and zero dampening",
                () -> new SGD(List.of(a), Map.of("lr", 0.1, "nesterov", true)));
        assertMessage("Invalid beta parameter at index 1: 1.0", () -> new Adam(List.of(a), Map.of("betas", List.of(0.9, 1.0))));
        assertMessage("Invalid epsilon value: -1e-08", () -> new AdamW(List.of(a), Map.of("eps", -1e-8)));
        assertMessage("Invalid alpha value: -0.5", () -> new RMSprop(List.of(a), Map.of("alpha", -0.5)));
        assertMessage("Invalid lr_decay value: -1.0", () -> new Adagrad(List.of(a), Map.of("lr_decay", -1)));
        Set<Tensor> unordered = Set.of(a);
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(Map.of("params", unordered)), Map.of("lr", 0.1)));
        new SGD(List.of(Map.of("params", new LinkedHashSet<>(List.of(a)))), Map.of("lr", 0.1));
    }

    @Test
    void zeroGradClearsOrZeroesInPlace() {
        Tensor a = leaf(1, 2);
        SGD sgd = new SGD(List.of(a), 0.1);
        a.mul(3).sum().backward();
        Tensor grad = a.grad();
        sgd.zeroGrad(false);
        assertSame(grad, a.grad());
        assertArrayEquals(new double[] {0, 0}, grad.toDoubleArray());
        sgd.zeroGrad();
        assertNull(a.grad());
    }

    @Test
    void stepRunsTheClosureWithGradientsAndReturnsItsLoss() {
        Tensor x = leaf(3, -2);
        SGD sgd = new SGD(List.of(x), Map.of("lr", 0.1, "momentum", 0.5));
        Tensor loss = null;
        for (int i = 0; i < 200; i++) {
            try (GradMode.Scope noGrad = Autograd.noGrad()) {
                loss = sgd.step(() -> {
                    sgd.zeroGrad();
                    Tensor l = x.sub(1).pow(2).sum();
                    l.backward();
                    return l;
                });
            }
        }
        assertTrue(loss.itemDouble() < 1e-8, "converged: " + loss);
        assertArrayEquals(new double[] {1, 1}, x.toDoubleArray(), 1e-4);
        assertTrue(x.isLeaf() && x.requiresGrad(), "updated in place, still a leaf");
    }

    @Test
    void parametersWithoutGradientAreLeftAloneAndGetNoState() {
        Tensor a = leaf(1), b = leaf(2);
        Adam adam = new Adam(List.of(a, b));
        a.setGrad(Torch.tensor(new double[] {1}).float32());
        adam.step();
        assertEquals(2.0, b.toDoubleArray()[0]);
        assertEquals(Set.of(0), ((Map<?, ?>) adam.stateDict().get("state")).keySet());
    }

    /** Runs {@code steps} Adam steps with fixed gradients from {@code start}; returns the parameters. */
    private static List<Tensor> train(Optimizer optimizer, List<Tensor> params, int steps) {
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < params.size(); i++) params.get(i).setGrad(Torch.fullLike(params.get(i), 0.1 * (s + 1) * (i + 1)));
            optimizer.step();
        }
        return params;
    }

    @Test
    void stateDictRoundTripResumesTraining() {
        Function<List<Tensor>, Optimizer> make = ps -> new Adam(List.of(Map.of("params", ps.get(0)), Map.of("params", ps.get(1), "lr", 0.05)),
                Map.of("lr", 0.01, "amsgrad", true));
        List<Tensor> straight = List.of(leaf(1, 2, 3), leaf(-1));
        Optimizer reference = make.apply(straight);
        train(reference, straight, 5);

        List<Tensor> resumed = List.of(leaf(1, 2, 3), leaf(-1));
        Optimizer first = make.apply(resumed);
        train(first, resumed, 2);
        Map<String, Object> saved = first.stateDict();
        Optimizer second = make.apply(resumed);
        second.paramGroups().get(1).setLr(123);
        second.loadStateDict(saved);
        assertEquals(0.05, second.paramGroups().get(1).lr(), "options come from the state dict");
        assertNotSame(first.state(resumed.get(0)).get("exp_avg"), second.state(resumed.get(0)).get("exp_avg"), "a deep copy");
        for (int s = 2; s < 5; s++) {
            for (int i = 0; i < resumed.size(); i++) resumed.get(i).setGrad(Torch.fullLike(resumed.get(i), 0.1 * (s + 1) * (i + 1)));
            second.step();
        }
        for (int i = 0; i < 2; i++) assertArrayEquals(straight.get(i).toDoubleArray(), resumed.get(i).toDoubleArray());
    }

    @Test
    void stateDictLayoutIsPyTorchs() {
        Tensor a = leaf(1, 2), b = leaf(3);
        SGD sgd = new SGD(List.of(Map.of("params", List.of(a)), Map.of("params", List.of(b))), Map.of("lr", 0.1, "momentum", 0.9));
        a.setGrad(Torch.onesLike(a));
        b.setGrad(Torch.onesLike(b));
        sgd.step();
        Map<String, Object> sd = sgd.stateDict();
        assertEquals(List.of("state", "param_groups"), List.copyOf(sd.keySet()));
        Map<?, ?> state = (Map<?, ?>) sd.get("state");
        assertEquals(List.of(0, 1), List.copyOf(state.keySet()));
        assertSame(sgd.state(b).get("momentum_buffer"), ((Map<?, ?>) state.get(1)).get("momentum_buffer"));
        List<?> groups = (List<?>) sd.get("param_groups");
        assertEquals(List.of(0), ((Map<?, ?>) groups.get(0)).get("params"));
        assertEquals(List.of(1), ((Map<?, ?>) groups.get(1)).get("params"));
        assertEquals("params", List.copyOf(((Map<?, ?>) groups.get(1)).keySet()).getLast());
    }

    @Test
    void loadStateDictChecksGroupsAndCastsToTheParameterDtype() {
        Tensor a = leaf(1, 2), b = leaf(3);
        Adam source = new Adam(List.of(Map.of("params", List.of(a.detach().float64().requiresGrad_())), Map.of("params", List.of(b))), Map.of());
        source.paramGroups().getFirst().params().getFirst().setGrad(Torch.ones(2).float64());
        source.step();
        Map<String, Object> saved = source.stateDict();
        assertMessage("loaded state dict has a different number of parameter groups", () -> new Adam(List.of(a)).loadStateDict(saved));
        assertMessage("loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
                () -> new Adam(List.of(Map.of("params", List.of(a, leaf(0))), Map.of("params", List.of(b))), Map.of()).loadStateDict(saved));
        Adam target = new Adam(List.of(Map.of("params", List.of(a)), Map.of("params", List.of(b))), Map.of());
        target.loadStateDict(saved);
        assertEquals(DType.FLOAT32, ((Tensor) target.state(a).get("exp_avg")).dtype());
        assertEquals(DType.FLOAT32, ((Tensor) target.state(a).get("step")).dtype(), "step keeps its own dtype");
    }

    @Test
    @SuppressWarnings("unchecked")
    void numericStepsFromOlderCheckpointsBecomeTensors() {
        Tensor a = leaf(1);
        Adagrad adagrad = new Adagrad(List.of(a));
        Map<String, Object> saved = adagrad.stateDict();
        ((Map<String, Object>) ((Map<?, ?>) saved.get("state")).get(0)).put("step", 3L);
        adagrad.loadStateDict(saved);
        assertEquals(3.0, ((Tensor) adagrad.state(a).get("step")).itemDouble());
    }

    @Test
    void adagradStateExistsBeforeTheFirstStep() {
        Tensor a = leaf(1, 2);
        Adagrad adagrad = new Adagrad(List.of(a), Map.of("initial_accumulator_value", 0.5));
        assertArrayEquals(new double[] {0.5, 0.5}, ((Tensor) adagrad.state(a).get("sum")).toDoubleArray());
        assertEquals(0.0, ((Tensor) adagrad.state(a).get("step")).itemDouble());
    }

    @Test
    void printsLikePyTorch() {
        SGD sgd = new SGD(List.of(leaf(1)), Map.of("lr", 0.1, "weight_decay", 1e-5));
        assertEquals("SGD (\nParameter Group 0\n    dampening: 0.0\n    differentiable: False\n    foreach: None\n    lr: 0.1\n"
                + "    maximize: False\n    momentum: 0.0\n    nesterov: False\n    weight_decay: 1e-05\n)", sgd.toString());
        assertTrue(new Adam(List.of(leaf(1))).toString().contains("    betas: (0.9, 0.999)\n    capturable: False\n    differentiable: False\n    eps: 1e-08\n"));
    }

    @Test
    void sameResultsOnOneAndTwoThreads() {
        ThreadCounts.assertIndependent(() -> {
            List<double[]> out = new ArrayList<>();
            for (Function<List<Tensor>, Optimizer> make : List.<Function<List<Tensor>, Optimizer>>of(
                    ps -> new SGD(ps, Map.of("lr", 0.1, "momentum", 0.9, "nesterov", true, "weight_decay", 0.01)),
                    ps -> new Adam(ps, Map.of("amsgrad", true)), AdamW::new,
                    ps -> new RMSprop(ps, Map.of("centered", true, "momentum", 0.5)), Adagrad::new)) {
                Torch.manualSeed(7);
                Tensor big = Torch.randn(301, 257).t().requiresGrad_();
                List<Tensor> params = List.of(big);
                Optimizer optimizer = make.apply(params);
                for (int s = 0; s < 3; s++) {
                    big.setGrad(big.detach().sin().add(s));
                    optimizer.step();
                }
                out.add(big.toDoubleArray());
            }
            return out.toArray(double[][]::new);
        });
    }
}
