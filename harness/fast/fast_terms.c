/* The fast tier's arithmetic: the terms of y = a + b for values of f32, f16 or bf16 (at most
 * 24 significant bits), a exactly as a double-double a_hi + a_lo and b in double with glibc's
 * vector math library (libmvec), whose functions are within 4 ulp (glibc manual, "Errors in
 * Math Functions": the vector variants' documented maximum).  Compiled twice, for AVX-512 and
 * for baseline x86-64 (FAST_SUFFIX names each); fast_reference.c picks one at run time and
 * bounds, sums and rounds the terms.
 *
 * As in the MPFR reference:
 *   loss  a = x - x*z (x >= 0) or -x*z,  b = log1p(exp(-|x|))
 *   grad  a = 1/2 - z, b = tanh(x/2)/2 (|x| < 1);  a = 1 - z or -z, b = -+e/(1+e), e = exp(-|x|)
 * x*z is exact (24 + 24 bits) and Knuth's two-sum gives the rounding error of the subtraction
 * exactly, so a is exact.  b: exp and log1p or tanh are within 4 ulp each (2^-50 relative);
 * log1p passes its argument's relative error through scaled by e/((1+e) log1p e) <= 1, and
 * e/(1+e) adds two roundings: |b_exact - b| <= 2^-48.4 |b| (fast_reference.c uses 2^-47),
 * plus 2^-1074 where exp underflows. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "fast_reference.h"

/* fast_loss_terms_avx512, ...: FAST_SUFFIX comes from the build. */
#define FAST_CONCATENATE(name, suffix) name##_##suffix
#define FAST_EXPAND(name, suffix) FAST_CONCATENATE(name, suffix)
#define FAST_NAME(name) FAST_EXPAND(name, FAST_SUFFIX)

/* Let the compiler call libmvec's vector variants (_ZGVeN8v_exp, ...) inside simd loops. */
double exp(double) __attribute__((simd("notinbranch")));
double log1p(double) __attribute__((simd("notinbranch")));
double tanh(double) __attribute__((simd("notinbranch")));

/* u - v as a_hi + a_lo exactly (two-sum). */
static inline void exact_difference(double u, double v, double *a_hi, double *a_lo)
{
    double difference = u - v;
    double v_part = u - difference;
    *a_hi = difference;
    *a_lo = (u - (difference + v_part)) + (v_part - v);
}

/* The 700 < |x| <= 745.5 of a block, one by one: exp(-|x|).  Not vectorized: GCC would call
 * the vector exp on every lane, masked or not. */
__attribute__((noinline, optimize("no-tree-vectorize"))) static void
exp_of_large_magnitudes(size_t n, const double *restrict x, double *restrict e)
{
    for (size_t i = 0; i < n; i++) {
        double t = fabs(x[i]);
        if (t > 700.0 && t <= 745.5)
            e[i] = exp(-t);
    }
}

/* exp(-|x|) for a block.  libmvec's exp takes a slow scalar path for arguments whose result
 * underflows (below -708.4), and half of an exhaustive f32 sweep has such arguments, so the
 * vector call sees at most 700; beyond 745.5 the result is 0 (within the 2^-1070 the bound
 * allows for underflow; infinite and NaN x are left to MPFR anyway), and the rare block with
 * some |x| in between has those redone by exp_of_large_magnitudes. */
static inline void exp_of_minus_magnitude(size_t n, const double *restrict x, double *restrict e)
{
    /* min(|x|, 700) by the bits (ordered as integers for nonnegative doubles; NaN goes to 700):
     * a select would not do, as GCC rewrites exp(c ? u : v) to c ? exp(u) : exp(v) */
    const uint64_t limit_bits = double_bits(700.0), zero_bits = double_bits(745.5);
    int between = 0;
#pragma omp simd reduction(| : between)
    for (size_t i = 0; i < n; i++) {
        uint64_t bits = double_bits(x[i]) & 0x7fffffffffffffffu;
        e[i] = exp(-double_from_bits(bits < limit_bits ? bits : limit_bits));
        between |= bits > limit_bits && bits <= zero_bits;
    }
#pragma omp simd
    for (size_t i = 0; i < n; i++)
        e[i] = (double_bits(x[i]) & 0x7fffffffffffffffu) > zero_bits ? 0.0 : e[i];
    if (between)
        exp_of_large_magnitudes(n, x, e);
}

