/* The ULP metric in double arithmetic, without loss.
 *
 * The reference gives y / ulp(y) as a double-double Y = hi + lo and ulp(y) = 2^q.  With
 * R = r * 2^-q (exact: a power-of-two scaling), err = |(R - hi) - lo|.  R - hi is exact when R
 * and hi are within a factor 2 of each other (Sterbenz); otherwise |R - hi| >= |hi|/2 and its
 * relative rounding error 2^-53 is harmless.  The last subtraction rounds once more, so err
 * carries a relative error below 2^-51, plus the reference's 2^-64 ulp: the reported error is
 * good to about 15 significant digits, subnormal results included. */
#include "metric.h"

#include <math.h>

static struct measurement error_of_finite(const struct exact_value *exact, double got)
{
    double scaled_got = ldexp(got, -exact->ulp_exponent);
    double error = fabs((scaled_got - exact->in_ulps_hi) - exact->in_ulps_lo);
    double hi = exact->in_ulps_hi;
    double below_hi = exact->in_ulps_lo != 0.0 ? exact->in_ulps_lo : exact->tiny_sign; /* sign of y - hi */
    double y_sign = hi != 0.0 ? hi : exact->tiny_sign;
    enum outcome outcome = OUTCOME_OK;
    /* |y| >= half the smallest subnormal: in ulps of the subnormal range, |Y| >= 1/2. */
    int at_least_half = fabs(hi) > 0.5 || (fabs(hi) == 0.5 && (below_hi == 0.0 || (below_hi > 0) == (hi > 0)));
    if (got == 0.0 && at_least_half)
        outcome = OUTCOME_FLUSH;
    else if (got != 0.0 && y_sign != 0.0 && (got < 0.0) != (y_sign < 0.0))
        outcome = OUTCOME_SIGN;
    int exact_match = error == 0.0 && exact->exactly_known;
    return (struct measurement){error, outcome, exact_match};
}

struct measurement measure(const struct exact_value *exact, double got)
{
    switch (exact->kind) {
    case EXACT_NAN:
        return isnan(got) ? (struct measurement){0.0, OUTCOME_OK, 1}
                          : (struct measurement){INFINITY, OUTCOME_NAN, 0};
    case EXACT_INFINITE:
        return got == exact->rounded ? (struct measurement){0.0, OUTCOME_OK, 1}
                                     : (struct measurement){INFINITY, OUTCOME_INF_MISMATCH, 0};
    default:
        if (isnan(got))
            return (struct measurement){INFINITY, OUTCOME_NAN, 0};
        if (isinf(got))
            return (struct measurement){INFINITY, OUTCOME_OVERFLOW, 0};
        return error_of_finite(exact, got);
    }
}
