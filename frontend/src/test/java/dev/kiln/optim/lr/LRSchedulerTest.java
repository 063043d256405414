package dev.kiln.optim.lr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.Tensor;
import dev.kiln.Torch;
import dev.kiln.optim.Adagrad;
import dev.kiln.optim.Adam;
import dev.kiln.optim.Optimizer;
import dev.kiln.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schedulers: the issue's LambdaLR examples verbatim, resuming from a state dict, and PyTorch's errors. */
class LRSchedulerTest {
    private static Tensor leaf(double... values) { return Torch.tensor(values).float32().requiresGrad_(); }

    private static void assertClose(List<Double> expected, List<Double> actual) {
        assertArrayEquals(expected.stream().mapToDouble(Double::doubleValue).toArray(), actual.stream().mapToDouble(Double::doubleValue).toArray(),
                1e-12);
    }

    private static void assertMessage(String expected, Runnable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call::run).getMessage());
    }

    /** The issue: LambdaLR with (e+1)^2 on SGD(lr=0.1) moves x = [1, 2] while the lr goes 0.4, 0.9, 1.6. */
    @Test
    void lambdaLrMovesXAsTheIssueSays() {
        Tensor x = leaf(1, 2);
        SGD sgd = new SGD(List.of(x), 0.1);
        LambdaLR scheduler = new LambdaLR(sgd, e -> (e + 1) * (e + 1));
        double[][] positions = {{0.9, 1.9}, {0.5, 1.5}, {-0.4, 0.6}};
        double[] lrs = {0.4, 0.9, 1.6};
        for (int i = 0; i < 3; i++) {
            sgd.zeroGrad();
            x.sum().backward();
            sgd.step();
            scheduler.step();
            assertArrayEquals(positions[i], x.toDoubleArray(), 1e-6);
            assertClose(List.of(lrs[i]), scheduler.getLastLr());
        }
    }

    /** The issue: two groups (lr 1 and 2) with lambdas (e+1)^2 and e+1 go [1, 2], [4, 4], [9, 6]. */
    @Test
    void lambdaLrPerGroupAsTheIssueSays() {
        SGD sgd = new SGD(List.of(Map.of("params", leaf(0), "lr", 1.0), Map.of("params", leaf(0), "lr", 2.0)), Map.of());
        LambdaLR scheduler = new LambdaLR(sgd, List.of(e -> (e + 1) * (e + 1), e -> e + 1));
        List<List<Double>> seen = new ArrayList<>();
        seen.add(scheduler.getLastLr());
        for (int i = 0; i < 2; i++) {
            sgd.step();
            scheduler.step();
            seen.add(scheduler.getLastLr());
        }
        assertEquals(List.of(List.of(1.0, 2.0), List.of(4.0, 4.0), List.of(9.0, 6.0)), seen);
    }

    /** PyTorch's way: load the optimizer's state, build the scheduler as new, then load its state. */
    @Test
    void resumesFromItsStateDict() {
        SGD first = new SGD(List.of(leaf(0)), 1.0);
        CosineAnnealingLR cosine = new CosineAnnealingLR(first, 7, 0.01);
        for (int i = 0; i < 4; i++) cosine.step();
        Map<String, Object> saved = cosine.stateDict();
        assertEquals(4L, saved.get("last_epoch"));

        SGD second = new SGD(List.of(leaf(0)), 1.0);
        second.loadStateDict(first.stateDict());
        CosineAnnealingLR resumed = new CosineAnnealingLR(second, 7, 0.01);
        resumed.loadStateDict(saved);
        for (int i = 0; i < 5; i++) {
            cosine.step();
            resumed.step();
            assertEquals(cosine.getLastLr(), resumed.getLastLr());
        }
    }

    @Test
    void sequentialLrStateHoldsItsSchedulers() {
        SGD sgd = new SGD(List.of(leaf(0)), 1.0);
        SequentialLR sequential = new SequentialLR(sgd, List.of(new LinearLR(sgd, 0.5, 1.0, 2), new ExponentialLR(sgd, 0.5)), List.of(2));
        for (int i = 0; i < 4; i++) sequential.step();
        assertClose(List.of(0.25), sequential.getLastLr());
        Map<String, Object> state = sequential.stateDict();
        assertEquals(List.of(2L), state.get("_milestones"));
        assertEquals(2, ((List<?>) state.get("_schedulers")).size());
    }

    @Test
    void reduceLrOnPlateauWaitsForPatience() {
        SGD sgd = new SGD(List.of(leaf(0)), 1.0);
        ReduceLROnPlateau plateau = new ReduceLROnPlateau(sgd, Map.of("patience", 2, "factor", 0.5));
        for (double metric : new double[] {3, 2, 2, 2}) plateau.step(Torch.scalarTensor(metric));
        assertClose(List.of(1.0), plateau.getLastLr());
        plateau.step(2.0);
        assertClose(List.of(0.5), plateau.getLastLr());
        assertEquals(2.0, plateau.best());
        assertEquals(0, plateau.numBadEpochs());
    }

    @Test
    void rejectsWhatPyTorchRejects() {
        Optimizer sgd = new SGD(List.of(leaf(0)), 0.1);
        Optimizer fresh = new SGD(List.of(leaf(0)), 0.1);
        assertMessage("param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer", () -> new StepLR(fresh, 2, 0.1, 3));
        assertMessage("Expected 1 lr_lambdas, but got 2", () -> new LambdaLR(sgd, List.of(e -> 1, e -> 1)));
        assertMessage("Starting multiplicative factor expected to be between 0 and 1.", () -> new LinearLR(sgd, 2, 1, 3));
        assertMessage("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, "
                + "but got number of schedulers 1 and the number of milestones to be equal to 1",
                () -> new SequentialLR(sgd, List.of(new StepLR(sgd, 2)), List.of(3)));
        assertMessage("mode best is unknown!", () -> new ReduceLROnPlateau(sgd, Map.of("mode", "best")));
        assertMessage("Factor should be < 1.0.", () -> new ReduceLROnPlateau(sgd, Map.of("factor", 2)));
        assertMessage("ReduceLROnPlateau() got an unexpected keyword argument 'patients'", () -> new ReduceLROnPlateau(sgd, Map.of("patients", 2)));
        assertMessage("You must define either total_steps OR (epochs AND steps_per_epoch)", () -> new OneCycleLR(sgd, Map.of("max_lr", 0.1)));
        assertMessage("optimizer must support momentum with `cycle_momentum` option enabled",
                () -> new OneCycleLR(new Adagrad(List.of(leaf(0))), 0.1, 10));
        OneCycleLR oneCycle = new OneCycleLR(new Adam(List.of(leaf(0))), 0.1, 2);
        oneCycle.step();
        oneCycle.step();
        assertMessage("Tried to step 4 times. The specified number of total steps is 2", oneCycle::step);
    }
}
