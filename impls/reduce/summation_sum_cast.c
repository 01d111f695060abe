/* sum-cast: the sum accumulated in float, returned in the storage format, then divided.
 *
 *   s = RN32(s + t_i) in order;  S = RN_format(s);  mean = RN_format(RN32(S / RN32(n)))
 *   (f16 and bf16 terms; on f32 storage this is `plain`)
 *
 * Origin: `loss.sum() / n` on a half tensor, or reduction='sum' followed by a division: the
 * sum is accumulated in float (opmath) but torch.sum returns the tensor's dtype, so the sum
 * is rounded to f16 or bf16 before the division.  PyTorch's own mean avoids this (mean_out:
 * "cast_fp32 -> sum -> div -> cast", precisely to keep the sum out of the half format).
 * PyTorch accumulates with its cascade (`cascade`); this strategy adds in order, which
 * differs from it by a few float ulps, so the two overflow at the same n to within a term.
 *
 * Weaknesses: the sum must fit the format: in f16 it overflows to infinity once it reaches
 * 65520 (the rounding threshold above 65504): 10^5 terms near 0.7 sum to about 70000, and the
 * mean is infinite from the first n where s >= 65520 (93573 terms of 0.7001953125, the f16
 * value of 0.7).  bf16's range (3.4e38) is not reached, but S is rounded to 8 bits before the
 * division: up to half a bf16 ulp of the mean, plus the division's rounding.
 *
 * Accuracy contract: none. */
#include "summation_common.h"

#define BLOCK 1024

struct sum_cast_state {
    float sum;
};

/* The smallest float that rounds to infinity in the format: 65520 (f16), (2 - 2^-8) 2^127
 * (bf16).  A float sum below it rounds to a finite value. */
static float overflow_threshold(enum format format)
{
    const struct format_info *info = &format_info[format];
    return (float)ldexp(2.0 - ldexp(1.0, -info->precision), info->emax);
}

static void sum_cast_begin(struct summation_state *state)
{
    SUMMATION_DATA(struct sum_cast_state, state)->sum = 0.0f;
}

static void sum_cast_add(struct summation_state *state, const void *terms, size_t count)
{
    struct sum_cast_state *cast = SUMMATION_DATA(struct sum_cast_state, state);
    float s = cast->sum, threshold = overflow_threshold(state->format);
    float block[BLOCK];
    size_t overflow_at = 0; /* 1-based within this call */
    int tracking = state->first_overflow == 0;
    for (size_t start = 0; start < count; start += BLOCK) {
        size_t length = count - start < BLOCK ? count - start : BLOCK;
        summation_decode(state->format, (const uint16_t *)terms + start, length, block);
        for (size_t i = 0; i < length; i++) {
            s += block[i];
            if (tracking && !overflow_at && !(fabsf(s) < threshold))
                overflow_at = start + i + 1;
        }
    }
    if (overflow_at)
        state->first_overflow = state->consumed + overflow_at;
    cast->sum = s;
}

static double sum_cast_sum(const struct summation_state *state)
{
    return round_to_format(state->format, SUMMATION_CONST_DATA(struct sum_cast_state, state)->sum);
}

static double sum_cast_mean(const struct summation_state *state)
{
    float quotient = (float)sum_cast_sum(state) / (float)state->n;
    return round_to_format(state->format, quotient);
}

const struct summation_strategy summation_sum_cast = {
    .name = "sum-cast",
    .formula = "s = RN32(s + t_i) in float, in order; S = RN(s) to the format; mean = RN(RN32(S / RN32(n)))",
    .origin = "loss.sum() / n on a half tensor: float accumulation, the sum returned in the tensor's dtype",
    .accumulator = "f32",
    .weaknesses = "f16 overflows once the sum reaches 65520 (10^5 terms near 0.7); bf16 rounds the sum to 8 bits",
    .formats = SUMMATION_HALF_FORMATS,
    .sequential = 1,
    .begin = sum_cast_begin,
    .add = sum_cast_add,
    .sum = sum_cast_sum,
    .mean = sum_cast_mean,
};
