/* deep.h: the rare path of `cuda-accurate` (and of its host twin): the loss and the gradient of
 * one point in double-binary64 ("double-double", about 104 bits), for the points the
 * double-word kernels of double_word_math.h do not take:
 *   - x infinite or NaN, z NaN or infinite: the limits of DESIGN.md (as `accurate`);
 *   - z outside [+0, 1] (-0 included) or subnormal: the loss a + b may cancel (a < 0);
 *   - the gradient's cancellation s(x) - z beyond the kernel's bound (|g| < 2^-14 |B|).
 *
 *   loss l = a + b, a = x (1 - z) (x >= 0) or -x z (x < 0) exact as a double-double,
 *                   b = log1p(e), e = exp(-|x|)
 *   grad g = A + B, A = [x >= 0] - z exact, B = -+ e / (1 + e)
 *
 * exp(-t) = 2^k 2^(j/16) (1 + expm1(r)), r = -t - (16k + j) ln2/16 with ln2/16 in three parts
 * (the first with 38 bits, so that its product with |16k + j| < 2^15 is exact), the table
 * 2^(j/16) of simd_coefficients.h (hi + lo to 2^-106), expm1(r) by its Taylor series to r^14
 * (|r| <= ln2/32: the remainder is below 2^-112; terms to r^8 with double-double coefficients,
 * the rest in binary64, whose roundings stay below 2^-120).  log1p(e) by one Newton step on
 * L0 = log1p(e) of binary64 (within 2^-52 relative): L = L0 + d - d^2/2 with
 * d = (1 + e) exp(-L0) - 1, formed as e + e M + M with M = expm1(-L0) when L0 < ln2/32 (so
 * that d keeps its relative accuracy for tiny e), else as (1 + e) W - 1 (L0 >= 0.02: an
 * absolute error of 2^-104 is 2^-98 of L).  Relative error of a, b, A, B: below 2^-98.
 *
 * Results: for f64 the double nearest to the double-double (its high word); for the narrower
 * formats the double-double rounded to odd in binary64, for the caller's one rounding to the
 * format.  Below 2^-960, where the low word would fall under binary64's subnormal grid, the
 * sum is formed scaled by 2^-k and rounded to odd there before the scaling's one rounding:
 * within 0.75 ulp in f64's subnormal range (the f64 contract is 1 ulp); nothing in the
 * narrower formats reaches that range.
 *
 * The gradient's cancellation is resolved to about 2^-104 of the sigmoid term here: every
 * f32, f16 and bf16 point (their z lies within 2^-25 of s(x) at the closest, far above that);
 * an f64 gradient that cancels below 2^-40 of it (z = s(x) rounded to binary64, say) goes on
 * to triple words (deep_triple.h, 2^-150).  For |x| < 1 the gradient is (1/2 - z) +
 * tanh(x/2)/2, as in `accurate`, so z = 1/2 with tiny x does not cancel at all.
 *
 * Speed is not the point: a few hundred binary64 operations per point, taken for 2^-14 of
 * random soft-label gradients and for special inputs. */
#ifndef SCEBENCH_DEEP_H
#define SCEBENCH_DEEP_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "loss_limits.h"

#ifdef __CUDACC__
#define DEEP_FUNCTION static __device__ __forceinline__
#define DEEP_NOINLINE static __device__ __noinline__
#else
#define DEEP_FUNCTION static inline
#define DEEP_NOINLINE static
#endif

/* binary64 operations, never fused or reordered (the __d*_rn intrinsics on the device,
 * -ffp-contract=off on the host). */
#ifdef __CUDACC__
DEEP_FUNCTION double deep_add(double a, double b) { return __dadd_rn(a, b); }
DEEP_FUNCTION double deep_subtract(double a, double b) { return __dsub_rn(a, b); }
DEEP_FUNCTION double deep_multiply(double a, double b) { return __dmul_rn(a, b); }
DEEP_FUNCTION double deep_divide(double a, double b) { return __ddiv_rn(a, b); }
DEEP_FUNCTION double deep_fma(double a, double b, double c) { return __fma_rn(a, b, c); }
#else
DEEP_FUNCTION double deep_add(double a, double b) { return a + b; }
DEEP_FUNCTION double deep_subtract(double a, double b) { return a - b; }
DEEP_FUNCTION double deep_multiply(double a, double b) { return a * b; }
DEEP_FUNCTION double deep_divide(double a, double b) { return a / b; }
DEEP_FUNCTION double deep_fma(double a, double b, double c) { return fma(a, b, c); }
#endif

