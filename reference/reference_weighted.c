/* MPFR references for the weighted loss and gradient (see reference_weighted.h).
 *
 * y = (A0 w + B0 q w) / d, with A0 the exact rational part and B0 the transcendental factor
 * (log1p(exp(-|x|)), tanh(x/2)/2 or -+e/(1+e)).  A0 w and q w are exact products; the
 * division by d and everything touching B0 is rounded at the working precision W, with the
 * error bounds below.  The transcendental terms, the rounding of an error interval and the
 * value in ulps are shared with reference.c (reference_ziv.h); the rounding to the format is
 * reference_round_mpfr (reference_sum.h). */
#include "reference_weighted.h"

#include <limits.h>
#include <math.h>
#include <mpfr.h>
#include <stdio.h>
#include <stdlib.h>

#include "reference_sum.h"
#include "reference_ziv.h"

#define NO_ERROR ((mpfr_exp_t)LONG_MIN) /* an exact value: no error term */

/* ---- exact arithmetic on MPFR numbers (the result is initialised here) ---- */

static void exact_from_double(mpfr_t r, double v)
{
    mpfr_init2(r, 53);
    mpfr_set_d(r, v, MPFR_RNDN);
}

static void exact_product(mpfr_t r, const mpfr_t u, const mpfr_t v)
{
    mpfr_init2(r, mpfr_get_prec(u) + mpfr_get_prec(v));
    mpfr_mul(r, u, v, MPFR_RNDN);
}

/* u + v (sign +1) or u - v (sign -1), exactly: enough bits from the highest possible bit of
 * the result down to the lowest bit of either operand. */
static void exact_sum(mpfr_t r, const mpfr_t u, const mpfr_t v, int sign)
{
    if (mpfr_zero_p(u) || mpfr_zero_p(v)) {
        mpfr_prec_t bits = mpfr_get_prec(u) > mpfr_get_prec(v) ? mpfr_get_prec(u) : mpfr_get_prec(v);
        mpfr_init2(r, bits);
    } else {
        mpfr_exp_t high = (mpfr_get_exp(u) > mpfr_get_exp(v) ? mpfr_get_exp(u) : mpfr_get_exp(v)) + 1;
        mpfr_exp_t low_u = mpfr_get_exp(u) - (mpfr_exp_t)mpfr_get_prec(u);
        mpfr_exp_t low_v = mpfr_get_exp(v) - (mpfr_exp_t)mpfr_get_prec(v);
        mpfr_init2(r, (mpfr_prec_t)(high - (low_u < low_v ? low_u : low_v) + 1));
    }
    if (sign > 0)
        mpfr_add(r, u, v, MPFR_RNDN);
    else
        mpfr_sub(r, u, v, MPFR_RNDN);
}

/* ---- the problem: y = (A0 w) / d + (q w) B0 / d ---- */

struct problem {
    enum format format;
    int gradient;
    double x;
    uint64_t divisor;
    mpfr_t exact_part;  /* A0 w, exact */
    mpfr_t factor;      /* q w, exact */
    int transcendental_zero; /* B = 0 exactly (q w = 0, or the gradient at x = 0) */
    int transcendental_sign; /* the sign of B */
    double bound_log2;  /* log2 |B| < bound_log2 */
};

/* B0 at precision w (reference_ziv.h): log1p(exp(-|x|)) within a relative 2^(1-w), tanh(x/2)/2
 * within 2^-w, -+e/(1+e) within 5 * 2^-w.  ziv below bounds B = (q w) B0 / d from these
 * relative bounds, so the absolute bounds the shared functions return are not needed here. */
static void transcendental(mpfr_t b, const struct problem *problem, mpfr_prec_t w)
{
    if (!problem->gradient)
        reference_log1p_exp(b, fabs(problem->x), w);
    else
        reference_sigmoid_term(b, problem->x, w);
}

/* out's in_ulps and ulp_exponent from y, known to more than p + 64 bits; `binade` is a number
 * with the same floor(log2|.|) as the exact value (y itself, except when y is a power of two
 * and the exact value lies just below it). */
static void set_in_ulps_of(enum format format, const mpfr_t binade, const mpfr_t y, struct exact_value *out)
{
    reference_set_in_ulps(format, (long)mpfr_get_exp(binade) - 1, y, out);
}

static void set_in_ulps(enum format format, const mpfr_t y, struct exact_value *out)
{
    set_in_ulps_of(format, y, y, out);
}

