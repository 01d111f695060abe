/* MPFR references for l(x,z) = max(x,0) - x*z + log1p(exp(-|x|)) and g(x,z) = sigmoid(x) - z.
 *
 * Both are evaluated as y = a + b, where a is an exact rational computed without rounding and
 * b is the transcendental part:
 *   loss: a = x*(1-z) (x >= 0) or -x*z (x < 0),  b = log1p(exp(-|x|))         (b > 0)
 *   grad: a = 1/2 - z, b = tanh(x/2)/2                              (|x| < 1)
 *         a = 1 - z,   b = -e/(1+e), e = exp(-x)                    (x >= 1)
 *         a = -z,      b = e/(1+e),  e = exp(x)                     (x <= -1)
 * so that every cancellation (x - x*z near z = 1, sigmoid(x) - z near sigmoid(x) = z) happens
 * in one final addition whose error is bounded below.  A Ziv loop evaluates b at a working
 * precision w, bounds |y - approximation| by 2^err_exponent, and stops when both ends of that
 * interval round to the same value of the format and the interval is narrower than
 * 2^-(p+64) |y|; otherwise w doubles.  The loop always ends: y is irrational for finite x != 0
 * (Lindemann-Weierstrass), and the cases where b is too small to ever separate y from a
 * rounding breakpoint are settled exactly (see negligible_term).
 *
 * Rounding to the format uses MPFR's own emulation: mpfr_set at precision p, then
 * mpfr_check_range and mpfr_subnormalize inside the format's exponent range. */
#include "reference.h"

#include <mpfr.h>
#include <stdio.h>
#include <stdlib.h>

#include "reference_ziv.h"

/* Finishes rounding to the format: `rounded` holds a value correctly rounded to p bits with
 * an unbounded exponent, and `ternary` says on which side of the exact value it lies (MPFR's
 * convention).  Inside the format's exponent range, mpfr_check_range settles overflow and
 * underflow and mpfr_subnormalize re-rounds subnormals without double rounding.  MPFR's
 * significands are in [1/2, 1): its exponents are one more than IEEE's, and the smallest
 * subnormal 2^(emin - p + 1) has MPFR exponent emin - p + 2. */
static double fit_to_format(enum format format, mpfr_t rounded, int ternary)
{
    const struct format_info *info = &format_info[format];
    mpfr_exp_t saved_emin = mpfr_get_emin(), saved_emax = mpfr_get_emax();
    mpfr_set_emin(info->emin - info->precision + 2);
    mpfr_set_emax(info->emax + 1);
    ternary = mpfr_check_range(rounded, ternary, MPFR_RNDN);
    mpfr_subnormalize(rounded, ternary, MPFR_RNDN);
    double result = mpfr_get_d(rounded, MPFR_RNDN); /* exact: the format embeds in binary64 */
    mpfr_set_emin(saved_emin);
    mpfr_set_emax(saved_emax);
    return result;
}

/* The format's value nearest to the exact number v, ties to even. */
static double round_to_format_exactly(enum format format, const mpfr_t v)
{
    mpfr_t rounded;
    mpfr_init2(rounded, format_info[format].precision);
    int ternary = mpfr_set(rounded, v, MPFR_RNDN);
    double result = fit_to_format(format, rounded, ternary);
    mpfr_clear(rounded);
    return result;
}

/* Sets out->in_ulps_* and out->ulp_exponent from y (nonzero, finite), y known to more than
 * p + 64 bits.  ulp(y) = 2^(max(floor(log2|y|), emin) - p + 1).  just_below: the exact value
 * is y minus a term too small to hold, in magnitude, so that when |y| is a power of two the
 * exact value lies in the binade below. */
static void express_in_ulps(enum format format, const mpfr_t y, int just_below, struct exact_value *out)
{
    long floor_log2 = (long)mpfr_get_exp(y) - 1;
    if (just_below && mpfr_min_prec(y) == 1)
        floor_log2--;
    reference_set_in_ulps(format, floor_log2, y, out);
}

