/* element.h: one element of `cuda-accurate` (device) and of `cuda-accurate-host` (its twin on
 * the CPU) on f64 storage: the double-word arithmetic of double_word_math.h on one binary64
 * lane, and the points it does not take sent to deep.h (f32, f16 and bf16 storage use
 * table_math.h instead).  See cuda_accurate.c for the formula and the contract.
 *
 * A lane function returns 1 and the value to store (a lane value: the result's high word for
 * the lanes' own format; the pair rounded to odd for a narrower one, so that the store's one
 * rounding to nearest is the correct rounding of the pair), or 0 when the point is the rare
 * path's (special inputs; a gradient that cancels beyond the bound).
 *
 * Before including: SIMD_SINGLE, lane_ops.h, simd_coefficients.h, double_word_math.h. */
#ifndef SCEBENCH_ELEMENT_H
#define SCEBENCH_ELEMENT_H

LANE_FUNCTION vector lane_value(double_word y, int narrow) { return narrow ? round_to_odd(y.hi, y.lo) : y.hi; }

LANE_FUNCTION int loss_lane(vector x, vector z, int narrow, vector *value)
{
    if (mask_bits(special_inputs(x, z)))
        return 0;
    *value = lane_value(loss_of(x, z, reduce_input(x)), narrow);
    return 1;
}

LANE_FUNCTION int gradient_lane(vector x, vector z, int narrow, vector *value)
{
    if (mask_bits(special_inputs(x, z)))
        return 0;
    mask cancelled;
    double_word g = gradient_of(x, z, reduce_input(x), &cancelled);
    *value = lane_value(g, narrow);
    return !mask_bits(cancelled);
}

/* Both, the reduction shared; bit 0: the loss was taken, bit 1: the gradient was. */
LANE_FUNCTION unsigned fused_lane(vector x, vector z, int narrow, vector *loss, vector *gradient)
{
    if (mask_bits(special_inputs(x, z)))
        return 0;
    reduced_argument a = reduce_input(x);
    mask cancelled;
    *loss = lane_value(loss_of(x, z, a), narrow);
    *gradient = lane_value(gradient_of(x, z, a, &cancelled), narrow);
    return mask_bits(cancelled) ? 1u : 3u;
}

#endif
