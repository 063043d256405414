package dev.kiln.nn;

import dev.kiln.Tensor;

/**
 * The numerics {@link Init} needs and the tensor core lacks: the standard normal CDF and its inverse (for
 * {@code trunc_normal_}), and orthonormal columns of a matrix (for {@code orthogonal_}).
 */
final class Gaussian {
    private Gaussian() {}

    /** Phi(x), from a Chebyshev fit of erfc (Numerical Recipes' erfcc; relative error below 1.2e-7). */
    static double cdf(double x) { return 0.5 * erfc(-x / Math.sqrt(2)); }

    private static double erfc(double x) {
        double z = Math.abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Phi^-1(p) for p in (0, 1) (Acklam's rational approximation, relative error below 1.2e-9); +-infinity at 0 and 1. */
    static double inverseCdf(double p) {
        if (p <= 0) return Double.NEGATIVE_INFINITY;
        if (p >= 1) return Double.POSITIVE_INFINITY;
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low || p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
            double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            return p < low ? x : -x;
        }
        double q = p - 0.5, r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /**
     * The Q of the QR decomposition of a tall matrix [m, n] (m >= n) whose R has a positive diagonal, by modified
     * Gram-Schmidt in double precision (re-orthogonalised once, which keeps it orthonormal to rounding).
     */
    static double[][] orthonormalColumns(Tensor matrix) {
        int m = (int) matrix.size(0), n = (int) matrix.size(1);
        double[] flat = matrix.contiguous().toDoubleArray();
        double[][] cols = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) cols[j][i] = flat[i * n + j];
        }
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) dot += cols[k][i] * cols[j][i];
                    for (int i = 0; i < m; i++) cols[j][i] -= dot * cols[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += cols[j][i] * cols[j][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) cols[j][i] /= norm;
        }
        double[][] q = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) q[i][j] = cols[j][i];
        }
        return q;
    }
}
