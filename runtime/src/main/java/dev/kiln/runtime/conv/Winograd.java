package dev.kiln.runtime.conv;

import dev.kiln.ir.op.aten.ConvRules.Conv2dShape;
import dev.kiln.runtime.linalg.Blas;
import dev.kiln.runtime.parallel.Parallel;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 3x3, stride-1 convolution by Winograd's minimal filtering F(2x2, 3x3) on float32: each 2x2 output tile is
 * {@code A^T [(G g G^T) ⊙ (B^T d B)] A} of the 4x4 input tile d, so the 16 products per tile and channel pair
 * become 16 GEMMs {@code M[ξ] = U[ξ] @ V[ξ]} ([out, in] @ [in, tiles]) with 2.25 times fewer multiply-adds than
 * im2col's. With
 * <pre>
 * B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],  G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1],  A^T = [1 1 1 0; 0 1 -1 -1].
 * </pre>
 * Tiles run in blocks of whole tile rows, small enough that a block's V and M stay in the core's L2; blocks of
 * all samples are spread over the worker pool, each with its own buffers, so results do not depend on the number
 * of threads. The transforms are vectorised along a tile row: the padded input rows are split into even and odd
 * columns, so that tile column tx reads even[tx], odd[tx], even[tx + 1] and odd[tx + 1].
 */
final class Winograd {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Floats of V and M per block: about 1 MiB, half an L2. */
    private static final int BLOCK_FLOATS = 1 << 18;
    /** The 16 entries of a transformed 4x4 tile. */
    private static final int XI = 16;

    private final int batch, in, out, height, width, outH, outW, ph, pw, tilesH, tilesW;
    /** Tile rows per block, blocks per sample, tiles per block and the row pitch of V and M (slack for whole vectors). */
    private final int blockRows, blocks, blockTiles, pitch;
    /** Width of the even and odd halves of a padded row, with slack for whole vectors. */
    private final int half;

    /** Whether {@code s} is a 3x3, stride-1, undilated single-group convolution with enough tiles to amortise the transforms. */
    static boolean accepts(Conv2dShape s) {
        return s.kernel()[0] == 3 && s.kernel()[1] == 3 && s.stride()[0] == 1 && s.stride()[1] == 1 && s.dilation()[0] == 1
                && s.dilation()[1] == 1 && s.groups() == 1 && s.image()[0] >= 8 && s.small()[0] >= 8
                && s.batch() * s.small()[1] * s.small()[2] >= MIN_POSITIONS;
    }

    /** Output positions below which the weight transform (per channel pair) costs more than the saved products. */
    private static final long MIN_POSITIONS = 1024;

    Winograd(Conv2dShape s) {
        batch = (int) s.batch();
        in = (int) s.image()[0];
        out = (int) s.small()[0];
        height = (int) s.image()[1];
        width = (int) s.image()[2];
        outH = (int) s.small()[1];
        outW = (int) s.small()[2];
        ph = (int) s.padding()[0];
        pw = (int) s.padding()[1];
        tilesH = Math.ceilDiv(outH, 2);
        tilesW = Math.ceilDiv(outW, 2);
        int maxTiles = Math.max(tilesW, BLOCK_FLOATS / (XI * (in + out)));
        blocks = Math.ceilDiv(tilesH, Math.max(1, maxTiles / tilesW));
        blockRows = Math.ceilDiv(tilesH, blocks);
        blockTiles = blockRows * tilesW;
        pitch = blockTiles + L;
        half = roundUp(tilesW + 1, L) + L;
    }

    private static int roundUp(int n, int m) { return Math.ceilDiv(n, m) * m; }

    /** {@code out[q] += conv(image[q], weight)} for every sample; arrays are dense, {@code result} holds the bias (or zeros). */
    void forward(float[] image, int imageOffset, float[] weight, int weightOffset, float[] result) {
        float[] u = transformWeights(weight, weightOffset);
        Parallel.forRange((long) batch * blocks, 1, (from, to) -> {
            float[] v = new float[XI * in * pitch], m = new float[XI * out * pitch];
            float[] rows = new float[(2 * blockRows + 2) * 2 * half], t = new float[4 * 2 * half], y = new float[12 * L];
            for (int unit = (int) from; unit < to; unit++) {
                int q = unit / blocks, ty0 = unit % blocks * blockRows, ty1 = Math.min(tilesH, ty0 + blockRows);
                if (ty0 >= ty1) continue;
                int tiles = (ty1 - ty0) * tilesW;
                for (int c = 0; c < in; c++) {
                    padRows(image, imageOffset + (q * in + c) * height * width, ty0, ty1, rows);
                    transformInput(rows, ty1 - ty0, v, c * pitch, t);
                }
                Arrays.fill(m, 0f);
                for (int xi = 0; xi < XI; xi++) {
                    Blas.gemm(out, tiles, in, u, xi * out * in, in, 1, v, xi * in * pitch, pitch, 1, m, xi * out * pitch, pitch, 1, false);
                }
                for (int o = 0; o < out; o++) transformOutput(m, o * pitch, ty0, ty1, result, (q * out + o) * outH * outW, y);
            }
        });
    }

