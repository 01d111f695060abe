#include "fast_reference.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "accumulator.h"

#define BLOCK 1024

int fast_reference_serves(enum format format)
{
    return format != FORMAT_F64;
}

static int have_avx512(void)
{
    static int avx512 = -1;
    if (avx512 < 0)
        avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
    return avx512;
}

void fast_values_allocate(struct fast_values *values, size_t n)
{
    size_t count = n ? n : 1;
    values->y_hi = calloc(count, sizeof(double));
    values->y_lo = calloc(count, sizeof(double));
    values->bound = calloc(count, sizeof(double));
    values->rounded = calloc(count, sizeof(double));
    values->inverse_ulp = calloc(count, sizeof(double));
    values->decided = calloc(count, 1);
    values->sign = calloc(count, 1);
    values->flush = calloc(count, 1);
    values->rounded_error = calloc(count, sizeof(double));
    values->rounded_simple = calloc(count, 1);
    if (!values->y_hi || !values->y_lo || !values->bound || !values->rounded || !values->inverse_ulp ||
        !values->decided || !values->sign || !values->flush || !values->rounded_error || !values->rounded_simple)
        abort();
}

void fast_values_free(struct fast_values *values)
{
    free(values->y_hi);
    free(values->y_lo);
    free(values->bound);
    free(values->rounded);
    free(values->inverse_ulp);
    free(values->decided);
    free(values->sign);
    free(values->flush);
    free(values->rounded_error);
    free(values->rounded_simple);
}

void fast_rounded_measurements(size_t n, const struct fast_values *values)
{
    (have_avx512() ? fast_rounded_measurements_avx512 : fast_rounded_measurements_baseline)(n, values);
}

void fast_measure_summary(size_t n, const double *got, const double *x, const double *z,
                          const struct fast_values *values, const struct fast_summary_bars *bars, double *error,
                          unsigned char *simple, struct fast_block_summary *summary)
{
    (have_avx512() ? fast_measure_summary_avx512 : fast_measure_summary_baseline)(n, got, x, z, values, bars, error,
                                                                                  simple, summary);
}

void fast_widen_f32(size_t n, const float *in, double *out)
{
    (have_avx512() ? fast_widen_f32_avx512 : fast_widen_f32_baseline)(n, in, out);
}

void fast_masked_maximum(size_t n, const double *error, const unsigned char *masks, double *maximum,
                         uint64_t *failures)
{
    (have_avx512() ? fast_masked_maximum_avx512 : fast_masked_maximum_baseline)(n, error, masks, maximum, failures);
}

static fast_terms_fn *terms_for(enum function function)
{
    int avx512 = have_avx512();
    if (function == FUNCTION_LOSS)
        return avx512 ? fast_loss_terms_avx512 : fast_loss_terms_baseline;
    return avx512 ? fast_grad_terms_avx512 : fast_grad_terms_baseline;
}

/* floor(log2 v) for a positive double at least 2^-1022; below that, -1023 (every format's
 * subnormal range). */
static int binade_of(double v)
{
    return (int)((double_bits(v) >> 52) & 0x7ff) - 1023;
}

/* Knuth's two-sum: sum + error = u + v exactly. */
static void two_sum(double u, double v, double *sum, double *error)
{
    double s = u + v, v_part = s - u;
    *sum = s;
    *error = (u - (s - v_part)) + (v - v_part);
}

/* a_hi + a_lo + b rounded to odd at 53 bits: an inexact sum keeps or takes an odd last bit,
 * so that rounding it to a format of at most 51 bits rounds the exact sum, and its binade is
 * the exact sum's (a power of two minus a little: the binade below).  When the sum is exact,
 * `direction` says on which side the value lies (the open end of an interval). */
static double odd_sum(double a_hi, double a_lo, double b, int direction)
{
    double s, e1, e, e_error, sum, remainder;
    two_sum(a_hi, b, &s, &e1);
    two_sum(e1, a_lo, &e, &e_error);
    two_sum(s, e, &sum, &remainder);
    /* A nonzero remainder is a multiple of the last unit of e, larger than |e_error|. */
    int side = remainder != 0.0 ? (remainder > 0 ? 1 : -1) : e_error != 0.0 ? (e_error > 0 ? 1 : -1) : direction;
    if (side == 0 || (double_bits(sum) & 1))
        return sum;
    return nextafter(sum, side > 0 ? INFINITY : -INFINITY);
}

/* The ULP errors the fast tier reports are within this of MPFR's: a point whose bound is wider
 * in ulps of its value (a cancellation in the gradient) goes to MPFR. */
#define METRIC_TOLERANCE_ULP 0x1p-20

/* The decisions of DESIGN.md's rounding and metric for y = a + b, or decided = 0, for a point
 * fast_quick_decisions (fast_terms.c) left: it has set y_hi, y_lo and bound, and found the
 * interval too near a breakpoint, a binade edge or the flush limit for its quick test; here
 * both ends of the interval are rounded to odd and compared. */
