package dev.kiln.runtime.conv;

import dev.kiln.ir.op.aten.ConvRules.Conv2dShape;
import dev.kiln.runtime.parallel.Parallel;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 3x3, stride-1 convolution by Winograd's minimal filtering F(2x2, 3x3) on float32: each 2x2 output tile is
 * {@code A^T [(G g G^T) ⊙ (B^T d B)] A} of the 4x4 input tile d, so the 16 products per tile and channel pair
 * become 16 GEMMs {@code M[ξ] = U[ξ] @ V[ξ]} ([out, in] @ [in, tiles]) with 2.25 times fewer multiply-adds than
 * im2col's. With
 * <pre>
 * B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],  G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1],  A^T = [1 1 1 0; 0 1 -1 -1].
 * </pre>
 * Tiles run in blocks of whole tile rows, counted across samples (so that small images still make GEMMs at least
 * 128 tiles wide), about one L2 of V and M each; {@link PanelGemm} reads them in place. The blocks depend on the
 * shape alone and are spread over the worker pool, each thread with its own buffers, so results do not depend on
 * the number of threads. The transforms are vectorised along a tile row: the padded input rows are split into even and odd
 * columns, so that tile column tx reads even[tx], odd[tx], even[tx + 1] and odd[tx + 1].
 */
final class Winograd {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Floats of V and M per block: about 2 MiB, one L2. */
    private static final int BLOCK_FLOATS = 1 << 19;
    /** Tiles per block below which the GEMMs get too narrow for their 64-column panels. */
    private static final int MIN_BLOCK_TILES = 128;
    /** The 16 entries of a transformed 4x4 tile. */
    private static final int XI = 16;

    private final int batch, in, out, height, width, outH, outW, ph, pw, tilesH, tilesW;
    /** Tile rows per block (over all samples' tile rows), blocks, tiles per block, the row pitch of V and M (with slack for whole vectors). */
    private final int blockRows, blocks, blockTiles, pitch;
    /** Width of the even and odd halves of a padded row, with slack for whole vectors. */
    private final int half;
    /** Distance between the ξ planes of U, V and M ({@link #planeStride}). */
    private final int uStride, vStride, mStride;

    /** Whether {@code s} is a 3x3, stride-1, undilated single-group convolution with enough tiles to amortise the transforms. */
    static boolean accepts(Conv2dShape s) {
        return s.kernel()[0] == 3 && s.kernel()[1] == 3 && s.stride()[0] == 1 && s.stride()[1] == 1 && s.dilation()[0] == 1
                && s.dilation()[1] == 1 && s.groups() == 1 && s.image()[0] >= 8 && s.small()[0] >= 8
                && s.batch() * s.small()[1] * s.small()[2] >= MIN_POSITIONS;
    }