static void set_exact_zero(enum format format, double signed_zero, struct exact_value *out)
{
    const struct format_info *info = &format_info[format];
    *out = (struct exact_value){.kind = EXACT_FINITE, .rounded = signed_zero,
                                .ulp_exponent = info->emin - info->precision + 1, .exactly_known = 1};
}

static void set_exact_special(double value, struct exact_value *out)
{
    *out = (struct exact_value){.kind = isnan(value) ? EXACT_NAN : EXACT_INFINITE, .rounded = value,
                                .exactly_known = 1};
}

/* y = a exactly (a an exact MPFR number, possibly zero). */
static void set_exact_rational(enum format format, const mpfr_t a, struct exact_value *out)
{
    if (mpfr_zero_p(a)) {
        set_exact_zero(format, 0.0, out);
        return;
    }
    *out = (struct exact_value){.kind = EXACT_FINITE, .rounded = round_to_format_exactly(format, a),
                                .exactly_known = mpfr_min_prec(a) <= 53};
    express_in_ulps(format, a, 0, out);
}

/* Bits needed to hold u +- v exactly, for nonzero MPFR numbers u, v. */
static mpfr_prec_t exact_sum_precision(const mpfr_t u, const mpfr_t v)
{
    mpfr_exp_t high = mpfr_get_exp(u) > mpfr_get_exp(v) ? mpfr_get_exp(u) : mpfr_get_exp(v);
    mpfr_exp_t low_u = mpfr_get_exp(u) - (mpfr_exp_t)mpfr_get_prec(u);
    mpfr_exp_t low_v = mpfr_get_exp(v) - (mpfr_exp_t)mpfr_get_prec(v);
    mpfr_exp_t low = low_u < low_v ? low_u : low_v;
    return (mpfr_prec_t)(high - low + 2);
}

/* a = u - v exactly, for doubles u, v (a is initialised here). */
static void exact_difference(mpfr_t a, double u, double v)
{
    mpfr_t mu, mv;
    mpfr_init2(mu, 53);
    mpfr_init2(mv, 53);
    mpfr_set_d(mu, u, MPFR_RNDN);
    mpfr_set_d(mv, v, MPFR_RNDN);
    if (u == 0.0 || v == 0.0) {
        mpfr_init2(a, 53);
        mpfr_sub(a, mu, mv, MPFR_RNDN);
    } else {
        mpfr_init2(a, exact_sum_precision(mu, mv));
        mpfr_sub(a, mu, mv, MPFR_RNDN);
    }
    mpfr_clear(mu);
    mpfr_clear(mv);
}

/* The exact part of the loss: x*(1-z) = x - x*z for x >= 0, -x*z for x < 0. */
static void loss_exact_part(mpfr_t a, double x, double z)
{
    mpfr_t product;
    mpfr_init2(product, 2 * 53);
    mpfr_set_d(product, x, MPFR_RNDN);
    mpfr_mul_d(product, product, z, MPFR_RNDN); /* exact: 53 x 53 bits */
    if (x < 0.0 || mpfr_zero_p(product)) {
        mpfr_init2(a, 2 * 53);
        if (x < 0.0)
            mpfr_neg(a, product, MPFR_RNDN);
        else
            mpfr_set_d(a, x, MPFR_RNDN);
    } else {
        mpfr_t mx;
        mpfr_init2(mx, 53);
        mpfr_set_d(mx, x, MPFR_RNDN);
        mpfr_init2(a, exact_sum_precision(mx, product));
        mpfr_sub(a, mx, product, MPFR_RNDN);
        mpfr_clear(mx);
    }
    mpfr_clear(product);
}

/* True when a term b with |b| < 2^bound_log2 changes neither how y = a + b rounds nor the
 * ULP metric, for any format: it is below a quarter of the last bit of the exact a, so that
 * a + b lies strictly between a and the next number of precision minprec(a) + 2, where no
 * rounding breakpoint of a p-bit format can be (breakpoints have p + 1 bits); and it is below
 * 2^-METRIC_BITS ulp, so that the error measured against a alone is the error against y. */