static void set_zero(enum format format, double signed_zero, int tiny_sign, struct exact_value *out)
{
    const struct format_info *info = &format_info[format];
    *out = (struct exact_value){.kind = EXACT_FINITE, .rounded = signed_zero,
                                .ulp_exponent = info->emin - info->precision + 1, .tiny_sign = tiny_sign};
}

/* Whether [y - 2^e, y + 2^e] rounds to one value of the format, with y known to p + 64 bits
 * (its relative width below 2^-(p+64)); that value in *rounded. */
static int interval_decides(enum format format, const mpfr_t y, mpfr_exp_t error_exponent, double *rounded)
{
    if (mpfr_zero_p(y) || mpfr_get_exp(y) - error_exponent < format_info[format].precision + METRIC_BITS + 1)
        return 0;
    double round_low, round_high;
    reference_round_interval(format, y, error_exponent, reference_round_mpfr, &round_low, &round_high);
    if (round_low != round_high || signbit(round_low) != signbit(round_high))
        return 0;
    *rounded = round_low;
    return 1;
}

/* (A0 w) / d at precision `bits`; returns whether that is exact. */
static int scaled_exact_part(mpfr_t a, const struct problem *problem, mpfr_prec_t bits)
{
    mpfr_set_prec(a, bits);
    return mpfr_div_ui(a, problem->exact_part, (unsigned long)problem->divisor, MPFR_RNDN) == 0;
}

/* y = A + B with B of known sign and |B| < 2^bound_log2 far below the last bit of A (exact,
 * nonzero): no rounding breakpoint of the format (p + 1 bits) lies between A and A + B, so y
 * rounds as A nudged a quarter of its last place toward B; the ULP metric reads A alone (B is
 * below 2^-66 of an ulp). Returns 0 when B is not that small. */
static int settle_tiny_term(const struct problem *problem, const mpfr_t a, struct exact_value *out)
{
    enum format format = problem->format;
    mpfr_prec_t bits = mpfr_min_prec(a);
    if (bits < (mpfr_prec_t)(format_info[format].precision + METRIC_BITS))
        bits = format_info[format].precision + METRIC_BITS;
    if (!(problem->bound_log2 < (double)(mpfr_get_exp(a) - (mpfr_exp_t)bits - 2)))
        return 0;
    mpfr_t nudged, step;
    mpfr_init2(nudged, bits + 4);
    mpfr_init2(step, 2);
    mpfr_set_ui_2exp(step, 1, mpfr_get_exp(a) - (mpfr_exp_t)bits - 3, MPFR_RNDN);
    if (problem->transcendental_sign < 0)
        mpfr_neg(step, step, MPFR_RNDN);
    mpfr_add(nudged, a, step, MPFR_RNDN); /* exact */
    *out = (struct exact_value){.kind = EXACT_FINITE, .rounded = reference_round_mpfr(format, nudged)};
    set_in_ulps_of(format, nudged, a, out); /* y lies on the nudged side of a */
    out->tiny_sign = problem->transcendental_sign;
    mpfr_clears(nudged, step, (mpfr_ptr)0);
    return 1;
}