    /**
     * Output positions (over the batch) below which the weight transform, paid per channel pair on every call, costs
     * more than the products it saves: at batch 1, 512x7x7 ran 1.4x and 256x14x14 1.1x slower with Winograd than
     * with im2col and PanelGemm; 512x7x7 at batch 8 (392 positions) ran faster.
     */
    private static final long MIN_POSITIONS = 256;

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
        int totalRows = batch * tilesH;
        int target = Math.max(MIN_BLOCK_TILES, BLOCK_FLOATS / (XI * (in + out)));
        blocks = Math.ceilDiv(totalRows, Math.max(1, target / tilesW));
        blockRows = Math.ceilDiv(totalRows, blocks);
        blockTiles = blockRows * tilesW;
        pitch = blockTiles + L;
        uStride = planeStride(out * in);
        vStride = planeStride(in * pitch);
        mStride = planeStride(out * pitch);
        half = roundUp(tilesW + 1, L) + L;
    }

    private static int roundUp(int n, int m) { return Math.ceilDiv(n, m) * m; }

    /**
     * The distance between the 16 planes of U, V or M for planes of n floats: a whole number of 4 KiB pages plus
     * three cache lines, so that the 16 streams a transform reads or writes fall into different L1 sets (at a
     * multiple of 4 KiB they would all share one set and evict each other).
     */
    private static int planeStride(int n) { return roundUp(n, 1024) + 48; }

    /** {@code out[q] += conv(image[q], weight)} for every sample; arrays are dense, {@code result} holds the bias (or zeros). */
    void forward(float[] image, int imageOffset, float[] weight, int weightOffset, float[] result) {
        float[] u = transformWeights(weight, weightOffset, Scratch.get(Scratch.WEIGHTS, XI * uStride));
        Parallel.forRange(blocks, 1, (from, to) -> {
            float[] v = Scratch.get(Scratch.INPUT, XI * vStride), m = Scratch.get(Scratch.PRODUCT, XI * mStride);
            float[] rows = Scratch.get(Scratch.ROWS, (2 * blockRows + 2) * 2 * half);
            Arrays.fill(rows, 0, (2 * blockRows + 2) * 2 * half, 0f);
            float[] t = new float[4 * 2 * half], y = new float[12 * L];
            for (int block = (int) from; block < to; block++) {
                int first = block * blockRows, end = Math.min(batch * tilesH, first + blockRows);
                if (first >= end) continue;
                for (int c = 0; c < in; c++) {
                    for (int g = first; g < end; ) {
                        int q = g / tilesH, ty0 = g % tilesH, ty1 = Math.min(tilesH, ty0 + end - g);
                        padRows(image, imageOffset + (q * in + c) * height * width, ty0, ty1, rows);
                        transformInput(rows, ty1 - ty0, v, c * pitch + (g - first) * tilesW, t);
                        g += ty1 - ty0;
                    }
                }
                int tiles = (end - first) * tilesW;
                for (int xi = 0; xi < XI; xi++) {
                    PanelGemm.multiply(out, tiles, in, u, xi * uStride, in, v, xi * vStride, pitch, m, xi * mStride, pitch, false, false);
                }
                for (int g = first; g < end; ) {
                    int q = g / tilesH, ty0 = g % tilesH, ty1 = Math.min(tilesH, ty0 + end - g);
                    for (int o = 0; o < out; o++) {
                        transformOutput(m, o * pitch + (g - first) * tilesW, ty0, ty1, result, (q * out + o) * outH * outW, y);
                    }
                    g += ty1 - ty0;
                }
            }
        });
    }

    /**
     * U[ξ][o][i] = (G g G^T)[ξ] of each 3x3 kernel g = weight[o, i]: vectorised over i with gathers of every ninth float,
     * the last {@code in mod L} kernels of each o one at a time.
     */
    private float[] transformWeights(float[] weight, int at, float[] u) {
        int[] ninths = new int[L];
        for (int lane = 0; lane < L; lane++) ninths[lane] = lane * 9;
        int whole = S.loopBound(in);
        Parallel.forRange(out, Math.max(1, (1 << 14) / (9L * in)), (from, to) -> {
            for (int o = (int) from; o < to; o++) {
                for (int i = 0; i < whole; i += L) {
                    int base = at + (o * in + i) * 9;
                    FloatVector g0 = tap(weight, base, ninths, 0), g1 = tap(weight, base, ninths, 1), g2 = tap(weight, base, ninths, 2);
                    FloatVector g3 = tap(weight, base, ninths, 3), g4 = tap(weight, base, ninths, 4), g5 = tap(weight, base, ninths, 5);
                    FloatVector g6 = tap(weight, base, ninths, 6), g7 = tap(weight, base, ninths, 7), g8 = tap(weight, base, ninths, 8);
                    FloatVector s0 = g0.add(g6), s1 = g1.add(g7), s2 = g2.add(g8);
                    storeRow(u, o, i, 0, g0, g1, g2);
                    storeRow(u, o, i, 1, s0.add(g3).mul(0.5f), s1.add(g4).mul(0.5f), s2.add(g5).mul(0.5f));
                    storeRow(u, o, i, 2, s0.sub(g3).mul(0.5f), s1.sub(g4).mul(0.5f), s2.sub(g5).mul(0.5f));
                    storeRow(u, o, i, 3, g6, g7, g8);
                }
                for (int i = whole; i < in; i++) transformKernel(weight, at + (o * in + i) * 9, u, o * in + i);
            }
        });
        return u;
    }

    private static FloatVector tap(float[] w, int base, int[] ninths, int k) { return FloatVector.fromArray(S, w, base + k, ninths, 0); }

    /** Row k of G g (entries a, b, c) times G^T: U[4k + l][o][i..] for l = 0..3. */
    private void storeRow(float[] u, int o, int i, int k, FloatVector a, FloatVector b, FloatVector c) {
        FloatVector ac = a.add(c);
        int at = 4 * k * uStride + o * in + i, step = uStride;
        a.intoArray(u, at);
        ac.add(b).mul(0.5f).intoArray(u, at + step);
        ac.sub(b).mul(0.5f).intoArray(u, at + 2 * step);
        c.intoArray(u, at + 3 * step);
    }

    /** G g G^T of the one kernel at {@code w[at..at + 9)} into U[ξ][pair] for the 16 ξ. */
    private void transformKernel(float[] w, int at, float[] u, int pair) {
        int step = uStride;
        for (int k = 0; k < 4; k++) {
            float a, b, c;
            if (k == 0 || k == 3) {
                int row = at + k * 2;
                a = w[row];
                b = w[row + 1];
                c = w[row + 2];
            } else {
                float sign = k == 1 ? 1 : -1;
                a = (w[at] + w[at + 6] + sign * w[at + 3]) * 0.5f;
                b = (w[at + 1] + w[at + 7] + sign * w[at + 4]) * 0.5f;
                c = (w[at + 2] + w[at + 8] + sign * w[at + 5]) * 0.5f;
            }
            int xi = 4 * k * step + pair;
            u[xi] = a;
            u[xi + step] = (a + c + b) * 0.5f;
            u[xi + 2 * step] = (a + c - b) * 0.5f;
            u[xi + 3 * step] = c;
        }
    }

    /**
     * Copies padded rows 2·ty0 .. 2·ty1 + 1 of one input plane into {@code rows}, each as its even columns then its odd
     * columns ({@code half} floats each); rows in the padding are zeroed, padding columns are never written (the
     * buffer starts zeroed).
     */
    private void padRows(float[] image, int plane, int ty0, int ty1, float[] rows) {
        for (int k = 0, count = 2 * (ty1 - ty0) + 2; k < count; k++) {
            int r = 2 * ty0 + k - ph, base = k * 2 * half;
            if (r < 0 || r >= height) {
                Arrays.fill(rows, base, base + 2 * half, 0f);
                continue;
            }
            EvenOdd.split(image, plane + r * width, width, pw, rows, base, half);
        }
    }

    /**
     * V[ξ][channel][tile] = (B^T d B)[ξ] for the tiles of a block: per tile row, B^T combines four padded rows into
     * four (whole rows at once), then B combines each row's columns even[tx], odd[tx], even[tx + 1], odd[tx + 1].
     */
    private void transformInput(float[] rows, int tileRows, float[] v, int channelAt, float[] t) {
        int row = 2 * half, plane = vStride;
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
        int xi = mStride;
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