    /**
     * U[ξ][o][i] = (G g G^T)[ξ] of each 3x3 kernel g = weight[o, i], vectorised over i (a gather of every ninth float; the
     * last partial group of kernels is gathered from a copy, since a gather checks its masked-off lanes too).
     */
    private float[] transformWeights(float[] whole, int at) {
        float[] u = new float[XI * out * in];
        int[] ninths = new int[L];
        for (int lane = 0; lane < L; lane++) ninths[lane] = lane * 9;
        Parallel.forRange(out, Math.max(1, (1 << 14) / (9L * in)), (from, to) -> {
            float[] tail = new float[9 * L];
            for (int o = (int) from; o < to; o++) {
                for (int i = 0; i < in; i += L) {
                    VectorMask<Float> live = S.indexInRange(i, in);
                    float[] w = whole;
                    int base = at + (o * in + i) * 9;
                    if (i + L > in) {
                        System.arraycopy(whole, base, tail, 0, (in - i) * 9);
                        w = tail;
                        base = 0;
                    }
                    FloatVector g0 = tap(w, base, ninths, live, 0), g1 = tap(w, base, ninths, live, 1), g2 = tap(w, base, ninths, live, 2);
                    FloatVector g3 = tap(w, base, ninths, live, 3), g4 = tap(w, base, ninths, live, 4), g5 = tap(w, base, ninths, live, 5);
                    FloatVector g6 = tap(w, base, ninths, live, 6), g7 = tap(w, base, ninths, live, 7), g8 = tap(w, base, ninths, live, 8);
                    FloatVector s0 = g0.add(g6), s1 = g1.add(g7), s2 = g2.add(g8);
                    storeRow(u, o, i, live, 0, g0, g1, g2);
                    storeRow(u, o, i, live, 1, s0.add(g3).mul(0.5f), s1.add(g4).mul(0.5f), s2.add(g5).mul(0.5f));
                    storeRow(u, o, i, live, 2, s0.sub(g3).mul(0.5f), s1.sub(g4).mul(0.5f), s2.sub(g5).mul(0.5f));
                    storeRow(u, o, i, live, 3, g6, g7, g8);
                }
            }
        });
        return u;
    }

    private static FloatVector tap(float[] w, int base, int[] ninths, VectorMask<Float> live, int k) {
        return FloatVector.fromArray(S, w, base + k, ninths, 0, live);
    }

    /** Row k of G g (entries a, b, c) times G^T: U[4k + l][o][i..] for l = 0..3. */
    private void storeRow(float[] u, int o, int i, VectorMask<Float> live, int k, FloatVector a, FloatVector b, FloatVector c) {
        FloatVector ac = a.add(c);
        int at = (4 * k * out + o) * in + i, step = out * in;
        a.intoArray(u, at, live);
        ac.add(b).mul(0.5f).intoArray(u, at + step, live);
        ac.sub(b).mul(0.5f).intoArray(u, at + 2 * step, live);
        c.intoArray(u, at + 3 * step, live);
    }

    /**
     * Copies padded rows 2·ty0 .. 2·ty1 + 1 of one input plane into {@code rows}, each as its even columns then its odd
     * columns ({@code half} floats each); rows in the padding are zeroed, padding columns are never written.
     */
    private void padRows(float[] image, int plane, int ty0, int ty1, float[] rows) {
        for (int k = 0, count = 2 * (ty1 - ty0) + 2; k < count; k++) {
            int r = 2 * ty0 + k - ph, base = k * 2 * half;
            if (r < 0 || r >= height) {
                Arrays.fill(rows, base, base + 2 * half, 0f);
                continue;
            }
            int src = plane + r * width;
            for (int c = 0; c < width; c++) {
                int col = c + pw;
                rows[base + (col & 1) * half + (col >> 1)] = image[src + c];
            }
        }
    }

