package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.op.Geometry;
import dev.kiln.ir.type.DType;
import dev.kiln.runtime.memory.Storage;
import dev.kiln.runtime.memory.TensorData;
import dev.kiln.runtime.pointwise.Copies;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The matrix-multiply methods through the Java API: agreement between the ops that compute the same thing
 * (matmul against per-batch mm, einsum against mm/bmm, linear against matmul + bias), in-place semantics and
 * version counters, aliasing, and the batched paths at sizes the golden fixtures are too small to reach.
 */
class LinalgTensorTest {
    private static Tensor rand(long seed, long... sizes) {
        Random r = new Random(seed);
        float[] x = new float[(int) Geometry.contiguous(sizes).numel()];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return new Tensor(new TensorData(DType.FLOAT32, Storage.wrap(x), sizes, Geometry.contiguousStrides(sizes), 0));
    }

    /** The matrix {@code t[index]} of a stack, as a view. */
    private static Tensor slice(Tensor t, long index) {
        TensorData d = t.data();
        long[] sizes = Arrays.copyOfRange(d.sizes(), 1, d.dim());
        long[] strides = Arrays.copyOfRange(d.strides(), 1, d.dim());
        return new Tensor(new TensorData(d.dtype(), d.storage(), sizes, strides, d.offset() + index * d.strides()[0]));
    }

    private static Tensor transposed(Tensor t) {
        TensorData d = t.data();
        return new Tensor(new TensorData(d.dtype(), d.storage(), new long[]{d.sizes()[1], d.sizes()[0]},
                new long[]{d.strides()[1], d.strides()[0]}, d.offset()));
    }

    private static float[] values(Tensor t) {
        Tensor c = t.add(0L);
        float[] all = c.data().storage().floats();
        return Arrays.copyOfRange(all, (int) c.data().offset(), (int) (c.data().offset() + c.numel()));
    }

    private static void assertClose(Tensor want, Tensor got, double tol) {
        assertArrayEquals(want.shape(), got.shape(), "shape");
        float[] w = values(want), g = values(got);
        for (int i = 0; i < w.length; i++) assertEquals(w[i], g[i], tol * (1 + Math.abs(w[i])), "element " + i);
    }

    @Test
    void batchedMatmulFoldsIntoOneGemmAndMatchesPerBatchMm() {
        Tensor a = rand(1, 4, 50, 70), b = rand(2, 70, 60);
        Tensor c = a.matmul(b);
        assertArrayEquals(new long[]{4, 50, 60}, c.shape());
        for (int i = 0; i < 4; i++) assertClose(slice(a, i).mm(b), slice(c, i), 1e-5);
    }

    @Test
    void matrixTimesStackLoopsOverTheBatch() {
        Tensor a = rand(3, 9, 20), b = rand(4, 16, 20, 11);
        Tensor c = Torch.matmul(a, b);
        for (int i = 0; i < 16; i++) assertClose(a.mm(slice(b, i)), slice(c, i), 1e-5);
    }

    @Test
    void bmmOverManySmallMatricesMatchesMm() {
        Tensor a = rand(5, 300, 5, 7), b = rand(6, 300, 7, 6);
        Tensor c = a.bmm(b);
        for (int i = 0; i < 300; i += 37) assertClose(slice(a, i).mm(slice(b, i)), slice(c, i), 1e-5);
    }

    @Test
    void einsumAgreesWithMmBmmAndTrace() {
        Tensor a = rand(7, 6, 8), b = rand(8, 8, 5);
        assertClose(a.mm(b), Torch.einsum("ij,jk->ik", a, b), 1e-5);
        assertClose(a.mm(b), Torch.einsum("ij,jk", a, b), 1e-5);
        Tensor x = rand(9, 3, 4, 5), y = rand(10, 3, 5, 2);
        assertClose(x.bmm(y), Torch.einsum("bij,bjk->bik", x, y), 1e-5);
        Tensor sq = rand(11, 4, 4);
        float[] v = values(sq);
        double trace = v[0] + v[5] + v[10] + v[15];
        assertEquals(trace, Torch.einsum("ii", sq).itemDouble(), 1e-5);
    }

    @Test
    void einsumNeverReturnsAViewOfItsInput() {
        Tensor a = rand(12, 2, 3);
        Tensor t = Torch.einsum("ij->ji", a);
        assertNotSame(a.data().storage(), t.data().storage());
        assertClose(transposed(a), t, 0);
    }

    @Test
    void linearIsMatmulWithTransposedWeightPlusBias() {
        Tensor x = rand(13, 2, 3, 5), w = rand(14, 4, 5), bias = rand(15, 4);
        Tensor want = x.matmul(transposed(w)).add(bias);
        assertClose(want, Torch.linear(x, w, bias), 1e-5);
        assertClose(x.matmul(transposed(w)), Torch.linear(x, w), 1e-5);
    }

