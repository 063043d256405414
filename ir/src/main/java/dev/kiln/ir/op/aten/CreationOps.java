package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.ShapeRule;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.schema.Schema;
import java.util.function.Function;

/**
 * Tensor factories: constant fills, ranges, identity, and random sampling. All are library ops (each backend
 * allocates and fills its own memory); random ops take an optional {@code Generator} whose counter-based
 * stream makes results independent of the thread count. No gradient flows through a factory; sampling from
 * tensor parameters (bernoulli, normal, the in-place fills) is differentiable with zero gradients, as in PyTorch,
 * so that the result of sampling into a tensor that requires grad still has a grad function.
 */
public final class CreationOps {
    private CreationOps() {}

    private static final String OPTIONS = "ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None";
    private static final String INT_OPTIONS = "ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None";
    private static final String LIKE = "*, " + OPTIONS + ", MemoryFormat? memory_format=None) -> Tensor";
    private static final String GEN = "*, Generator? generator=None) -> Tensor";

    private static OpDef op(String schema, Function<String, ShapeRule> rule) { return op(schema, rule, Derivative.none()); }

    private static OpDef op(String schema, Function<String, ShapeRule> rule, Derivative derivative) {
        return declare(schema).rule(rule.apply(Schema.parse(schema).fullName())).library().derivative(derivative).build();
    }

    /** The gradient PyTorch gives the parameters of sampling: zeros of each input's sizes and dtype. */
    private static Derivative zeroGradients(String backwardName, String... inputs) {
        Derivative.Term[] terms = new Derivative.Term[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            String input = inputs[i];
            terms[i] = wrt(input, g -> {
                TensorMeta m = g.meta(input);
                return g.ops().call(ZEROS, m.sizes(), m.dtype(), null, m.device(), null);
            });
        }
        return Derivative.of(terms).named(backwardName);
    }

    // ---- constant fills ----

    public static final OpDef EMPTY = op("empty.memory_format(SymInt[] size, *, " + OPTIONS
            + ", MemoryFormat? memory_format=None) -> Tensor", n -> CreationRules.sized(n, 1, CreationRules.DEFAULT_DTYPE));
    public static final OpDef ZEROS = op("zeros(SymInt[] size, *, " + OPTIONS + ") -> Tensor",
            n -> CreationRules.sized(n, 1, CreationRules.DEFAULT_DTYPE));
    public static final OpDef ONES = op("ones(SymInt[] size, *, " + OPTIONS + ") -> Tensor",
            n -> CreationRules.sized(n, 1, CreationRules.DEFAULT_DTYPE));
    public static final OpDef FULL = op("full(SymInt[] size, Scalar fill_value, *, " + OPTIONS + ") -> Tensor", CreationRules::full);
    public static final OpDef SCALAR_TENSOR = op("scalar_tensor(Scalar s, *, " + OPTIONS + ") -> Tensor", CreationRules::scalarTensor);
    public static final OpDef EMPTY_LIKE = op("empty_like(Tensor self, " + LIKE, n -> CreationRules.like(n, 1));
    public static final OpDef ZEROS_LIKE = op("zeros_like(Tensor self, " + LIKE, n -> CreationRules.like(n, 1));
    public static final OpDef ONES_LIKE = op("ones_like(Tensor self, " + LIKE, n -> CreationRules.like(n, 1));
    public static final OpDef FULL_LIKE = op("full_like(Tensor self, Scalar fill_value, " + LIKE, CreationRules::fullLike);

    // ---- ranges and identity ----

    public static final OpDef ARANGE = op("arange(Scalar end, *, " + OPTIONS + ") -> Tensor",
            n -> CreationRules.arange(n, -1, 0, -1, 1));
    public static final OpDef ARANGE_START = op("arange.start(Scalar start, Scalar end, *, " + OPTIONS + ") -> Tensor",
            n -> CreationRules.arange(n, 0, 1, -1, 2));
    public static final OpDef ARANGE_START_STEP = op("arange.start_step(Scalar start, Scalar end, Scalar step=1, *, " + OPTIONS
            + ") -> Tensor", n -> CreationRules.arange(n, 0, 1, 2, 3));
    public static final OpDef LINSPACE = op("linspace(Scalar start, Scalar end, int steps, *, " + OPTIONS + ") -> Tensor",
            n -> CreationRules.spaced(n, 3, false));
    public static final OpDef LOGSPACE = op("logspace(Scalar start, Scalar end, int steps, float base=10., *, " + OPTIONS
            + ") -> Tensor", n -> CreationRules.spaced(n, 4, true));
    public static final OpDef EYE = op("eye(int n, *, " + OPTIONS + ") -> Tensor", n -> CreationRules.eye(n, true));
    public static final OpDef EYE_M = op("eye.m(int n, int m, *, " + OPTIONS + ") -> Tensor", n -> CreationRules.eye(n, false));

    // ---- random sampling ----

