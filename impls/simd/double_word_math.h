/* double_word_math.h: the per-element arithmetic of scebench's own vector kernels, written once
 * over an op-set and shared by the AVX-512 and AVX2 kernels (simd_math.h, with
 * simd_ops_avx512.h or simd_ops_avx2.h) and by the CUDA kernels and their host twin
 * (impls/cuda/, with impls/cuda/lane_ops.h, one lane per thread).  The scheme, its error bounds
 * and the measured accuracy are described at the top of simd_math.h.
 *
 * Before including: SIMD_SINGLE (1: binary32 lanes, 0: binary64), an op-set defining `vector`,
 * `mask`, `scalar` and the operations, and simd_coefficients.h.  Included once per translation
 * unit (its names are not suffixed by precision). */
#ifndef SCEBENCH_DOUBLE_WORD_MATH_H
#define SCEBENCH_DOUBLE_WORD_MATH_H

#if SIMD_SINGLE
#define COEFFICIENTS(name) name##_f32
#define EXP_SHIFTER 0x1.8p19f     /* ulp 2^-4: adding it rounds to sixteenths */
#define EXP_CLAMP 128.0f          /* exp(-128) rounds to 0 in binary32; floor(k/16) >= -185 */
#define SCALE_FLOOR 59            /* e is computed as e' = e 2^(max(m, -59) - m) >= 2^-60: e'^2 normal */
#define TINY_LABEL 0x1p-40f       /* 0 < z < 2^-40 goes to the scalar path */
#define INDEX_SHIFTER 0x1.8p23f   /* ulp 1: adding it rounds to an integer */
#define LARGEST 0x1.fffffep127f
#define SMALLEST 0x1p-149f
#define SMALLEST_NORMAL 0x1p-126f
#define CANCELLATION 0x1p-14f
#else
#define COEFFICIENTS(name) name##_f64
#define EXP_SHIFTER 0x1.8p48
#define EXP_CLAMP 750.0           /* exp(-750) rounds to 0 in binary64; floor(k/16) >= -1082 */
#define SCALE_FLOOR 480
#define TINY_LABEL 0x1p-400
#define INDEX_SHIFTER 0x1.8p52
#define LARGEST 0x1.fffffffffffffp1023
#define SMALLEST 0x1p-1074
#define SMALLEST_NORMAL 0x1p-1022
#define CANCELLATION 0x1p-14
#endif

typedef struct {
    vector hi, lo;
} double_word;

/* The op-set may qualify the functions (CUDA: __device__). */
#ifndef INLINE
#define INLINE static inline __attribute__((always_inline))
#endif

INLINE double_word make_double_word(vector hi, vector lo)
{
    double_word pair;
    pair.hi = hi;
    pair.lo = lo;
    return pair;
}

/* Horner's rule over a coefficient array, constant term first. */
#define POLYNOMIAL(coefficients, v) polynomial(coefficients, sizeof coefficients / sizeof coefficients[0], v)
INLINE vector polynomial(const scalar *coefficients, int count, vector v)
{
    vector result = broadcast(coefficients[count - 1]);
#ifdef __CUDACC__
#pragma unroll
#else
#pragma GCC unroll 16
#endif
    for (int k = count - 2; k >= 0; k--)
        result = multiply_add(result, v, broadcast(coefficients[k]));
    return result;
}

/* ---- exp(-t) ---- */

/* -t = multiple * ln 2 + reduced, multiple = k/16 (shifted = multiple + EXP_SHIFTER holds k in
 * its low bits); reduced_exact = -t - multiple * LN2_HI.
 *
 * No operation of the kernels may produce a subnormal from normal operands where the result is
 * not itself that small: on Zen 4 each such instruction costs about 15 cycles (measured: the
 * exp alone went from 2.6 to 1.1 Gelem/s with 13% of |x| above 87).  So e is computed at a
 * floored scale, e' = e 2^(m' - m) with m = floor(k/16) and m' = max(m, -SCALE_FLOOR): e' >= 2^-60
 * (binary32), so e'^2 and every low part stay normal; b and s, computed from e', are multiplied
 * back by `remaining` = 2^(m - m') (1 unless e' was floored).  That is exact where e' = e, and
 * where it is not, log1p(e') 2^(m - m') = e (1 - e'/2 + ...) and e'/(1 + e') 2^(m - m') =
 * e (1 - e' + ...) are b and s to a relative 2^-59 (binary32), far below their bounds. */
