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

static fast_terms_fn *terms_for(enum function function)
{
    static int avx512 = -1;
    if (avx512 < 0)
        avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
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

/* The sign of the exact transcendental term, never zero: log1p(exp(-|x|)) > 0; sigmoid(x) - [x >= 1]
 * and tanh(x/2)/2 have the sign of x below |x| = 1 and the opposite beyond. */
static int transcendental_sign(enum function function, double x)
{
    if (function == FUNCTION_LOSS)
        return 1;
    return (fabs(x) < 1.0) == (x > 0) ? 1 : -1;
}

/* The decisions of DESIGN.md's rounding and metric for y = a + b, or decided = 0. */
static void decide(enum format format, enum function function, double x, double z, double a_hi, double a_lo,
                   double b, struct fast_value *v)
{
    const struct format_info *info = &format_info[format];
    v->decided = 0;
    if (!isfinite(x) || !isfinite(z) || x == 0.0 || z < 0.0 || z > 1.0)
        return; /* exact or special values: the MPFR reference settles them */
    /* b's bound, with 1/16 for the rounding of b +- bound, and 2^-1070 for exp underflowing;
     * the exact b is never zero and has a known sign, which closes the interval at 0. */
    double b_bound = 0x1p-47 * 1.0625 * fabs(b) + 0x1p-1070;
    double b_low = b - b_bound, b_high = b + b_bound;
    int low_side = 0, high_side = 0, sign_of_b = transcendental_sign(function, x);
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
        v->flush = 1;
    else if (magnitude_high < half_smallest)
        v->flush = 0;
    else
        return;
    double e1, e, e_error;
    two_sum(a_hi, b, &v->y_hi, &e1);
    two_sum(e1, a_lo, &e, &e_error);
    two_sum(v->y_hi, e, &v->y_hi, &v->y_lo);
    v->y_lo += e_error;
    v->bound = b_bound + 0x1p-100 * fabs(v->y_hi);
    v->rounded = sign * rounded;
    v->inverse_ulp = ldexp(1.0, info->precision - 1 - binade_low);
    v->sign = (signed char)sign;
    v->decided = 1;
}

void fast_reference(enum format format, enum function function, size_t n, const double *x, const double *z,
                    struct fast_value *out)
{
    double a_hi[BLOCK], a_lo[BLOCK], b[BLOCK];
    fast_terms_fn *terms = terms_for(function);
    for (size_t begin = 0; begin < n; begin += BLOCK) {
        size_t count = n - begin < BLOCK ? n - begin : BLOCK;
        terms(count, x + begin, z + begin, a_hi, a_lo, b);
        for (size_t i = 0; i < count; i++)
            decide(format, function, x[begin + i], z[begin + i], a_hi[i], a_lo[i], b[i], &out[begin + i]);
    }
}

int fast_measure(const struct fast_value *value, double got, struct measurement *measurement)
{
    if (!value->decided)
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
    double difference = fabs((got - value->y_hi) - value->y_lo);
    double error = difference * value->inverse_ulp;
    double error_bound = (value->bound + difference * 0x1p-51) * value->inverse_ulp;
    for (int b = 1; b < BUCKET_COUNT - 1; b++)
        if (fabs(error - bucket_limit[b]) <= error_bound)
            return 0;
    enum outcome outcome = OUTCOME_OK;
    if (got == 0.0) {
        if (value->flush)
            outcome = OUTCOME_FLUSH;
    } else if ((got < 0) != (value->sign < 0)) {
        outcome = OUTCOME_SIGN;
    }
    *measurement = (struct measurement){error, outcome, 0};
    return 1;
}
