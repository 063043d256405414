package dev.kiln.ir.op.aten;

import static dev.kiln.ir.op.Derivative.uses;
import static dev.kiln.ir.op.Derivative.wrt;
import static dev.kiln.ir.op.OpDef.declare;

import dev.kiln.ir.op.Derivative;
import dev.kiln.ir.op.OpDef;
import dev.kiln.ir.op.ShapeRule;
import dev.kiln.ir.op.TensorMeta;
import dev.kiln.ir.schema.Schema;
import java.util.function.Function;

/**
 * The losses of {@code torch.nn.functional} and the distances they use, with PyTorch 1.13's aten schemas; the
 * reduction is aten's int enum (0 none, 1 mean, 2 sum). All are composites ({@link LossComposites}). Those PyTorch
 * differentiates as a whole ({@code mse_loss}, {@code smooth_l1_loss}, {@code huber_loss}, {@code nll_loss},
 * {@code nll_loss2d}, {@code binary_cross_entropy}, {@code binary_cross_entropy_with_logits}) also declare its derivative
 * ({@link LossGrads}), so they are recorded as one backward function of PyTorch's name with a gradient that is one
 * fused expression; the others are recorded as the ops they expand into, as in PyTorch. The rules are {@link LossRules}.
 */
public final class LossOps {
    private LossOps() {}

    private static OpDef.Builder op(String schema, Function<String, ShapeRule> rule) {
        return declare(schema).rule(rule.apply(Schema.parse(schema).fullName()));
    }

    private static final String[] SELF_TARGET = {"self", "target"};
    private static final String[] SELF_TARGET_WEIGHT = {"self", "target", "weight"};
    private static final String[] LOGITS_SAVED = {"self", "target", "weight", "pos_weight"};

    // ---- regression ----

    public static final OpDef MSE_LOSS = op("mse_loss(Tensor self, Tensor target, int reduction=1) -> Tensor",
            n -> a -> LossRules.elementwise(n, "mse_cpu", t(a, 0), t(a, 1), a[2]))
            .composite((b, a) -> LossComposites.mse(b, a[0], a[1], (Long) a[2]))
            .derivative(wrt("self", uses(SELF_TARGET), g -> LossGrads.mse(g, "self", "target")),
                    wrt("target", uses(SELF_TARGET), g -> LossGrads.mse(g, "target", "self")))
            .build();
    public static final OpDef L1_LOSS = op("l1_loss(Tensor self, Tensor target, int reduction=1) -> Tensor",
            n -> a -> LossRules.l1(n, t(a, 0), t(a, 1), a[2]))
            .composite((b, a) -> LossComposites.l1(b, a[0], a[1], (Long) a[2]))
            .build();
    public static final OpDef SMOOTH_L1_LOSS = op("smooth_l1_loss(Tensor self, Tensor target, int reduction=1, float beta=1.) -> Tensor",
            n -> a -> LossRules.smoothL1(n, t(a, 0), t(a, 1), a[2], (Double) a[3]))
            .composite((b, a) -> LossComposites.smoothL1(b, a[0], a[1], (Long) a[2], (Double) a[3]))
            .derivative(wrt("self", uses(SELF_TARGET), g -> LossGrads.smoothL1(g, "self", "target")),
                    wrt("target", uses(SELF_TARGET), g -> LossGrads.smoothL1(g, "target", "self")))
            .build();
    public static final OpDef HUBER_LOSS = op("huber_loss(Tensor self, Tensor target, int reduction=1, float delta=1.) -> Tensor",
            n -> a -> LossRules.huber(n, t(a, 0), t(a, 1), a[2], (Double) a[3]))
            .composite((b, a) -> LossComposites.huber(b, a[0], a[1], (Long) a[2], (Double) a[3]))
            .derivative(wrt("self", uses(SELF_TARGET), g -> LossGrads.huber(g, "self", "target")),
                    wrt("target", uses(SELF_TARGET), g -> LossGrads.huber(g, "target", "self")))
            .build();

    // ---- classification ----