typedef struct {
    vector shifted, multiple, reduced_exact, reduced, table_hi, table_lo;
    vector scale;     /* the field of 2^m' */
    vector remaining; /* 2^(m - m') <= 1, normal: m >= -185 | -1082 for t <= EXP_CLAMP */
} reduced_argument;

INLINE reduced_argument reduce(vector t)
{
    reduced_argument a;
    vector shifted = multiply_add(t, broadcast(COEFFICIENTS(negative_inverse_ln2)), broadcast(EXP_SHIFTER));
    a.shifted = shifted;
    a.multiple = subtract(shifted, broadcast(EXP_SHIFTER));
    a.reduced_exact = negate_multiply_subtract(a.multiple, broadcast(COEFFICIENTS(ln2_hi)), t);
    a.reduced = negate_multiply_add(a.multiple, broadcast(COEFFICIENTS(ln2_lo)), a.reduced_exact);
    /* the low 4 bits of the shifted value's pattern are k mod 16 */
    a.table_hi = table_lookup(COEFFICIENTS(exp2_hi), shifted);
    a.table_lo = table_lookup(COEFFICIENTS(exp2_lo), shifted);
    vector field = exponent_field_of_multiple(shifted);
    vector floor_field = exponent_field_of_multiple(broadcast(EXP_SHIFTER - SCALE_FLOOR));
    a.scale = larger_exponent_field(field, floor_field);
    a.remaining = add_to_exponent(broadcast(1), exponent_field_difference(field, a.scale));
    return a;
}

/* (hi, lo) * 2^m', m' >= -59 | -480: exact for hi, in [0.97, 2.1); exact for lo (a rounding
 * residual, about 2^-24 | 2^-53 of hi) unless cancellation left it below 2^-67 | 2^-542, where its
 * error is below 2^-90 | 2^-560 of e'. */
INLINE double_word scaled(vector hi, vector lo, reduced_argument a)
{
    return make_double_word(add_to_exponent(hi, a.scale), multiply(lo, add_to_exponent(broadcast(1), a.scale)));
}

/* b or s, computed from e' (see reduce), at the true scale.  Where e' = e, as it is.  Where e'
 * was floored (e < 2^-59 | 2^-480), hi + lo rounded once to the lanes' precision and then
 * multiplied by 2^(m - m'), rounded once more only where it falls into the subnormals; no low
 * part, which would fall below the normal range.  That is the correct rounding of the term where
 * it is the whole result (a or A = 0), 0.75 ulp where that is subnormal (1/4 from the first
 * rounding, 1/2 from the second); and elsewhere the other term is at least 2^-40 | 2^-400 (the
 * labels below TINY_LABEL go to the scalar path, and 1 - z >= 2^-24), 2^19 times larger, so the
 * term's relative error of 2^-24 is below 2^-43 of the result. */
INLINE double_word rescaled(double_word v, vector remaining)
{
    /* 1 where floored, else 0: hi + lo c and lo - lo c are each exact or the one rounding wanted */
    vector floored = blend(compare_less(remaining, broadcast(1)), broadcast(1), broadcast(0));
    vector hi = multiply(multiply_add(v.lo, floored, v.hi), remaining);
    return make_double_word(hi, negate_multiply_add(v.lo, floored, v.lo));
}

/* e = hi + lo to about 2^-28.5 (binary32) or 2^-57.5 (binary64): what the loss needs. */
INLINE double_word exp_fast(reduced_argument a)
{
    vector r = a.reduced;
    vector expm1_r = multiply_add(multiply(r, r), POLYNOMIAL(COEFFICIENTS(exp_fast), r), r);
    vector hi = multiply_add(a.table_hi, expm1_r, a.table_hi);
    vector lo = add(multiply_add(a.table_hi, expm1_r, subtract(a.table_hi, hi)), a.table_lo);
    return scaled(hi, lo, a);
}