static void ziv(const struct problem *problem, struct exact_value *out)
{
    enum format format = problem->format;
    mpfr_prec_t w = format_info[format].precision + METRIC_BITS + 32;
    /* a rational A0 w / d that is not a dyadic number is farther than 2^-(bits(A0 w) + 64)
     * (relative) from any breakpoint; with that many more bits its rounding is decided */
    mpfr_prec_t exact_bits = (mpfr_prec_t)mpfr_min_prec(problem->exact_part) + 2 * METRIC_BITS + 8;
    mpfr_t a, b, y;
    mpfr_inits2(w, a, b, y, (mpfr_ptr)0);
    int a_exact = 0;
    for (;;) {
        mpfr_prec_t a_bits = w > exact_bits ? w : exact_bits;
        if (!a_exact)
            a_exact = scaled_exact_part(a, problem, a_bits);
        mpfr_exp_t a_error = a_exact || mpfr_zero_p(a) ? NO_ERROR : mpfr_get_exp(a) - (mpfr_exp_t)a_bits;
        mpfr_exp_t b_error = NO_ERROR;
        mpfr_set_prec(y, w);
        if (problem->transcendental_zero) {
            mpfr_set_prec(y, mpfr_get_prec(a));
            mpfr_set(y, a, MPFR_RNDN);
        } else {
            transcendental(b, problem, w);
            /* B = (q w) B0 / d: two more roundings at w; with B0's own bound the relative
             * error of B stays below 2^(4-w) */
            mpfr_mul(b, b, problem->factor, MPFR_RNDN);
            mpfr_div_ui(b, b, (unsigned long)problem->divisor, MPFR_RNDN);
            if (!mpfr_zero_p(b))
                b_error = mpfr_get_exp(b) + 5 - (mpfr_exp_t)w;
            mpfr_add(y, a, b, MPFR_RNDN);
        }
        mpfr_exp_t sum_error = problem->transcendental_zero || mpfr_zero_p(y) ? NO_ERROR
                                                                              : mpfr_get_exp(y) - (mpfr_exp_t)w;
        mpfr_exp_t largest = a_error > b_error ? a_error : b_error;
        if (sum_error > largest)
            largest = sum_error;
        double rounded;
        if (mpfr_zero_p(y) && largest == NO_ERROR) { /* exactly zero */
            set_zero(format, 0.0, 0, out);
            break;
        }
        if (largest == NO_ERROR) { /* y exact: the interval is a point */
            *out = (struct exact_value){.kind = EXACT_FINITE, .rounded = reference_round_mpfr(format, y),
                                        .precision_bits = (unsigned)w};
            set_in_ulps(format, y, out);
            break;
        }
        if (interval_decides(format, y, largest + 2, &rounded)) {
            *out = (struct exact_value){.kind = EXACT_FINITE, .rounded = rounded, .precision_bits = (unsigned)w};
            set_in_ulps(format, y, out);
            break;
        }
        if (w >= MAXIMUM_PRECISION) {
            fprintf(stderr, "scebench: weighted reference: no decision at %ld bits for x=%a (a bug)\n", (long)w,
                    problem->x);
            abort();
        }
        w *= 2;
    }
    mpfr_clears(a, b, y, (mpfr_ptr)0);
}

static void solve_finite(struct problem *problem, double magnitude, struct exact_value *out);

/* A finite value whose correct rounding is an infinity (beyond the format's range: p, w and
 * x together can exceed it) is reported as EXACT_INFINITE, so that the metric scores a
 * returned infinity as exact and a finite result as an infinity mismatch (an ULP distance to
 * a value beyond the largest finite one has no meaning). */
static void solve(struct problem *problem, double magnitude, struct exact_value *out)
{
    solve_finite(problem, magnitude, out);
    if (out->kind == EXACT_FINITE && isinf(out->rounded))
        *out = (struct exact_value){.kind = EXACT_INFINITE, .rounded = out->rounded};
}

static void solve_finite(struct problem *problem, double magnitude, struct exact_value *out)
{
    if (!problem->transcendental_zero && !mpfr_zero_p(problem->exact_part)) {
        mpfr_t a;
        mpfr_init2(a, 2);
        if (scaled_exact_part(a, problem, mpfr_get_prec(problem->exact_part) + 64)) {
            int settled = settle_tiny_term(problem, a, out);
            mpfr_clear(a);
            if (settled)
                return;
        } else {
            mpfr_clear(a);
        }
    }
    if (!problem->transcendental_zero && mpfr_zero_p(problem->exact_part) && magnitude > HOPELESSLY_SMALL) {
        set_zero(problem->format, problem->transcendental_sign > 0 ? 0.0 : -0.0, problem->transcendental_sign, out);
        return;
    }
    ziv(problem, out);
}

static int invalid_inputs(double x, double z, const struct weighted_parameters *parameters)
{
    return isnan(x) || !isfinite(z) || !isfinite(parameters->pos_weight) || !isfinite(parameters->weight) ||
           parameters->divisor == 0;
}

/* The problem's factor q w and, from it, the sign and bound of B = (q w) B0 / d, given
 * log2 |B0| < b0_bound_log2 and the sign of B0. */
static void set_factor(struct problem *problem, double z, const struct weighted_parameters *parameters,
                       double b0_bound_log2, int b0_sign)
{
    mpfr_t one, mz, mp, mw, one_minus_z, pz, q;
    exact_from_double(one, 1.0);
    exact_from_double(mz, z);
    exact_from_double(mp, parameters->pos_weight);
    exact_from_double(mw, parameters->weight);
    exact_sum(one_minus_z, one, mz, -1);
    exact_product(pz, mp, mz);
    exact_sum(q, one_minus_z, pz, +1); /* q = (1 - z) + p z */
    exact_product(problem->factor, q, mw);
    int sign = mpfr_sgn(problem->factor);
    problem->transcendental_zero = sign == 0 || b0_sign == 0;
    problem->transcendental_sign = sign * b0_sign;
    problem->bound_log2 = sign == 0 ? -INFINITY : (double)mpfr_get_exp(problem->factor) + b0_bound_log2;
    mpfr_clears(one, mz, mp, mw, one_minus_z, pz, q, (mpfr_ptr)0);
}

