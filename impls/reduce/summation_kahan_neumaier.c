/* kahan-neumaier: Kahan-Neumaier compensated summation in the storage format.
 *
 *   s = c = 0;  for each t:  u = RN(s + t);
 *                            c = RN(c + (|s| >= |t| ? RN(RN(s - u) + t) : RN(RN(t - u) + s)));
 *                            s = u
 *   sum = RN(s + c);  mean = RN(sum / n)
 * every operation rounded to the storage format (f16 and bf16 emulated in double, one
 * rounding per operation, as for `plain`).
 *
 * Origin: Neumaier's 1974 improvement of Kahan's 1965 compensated summation (the branch makes
 * the correction exact also when a term exceeds the running sum); the accumulator in the
 * storage format shows what compensation alone buys at that precision.
 *
 * Weaknesses: the error is bounded by about 2u |sum| + n u^2 sum|t_i|, independent of n to
 * first order while the compensation c itself stays exact: 2^24 + ones in f32 comes out
 * exact where `plain` stalls.  But Neumaier's c is a separate, plainly rounded sum of the
 * errors (keeping it apart from s is what makes terms larger than s exact), so once s stalls
 * c must carry the rest of the sum at the format's precision, and in a 16-bit format it
 * stalls too: 10^5 terms of 0.7 in f16 give s = 2048 (0.7 is below half an ulp of 2048) and
 * c = 2048, a sum of 4096 for a true 70000 (mean 0.041); bf16 gives 256 + 256.  Compensation
 * in the storage format does not rescue a long f16 sum; a float accumulator does.  The same
 * happens in f32 when the rounding errors have a sign bias (losses of confident predictions
 * are far below an ulp of the sum and are always dropped): c grows like the sum itself, then
 * drops them in turn (see `kahan`, whose correction stays below an ulp of s).  The sum
 * must also fit the format: with terms of 64, s overflows at the 1024th f16 term and s + c is
 * NaN (inf - inf in the correction).
 *
 * Accuracy contract: none. */
#include "summation_common.h"

struct neumaier_state {
    double sum, compensation; /* values of the format */
};

static void neumaier_begin(struct summation_state *state)
{
    struct neumaier_state *kahan = SUMMATION_DATA(struct neumaier_state, state);
    kahan->sum = kahan->compensation = 0.0;
}

static void neumaier_add(struct summation_state *state, const void *terms, size_t count)
{
    struct neumaier_state *kahan = SUMMATION_DATA(struct neumaier_state, state);
    size_t overflow_at = 0; /* 1-based within this call */
    int tracking = state->first_overflow == 0;
    if (state->format == FORMAT_F32) {
        const float *t = terms;
        float s = (float)kahan->sum, c = (float)kahan->compensation;
        for (size_t i = 0; i < count; i++) {
            float term = t[i];
            float u = s + term;
            if (fabsf(s) >= fabsf(term))
                c += (s - u) + term;
            else
                c += (term - u) + s;
            s = u;
            if (tracking && !overflow_at && !isfinite(s + c))
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
            double u = summation_add_rounded(format, s, term);
            double correction = fabs(s) >= fabs(term)
                                    ? summation_add_rounded(format, summation_add_rounded(format, s, -u), term)
                                    : summation_add_rounded(format, summation_add_rounded(format, term, -u), s);
            c = summation_add_rounded(format, c, correction);
            s = u;
            if (tracking && !overflow_at && !isfinite(summation_add_rounded(format, s, c)))
                overflow_at = i + 1;
        }
        kahan->sum = s;
        kahan->compensation = c;
    }
    if (overflow_at)
        state->first_overflow = state->consumed + overflow_at;
}

static double neumaier_sum(const struct summation_state *state)
{
    const struct neumaier_state *kahan = SUMMATION_CONST_DATA(struct neumaier_state, state);
    if (state->format == FORMAT_F32)
        return (float)kahan->sum + (float)kahan->compensation;
    return summation_add_rounded(state->format, kahan->sum, kahan->compensation);
}

static double neumaier_mean(const struct summation_state *state)
{
    return summation_divide(state->format, neumaier_sum(state), state->n);
}

const struct summation_strategy summation_kahan_neumaier = {
    .name = "kahan-neumaier",
    .formula = "Kahan-Neumaier: u = s + t; c += |s| >= |t| ? (s - u) + t : (t - u) + s; s = u; "
               "sum = s + c, each rounded to the storage format; mean = RN(sum / n)",
    .origin = "Neumaier (1974) after Kahan (1965), accumulator in the storage format",
    .accumulator = "storage",
    .weaknesses = "the correction c is itself a plain sum: in f16 and bf16 it stalls with s (10^5 terms of 0.7 in "
                  "f16 give 4096); the sum must fit the format",
    .formats = SUMMATION_NARROW_FORMATS,
    .sequential = 1,
    .begin = neumaier_begin,
    .add = neumaier_add,
    .sum = neumaier_sum,
    .mean = neumaier_mean,
};