typedef struct {
    double hi, lo;
} double_double;

DEEP_FUNCTION double_double dd_make(double hi, double lo)
{
    double_double v;
    v.hi = hi;
    v.lo = lo;
    return v;
}

/* |a| >= |b| or a = 0 */
DEEP_FUNCTION double_double dd_fast_two_sum(double a, double b)
{
    double sum = deep_add(a, b);
    return dd_make(sum, deep_subtract(b, deep_subtract(sum, a)));
}

DEEP_FUNCTION double_double dd_two_sum(double a, double b)
{
    double sum = deep_add(a, b);
    double b_part = deep_subtract(sum, a);
    double error = deep_add(deep_subtract(a, deep_subtract(sum, b_part)), deep_subtract(b, b_part));
    return dd_make(sum, error);
}

DEEP_FUNCTION double_double dd_add(double_double a, double_double b)
{
    double_double high = dd_two_sum(a.hi, b.hi);
    double_double low = dd_two_sum(a.lo, b.lo);
    double_double sum = dd_fast_two_sum(high.hi, deep_add(high.lo, low.hi));
    return dd_fast_two_sum(sum.hi, deep_add(sum.lo, low.lo));
}

DEEP_FUNCTION double_double dd_negate(double_double a) { return dd_make(-a.hi, -a.lo); }

DEEP_FUNCTION double_double dd_multiply(double_double a, double_double b)
{
    double product = deep_multiply(a.hi, b.hi);
    double error = deep_fma(a.hi, b.hi, -product);
    error = deep_add(error, deep_add(deep_multiply(a.hi, b.lo), deep_multiply(a.lo, b.hi)));
    return dd_fast_two_sum(product, error);
}

DEEP_FUNCTION double_double dd_multiply_double(double_double a, double b)
{
    double product = deep_multiply(a.hi, b);
    double error = deep_fma(a.hi, b, -product);
    return dd_fast_two_sum(product, deep_fma(a.lo, b, error));
}

/* a / b: three quotient digits, each remainder formed exactly enough by dd_multiply_double. */
DEEP_FUNCTION double_double dd_divide(double_double a, double_double b)
{
    double first = deep_divide(a.hi, b.hi);
    double_double remainder = dd_add(a, dd_negate(dd_multiply_double(b, first)));
    double second = deep_divide(remainder.hi, b.hi);
    remainder = dd_add(remainder, dd_negate(dd_multiply_double(b, second)));
    double third = deep_divide(remainder.hi, b.hi);
    double_double quotient = dd_fast_two_sum(first, second);
    return dd_add(quotient, dd_make(third, 0.0));
}

/* ---- exp ---- */

/* e^v = 2^exponent * mantissa, mantissa in [0.7, 1.5]. */
typedef struct {
    double_double mantissa;
    int exponent;
} scaled_double_double;

/* expm1(r), |r| <= ln2/32 (a little more is harmless), r a double-double. */
DEEP_FUNCTION double_double dd_expm1_reduced(double_double r)
{
    /* 1/n!, n = 2..8, as double-doubles; n = 9..14 in binary64 */
    const double head_hi[7] = {0x1p-1, 0x1.5555555555555p-3, 0x1.5555555555555p-5, 0x1.1111111111111p-7,
                               0x1.6c16c16c16c17p-10, 0x1.a01a01a01a01ap-13, 0x1.a01a01a01a01ap-16};
    const double head_lo[7] = {0.0, 0x1.5555555555555p-57, 0x1.5555555555555p-59, 0x1.1111111111111p-63,
                               -0x1.f49f49f49f49fp-65, 0x1.a01a01a01a01ap-73, 0x1.a01a01a01a01ap-76};
    const double tail[6] = {0x1.71de3a556c734p-19, 0x1.27e4fb7789f5cp-22, 0x1.ae64567f544e4p-26,
                            0x1.1eed8eff8d898p-29, 0x1.6124613a86d09p-33, 0x1.93974a8c07c9dp-37};
    double tail_sum = tail[5];
    for (int n = 4; n >= 0; n--)
        tail_sum = deep_fma(tail_sum, r.hi, tail[n]);
    double_double sum = dd_add(dd_make(head_hi[6], head_lo[6]), dd_make(deep_multiply(tail_sum, r.hi), 0.0));
    for (int n = 5; n >= 0; n--)
        sum = dd_add(dd_multiply(sum, r), dd_make(head_hi[n], head_lo[n]));
    return dd_add(r, dd_multiply(dd_multiply(r, r), sum));
}

