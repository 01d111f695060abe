/* Exact sums and means for the reduction suite (see reference_sum.h). */
#include "reference_sum.h"

#include <gmp.h>
#include <math.h>
#include <string.h>

#if MPFR_VERSION_MAJOR < 4
#error "reference_round_mpfr needs MPFR 4 (precision 1 for the last subnormal binade)"
#endif

/* Digit i has weight 2^(32 i + DIGIT_OFFSET): the last bit of the smallest subnormal is at
 * position 0. */
#define DIGIT_OFFSET (-1074)
#define NORMALIZE_EVERY (1u << 30) /* each addition moves a digit by < 2^32: |digit| < 2^63 */

void exact_accumulator_init(struct exact_accumulator *sum)
{
    memset(sum, 0, sizeof *sum);
}

/* Carries propagated upward: every digit but the top one in [0, 2^32), the top one signed
 * (it carries the sign of the sum).  The representation is then unique. */
static void normalize(struct exact_accumulator *sum)
{
    for (int i = 0; i + 1 < EXACT_SUM_DIGITS; i++) {
        int64_t carry = sum->digit[i] >> 32; /* arithmetic shift: floor(digit / 2^32) */
        sum->digit[i] -= carry * ((int64_t)1 << 32);
        sum->digit[i + 1] += carry;
    }
    sum->pending = 0;
}

void exact_accumulator_add(struct exact_accumulator *sum, double value)
{
    if (value == 0.0)
        return;
    if (!isfinite(value)) {
        if (isnan(value))
            sum->nan = 1;
        else if (value > 0)
            sum->positive_infinity = 1;
        else
            sum->negative_infinity = 1;
        return;
    }
    uint64_t bits = double_bits(value);
    unsigned biased = (unsigned)((bits >> 52) & 0x7ff);
    uint64_t significand = bits & ((UINT64_C(1) << 52) - 1);
    unsigned position; /* of the significand's last bit, above 2^-1074 */
    if (biased == 0) {
        position = 0;
    } else {
        significand |= UINT64_C(1) << 52;
        position = biased - 1;
    }
    unsigned digit = position / 32;
    unsigned __int128 shifted = (unsigned __int128)significand << (position % 32);
    int64_t low = (int64_t)(uint32_t)shifted, middle = (int64_t)(uint32_t)(shifted >> 32),
            high = (int64_t)(uint64_t)(shifted >> 64);
    if (bits >> 63) {
        sum->digit[digit] -= low;
        sum->digit[digit + 1] -= middle;
        sum->digit[digit + 2] -= high;
    } else {
        sum->digit[digit] += low;
        sum->digit[digit + 1] += middle;
        sum->digit[digit + 2] += high;
    }
    if (++sum->pending == NORMALIZE_EVERY)
        normalize(sum);
}

void exact_accumulator_add_long_double(struct exact_accumulator *sum, long double value)
{
    double high = (double)value;
    exact_accumulator_add(sum, high);
    if (isfinite(high))
        exact_accumulator_add(sum, (double)(value - (long double)high));
}

void exact_accumulator_merge(struct exact_accumulator *into, const struct exact_accumulator *from)
{
    struct exact_accumulator copy = *from;
    normalize(&copy);
    normalize(into);
    for (int i = 0; i < EXACT_SUM_DIGITS; i++)
        into->digit[i] += copy.digit[i];
    normalize(into);
    into->nan |= from->nan;
    into->positive_infinity |= from->positive_infinity;
    into->negative_infinity |= from->negative_infinity;
}

void exact_accumulator_value(const struct exact_accumulator *sum, mpfr_t out)
{
    if (sum->nan || (sum->positive_infinity && sum->negative_infinity)) {
        mpfr_set_nan(out);
        return;
    }
    if (sum->positive_infinity || sum->negative_infinity) {
        mpfr_set_inf(out, sum->positive_infinity ? 1 : -1);
        return;
    }
    struct exact_accumulator copy = *sum;
    normalize(&copy);
    mpz_t integer;
    mpz_init_set_si(integer, (long)copy.digit[EXACT_SUM_DIGITS - 1]);
    for (int i = EXACT_SUM_DIGITS - 2; i >= 0; i--) {
        mpz_mul_2exp(integer, integer, 32);
        mpz_add_ui(integer, integer, (unsigned long)copy.digit[i]);
    }
    size_t bits = mpz_sizeinbase(integer, 2);
    mpfr_set_prec(out, (mpfr_prec_t)(bits < 2 ? 2 : bits));
    mpfr_set_z_2exp(out, integer, DIGIT_OFFSET, MPFR_RNDN); /* exact: enough bits */
    mpz_clear(integer);
}