    @Test
    void addmmScalesAndAccumulates() {
        Tensor self = rand(16, 3, 4), m1 = rand(17, 3, 6), m2 = rand(18, 6, 4);
        Tensor want = self.mul(Torch.tensor(0.5f)).add(m1.mm(m2), 2.0);
        assertClose(want, self.addmm(m1, m2, 0.5, 2.0), 1e-5);
        assertClose(want, Torch.addmm(self, m1, m2, 0.5, 2), 1e-5);
    }

    @Test
    void inplaceVariantsWriteIntoSelfAndBumpTheVersion() {
        Tensor self = rand(19, 3, 4), m1 = rand(20, 3, 6), m2 = rand(21, 6, 4);
        Tensor want = self.addmm(m1, m2);
        int version = self.version(), m1Version = m1.version();
        assertSame(self, self.addmm_(m1, m2));
        assertEquals(version + 1, self.version());
        assertEquals(m1Version, m1.version());
        assertClose(want, self, 0);

        Tensor v = rand(22, 3), mat = rand(23, 3, 5), vec = rand(24, 5);
        Tensor wantV = v.addmv(mat, vec, 2, -1);
        assertSame(v, v.addmv_(mat, vec, 2, -1));
        assertClose(wantV, v, 0);

        Tensor bself = rand(25, 2, 3, 4), b1 = rand(26, 2, 3, 5), b2 = rand(27, 2, 5, 4);
        Tensor wantB = bself.baddbmm(b1, b2);
        assertSame(bself, bself.baddbmm_(b1, b2));
        assertClose(wantB, bself, 0);
    }

    @Test
    void betaZeroIgnoresSelfEvenWhenNaN() {
        Tensor b1 = rand(41, 2, 3, 4), b2 = rand(42, 2, 4, 5);
        Tensor nan = Torch.tensor(new float[]{Float.NaN});
        assertClose(b1.bmm(b2), nan.baddbmm(b1, b2, 0, 1), 0);
        Tensor m = rand(43, 3, 4), v = rand(44, 4);
        assertClose(m.mv(v), nan.addmv(m, v, 0, 1), 0);
    }

    @Test
    void addmmInPlaceWithSelfAsOperandUsesTheOldValues() {
        Tensor x = rand(28, 5, 5);
        Tensor want = x.add(x.mm(x));
        x.addmm_(x, x);
        assertClose(want, x, 1e-5);
    }

    @Test
    void vectorProducts() {
        Tensor a = rand(29, 6), b = rand(30, 6);
        float[] va = values(a), vb = values(b);
        double dot = 0;
        for (int i = 0; i < 6; i++) dot += va[i] * vb[i];
        assertEquals(dot, a.dot(b).itemDouble(), 1e-5);
        assertEquals(0, a.dot(b).dim());
        assertClose(a.matmul(b), Torch.dot(a, b), 0);
        Tensor o = a.outer(b);
        assertEquals(va[2] * vb[3], values(o)[2 * 6 + 3], 1e-6);
        Tensor m = rand(31, 4, 6);
        assertClose(m.mv(a), m.matmul(a), 0);
        assertClose(Torch.mv(m, a), Torch.einsum("ij,j->i", m, a), 1e-5);
    }

    @Test
    void bfloat16IsComputedInFloatAndRoundedOnce() {
        Tensor a = rand(32, 8, 40), b = rand(33, 40, 8);
        Tensor ab = Torch.mm(toBf16(a), toBf16(b));
        assertEquals(DType.BFLOAT16, ab.dtype());
        Tensor ref = toFloat(toBf16(a)).mm(toFloat(toBf16(b)));
        float[] want = values(ref), got = values(toFloat(ab));
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(got[i] - want[i]) <= 1e-2 * (1 + Math.abs(want[i])), "element " + i + ": " + got[i] + " vs " + want[i]);
        }
    }

    private static Tensor toBf16(Tensor t) { return convert(t, DType.BFLOAT16); }

    private static Tensor toFloat(Tensor t) { return convert(t, DType.FLOAT32); }

    private static Tensor convert(Tensor t, DType dtype) {
        return new Tensor(Copies.convert(t.data(), dtype));
    }

    @Test
    void shapeErrorsNameTheOpAndBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rand(34, 2, 3).mm(rand(35, 4, 5)));
        assertTrue(e.getMessage().contains("mm") && e.getMessage().contains("(2x3 and 4x5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.tensor(1.0f).matmul(rand(36, 3)));
        assertTrue(e.getMessage().contains("both arguments to matmul need to be at least 1D"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rand(37, 2, 3).mm(convert(rand(38, 3, 2), DType.FLOAT64)));
        assertTrue(e.getMessage().contains("expected scalar type Float but found Double"), e.getMessage());
    }

    @Test
    void repeatedProductsAreBitwiseIdentical() {
        Tensor a = rand(39, 130, 200), b = rand(40, 200, 150);
        assertArrayEquals(values(a.mm(b)), values(a.mm(b)));
    }
}