static int negligible_term(const mpfr_t a, int precision, double bound_log2)
{
    if (mpfr_zero_p(a))
        return 0;
    mpfr_prec_t bits = mpfr_min_prec(a);
    if (bits < (mpfr_prec_t)(precision + METRIC_BITS))
        bits = precision + METRIC_BITS;
    return bound_log2 < (double)(mpfr_get_exp(a) - (mpfr_exp_t)bits - 2);
}

/* y = a + (a tiny term of sign tiny_sign): rounds as the neighbour of a, one step beyond the
 * last bit of a and of the format, in that direction. */
static void set_exact_with_tiny_term(enum format format, const mpfr_t a, int tiny_sign,
                                     struct exact_value *out)
{
    mpfr_prec_t bits = mpfr_min_prec(a);
    if (bits < (mpfr_prec_t)format_info[format].precision + 1)
        bits = format_info[format].precision + 1;
    mpfr_t nudged;
    mpfr_init2(nudged, bits + 2);
    mpfr_set(nudged, a, MPFR_RNDN); /* exact */
    if (tiny_sign > 0)
        mpfr_nextabove(nudged);
    else
        mpfr_nextbelow(nudged);
    *out = (struct exact_value){.kind = EXACT_FINITE,
                                .rounded = round_to_format_exactly(format, nudged)};
    express_in_ulps(format, a, tiny_sign != mpfr_sgn(a), out);
    if (out->tiny_sign == 0) /* a remainder of a itself outweighs the dropped term */
        out->tiny_sign = tiny_sign;
    mpfr_clear(nudged);
}

/* Ziv's test: the approximation y with |y_exact - y| <= 2^error_exponent decides the
 * rounding to the format and knows y to METRIC_BITS beyond it. */
static int decided(enum format format, const mpfr_t y, mpfr_exp_t error_exponent, double *rounded)
{
    if (mpfr_zero_p(y))
        return 0;
    if (mpfr_get_exp(y) - error_exponent < format_info[format].precision + METRIC_BITS)
        return 0;
    double round_low, round_high;
    reference_round_interval(format, y, error_exponent, round_to_format_exactly, &round_low, &round_high);
    if (round_low != round_high)
        return 0;
    *rounded = round_low;
    return 1;
}

/* The transcendental parts b at precision w (reference_ziv.h), with the error exponents this
 * loop uses: |b - approx| <= 2^(EXP(b) + 2 - w) for the loss's log1p(exp(-t)) and
 * 2^(EXP(b) + 1 - w) for the gradient's tanh(x/2)/2, each one bit wider than the bound
 * reference_ziv.h derives (a wider bound is still a bound: this loop has always kept that
 * spare bit, and keeping it keeps every decision, and so every reference, as it was);
 * 2^(EXP(b) + 3 - w) for e/(1+e), as derived. */
static mpfr_exp_t loss_transcendental(mpfr_t b, double t, mpfr_prec_t w)
{
    return reference_log1p_exp(b, t, w) + 1;
}

static mpfr_exp_t grad_transcendental(mpfr_t b, double x, mpfr_prec_t w)
{
    mpfr_exp_t error_exponent = reference_sigmoid_term(b, x, w);
    return fabs(x) < 1.0 ? error_exponent + 1 : error_exponent;
}

typedef mpfr_exp_t transcendental_fn(mpfr_t b, double x, mpfr_prec_t w);

/* Ziv's loop for y = a + b(x). */
static void ziv(enum format format, const mpfr_t a, transcendental_fn *transcendental, double x,
                struct exact_value *out)
{
    mpfr_prec_t w = format_info[format].precision + METRIC_BITS + 32;
    mpfr_t b, y;
    mpfr_init2(b, w);
    mpfr_init2(y, w);
    for (;;) {
        mpfr_exp_t b_error = transcendental(b, x, w);
        mpfr_set_prec(y, w);
        mpfr_add(y, a, b, MPFR_RNDN);
        if (!mpfr_zero_p(y)) {
            mpfr_exp_t sum_error = mpfr_get_exp(y) - (mpfr_exp_t)w;
            mpfr_exp_t error_exponent = (b_error > sum_error ? b_error : sum_error) + 1;
            double rounded;
            if (decided(format, y, error_exponent, &rounded)) {
                *out = (struct exact_value){.kind = EXACT_FINITE, .rounded = rounded,
                                            .precision_bits = (unsigned)w};
                express_in_ulps(format, y, 0, out);
                break;
            }
        }
        if (w >= MAXIMUM_PRECISION) {
            fprintf(stderr, "scebench: reference: no decision at %ld bits for x=%a (a bug)\n",
                    (long)w, x);
            abort();
        }
        w *= 2;
    }
    mpfr_clears(b, y, (mpfr_ptr)0);
}