void FAST_NAME(fast_loss_terms)(size_t n, const double *restrict x, const double *restrict z, double *restrict a_hi,
                                double *restrict a_lo, double *restrict b)
{
    exp_of_minus_magnitude(n, x, b);
#pragma omp simd
    for (size_t i = 0; i < n; i++) {
        b[i] = log1p(b[i]);
        exact_difference(x[i] >= 0 ? x[i] : 0.0, x[i] * z[i], &a_hi[i], &a_lo[i]);
    }
}

void FAST_NAME(fast_grad_terms)(size_t n, const double *restrict x, const double *restrict z, double *restrict a_hi,
                                double *restrict a_lo, double *restrict b)
{
    exp_of_minus_magnitude(n, x, b);
#pragma omp simd
    for (size_t i = 0; i < n; i++) {
        double sigmoid_of_minus_abs = b[i] / (1 + b[i]);
        b[i] = x[i] > 0 ? -sigmoid_of_minus_abs : sigmoid_of_minus_abs;
        exact_difference(x[i] > 0 ? 1.0 : 0.0, z[i], &a_hi[i], &a_lo[i]);
    }
    /* Below |x| = 1, sigmoid(x) - 1/2 = tanh(x/2)/2 keeps the relative accuracy of tiny x (the
     * argument is clamped to [-1, 1]: the value is not used beyond, and libmvec's tanh is slow
     * on large and NaN arguments). */
#pragma omp simd
    for (size_t i = 0; i < n; i++) {
        double clamped = x[i] < -1.0 ? -1.0 : x[i] > 1.0 ? 1.0 : x[i];
        double near = tanh(clamped / 2) / 2, near_hi, near_lo;
        exact_difference(0.5, z[i], &near_hi, &near_lo);
        if (fabs(x[i]) < 1.0) {
            b[i] = near;
            a_hi[i] = near_hi;
            a_lo[i] = near_lo;
        }
    }
}

/* See fast_quick_decisions in fast_reference.h.  The rounding to the format is the shifter
 * trick: for 0 < m < 2^52 ulp, (m + 2^52 ulp) - 2^52 ulp is m rounded to a multiple of ulp,
 * ties to even, both operations exact but the one rounding (no -ffast-math here). */