void reference_weighted_loss(enum format format, double x, double z, const struct weighted_parameters *parameters,
                             struct exact_value *out)
{
    if (invalid_inputs(x, z, parameters)) {
        *out = (struct exact_value){.kind = EXACT_NAN, .rounded = NAN};
        return;
    }
    double p = parameters->pos_weight, w = parameters->weight;
    if (isinf(x)) {
        double coefficient = x > 0 ? (1.0 - z) * w : p * z * w; /* only the sign matters */
        if (coefficient == 0.0 || (x > 0 && z == 1.0))
            set_zero(format, 0.0, 0, out);
        else
            *out = (struct exact_value){.kind = EXACT_INFINITE, .rounded = copysign(INFINITY, coefficient)};
        return;
    }
    struct problem problem = {.format = format, .gradient = 0, .x = x, .divisor = parameters->divisor};
    mpfr_t mx, mz, mp, mw, partial, a0;
    exact_from_double(mx, x);
    exact_from_double(mz, z);
    exact_from_double(mp, p);
    exact_from_double(mw, w);
    if (x >= 0) { /* A0 = (1 - z) x */
        mpfr_t one;
        exact_from_double(one, 1.0);
        exact_sum(partial, one, mz, -1);
        exact_product(a0, partial, mx);
        mpfr_clear(one);
    } else { /* A0 = -p z x */
        exact_product(partial, mp, mz);
        exact_product(a0, partial, mx);
        mpfr_neg(a0, a0, MPFR_RNDN);
    }
    exact_product(problem.exact_part, a0, mw);
    /* B0 = log1p(exp(-|x|)) in (0, exp(-|x|)] */
    set_factor(&problem, z, parameters, -LOG2_E_LOWER * fabs(x), +1);
    solve(&problem, fabs(x), out);
    mpfr_clears(mx, mz, mp, mw, partial, a0, problem.exact_part, problem.factor, (mpfr_ptr)0);
}

void reference_weighted_grad(enum format format, double x, double z, const struct weighted_parameters *parameters,
                             struct exact_value *out)
{
    if (invalid_inputs(x, z, parameters)) {
        *out = (struct exact_value){.kind = EXACT_NAN, .rounded = NAN};
        return;
    }
    double p = parameters->pos_weight, w = parameters->weight;
    struct problem problem = {.format = format, .gradient = 1, .x = x, .divisor = parameters->divisor};
    mpfr_t one, mz, mp, mw, pz, a0;
    exact_from_double(one, 1.0);
    exact_from_double(mz, z);
    exact_from_double(mp, p);
    exact_from_double(mw, w);
    exact_product(pz, mp, mz);
    double b0_bound_log2;
    int b0_sign;
    if (fabs(x) < 1.0) { /* A0 = (1 - z - p z) / 2, B0 = tanh(x/2)/2, |B0| <= |x|/4 */
        mpfr_t one_minus_z;
        exact_sum(one_minus_z, one, mz, -1);
        exact_sum(a0, one_minus_z, pz, -1);
        mpfr_div_2ui(a0, a0, 1, MPFR_RNDN);
        mpfr_clear(one_minus_z);
        b0_bound_log2 = x == 0.0 ? -INFINITY : log2(fabs(x)) - 1.99;
        b0_sign = x > 0.0 ? 1 : x < 0.0 ? -1 : 0;
    } else if (x > 0) { /* A0 = 1 - z, B0 = -e/(1+e), |B0| < exp(-x) (also x = +inf: B0 = 0) */
        exact_sum(a0, one, mz, -1);
        b0_bound_log2 = -LOG2_E_LOWER * x;
        b0_sign = isinf(x) ? 0 : -1;
    } else { /* A0 = -p z, B0 = e/(1+e) */
        mpfr_init2(a0, mpfr_get_prec(pz));
        mpfr_neg(a0, pz, MPFR_RNDN);
        b0_bound_log2 = LOG2_E_LOWER * x;
        b0_sign = isinf(x) ? 0 : 1;
    }
    exact_product(problem.exact_part, a0, mw);
    set_factor(&problem, z, parameters, b0_bound_log2, b0_sign);
    solve(&problem, fabs(x), out);
    mpfr_clears(one, mz, mp, mw, pz, a0, problem.exact_part, problem.factor, (mpfr_ptr)0);
}
