/* f64: sequential accumulation of the terms in double.
 *
 *   s = 0.0 (double);  s = RN64(s + t_i) for i = 1..n;  mean = RN_format(s / n), one rounding
 *   of the exact quotient of the double sum
 *
 * Origin: the usual remedy for long sums: numpy's float64 accumulators, `double` loss sums in
 * hand-written kernels.  Here over f32, f16 or bf16 terms.
 *
 * Weaknesses: the errors grow like plain's, but from 2^-53: the sum's relative error is below
 * n 2^-53, under the f32 ulp of the mean up to n = 2^29 in the worst case and far beyond in
 * practice (random rounding errors grow like sqrt(n) 2^-53).  The mean is then correctly
 * rounded apart from those.
 *
 * Accuracy contract: none. */
#include "summation_common.h"

#define BLOCK 1024

struct f64_state {
    double sum;
};

static void f64_begin(struct summation_state *state)
{
    SUMMATION_DATA(struct f64_state, state)->sum = 0.0;
}

static void f64_add(struct summation_state *state, const void *terms, size_t count)
{
    struct f64_state *wide = SUMMATION_DATA(struct f64_state, state);
    double s = wide->sum;
    if (state->format == FORMAT_F32) {
        const float *t = terms;
        for (size_t i = 0; i < count; i++)
            s += t[i];
    } else {
        float block[BLOCK];
        for (size_t start = 0; start < count; start += BLOCK) {
            size_t length = count - start < BLOCK ? count - start : BLOCK;
            summation_decode(state->format, (const uint16_t *)terms + start, length, block);
            for (size_t i = 0; i < length; i++)
                s += block[i];
        }
    }
    /* Finite terms cannot reach 2^1024 in double: only the end of each call is checked. */
    if (isfinite(wide->sum) && !isfinite(s) && !state->first_overflow)
        state->first_overflow = state->consumed + count;
    wide->sum = s;
}

static double f64_sum(const struct summation_state *state)
{
    return SUMMATION_CONST_DATA(struct f64_state, state)->sum;
}

static double f64_mean(const struct summation_state *state)
{
    return summation_divide(state->format, f64_sum(state), state->n);
}

const struct summation_strategy summation_f64 = {
    .name = "f64",
    .formula = "s = RN64(s + t_i) in double, in order; mean = RN(s / n) to the format",
    .origin = "double accumulators (numpy float64 sums, hand-written loss kernels)",
    .accumulator = "f64",
    .weaknesses = "none visible in f32 and narrower formats for n up to 10^9 (errors from 2^-53)",
    .formats = SUMMATION_NARROW_FORMATS,
    .sequential = 0,
    .begin = f64_begin,
    .add = f64_add,
    .sum = f64_sum,
    .mean = f64_mean,
};