void FAST_NAME(fast_quick_decisions)(size_t n, const double *restrict x, const double *restrict z,
                                     const double *restrict a_hi, const double *restrict a_lo,
                                     const double *restrict b, enum function function, int precision, int emin,
                                     int emax, const struct fast_values *values)
{
    double *restrict y_hi_out = values->y_hi, *restrict y_lo_out = values->y_lo, *restrict bound_out = values->bound;
    double *restrict rounded_out = values->rounded, *restrict inverse_ulp_out = values->inverse_ulp;
    signed char *restrict decided_out = values->decided, *restrict sign_out = values->sign;
    signed char *restrict flush_out = values->flush;
    const double half_smallest = double_from_bits((uint64_t)(emin - precision + 1023) << 52);
    const double format_limit = double_from_bits((uint64_t)(emax + 1 + 1023) << 52);
    const double subnormal_inverse_ulp = double_from_bits((uint64_t)(precision - 1 - emin + 1023) << 52);
#pragma omp simd
    for (size_t i = 0; i < n; i++) {
        double xi = x[i], zi = z[i];
        int ordinary = (fabs(xi) <= 0x1.fffffffffffffp1023) & (xi != 0.0) & (zi >= 0.0) & (zi <= 1.0);
        /* y = a_hi + a_lo + b as y_hi + y_lo (fast_reference.c, decide) */
        double s = a_hi[i] + b[i], b_part = s - a_hi[i];
        double e1 = (a_hi[i] - (s - b_part)) + (b[i] - b_part);
        double e = e1 + a_lo[i], a_part = e - e1;
        double e_error = (e1 - (e - a_part)) + (a_lo[i] - a_part);
        double y_hi = s + e, y_part = y_hi - s;
        double y_lo = ((s - (y_hi - y_part)) + (e - y_part)) + e_error;
        double bound = 0x1p-47 * 1.0625 * fabs(b[i]) + 0x1p-1070 + 0x1p-100 * fabs(y_hi);
        double margin = bound + fabs(y_lo), m = fabs(y_hi);
        uint64_t exponent_field = double_bits(m) >> 52;
        double binade_start = double_from_bits(exponent_field << 52);
        /* |y_hi| a power of two (gradients near +-1/2 and +-1: tiny or large |x|, hard labels):
         * the exact |y| lies above it or below it, in the binade below, as the low part says
         * beyond the bound; or, when y_hi = a (b below half its binary64 ulp), as the sign of
         * the transcendental term b (never zero) says */
        int b_positive = transcendental_positive(function, xi);
        int at_edge = m == binade_start, b_alone = (a_lo[i] == 0.0) & (y_hi == a_hi[i]);
        double low_part = y_hi > 0 ? y_lo : -y_lo; /* toward larger |y| */
        int same_sign = b_positive == (y_hi > 0);
        int above = (b_alone & same_sign) | (!b_alone & (low_part - bound > 0));
        int below = (b_alone & !same_sign) | (!b_alone & (low_part + bound < 0));
        int in_binade = (at_edge & (above | below)) |
                        (!at_edge & (m - margin > binade_start) & (m + margin < 2 * binade_start));
        int binade = (int)exponent_field - 1023 - (at_edge & below);
        int ulp_binade = binade > emin ? binade : emin;
        double ulp = double_from_bits((uint64_t)(ulp_binade - precision + 1 + 1023) << 52);
        double shifter = ulp * 0x1p52;
        double rounded = (m + shifter) - shifter;
        int flush_known = (m - margin >= half_smallest) | (m + margin < half_smallest);
        int quick = ordinary & (m >= 0x1p-1022) & (m <= 0x1.fffffffffffffp1023) & in_binade & (bound <= 0x1p-20 * ulp) &
                    (fabs(m - rounded) + margin < 0.5 * ulp) & (rounded < format_limit) & flush_known;
        /* a = 0 and |b| + bound below half the smallest subnormal: y is b alone, of the sign of
         * the transcendental term (transcendental_positive), and rounds to a zero
         * of that sign without a flush.  The large-|x| half of an exhaustive sweep is mostly
         * such points (hard labels), where b underflows even in binary64. */
        int underflow = ordinary & (a_hi[i] == 0.0) & (a_lo[i] == 0.0) & (fabs(b[i]) + bound < half_smallest);
        int positive = (underflow & b_positive) | (!underflow & (y_hi > 0));
        y_hi_out[i] = y_hi;
        y_lo_out[i] = y_lo;
        bound_out[i] = bound;
        rounded = underflow ? 0.0 : rounded;
        rounded_out[i] = positive ? rounded : -rounded;
        inverse_ulp_out[i] =
            underflow ? subnormal_inverse_ulp : double_from_bits((uint64_t)(precision - 1 - ulp_binade + 1023) << 52);
        sign_out[i] = (signed char)(positive ? 1 : -1);
        flush_out[i] = (signed char)(!underflow & (m - margin >= half_smallest));
        decided_out[i] = (signed char)(quick | underflow);
    }
}
