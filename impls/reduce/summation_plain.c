/* plain: the terms added one after another into an accumulator of the storage format.
 *
 *   s = 0;  s = RN_format(s + t_i) for i = 1..n;  mean = RN_format(s / n)
 *
 * Origin: Caffe's SigmoidCrossEntropyLossLayer::Forward_cpu, `Dtype loss = 0; for (...)
 * loss -= ...; top = loss / normalizer`, with Dtype the storage format: every partial sum is
 * rounded to the format (for f16 and bf16, each partial sum rounded to the 16-bit format, as
 * half-precision arithmetic does; emulated here in double, one rounding per addition), and
 * the division rounded once.
 *
 * Weaknesses: each addition loses up to half an ulp of the running sum, so the error grows
 * with n (worst case n^2 u / 2, typically sqrt(n) u); once the sum exceeds 2^p times a term,
 * the term no longer changes it: the sum stalls.  f32: 2^24 terms of 1 give 2^24, and every
 * further 1 is lost.  f16: the sum of terms near 0.7 stalls at 2048 (0.7 is below half an ulp
 * of 2048), so the mean of 10^5 such terms comes out as 0.0205; bf16 stalls at 256.  With
 * terms of 64, f16 overflows to infinity after 1024 terms.
 *
 * Accuracy contract: none. */
#include "summation_common.h"

struct plain_state {
    double sum; /* a value of the format */
};

static void plain_begin(struct summation_state *state)
{
    SUMMATION_DATA(struct plain_state, state)->sum = 0.0;
}

static void plain_add(struct summation_state *state, const void *terms, size_t count)
{
    struct plain_state *plain = SUMMATION_DATA(struct plain_state, state);
    size_t overflow_at = 0; /* 1-based within this call */
    if (state->format == FORMAT_F32) {
        const float *t = terms;
        float s = (float)plain->sum;
        for (size_t i = 0; i < count; i++) {
            s += t[i];
            if (!overflow_at && !isfinite(s))
                overflow_at = i + 1;
        }
        plain->sum = s;
    } else {
        const uint16_t *t = terms;
        double s = plain->sum;
        for (size_t i = 0; i < count; i++) {
            double term = state->format == FORMAT_F16 ? summation_f16_to_float(t[i]) : summation_bf16_to_float(t[i]);
            s = summation_add_rounded(state->format, s, term);
            if (!overflow_at && !isfinite(s))
                overflow_at = i + 1;
        }
        plain->sum = s;
    }
    if (overflow_at && !state->first_overflow)
        state->first_overflow = state->consumed + overflow_at;
}

static double plain_sum(const struct summation_state *state)
{
    return SUMMATION_CONST_DATA(struct plain_state, state)->sum;
}

static double plain_mean(const struct summation_state *state)
{
    return summation_divide(state->format, plain_sum(state), state->n);
}

const struct summation_strategy summation_plain = {
    .name = "plain",
    .formula = "s = RN(s + t_i) in the storage format, in order; mean = RN(s / n)",
    .origin = "Caffe's Forward_cpu loss loop (Dtype accumulator), and any naive loop",
    .accumulator = "storage",
    .weaknesses = "error grows with n; stalls once terms fall below half an ulp of the sum (f16: 2048 for "
                  "terms near 0.7); f16 overflows only while terms still grow the sum (terms of 64: at the 1024th)",
    .formats = SUMMATION_NARROW_FORMATS,
    .sequential = 1,
    .begin = plain_begin,
    .add = plain_add,
    .sum = plain_sum,
    .mean = plain_mean,
};
