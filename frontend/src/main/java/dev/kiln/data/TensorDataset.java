package dev.kiln.data;

import dev.kiln.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tensors of the same first dimension seen as a dataset ({@code torch.utils.data.TensorDataset}): sample {@code i}
 * is the list of each tensor's row {@code i} (views, as {@code tensor[i]} gives).
 */
public final class TensorDataset implements Dataset<List<Tensor>> {
    private final List<Tensor> tensors;

    public TensorDataset(Tensor... tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("TensorDataset: expected at least one tensor, got none");
        for (Tensor t : tensors) {
            if (t.dim() == 0 || t.size(0) != tensors[0].size(0)) {
                throw new IllegalArgumentException("TensorDataset: Size mismatch between tensors: expected a first dimension of "
                        + tensors[0].size(0) + " in each, got shape " + Arrays.toString(t.shape()));
            }
        }
        this.tensors = List.of(tensors);
    }

    /** The tensors this dataset indexes. */
    public List<Tensor> tensors() { return tensors; }

    @Override
    public List<Tensor> getItem(long index) {
        List<Tensor> sample = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) sample.add(t.select(0, index));
        return sample;
    }

    @Override
    public long len() { return tensors.get(0).size(0); }
}
