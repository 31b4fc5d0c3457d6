package io.nnport.kernels;

/**
 * The error function, which {@link Math} lacks, as Abramowitz and Stegun 7.1.26: absolute error
 * below 1.5e-7 for every x, which is one float ulp near 1. The vector GELU uses the same rational
 * form, so scalar and vector differ only by float rounding.
 */
public final class Erf {

    public static final double P = 0.3275911;
    public static final double A1 = 0.254829592;
    public static final double A2 = -0.284496736;
    public static final double A3 = 1.421413741;
    public static final double A4 = -1.453152027;
    public static final double A5 = 1.061405429;

    private Erf() {}

    /** erf(x) = sign(x) (1 - (a1 t + a2 t^2 + ... + a5 t^5) exp(-x^2)), t = 1 / (1 + p |x|). */
    public static double erf(double x) {
        double ax = Math.abs(x);
        double t = 1.0 / (1.0 + P * ax);
        double poly = t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5))));
        double y = 1.0 - poly * Math.exp(-ax * ax);
        return Math.copySign(y, x);
    }
}