    public static final OpDef RAND = op("rand(int[] size, *, " + OPTIONS + ") -> Tensor", n -> RandomRules.floating(n, 1));
    public static final OpDef RAND_GENERATOR = op("rand.generator(int[] size, *, Generator? generator, " + OPTIONS + ") -> Tensor",
            n -> RandomRules.floating(n, 2));
    public static final OpDef RANDN = op("randn(int[] size, *, " + OPTIONS + ") -> Tensor", n -> RandomRules.floating(n, 1));
    public static final OpDef RANDN_GENERATOR = op("randn.generator(int[] size, *, Generator? generator, " + OPTIONS + ") -> Tensor",
            n -> RandomRules.floating(n, 2));
    public static final OpDef RANDINT = op("randint(int high, int[] size, *, " + INT_OPTIONS + ") -> Tensor",
            n -> RandomRules.randint(n, -1, 2));
    public static final OpDef RANDINT_GENERATOR = op("randint.generator(int high, int[] size, *, Generator? generator, " + INT_OPTIONS
            + ") -> Tensor", n -> RandomRules.randint(n, -1, 3));
    public static final OpDef RANDINT_LOW = op("randint.low(int low, int high, int[] size, *, " + INT_OPTIONS + ") -> Tensor",
            n -> RandomRules.randint(n, 0, 3));
    public static final OpDef RANDINT_LOW_GENERATOR = op("randint.low_generator(int low, int high, int[] size, *, "
            + "Generator? generator, " + INT_OPTIONS + ") -> Tensor", n -> RandomRules.randint(n, 0, 4));
    public static final OpDef RANDPERM = op("randperm(int n, *, " + INT_OPTIONS + ") -> Tensor", n -> RandomRules.randperm(n, 1));
    public static final OpDef RANDPERM_GENERATOR = op("randperm.generator(int n, *, Generator? generator, " + INT_OPTIONS
            + ") -> Tensor", n -> RandomRules.randperm(n, 2));
    public static final OpDef RAND_LIKE = op("rand_like(Tensor self, " + LIKE, RandomRules::floatingLike);
    public static final OpDef RANDN_LIKE = op("randn_like(Tensor self, " + LIKE, RandomRules::floatingLike);
    public static final OpDef RANDINT_LIKE = op("randint_like(Tensor self, int high, " + LIKE, n -> RandomRules.randintLike(n, false));
    public static final OpDef RANDINT_LIKE_LOW = op("randint_like.low_dtype(Tensor self, int low, int high, " + LIKE,
            n -> RandomRules.randintLike(n, true));

    public static final OpDef NORMAL_TENSOR_FLOAT = op("normal.Tensor_float(Tensor mean, float std=1., " + GEN,
            n -> RandomRules.normalTensors(n, true, false), zeroGradients("NormalBackward1", "mean"));
    public static final OpDef NORMAL_FLOAT_TENSOR = op("normal.float_Tensor(float mean, Tensor std, " + GEN,
            n -> RandomRules.normalTensors(n, false, true), zeroGradients("NormalBackward2", "std"));
    public static final OpDef NORMAL_TENSOR_TENSOR = op("normal.Tensor_Tensor(Tensor mean, Tensor std, " + GEN,
            n -> RandomRules.normalTensors(n, true, true), zeroGradients("NormalBackward3", "mean", "std"));
    public static final OpDef NORMAL_FLOAT_FLOAT = op("normal.float_float(float mean, float std, int[] size, *, "
            + "Generator? generator=None, " + OPTIONS + ") -> Tensor", RandomRules::normalSized);
    public static final OpDef BERNOULLI = op("bernoulli(Tensor self, " + GEN, n -> RandomRules.bernoulli(n, RandomRules.Kind.SELF),
            zeroGradients("BernoulliBackward0", "self"));
    public static final OpDef BERNOULLI_P = op("bernoulli.p(Tensor self, float p, " + GEN,
            n -> RandomRules.bernoulli(n, RandomRules.Kind.FLOAT));
    public static final OpDef BERNOULLI_TENSOR = op("bernoulli.Tensor(Tensor self, Tensor p, " + GEN,
            n -> RandomRules.bernoulli(n, RandomRules.Kind.TENSOR), zeroGradients("BernoulliBackward1", "self", "p"));
    public static final OpDef MULTINOMIAL = op("multinomial(Tensor self, int num_samples, bool replacement=False, " + GEN,
            RandomRules::multinomial);

    // ---- in-place sampling ----

    public static final OpDef UNIFORM_ = op("uniform_(Tensor(a!) self, float from=0., float to=1., *, Generator? generator=None)"
            + " -> Tensor(a!)", n -> RandomRules.fillFloating(n, true), zeroGradients("UniformBackward0", "self"));
    public static final OpDef NORMAL_ = op("normal_(Tensor(a!) self, float mean=0., float std=1., *, Generator? generator=None)"
            + " -> Tensor(a!)", n -> RandomRules.fillFloating(n, false), zeroGradients("NormalBackward0", "self"));
    public static final OpDef BERNOULLI_FLOAT_ = op("bernoulli_.float(Tensor(a!) self, float p=0.5, *, Generator? generator=None)"
            + " -> Tensor(a!)", n -> RandomRules.bernoulli(n, RandomRules.Kind.FLOAT), zeroGradients("BernoulliBackward2", "self"));
    public static final OpDef BERNOULLI_TENSOR_ = op("bernoulli_.Tensor(Tensor(a!) self, Tensor p, *, Generator? generator=None)"
            + " -> Tensor(a!)", n -> RandomRules.bernoulli(n, RandomRules.Kind.TENSOR), zeroGradients("BernoulliBackward1", "self", "p"));
}