double exact_accumulator_double(const struct exact_accumulator *sum)
{
    mpfr_t value;
    mpfr_init2(value, 2);
    exact_accumulator_value(sum, value);
    double result = mpfr_get_d(value, MPFR_RNDN);
    mpfr_clear(value);
    return result;
}

void exact_mean(const struct exact_accumulator *sum, uint64_t n, mpfr_t mean)
{
    mpfr_t total;
    mpfr_init2(total, 2);
    exact_accumulator_value(sum, total);
    mpfr_div_ui(mean, total, (unsigned long)n, MPFR_RNDN);
    mpfr_clear(total);
}

/* floor(log2|v|) for a nonzero finite MPFR number: its exponent is one more (significands
 * in [1/2, 1)). */
static long floor_log2(const mpfr_t v)
{
    return (long)mpfr_get_exp(v) - 1;
}

void reference_value_error(enum format format, double got, const mpfr_t exact, double *relative, double *ulps)
{
    const struct format_info *info = &format_info[format];
    if (mpfr_nan_p(exact) || mpfr_inf_p(exact)) {
        int same = mpfr_nan_p(exact) ? isnan(got) : (isinf(got) && (got > 0) == (mpfr_sgn(exact) > 0));
        *relative = *ulps = same ? 0.0 : INFINITY;
        return;
    }
    if (!isfinite(got)) {
        *relative = *ulps = INFINITY;
        return;
    }
    mpfr_t difference;
    mpfr_init2(difference, mpfr_get_prec(exact) + 1100); /* got - exact, exactly */
    mpfr_sub_d(difference, exact, got, MPFR_RNDN);
    mpfr_abs(difference, difference, MPFR_RNDN);
    long ulp_exponent = info->emin - info->precision + 1;
    if (!mpfr_zero_p(exact)) {
        long e = floor_log2(exact);
        ulp_exponent = (e > info->emin ? e : info->emin) - info->precision + 1;
    }
    mpfr_t scaled;
    mpfr_init2(scaled, 64);
    mpfr_mul_2si(scaled, difference, -ulp_exponent, MPFR_RNDN);
    *ulps = mpfr_get_d(scaled, MPFR_RNDN);
    if (mpfr_zero_p(exact)) {
        *relative = got == 0.0 ? 0.0 : INFINITY;
    } else {
        mpfr_div(scaled, difference, exact, MPFR_RNDN);
        *relative = fabs(mpfr_get_d(scaled, MPFR_RNDN));
    }
    mpfr_clears(difference, scaled, (mpfr_ptr)0);
}

double reference_round_mpfr(enum format format, const mpfr_t v)
{
    const struct format_info *info = &format_info[format];
    if (mpfr_nan_p(v))
        return NAN;
    if (mpfr_inf_p(v))
        return mpfr_sgn(v) > 0 ? INFINITY : -INFINITY;
    if (mpfr_zero_p(v))
        return mpfr_signbit(v) ? -0.0 : 0.0;
    long e = floor_log2(v);
    long bits = info->precision;
    if (e < info->emin)
        bits -= info->emin - e; /* a subnormal keeps the bits above 2^(emin - p + 1) */
    double result;
    if (bits < 1) {
        /* |v| < 2^(emin - p + 1), the smallest subnormal s: the nearest of 0 and s, and the
         * midpoint s/2 goes to 0 (even). */
        mpfr_t half_smallest;
        mpfr_init2(half_smallest, 2);
        mpfr_set_ui_2exp(half_smallest, 1, info->emin - info->precision, MPFR_RNDN);
        int above = mpfr_cmpabs(v, half_smallest) > 0;
        mpfr_clear(half_smallest);
        result = above ? ldexp(1.0, info->emin - info->precision + 1) : 0.0;
    } else {
        mpfr_t rounded;
        mpfr_init2(rounded, (mpfr_prec_t)bits); /* MPFR_PREC_MIN is 1 since MPFR 4 */
        mpfr_set(rounded, v, MPFR_RNDN);        /* ties to even at that precision */
        result = mpfr_get_d(rounded, MPFR_RNDN); /* exact: at most p bits, in double's range */
        mpfr_clear(rounded);
    }
    double largest = ldexp(2.0 - ldexp(1.0, 1 - info->precision), info->emax);
    if (fabs(result) > largest)
        result = copysign(INFINITY, result);
    return mpfr_sgn(v) < 0 ? -fabs(result) : fabs(result);
}

void reference_loss_fast(double x, double z, double *a, double *b)
{
    if (x >= 0)
        *a = z >= 0.5 ? x * (1 - z) : x - x * z;
    else
        *a = -x * z;
    *b = log1p(exp(-fabs(x)));
}