/* e = hi + lo to about 2^-42.5 (binary32) or 2^-71 (binary64): what the gradient needs. */
INLINE double_word exp_precise(reduced_argument a)
{
    vector r = a.reduced;
    /* the rounding error of r (reduced_exact - r exact by Sterbenz, or both tiny) */
    vector r_lo = negate_multiply_add(a.multiple, broadcast(COEFFICIENTS(ln2_lo)), subtract(a.reduced_exact, r));
    vector half_r = multiply(r, broadcast((scalar)0.5));
    vector square_hi = multiply(half_r, r); /* r^2/2 = square_hi + square_lo exactly */
    vector square_lo = multiply_subtract(half_r, r, square_hi);
    square_lo = multiply_add(square_hi, multiply(r, POLYNOMIAL(COEFFICIENTS(exp_precise), r)), square_lo);
    vector expm1_hi = add(r, square_hi); /* Fast2Sum: |r| >= r^2/2 */
    vector expm1_lo = add(add(subtract(r, expm1_hi), square_hi), add(square_lo, multiply_add(r_lo, r, r_lo)));
    vector hi = multiply_add(a.table_hi, expm1_hi, a.table_hi);
    vector lo = multiply_add(a.table_hi, expm1_hi, subtract(a.table_hi, hi));
    lo = add(lo, multiply_add(a.table_hi, expm1_lo, multiply_add(a.table_lo, expm1_hi, a.table_lo)));
    /* normalise (Fast2Sum): lo holds the cubic term, up to 2^-19.6 of hi, and sigmoid_of's
     * quotient correction divides by 1 + hi alone, which is exact only to first order in lo */
    vector sum = add(hi, lo);
    return scaled(sum, subtract(lo, subtract(sum, hi)), a);
}

/* ---- the loss ---- */

/* b = log1p(e) = hi + lo, e in (0, 1]. */
INLINE double_word log1p_of(double_word e)
{
    /* bin round(15 e): the low 4 bits of the shifted value's pattern */
    vector bin = multiply_add(e.hi, broadcast(15), broadcast(INDEX_SHIFTER));
    vector inverse = table_lookup(COEFFICIENTS(log_invc), bin);
    vector inverse_minus_one = table_lookup(COEFFICIENTS(log_invcm1), bin);
    vector log_c = table_lookup(COEFFICIENTS(log_logc), bin);
    vector product = multiply(e.hi, inverse);
    vector product_error = multiply_subtract(e.hi, inverse, product);
    vector d = add(product, inverse_minus_one); /* exact: Sterbenz, or INVC - 1 = 0 in bin 0 */
    vector d_lo = multiply_add(e.lo, inverse, product_error);
    vector sum = add(log_c, d); /* Fast2Sum: LOGC >= |d|, or LOGC = 0 */
    vector sum_error = subtract(d, subtract(sum, log_c));
    /* d_lo enters at slope 1/(1+d), taken as 1: an error below 2^-24 d^2, 2^-29 of b */
    vector tail = multiply_add(multiply(d, d), POLYNOMIAL(COEFFICIENTS(log1p), d), d_lo);
    return make_double_word(sum, add(tail, sum_error));
}

/* w = [x>=0] - z = hi + lo exactly (Fast2Sum: step >= z, or step = 0); hi is exact itself for
 * x < 0 and for z >= 1/2 (Sterbenz), where x - x*z would cancel. */
INLINE double_word step_minus_label(vector x, vector z)
{
    vector step = blend(compare_greater_equal(x, broadcast(0)), broadcast(1), broadcast(0));
    vector hi = subtract(step, z);
    return make_double_word(hi, subtract(subtract(step, hi), z));
}

/* y = a + b, y.hi the rounded result and y.lo what it left (for the 16-bit formats). */
INLINE double_word loss_sum(vector x, vector z, double_word b)
{
    /* a = x w = max(x,0) - x z >= 0, as a product and its error: a normalised pair */
    double_word w = step_minus_label(x, z);
    vector a_hi = multiply(x, w.hi);
    vector a_lo = multiply_add(x, w.lo, multiply_subtract(x, w.hi, a_hi));
    vector larger = maximum(a_hi, b.hi), smaller = minimum(a_hi, b.hi);
    vector sum = add(larger, smaller);
    vector tail = add(add(a_lo, b.lo), subtract(smaller, subtract(sum, larger)));
    vector y = add(sum, tail);
    vector y_lo = subtract(tail, subtract(y, sum));
    /* b > 0 always: if it underflowed and a + b left no low part of its own (a can be a
     * binary16 midpoint), a tiny positive one keeps b's sticky bit for the 16-bit rounding; a
     * nonzero y_lo (at least 2^-149 | 2^-1074, b below half that) already has the sign b would
     * give.  y.lo is dead code for f32 and f64. */
    vector sticky = blend(compare_equal(y_lo, broadcast(0)), broadcast(SMALLEST), y_lo);
    y_lo = blend(compare_equal(b.hi, broadcast(0)), sticky, y_lo);
    return make_double_word(y, y_lo);
}

