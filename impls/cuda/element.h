/* element.h: one element of `cuda-accurate` (device) and of `cuda-accurate-host` (its twin on
 * the CPU): the double-word arithmetic of double_word_math.h on one lane, and the points it
 * does not take sent to deep.h.  See cuda_accurate.c for the formula and the contract.
 *
 * A lane function returns 1 and the value to store (a lane value: the result's high word for
 * the lanes' own format; the pair rounded to odd for a narrower one, so that the store's one
 * rounding to nearest is the correct rounding of the pair), or 0 when the point is the rare
 * path's (special inputs; a gradient that cancels beyond the bound).  The robust variant of
 * the reduction is chosen per lane here (|x| > FAST_LIMIT), as simd_math.h does per block.
 *
 * Before including: SIMD_SINGLE, lane_ops.h, simd_coefficients.h, double_word_math.h. */
#ifndef SCEBENCH_ELEMENT_H
#define SCEBENCH_ELEMENT_H

LANE_FUNCTION int lane_is_robust(vector x) { return compare_not_less_equal(absolute(x), broadcast(FAST_LIMIT)); }

LANE_FUNCTION vector lane_value(double_word y, int narrow) { return narrow ? round_to_odd(y.hi, y.lo) : y.hi; }

LANE_FUNCTION int loss_lane(vector x, vector z, int narrow, vector *value)
{
    int robust = lane_is_robust(x);
    if (mask_bits(special_inputs(x, z, robust)))
        return 0;
    *value = lane_value(loss_of(x, z, reduce_input(x, robust)), narrow);
    return 1;
}

#if SIMD_SINGLE
/* The loss for f16 and bf16 storage in single binary32 words: what an 11- or 8-bit result
 * needs, and about half the operations of the double-word loss (the 16-bit loss moves 4 bytes
 * per element, so on a GPU its arithmetic, not memory, is the limit).
 *   e = 2^m T (1 + expm1(r)): the reduction of double_word_math.h, T = EXP2_HI alone (2^-24),
 *       expm1 by the fast polynomial (2^-29), scaled by exponent arithmetic, or by ldexp (one
 *       rounding into the subnormals) when |x| > FAST_LIMIT: within 1.5 2^-24 where normal;
 *   b = LOGC + (d + d^2 L(d)), d = e INVC + (INVC - 1) by one FMA (exact in bin 0, where
 *       INVC = 1): within 2^-22 of log1p(e) with e's error;
 *   a = x w, w = [x >= 0] - z, two roundings (no cancellation: a >= 0);
 *   y = a + b rounded in binary32: within 2^-21.6 of |y|, so the 16-bit rounding of y is
 *   within 0.5 + 2^-10.6 = 0.5007 ulp (f16; bf16 0.5 + 2^-13.6).  Special inputs take the
 *   double-word path (and its rare path). */
LANE_FUNCTION int loss_lane_16bit(vector x, vector z, vector *value)
{
    if (mask_bits(special_inputs(x, z, 1)))
        return loss_lane(x, z, 1, value);
    int robust = lane_is_robust(x);
    reduced_argument a = reduce_input(x, robust);
    vector r = a.reduced;
    vector expm1_r = multiply_add(multiply(r, r), POLYNOMIAL(COEFFICIENTS(exp_fast), r), r);
    vector unscaled = multiply_add(a.table_hi, expm1_r, a.table_hi);
    vector e = robust ? scale_by_power_of_two(unscaled, a.multiple)
                      : add_to_exponent(unscaled, exponent_field_of_multiple(a.shifted));
    vector bin = multiply_add(e, broadcast(15), broadcast(INDEX_SHIFTER));
    vector d = multiply_add(e, table_lookup(COEFFICIENTS(log_invc), bin), table_lookup(COEFFICIENTS(log_invcm1), bin));
    vector tail = multiply_add(multiply(d, d), POLYNOMIAL(COEFFICIENTS(log1p), d), d);
    vector b = add(table_lookup(COEFFICIENTS(log_logc), bin), tail);
    vector step = blend(compare_greater_equal(x, broadcast(0)), broadcast(1), broadcast(0));
    *value = add(multiply(x, subtract(step, z)), b);
    return 1;
}
#endif

LANE_FUNCTION int gradient_lane(vector x, vector z, int narrow, vector *value)
{
    int robust = lane_is_robust(x);
    if (mask_bits(special_inputs(x, z, robust)))
        return 0;
    mask cancelled;
    double_word g = gradient_of(x, z, reduce_input(x, robust), &cancelled);
    *value = lane_value(g, narrow);
    return !mask_bits(cancelled);
}

/* Both, the reduction shared; bit 0: the loss was taken, bit 1: the gradient was. */
LANE_FUNCTION unsigned fused_lane(vector x, vector z, int narrow, vector *loss, vector *gradient)
{
    int robust = lane_is_robust(x);
    if (mask_bits(special_inputs(x, z, robust)))
        return 0;
    reduced_argument a = reduce_input(x, robust);
    mask cancelled;
    *loss = lane_value(loss_of(x, z, a), narrow);
    *gradient = lane_value(gradient_of(x, z, a, &cancelled), narrow);
    return mask_bits(cancelled) ? 1u : 3u;
}

#endif