/* e^-t for t >= 0 finite, t <= 1100 (below, the caller treats e as 0). */
DEEP_FUNCTION scaled_double_double dd_exp_negative(double t)
{
    const double sixteen_over_ln2 = 0x1.71547652b82fep+4;
    const double part1 = 0x1.62e42fefa0000p-5, part2 = 0x1.cf79abc9e3b3ap-44, part3 = -0x1.ff0342542fc33p-98;
    double multiple = rint(deep_multiply(-t, sixteen_over_ln2)); /* 16k + j, |.| < 2^15 */
    /* -t - multiple part1: the product is exact (38 + 15 bits), the difference by Sterbenz */
    double reduced = deep_subtract(-t, deep_multiply(multiple, part1));
    double product2 = deep_multiply(multiple, part2);
    double product2_error = deep_fma(multiple, part2, -product2);
    double_double r = dd_two_sum(reduced, -product2);
    r = dd_add(r, dd_make(-deep_fma(multiple, part3, product2_error), 0.0));
    int whole = (int)multiple;
    int j = whole & 15;
    scaled_double_double result;
    result.exponent = (whole - j) / 16;
    double_double table = dd_make(exp2_hi_f64[j], exp2_lo_f64[j]);
    result.mantissa = dd_add(table, dd_multiply(table, dd_expm1_reduced(r)));
    return result;
}

DEEP_FUNCTION double_double dd_scale(double_double v, int exponent)
{
    return dd_make(ldexp(v.hi, exponent), ldexp(v.lo, exponent));
}

/* ---- log1p ---- */

/* log1p(e), e in (0, 1] a double-double. */
DEEP_FUNCTION double_double dd_log1p(double_double e)
{
    double first = log1p(e.hi);
    double_double d;
    if (first < 0x1.62e42fefa39efp-6) {
        double_double m = dd_expm1_reduced(dd_make(-first, 0.0)); /* e^-first - 1 */
        d = dd_add(dd_add(e, dd_multiply(e, m)), m);
    } else {
        scaled_double_double w = dd_exp_negative(first);
        double_double one_plus_e = dd_add(dd_make(1.0, 0.0), e);
        d = dd_add(dd_multiply(one_plus_e, dd_scale(w.mantissa, w.exponent)), dd_make(-1.0, 0.0));
    }
    double_double result = dd_add(dd_make(first, 0.0), d);
    return dd_add(result, dd_make(-0.5 * d.hi * d.hi, 0.0));
}

/* ---- results ---- */

/* The last bit of a double's significand set when lo is not zero: rounding to odd. */
DEEP_FUNCTION double dd_round_to_odd(double_double v)
{
    uint64_t bits;
    memcpy(&bits, &v.hi, sizeof bits);
    if (v.lo == 0 || (bits & 1) || isinf(v.hi) || isnan(v.hi))
        return v.hi;
    int toward_zero = (v.lo < 0) != (v.hi < 0);
    bits = toward_zero ? bits - 1 : bits + 1;
    double result;
    memcpy(&result, &bits, sizeof result);
    return result;
}

/* What the store rounds: the double nearest (f64) or the value rounded to odd (narrower). */
DEEP_FUNCTION double dd_result(double_double v, int narrow) { return narrow ? dd_round_to_odd(v) : v.hi; }

/* a + 2^exponent m for a tiny exponent (m in [0.7, 1.5], 2^exponent < 2^-1000): when |a| is
 * far above 2^exponent, m only steers a's rounding (a sticky term); else the sum is formed
 * scaled and rounded to odd before the one rounding of the scaling. */
DEEP_FUNCTION double dd_sum_with_tiny(double_double a, double_double m, int exponent, int narrow)
{
    if (fabs(a.hi) >= 0x1p-960)
        return dd_result(dd_add(a, dd_make(ldexp(m.hi, exponent), 0.0)), narrow);
    double_double scaled = dd_add(dd_scale(a, -exponent), m);
    return ldexp(dd_round_to_odd(scaled), exponent);
}

