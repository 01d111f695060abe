/* Correctly rounded references for the sigmoid cross-entropy loss and its gradient, with MPFR.
 *
 *   loss l(x,z) = max(x,0) - x*z + log1p(exp(-|x|))
 *   grad g(x,z) = sigmoid(x) - z
 *
 * x and z are values of the format (held in doubles).  The result is the exact real value
 * rounded once to the format, to nearest with ties to even, with the format's subnormals and
 * overflow; alongside it, the exact value itself to at least p + 64 bits, expressed in units of
 * its own ulp (DESIGN.md), which is what the ULP metric needs. */
#ifndef SCEBENCH_REFERENCE_H
#define SCEBENCH_REFERENCE_H

#include "storage.h"

enum exact_kind { EXACT_FINITE, EXACT_INFINITE, EXACT_NAN };

/* The exact value y.  For finite y:
 *   y = (in_ulps_hi + in_ulps_lo) * 2^ulp_exponent,   ulp(y) = 2^ulp_exponent,
 * where in_ulps_hi + in_ulps_lo is y / ulp(y) as a double-double, correct to better than
 * 2^-50 ulp.  For y = 0 (only at x = 0 with z = 1/2, or infinite x) in_ulps is 0 and ulp(y) is
 * the smallest subnormal.  When a positive term far below the last bit was dropped (exp(-|x|)
 * beside a large x*(1-z)), in_ulps is the remaining exact part and tiny_sign is the sign of
 * the dropped term, which `rounded` accounts for. */
struct exact_value {
    enum exact_kind kind;
    double rounded;       /* correctly rounded to the format; +-inf on overflow or infinite y */
    double in_ulps_hi;
    double in_ulps_lo;
    int ulp_exponent;
    int tiny_sign;
    int exactly_known;       /* 1 when y is held exactly (rational y, limits, NaN); 0 for an
                                irrational y known to p + 64 bits */
    unsigned precision_bits; /* working precision at which the Ziv loop decided (0: no loop) */
};

void reference_loss(enum format format, double x, double z, struct exact_value *out);
void reference_grad(enum format format, double x, double z, struct exact_value *out);

/* Reads a decimal or C99 hexadecimal number (also inf, -inf, nan) and rounds it once to the
 * format.  Returns 0 on success, -1 when the text is not a number. */
int reference_parse(enum format format, const char *text, double *value);

#endif