    public static final OpDef NLL_LOSS = op("nll_loss(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, "
            + "int ignore_index=-100) -> Tensor",
            n -> a -> LossRules.nllLoss(n, t(a, 0), t(a, 1), t(a, 2), a[3]))
            .composite((b, a) -> LossComposites.nll("aten::nll_loss", b, a[0], a[1], a[2], (Long) a[3], (Long) a[4]))
            .derivative(wrt("self", uses("target", "weight"), LossGrads::nll))
            .build();
    public static final OpDef NLL_LOSS2D = op("nll_loss2d(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, "
            + "int ignore_index=-100) -> Tensor",
            n -> a -> LossRules.nllLoss2d(n, t(a, 0), t(a, 1), t(a, 2), a[3]))
            .composite((b, a) -> LossComposites.nll("aten::nll_loss2d", b, a[0], a[1], a[2], (Long) a[3], (Long) a[4]))
            .derivative(Derivative.of(wrt("self", uses("target", "weight"), LossGrads::nll)).named("NllLoss2DBackward0"))
            .build();
    public static final OpDef NLL_LOSS_ND = op("nll_loss_nd(Tensor self, Tensor target, Tensor? weight=None, int reduction=1, "
            + "int ignore_index=-100) -> Tensor",
            n -> a -> LossRules.nllLossNd(n, t(a, 0), t(a, 1), t(a, 2), a[3]))
            .composite((b, a) -> LossComposites.nllNd(b, a[0], a[1], a[2], (Long) a[3], (Long) a[4]))
            .build();
    public static final OpDef CROSS_ENTROPY_LOSS = op("cross_entropy_loss(Tensor self, Tensor target, Tensor? weight=None, "
            + "int reduction=1, int ignore_index=-100, float label_smoothing=0.) -> Tensor",
            n -> a -> LossRules.crossEntropy(n, t(a, 0), t(a, 1), t(a, 2), a[3], (Long) a[4], (Double) a[5]))
            .composite((b, a) -> LossComposites.crossEntropy(b, a[0], a[1], a[2], (Long) a[3], (Long) a[4], (Double) a[5]))
            .build();
    public static final OpDef BINARY_CROSS_ENTROPY = op("binary_cross_entropy(Tensor self, Tensor target, Tensor? weight=None, "
            + "int reduction=1) -> Tensor",
            n -> a -> LossRules.binaryCrossEntropy(n, t(a, 0), t(a, 1), t(a, 2), a[3]))
            .composite((b, a) -> LossComposites.binaryCrossEntropy(b, a[0], a[1], a[2], (Long) a[3]))
            .derivative(wrt("self", uses(SELF_TARGET_WEIGHT), LossGrads::binaryCrossEntropySelf),
                    wrt("target", uses(SELF_TARGET_WEIGHT), LossGrads::binaryCrossEntropyTarget))
            .build();
    public static final OpDef BINARY_CROSS_ENTROPY_WITH_LOGITS = op("binary_cross_entropy_with_logits(Tensor self, Tensor target, "
            + "Tensor? weight=None, Tensor? pos_weight=None, int reduction=1) -> Tensor",
            n -> a -> LossRules.binaryCrossEntropyWithLogits(n, t(a, 0), t(a, 1), t(a, 2), t(a, 3), a[4]))
            .composite((b, a) -> LossComposites.binaryCrossEntropyWithLogits(b, a[0], a[1], a[2], a[3], (Long) a[4]))
            .derivative(wrt("self", uses(LOGITS_SAVED), LossGrads::logitsSelf),
                    wrt("target", uses(LOGITS_SAVED), LossGrads::logitsTarget))
            .build();
    public static final OpDef KL_DIV = op("kl_div(Tensor self, Tensor target, int reduction=1, *, bool log_target=False) -> Tensor",
            n -> a -> LossRules.klDiv(n, t(a, 0), t(a, 1), a[2]))
            .composite((b, a) -> LossComposites.klDiv(b, a[0], a[1], (Long) a[2], (Boolean) a[3]))
            .build();

    // ---- embeddings and ranking ----

    public static final OpDef COSINE_EMBEDDING_LOSS = op("cosine_embedding_loss(Tensor input1, Tensor input2, Tensor target, "
            + "float margin=0., int reduction=1) -> Tensor",
            n -> a -> LossRules.cosineEmbedding(n, t(a, 0), t(a, 1), t(a, 2), a[4]))
            .composite((b, a) -> LossComposites.cosineEmbedding(b, a[0], a[1], a[2], (Double) a[3], (Long) a[4]))
            .build();
    public static final OpDef MARGIN_RANKING_LOSS = op("margin_ranking_loss(Tensor input1, Tensor input2, Tensor target, "
            + "float margin=0., int reduction=1) -> Tensor",
            n -> a -> LossRules.marginRanking(n, t(a, 0), t(a, 1), t(a, 2), a[4]))
            .composite((b, a) -> LossComposites.marginRanking(b, a[0], a[1], a[2], (Double) a[3], (Long) a[4]))
            .build();
    public static final OpDef PAIRWISE_DISTANCE = op("pairwise_distance(Tensor x1, Tensor x2, float p=2., float eps=1e-06, "
            + "bool keepdim=False) -> Tensor",
            n -> a -> LossRules.pairwiseDistance(n, t(a, 0), t(a, 1), (Boolean) a[4]))
            .composite((b, a) -> LossComposites.pairwiseDistance(b, a[0], a[1], (Double) a[2], (Double) a[3], (Boolean) a[4]))
            .build();
    public static final OpDef TRIPLET_MARGIN_LOSS = op("triplet_margin_loss(Tensor anchor, Tensor positive, Tensor negative, "
            + "float margin=1., float p=2., float eps=1e-06, bool swap=False, int reduction=1) -> Tensor",
            n -> a -> LossRules.tripletMargin(n, t(a, 0), t(a, 1), t(a, 2), a[7]))
            .composite((b, a) -> LossComposites.tripletMargin(b, a[0], a[1], a[2], (Double) a[3], (Double) a[4], (Double) a[5],
                    (Boolean) a[6], (Long) a[7]))
            .build();
    public static final OpDef COSINE_SIMILARITY = op("cosine_similarity(Tensor x1, Tensor x2, int dim=1, float eps=1e-08) -> Tensor",
            n -> a -> LossRules.cosineSimilarity(n, t(a, 0), t(a, 1), (Long) a[2]))
            .composite((b, a) -> LossComposites.cosineSimilarity(b, a[0], a[1], (Long) a[2], (Double) a[3]))
            .build();

    private static TensorMeta t(Object[] a, int i) { return (TensorMeta) a[i]; }
}
