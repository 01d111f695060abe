/* kahan: Kahan's compensated summation (the classic form) in the storage format.
 *
 *   s = c = 0;  for each t:  y = RN(t - c);  u = RN(s + y);  c = RN(RN(u - s) - y);  s = u
 *   sum = s;  mean = RN(sum / n)
 * every operation rounded to the storage format (f16 and bf16 emulated in double, one
 * rounding per operation, as for `plain`).
 *
 * Origin: Kahan, "Further remarks on reducing truncation errors" (CACM, 1965).  Measured
 * beside `kahan-neumaier` because the two differ where it matters here: Kahan feeds the
 * correction back into the next term, so c stays below an ulp of s whatever the terms, while
 * Neumaier keeps c as a separate sum that can grow.
 *
 * Weaknesses: the error is bounded by (2u + O(n u^2)) sum|t_i| (Higham, Accuracy and
 * Stability, 4.3); but the final sum is s alone, rounded to the format, and a term larger
 * than s loses its low part (Neumaier's variant fixes that, irrelevant for losses, which are
 * all of one sign).  In f16 and bf16 the sum must fit the format: the compensated sum of 10^5
 * terms near 0.7 is the true ~70000, beyond 65504 in f16: s overflows to infinity at the first
 * term where s + y rounds to 65536 or more, and c becomes NaN.
 *
 * Accuracy contract: none. */
#include "summation_common.h"

struct kahan_state {
    double sum, compensation; /* values of the format */
};

static void kahan_begin(struct summation_state *state)
{
    struct kahan_state *kahan = SUMMATION_DATA(struct kahan_state, state);
    kahan->sum = kahan->compensation = 0.0;
}

static void kahan_add(struct summation_state *state, const void *terms, size_t count)
{
    struct kahan_state *kahan = SUMMATION_DATA(struct kahan_state, state);
    size_t overflow_at = 0; /* 1-based within this call */
    int tracking = state->first_overflow == 0;
    if (state->format == FORMAT_F32) {
        const float *t = terms;
        float s = (float)kahan->sum, c = (float)kahan->compensation;
        for (size_t i = 0; i < count; i++) {
            float y = t[i] - c;
            float u = s + y;
            c = (u - s) - y;
            s = u;
            if (tracking && !overflow_at && !isfinite(s))
                overflow_at = i + 1;
        }
        kahan->sum = s;
        kahan->compensation = c;
    } else {
        enum format format = state->format;
        const uint16_t *t = terms;
        double s = kahan->sum, c = kahan->compensation;
        for (size_t i = 0; i < count; i++) {
            double term = format == FORMAT_F16 ? summation_f16_to_float(t[i]) : summation_bf16_to_float(t[i]);
            double y = summation_add_rounded(format, term, -c);
            double u = summation_add_rounded(format, s, y);
            c = summation_add_rounded(format, summation_add_rounded(format, u, -s), -y);
            s = u;
            if (tracking && !overflow_at && !isfinite(s))
                overflow_at = i + 1;
        }
        kahan->sum = s;
        kahan->compensation = c;
    }
    if (overflow_at)
        state->first_overflow = state->consumed + overflow_at;
}

static double kahan_sum(const struct summation_state *state)
{
    return SUMMATION_CONST_DATA(struct kahan_state, state)->sum;
}

static double kahan_mean(const struct summation_state *state)
{
    return summation_divide(state->format, kahan_sum(state), state->n);
}

const struct summation_strategy summation_kahan = {
    .name = "kahan",
    .formula = "classic Kahan: y = t - c; u = s + y; c = (u - s) - y; s = u, each rounded to the storage format; "
               "mean = RN(s / n)",
    .origin = "Kahan (1965), accumulator in the storage format",
    .accumulator = "storage",
    .weaknesses = "the sum must fit the format: f16 overflows past 65504 (10^5 terms near 0.7)",
    .formats = SUMMATION_NARROW_FORMATS,
    .sequential = 1,
    .begin = kahan_begin,
    .add = kahan_add,
    .sum = kahan_sum,
    .mean = kahan_mean,
};