/* Lanes the vector code does not take: x infinite or NaN; z outside [+0, 1] or NaN (-0 too:
 * rare, and `accurate` takes it), or 0 < z < TINY_LABEL (subnormal z: x*z rounds below the
 * subnormal grid, where its FMA error is not representable; and rescaled drops low parts that
 * only such labels would need). */
INLINE mask special_inputs(vector x, vector z)
{
    mask label = mask_or(compare_outside_unit_interval(z), compare_tiny_positive(z, broadcast(TINY_LABEL)));
    return mask_or(compare_not_less_equal(absolute(x), broadcast(LARGEST)), label);
}

INLINE double_word loss_of(vector x, vector z, reduced_argument a)
{
    return loss_sum(x, z, rescaled(log1p_of(exp_fast(a)), a.remaining));
}

/* ---- the gradient ---- */

/* sigmoid(-|x|) = e/(1+e) = hi + lo. */
INLINE double_word sigmoid_of(double_word e)
{
    vector q = add(broadcast(1), e.hi);
    vector q_lo = add(add(subtract(broadcast(1), q), e.hi), e.lo); /* Fast2Sum: 1 >= e */
    vector inverse = reciprocal(q);
    vector s = multiply(e.hi, inverse);
    vector remainder = negate_multiply_add(s, q, e.hi); /* e.hi - s q */
    vector numerator = add(remainder, negate_multiply_add(s, q_lo, e.lo));
    return make_double_word(s, multiply(numerator, inverse));
}

/* g = A + B; `cancelled` marks lanes where |g| < 2^-14 |B|, beyond the error bound. */
INLINE double_word gradient_sum(vector x, vector z, double_word s, mask *cancelled)
{
    mask nonnegative = compare_greater_equal(x, broadcast(0));
    double_word w = step_minus_label(x, z);
    vector a_hi = w.hi, a_lo = w.lo;
    vector b_hi = conditional_negate(nonnegative, s.hi);
    vector b_lo = conditional_negate(nonnegative, s.lo);
    vector sum = add(a_hi, b_hi); /* 2Sum */
    vector b_part = subtract(sum, a_hi);
    vector error = add(subtract(a_hi, subtract(sum, b_part)), subtract(b_hi, b_part));
    vector tail = add(add(a_lo, b_lo), error);
    vector g = add(sum, tail);
    *cancelled = compare_less(absolute(g), multiply(s.hi, broadcast(CANCELLATION)));
    /* g = 0 outside the cancelled lanes only when B is +-0 (e underflowed): the exact g is B's
     * tiny, whose rounding is B's signed zero (the sums above give +0 + -0 = +0) */
    g = blend(compare_equal(g, broadcast(0)), b_hi, g);
    /* likewise B's sticky bit for the 16-bit rounding when it underflowed (x != 0 there) and
     * A + B left no low part */
    vector g_lo = subtract(tail, subtract(g, sum));
    vector sticky = blend(compare_equal(g_lo, broadcast(0)), conditional_negate(nonnegative, broadcast(SMALLEST)), g_lo);
    g_lo = blend(compare_equal(s.hi, broadcast(0)), sticky, g_lo);
    return make_double_word(g, g_lo);
}

INLINE double_word gradient_of(vector x, vector z, reduced_argument a, mask *cancelled)
{
    return gradient_sum(x, z, rescaled(sigmoid_of(exp_precise(a)), a.remaining), cancelled);
}

/* t = |x| clamped (infinite and NaN x, taken by the scalar path, give t = EXP_CLAMP: no
 * overflow in the reduction). */
INLINE reduced_argument reduce_input(vector x)
{
    return reduce(minimum(absolute(x), broadcast(EXP_CLAMP)));
}

#endif
