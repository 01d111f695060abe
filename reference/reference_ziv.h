/* Pieces shared by the two MPFR Ziv loops, reference.c (l, g) and reference_weighted.c (l_p, g_p):
 * the transcendental terms at a working precision w with error bounds, the test of an error
 * interval against the format's rounding, and the exact value expressed in ulps.
 *
 * Error bounds are stated as an exponent e with |exact - approx| <= 2^e.  EXP(v) is MPFR's
 * exponent of v (|v| < 2^EXP(v), significands in [1/2, 1)); one rounding to nearest at w bits
 * has a relative error below 2^-w and an absolute one of at most 2^(EXP - 1 - w).  x is a
 * double, so mpfr_set_d at w >= 53 bits and the halvings are exact.  Internal to reference/. */
#ifndef SCEBENCH_REFERENCE_ZIV_H
#define SCEBENCH_REFERENCE_ZIV_H

#include <mpfr.h>
#include "reference.h"

#define METRIC_BITS 64       /* bits of y beyond the format's precision kept for the ULP metric */
#define MAXIMUM_PRECISION 65536
#define LOG2_E_LOWER 1.44    /* exp(-t) <= 2^(-1.44 t): log2(e) = 1.4427 > 1.44 */
#define HOPELESSLY_SMALL 1e5 /* exp(-t) for t beyond this is below 2^-144000: no format sees it */

/* b = log1p(exp(-t)) for t >= 0, at precision w (b is set to w bits).  exp rounds once
 * (relative 2^-w); log1p passes a relative error of its argument through scaled by
 * e/((1+e) log1p(e)) <= 1 and adds its own rounding: relative 2^(1-w).  Returns
 * EXP(b) + 1 - w: |log1p(exp(-t)) - b| <= 2^(EXP(b) + 1 - w). */
mpfr_exp_t reference_log1p_exp(mpfr_t b, double t, mpfr_prec_t w);

/* b = sigmoid(x) - c at precision w (b is set to w bits), with the exact constant c chosen so
 * that b is a single transcendental term, e = exp(-|x|):
 *   |x| < 1: c = 1/2, b = tanh(x/2)/2   one rounding (relative 2^-w): returns EXP(b) - w
 *   x >= 1:  c = 1,   b = -e/(1+e)      exp, the sum and the quotient: relative < 5 * 2^-w,
 *   x <= -1: c = 0,   b = e/(1+e)       returns EXP(b) + 3 - w
 * with |sigmoid(x) - c - b| <= 2^(returned exponent). */
mpfr_exp_t reference_sigmoid_term(mpfr_t b, double x, mpfr_prec_t w);

/* Rounds both ends of the interval [y - 2^error_exponent, y + 2^error_exponent] (y finite,
 * nonzero) to the format with `round` (the caller's rounding of an exact MPFR number); the ends
 * are formed exactly, with as many bits as they need. */
void reference_round_interval(enum format format, const mpfr_t y, mpfr_exp_t error_exponent,
                              double (*round)(enum format, const mpfr_t), double *round_low,
                              double *round_high);

/* Sets out->in_ulps_hi, in_ulps_lo and ulp_exponent for y (finite, nonzero, known to more than
 * p + 64 bits) whose exact value has floor(log2|.|) = floor_log2:
 * ulp = 2^(max(floor_log2, emin) - p + 1), y / ulp as a double-double (exact scaling); when the
 * remainder below in_ulps_hi is too small for a double, out->tiny_sign gets its sign. */
void reference_set_in_ulps(enum format format, long floor_log2, const mpfr_t y, struct exact_value *out);

#endif