/* l(x, z) for any x and z (as binary64 values of the format's inputs). */
DEEP_NOINLINE double deep_loss(double x, double z, int narrow)
{
    double limit;
    if (loss_limit(&x, &z, &limit))
        return limit;
    double_double weight = x >= 0 ? dd_two_sum(1.0, -z) : dd_make(-z, 0.0);
    double_double a = dd_multiply_double(weight, x);
    if (isinf(a.hi) || isnan(a.hi))
        return deep_multiply(weight.hi, x); /* overflow: the exact product's rounding */
    double t = fabs(x);
    if (t > 1100.0) /* b < 2^-1500: a sticky term of a, or the whole result (which rounds to 0) */
        return a.hi == 0 ? 0.0 : dd_result(dd_add(a, dd_make(0x1p-1074, 0.0)), narrow);
    scaled_double_double e = dd_exp_negative(t);
    if (e.exponent < -1000)
        return dd_sum_with_tiny(a, e.mantissa, e.exponent, narrow);
    return dd_result(dd_add(a, dd_log1p(dd_scale(e.mantissa, e.exponent))), narrow);
}

#include "deep_triple.h"

/* An f64 gradient g = A + B that cancelled below 2^-40 of B (with z in [0, 1]): the
 * double-double's 2^-104 of B may leave more than 1/4 ulp of g; deep_triple.h takes it. */
DEEP_FUNCTION int needs_triple(double_double g, double_double b, double z)
{
    return fabs(g.hi) < 0x1p-40 * fabs(b.hi) && z >= 0.0 && z <= 1.0;
}

/* tanh(x/2)/2 = s(x) - 1/2 for |x| < 1, as M/(M + 2)/2 with M = expm1(-|x|) (sign of x
 * restored): no cancellation for tiny x, where s(x) - z with z = 1/2 would lose everything. */
DEEP_FUNCTION double_double dd_half_tanh_half(double x)
{
    double t = fabs(x);
    double_double m;
    if (t <= 0x1.62e42fefa39efp-6) {
        m = dd_expm1_reduced(dd_make(-t, 0.0));
    } else {
        scaled_double_double e = dd_exp_negative(t);
        m = dd_add(dd_scale(e.mantissa, e.exponent), dd_make(-1.0, 0.0)); /* |m| >= 0.02 */
    }
    double_double half_tanh = dd_divide(m, dd_add(m, dd_make(2.0, 0.0)));
    half_tanh = dd_make(0.5 * half_tanh.hi, 0.5 * half_tanh.lo);
    return x >= 0 ? dd_negate(half_tanh) : half_tanh;
}

/* g(x, z) for any x and z: (1/2 - z) + tanh(x/2)/2 below |x| = 1 (as `accurate`), else
 * ([x >= 0] - z) -+ e/(1 + e). */
DEEP_NOINLINE double deep_gradient(double x, double z, int narrow)
{
    if (isnan(x) || isnan(z))
        return NAN;
    if (isinf(z))
        return -z;
    double_double step_minus_z = dd_two_sum(x >= 0 ? 1.0 : 0.0, -z);
    if (isinf(x))
        return dd_result(step_minus_z, narrow);
    double t = fabs(x);
    if (t < 1.0) {
        double_double b = dd_half_tanh_half(x), g = dd_add(dd_two_sum(0.5, -z), b);
        if (!narrow && needs_triple(g, b, z))
            return deep_gradient_triple(x, z);
        return dd_result(g, narrow);
    }
    if (t > 1100.0) { /* the sigmoid term below 2^-1500: a sticky term */
        double sticky = x >= 0 ? -0x1p-1074 : 0x1p-1074;
        if (step_minus_z.hi == 0)
            return copysign(0.0, sticky);
        return dd_result(dd_add(step_minus_z, dd_make(sticky, 0.0)), narrow);
    }
    scaled_double_double e = dd_exp_negative(t);
    double_double signed_m = x >= 0 ? dd_negate(e.mantissa) : e.mantissa;
    if (e.exponent < -1000) /* e/(1+e) = e (1 - e + ...): e alone, within 2^-1000 */
        return dd_sum_with_tiny(step_minus_z, signed_m, e.exponent, narrow);
    double_double scaled = dd_scale(e.mantissa, e.exponent);
    double_double sigmoid = dd_divide(scaled, dd_add(dd_make(1.0, 0.0), scaled));
    double_double g = dd_add(step_minus_z, x >= 0 ? dd_negate(sigmoid) : sigmoid);
    if (!narrow && e.exponent >= -900 && needs_triple(g, sigmoid, z))
        return deep_gradient_triple(x, z);
    return dd_result(g, narrow);
}

#endif
