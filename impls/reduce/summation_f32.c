/* f32: sequential accumulation of f16 or bf16 terms in float.
 *
 *   s = 0.0f;  s = RN32(s + t_i) for i = 1..n;  mean = RN_format(RN32(s / RN32(n)))
 *
 * Origin: the opmath accumulator of a naive loop over half tensors (a float accumulator, as
 * CUDA and CPU kernels for half data use), with PyTorch's division (the sum in float, div_ in
 * float, cast to the half format).  On f32 storage this is `plain`, so it runs on f16 and
 * bf16 only.
 *
 * Weaknesses: the f16 ulp of the mean hides the float sum's errors at small n, but the sum
 * still stalls as plain f32 does: terms near 0.7 grow it by 1 each from 2^23 and not at all
 * from 2^24 = 16777216, so the mean of 10^8 such terms comes out near 0.17.
 *
 * Accuracy contract: none. */
#include "summation_common.h"

#define BLOCK 1024

struct f32_state {
    float sum;
};

static void f32_begin(struct summation_state *state)
{
    SUMMATION_DATA(struct f32_state, state)->sum = 0.0f;
}

static void f32_add(struct summation_state *state, const void *terms, size_t count)
{
    struct f32_state *wide = SUMMATION_DATA(struct f32_state, state);
    float s = wide->sum;
    float block[BLOCK];
    size_t overflow_at = 0; /* 1-based within this call */
    for (size_t start = 0; start < count; start += BLOCK) {
        size_t length = count - start < BLOCK ? count - start : BLOCK;
        summation_decode(state->format, (const uint16_t *)terms + start, length, block);
        float before = s;
        for (size_t i = 0; i < length; i++)
            s += block[i];
        if (!overflow_at && isfinite(before) && !isfinite(s)) {
            /* infinity and NaN absorb: replay this block to find the first term */
            float replay = before;
            for (size_t i = 0; i < length && !overflow_at; i++) {
                replay += block[i];
                if (!isfinite(replay))
                    overflow_at = start + i + 1;
            }
        }
    }
    if (overflow_at && !state->first_overflow)
        state->first_overflow = state->consumed + overflow_at;
    wide->sum = s;
}

static double f32_sum(const struct summation_state *state)
{
    return SUMMATION_CONST_DATA(struct f32_state, state)->sum;
}

static double f32_mean(const struct summation_state *state)
{
    float quotient = (float)f32_sum(state) / (float)state->n;
    return round_to_format(state->format, quotient);
}

const struct summation_strategy summation_f32 = {
    .name = "f32",
    .formula = "s = RN32(s + t_i) in float, in order; mean = RN(RN32(s / RN32(n))) to the format",
    .origin = "a naive loop over half tensors with a float (opmath) accumulator; PyTorch's division",
    .accumulator = "f32",
    .weaknesses = "stalls as plain f32 does once the sum exceeds 2^24 times a term",
    .formats = SUMMATION_HALF_FORMATS,
    .sequential = 1,
    .begin = f32_begin,
    .add = f32_add,
    .sum = f32_sum,
    .mean = f32_mean,
};