    /**
     * V[ξ][channel][tile] = (B^T d B)[ξ] for the tiles of a block: per tile row, B^T combines four padded rows into
     * four (whole rows at once), then B combines each row's columns even[tx], odd[tx], even[tx + 1], odd[tx + 1].
     */
    private void transformInput(float[] rows, int tileRows, float[] v, int channelAt, float[] t) {
        int row = 2 * half, plane = in * pitch;
        for (int tr = 0; tr < tileRows; tr++) {
            int d0 = 2 * tr * row, d1 = d0 + row, d2 = d1 + row, d3 = d2 + row;
            for (int x = 0; x < row; x += L) {
                FloatVector r0 = FloatVector.fromArray(S, rows, d0 + x), r1 = FloatVector.fromArray(S, rows, d1 + x);
                FloatVector r2 = FloatVector.fromArray(S, rows, d2 + x), r3 = FloatVector.fromArray(S, rows, d3 + x);
                r0.sub(r2).intoArray(t, x);
                r1.add(r2).intoArray(t, row + x);
                r2.sub(r1).intoArray(t, 2 * row + x);
                r1.sub(r3).intoArray(t, 3 * row + x);
            }
            for (int k = 0; k < 4; k++) {
                int tk = k * row, at = 4 * k * plane + channelAt + tr * tilesW;
                for (int tx = 0; tx < tilesW; tx += L) {
                    FloatVector e0 = FloatVector.fromArray(S, t, tk + tx), o0 = FloatVector.fromArray(S, t, tk + half + tx);
                    FloatVector e1 = FloatVector.fromArray(S, t, tk + tx + 1), o1 = FloatVector.fromArray(S, t, tk + half + tx + 1);
                    e0.sub(e1).intoArray(v, at + tx);
                    o0.add(e1).intoArray(v, at + plane + tx);
                    e1.sub(o0).intoArray(v, at + 2 * plane + tx);
                    o0.sub(o1).intoArray(v, at + 3 * plane + tx);
                }
            }
        }
    }

    /**
     * Adds {@code A^T m A} of output channel o's tiles in a block (M[ξ][o][tile], {@code channelAt} = o · pitch) into
     * its output plane at {@code plane}: vectorised along a tile row, then written out 2x2 per tile, inside the plane.
     */
    private void transformOutput(float[] m, int channelAt, int ty0, int ty1, float[] result, int plane, float[] y) {
        int xi = out * pitch;
        for (int ty = ty0; ty < ty1; ty++) {
            int base = channelAt + (ty - ty0) * tilesW;
            for (int tx = 0; tx < tilesW; tx += L) {
                int at = base + tx;
                for (int l = 0; l < 4; l++) {
                    FloatVector m0 = FloatVector.fromArray(S, m, at + l * xi), m1 = FloatVector.fromArray(S, m, at + (4 + l) * xi);
                    FloatVector m2 = FloatVector.fromArray(S, m, at + (8 + l) * xi), m3 = FloatVector.fromArray(S, m, at + (12 + l) * xi);
                    m0.add(m1).add(m2).intoArray(y, l * L);
                    m1.sub(m2).sub(m3).intoArray(y, (4 + l) * L);
                }
                for (int a = 0; a < 2; a++) {
                    int ra = 4 * a * L;
                    FloatVector c0 = FloatVector.fromArray(S, y, ra), c1 = FloatVector.fromArray(S, y, ra + L);
                    FloatVector c2 = FloatVector.fromArray(S, y, ra + 2 * L), c3 = FloatVector.fromArray(S, y, ra + 3 * L);
                    c0.add(c1).add(c2).intoArray(y, 8 * L + 2 * a * L);
                    c1.sub(c2).sub(c3).intoArray(y, 8 * L + (2 * a + 1) * L);
                }
                scatterTiles(y, 8 * L, ty, tx, result, plane);
            }
        }
    }

    /** Adds the 2x2 outputs of tiles (ty, tx + lane), given as vectors y[a][b] at {@code from}, inside the output plane. */
    private void scatterTiles(float[] y, int from, int ty, int tx, float[] result, int plane) {
        int lanes = Math.min(L, tilesW - tx);
        for (int a = 0; a < 2; a++) {
            int row = 2 * ty + a;
            if (row >= outH) break;
            int rowAt = plane + row * outW, y0 = from + 2 * a * L, y1 = y0 + L;
            for (int lane = 0; lane < lanes; lane++) {
                int col = 2 * (tx + lane);
                result[rowAt + col] += y[y0 + lane];
                if (col + 1 < outW) result[rowAt + col + 1] += y[y1 + lane];
            }
        }
    }
}
