package dev.kiln.nn;

import dev.kiln.Tensor;

/**
 * {@code torch.nn.functional}: the stateless forms of the layers, activations and losses, with PyTorch's names
 * (camel-cased) and defaults, so that {@code F.crossEntropy(logits, target)} reads as
 * {@code F.cross_entropy(logits, target)} does. Every function is an op (or a composite of ops) of the catalogue,
 * so it is differentiable, traceable and scriptable.
 */
public final class F {
    private F() {}

    // Activations and layers

    /** {@code F.relu(input)}. */
    public static Tensor relu(Tensor input) { return input.relu(); }

    // Losses
}