static double infinite_loss(double x, double z)
{
    if (isinf(x) && x > 0.0)   /* x*(1-z) */
        return z == 1.0 ? 0.0 : copysign(INFINITY, 1.0 - z);
    if (isinf(x))              /* -x*z */
        return z == 0.0 ? 0.0 : copysign(INFINITY, z);
    if (x == 0.0)              /* l(0,z) = log 2 for every z */
        return NAN;            /* not infinite: caller evaluates it as finite */
    return copysign(INFINITY, x > 0.0 ? -z : z);
}

void reference_loss(enum format format, double x, double z, struct exact_value *out)
{
    if (isnan(x) || isnan(z)) {
        set_exact_special(NAN, out);
        return;
    }
    if (isinf(x) || (isinf(z) && x != 0.0)) {
        double limit = infinite_loss(x, z);
        if (limit == 0.0)
            set_exact_zero(format, 0.0, out);
        else
            set_exact_special(limit, out);
        return;
    }
    if (isinf(z))
        z = 0.0; /* x = 0: the loss is log 2 whatever z is */
    double t = fabs(x);
    mpfr_t a;
    loss_exact_part(a, x, z);
    if (negligible_term(a, format_info[format].precision, -LOG2_E_LOWER * t))
        set_exact_with_tiny_term(format, a, +1, out);
    else if (mpfr_zero_p(a) && t > HOPELESSLY_SMALL) {
        set_exact_zero(format, 0.0, out);
        out->tiny_sign = +1;
        out->exactly_known = 0;
    } else
        ziv(format, a, loss_transcendental, t, out);
    mpfr_clear(a);
}

void reference_grad(enum format format, double x, double z, struct exact_value *out)
{
    if (isnan(x) || isnan(z)) {
        set_exact_special(NAN, out);
        return;
    }
    if (isinf(z)) {
        set_exact_special(-z, out);
        return;
    }
    mpfr_t a;
    if (fabs(x) < 1.0)
        exact_difference(a, 0.5, z);
    else if (x > 0.0)
        exact_difference(a, 1.0, z);
    else
        exact_difference(a, 0.0, z);
    if (x == 0.0 || isinf(x)) {
        set_exact_rational(format, a, out);
    } else {
        /* |b| <= |x|/4 below 1 (tanh u <= u), <= exp(-|x|) beyond. */
        double bound_log2 = fabs(x) < 1.0 ? log2(fabs(x)) - 1.99 : -LOG2_E_LOWER * fabs(x);
        int sign = (fabs(x) < 1.0) == (x > 0.0) ? +1 : -1; /* the sign of b */
        if (negligible_term(a, format_info[format].precision, bound_log2))
            set_exact_with_tiny_term(format, a, sign, out);
        else if (mpfr_zero_p(a) && fabs(x) > HOPELESSLY_SMALL) {
            set_exact_zero(format, sign > 0 ? 0.0 : -0.0, out);
            out->tiny_sign = sign;
            out->exactly_known = 0;
        } else
            ziv(format, a, grad_transcendental, x, out);
    }
    mpfr_clear(a);
}

int reference_parse(enum format format, const char *text, double *value)
{
    mpfr_t parsed;
    mpfr_init2(parsed, format_info[format].precision);
    char *end;
    int ternary = mpfr_strtofr(parsed, text, &end, 0, MPFR_RNDN);
    int ok = end != text && *end == '\0';
    if (ok)
        *value = fit_to_format(format, parsed, ternary);
    mpfr_clear(parsed);
    return ok ? 0 : -1;
}