static void decide(enum format format, enum function function, double x, double z, double a_hi, double a_lo,
                   double b, const struct fast_values *v, size_t i)
{
    const struct format_info *info = &format_info[format];
    v->decided[i] = 0;
    if (!isfinite(x) || !isfinite(z) || x == 0.0 || z < 0.0 || z > 1.0)
        return; /* exact or special values: the MPFR reference settles them */
    /* b's bound (fast_terms.c: 1/16 for the rounding of b +- bound, 2^-1070 for exp
     * underflowing); the exact b is never zero and has a known sign, which closes the interval
     * at 0 */
    double b_bound = 0x1p-47 * 1.0625 * fabs(b) + 0x1p-1070;
    double b_low = b - b_bound, b_high = b + b_bound;
    int low_side = 0, high_side = 0, sign_of_b = transcendental_positive(function, x) ? 1 : -1;
    if (sign_of_b > 0 && b_low <= 0.0)
        b_low = 0.0, low_side = 1;
    if (sign_of_b < 0 && b_high >= 0.0)
        b_high = 0.0, high_side = -1;
    double low = odd_sum(a_hi, a_lo, b_low, low_side), high = odd_sum(a_hi, a_lo, b_high, high_side);
    if (!(low > 0.0 || high < 0.0))
        return; /* the interval holds 0: the sign is not known */
    int sign = low > 0.0 ? 1 : -1;
    double magnitude_low = sign > 0 ? low : -high, magnitude_high = sign > 0 ? high : -low;
    double rounded = round_to_format(format, magnitude_low);
    if (rounded != round_to_format(format, magnitude_high))
        return;
    int binade_low = binade_of(magnitude_low), binade_high = binade_of(magnitude_high);
    if (binade_low < info->emin)
        binade_low = info->emin;
    if (binade_high < info->emin)
        binade_high = info->emin;
    if (binade_low != binade_high)
        return;
    double half_smallest = ldexp(1.0, info->emin - info->precision);
    if (magnitude_low >= half_smallest)
        v->flush[i] = 1;
    else if (magnitude_high < half_smallest)
        v->flush[i] = 0;
    else
        return;
    v->rounded[i] = sign * rounded;
    v->inverse_ulp[i] = ldexp(1.0, info->precision - 1 - binade_low);
    if (!(v->bound[i] * v->inverse_ulp[i] <= METRIC_TOLERANCE_ULP))
        return;
    v->sign[i] = (signed char)sign;
    v->decided[i] = 1;
}

/* The fast_values of the points from `begin` on, as a view for the vectorized decisions. */
static struct fast_values shifted_values(const struct fast_values *v, size_t begin)
{
    return (struct fast_values){v->y_hi + begin,        v->y_lo + begin,        v->bound + begin,
                                v->rounded + begin,     v->inverse_ulp + begin, v->decided + begin,
                                v->sign + begin,        v->flush + begin,       v->rounded_error + begin,
                                v->rounded_simple + begin};
}

void fast_reference(enum format format, enum function function, size_t n, const double *x, const double *z,
                    const struct fast_values *out)
{
    double a_hi[BLOCK], a_lo[BLOCK], b[BLOCK];
    fast_terms_fn *terms = terms_for(function);
    fast_quick_fn *quick = have_avx512() ? fast_quick_decisions_avx512 : fast_quick_decisions_baseline;
    const struct format_info *info = &format_info[format];
    for (size_t begin = 0; begin < n; begin += BLOCK) {
        size_t count = n - begin < BLOCK ? n - begin : BLOCK;
        terms(count, x + begin, z + begin, a_hi, a_lo, b);
        struct fast_values view = shifted_values(out, begin);
        quick(count, x + begin, z + begin, a_hi, a_lo, b, function, info->precision, info->emin, info->emax, &view);
        for (size_t i = 0; i < count; i++)
            if (!view.decided[i])
                decide(format, function, x[begin + i], z[begin + i], a_hi[i], a_lo[i], b[i], out, begin + i);
    }
    fast_rounded_measurements(n, out);
}

int fast_measure(const struct fast_values *values, size_t i, double got, struct measurement *measurement)
{
    if (!values->decided[i])
        return 0;
    if (isnan(got)) {
        *measurement = (struct measurement){INFINITY, OUTCOME_NAN, 0};
        return 1;
    }
    if (isinf(got)) {
        *measurement = (struct measurement){INFINITY, OUTCOME_OVERFLOW, 0};
        return 1;
    }
    /* got - y_hi is exact when they are close (Sterbenz); otherwise its rounding is covered
     * by the 2^-52 term, as is the subtraction of y_lo. */
    double difference = fabs((got - values->y_hi[i]) - values->y_lo[i]);
    double error = difference * values->inverse_ulp[i];
    double error_bound = (values->bound[i] + difference * 0x1p-51) * values->inverse_ulp[i];
    for (int b = 1; b < BUCKET_COUNT - 1; b++)
        if (fabs(error - bucket_limit[b]) <= error_bound)
            return 0;
    enum outcome outcome = OUTCOME_OK;
    if (got == 0.0) {
        if (values->flush[i])
            outcome = OUTCOME_FLUSH;
    } else if ((got < 0) != (values->sign[i] < 0)) {
        outcome = OUTCOME_SIGN;
    }
    *measurement = (struct measurement){error, outcome, 0};
    return 1;
}
