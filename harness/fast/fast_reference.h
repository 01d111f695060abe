/* The fast reference tier: correctly rounded values and ULP errors for f32, f16 and bf16
 * decided in double arithmetic with a proven error bound, for almost every point; whatever it
 * cannot decide goes to the MPFR reference (reference/reference.h).
 *
 * Decided means: both ends of the interval [y - bound, y + bound] that holds the exact value
 * round to the same value of the format, lie in the same binade of the format (so ulp(y) is
 * known) and on the same side of half the smallest subnormal (so a flush is known); and, for
 * a measurement, that the error of the implementation's result is not within its own bound of
 * a histogram bucket limit, and that the bound is below 2^-20 ulp(y).  So the fast tier's
 * rounded values, classes and histogram are MPFR's, bit for bit, and its ULP errors differ
 * from MPFR's by at most 2^-20 ulp (in practice far less: 2^-47 relative to the value). */
#ifndef SCEBENCH_FAST_REFERENCE_H
#define SCEBENCH_FAST_REFERENCE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "metric.h"
#include "registry.h"

/* The fast tier's values for n points, as arrays (so that measuring vectorizes):
 *   y_hi + y_lo   the approximation, a double-double
 *   bound         |exact - (y_hi + y_lo)| <= bound
 *   rounded       the correctly rounded value, when decided
 *   inverse_ulp   1 / ulp(exact)
 *   decided, sign (of the exact value, +1 or -1), flush (1 when |exact| is at least half the
 *   smallest subnormal, so that a zero result is a flush) */
struct fast_values {
    double *y_hi, *y_lo, *bound, *rounded, *inverse_ulp;
    signed char *decided, *sign, *flush;
    double *rounded_error;      /* the measurement of `rounded` itself (fast_rounded_measurements): */
    signed char *rounded_simple; /* its error, and whether fast_measure_summary takes it */
};

/* Arrays for n points (freed with fast_values_free). */
void fast_values_allocate(struct fast_values *values, size_t n);
void fast_values_free(struct fast_values *values);

/* 1 for the formats the fast tier serves (f32, f16, bf16). */
int fast_reference_serves(enum format format);

/* Approximations and decisions for n points. */
void fast_reference(enum format format, enum function function, size_t n, const double *x, const double *z,
                    const struct fast_values *out);

/* Measurements of n results at once against their fast values, and the block's sums, in one
 * pass (fast_summary.c).  simple[i] is 1 when the value was decided, got[i] is not within its
 * error bound of a histogram limit, and the accumulator needs nothing of the point but the
 * sums: its outcome is ok, or a failure (nan, overflow, flush, sign) whose x cannot enter that
 * class's examples (|x| above bars->example[outcome]) and which cannot enter the worst cases.
 * error[i] is then its ULP error (+inf for nan and overflow).  Every other point the caller
 * measures with fast_measure or against MPFR.  The sums over the simple points: their count,
 * how many have a finite error, the count per outcome, the histogram (the accumulator's
 * buckets), the largest finite error, the exact fixed-point sum of the finite errors below
 * 2^31 as whole + fraction / 2^32, and `rare`: how many need the accumulator's in-order pass
 * (a finite error that may enter the worst cases, or of 2^31 or more), their indices in
 * rare_points.  Per lane (point i in lane i % 8), over the simple points: the largest finite
 * error and the count of the others (+inf), a profile cell's share of the block when the cells
 * repeat every eight points (two hard labels alternate). */
struct fast_summary_bars {
    double worst;                          /* the last worst case's error; -inf until the list is full */
    uint64_t worst_x_bits, worst_z_bits;   /* the bits of its x and z */
    double example[OUTCOME_COUNT];         /* |x| of a class's last example; +inf until the list is full */
};
struct fast_block_summary {
    uint64_t points, finite_points, outcomes[OUTCOME_COUNT], histogram[9], whole, fraction, rare;
    double maximum;
    double lane_maximum[8];      /* 0 where no finite error */
    uint64_t lane_failures[8];
    uint32_t *rare_points; /* set by the caller: room for n + 8 indices; the first `rare` are filled, in order */
};
void fast_measure_summary(size_t n, const double *got, const double *x, const double *z,
                          const struct fast_values *values, const struct fast_summary_bars *bars, double *error,
                          unsigned char *simple, struct fast_block_summary *summary);
typedef void fast_measure_summary_fn(size_t n, const double *got, const double *x, const double *z,
                                     const struct fast_values *values, const struct fast_summary_bars *bars,
                                     double *error, unsigned char *simple, struct fast_block_summary *summary);
fast_measure_summary_fn fast_measure_summary_avx512, fast_measure_summary_baseline;

/* rounded_error and rounded_simple of n points: what fast_measure_summary finds for a result
 * equal to the correctly rounded value, made once for every run of the block. */
void fast_rounded_measurements(size_t n, const struct fast_values *values);
typedef void fast_rounded_measurements_fn(size_t n, const struct fast_values *values);
fast_rounded_measurements_fn fast_rounded_measurements_avx512, fast_rounded_measurements_baseline;

/* The largest finite error[i] (0 if none) and the count of the others (+inf: failures) over
 * the points i whose bit i % 8 of masks[i / 8] is set: a profile cell's share of a block. */
void fast_masked_maximum(size_t n, const double *error, const unsigned char *masks, double *maximum,
                         uint64_t *failures);
typedef void fast_masked_maximum_fn(size_t n, const double *error, const unsigned char *masks, double *maximum,
                                    uint64_t *failures);
fast_masked_maximum_fn fast_masked_maximum_avx512, fast_masked_maximum_baseline;

/* out[i] = in[i] for n binary32 results, the kernels' output widened for the measurements
 * (sixteen a step with AVX-512; the harness's baseline build converts two). */
void fast_widen_f32(size_t n, const float *in, double *out);
typedef void fast_widen_f32_fn(size_t n, const float *in, double *out);
fast_widen_f32_fn fast_widen_f32_avx512, fast_widen_f32_baseline;

/* The measurement of `got` against decided value i; 0 when it must be made against MPFR. */
int fast_measure(const struct fast_values *values, size_t i, double got, struct measurement *measurement);

/* Whether the exact transcendental term b is positive (it is never zero): log1p(exp(-|x|)) > 0;
 * sigmoid(x) - [x >= 1] and tanh(x/2)/2 have the sign of x below |x| = 1 and the opposite
 * beyond.  Branch-free, for the vectorized decisions. */
static inline int transcendental_positive(enum function function, double x)
{
    return (function != FUNCTION_GRAD) | ((fabs(x) < 1.0) == (x > 0));
}

/* Implemented in fast_terms.c, compiled once per instruction set. */
typedef void fast_terms_fn(size_t n, const double *x, const double *z, double *a_hi, double *a_lo, double *b);
fast_terms_fn fast_loss_terms_avx512, fast_grad_terms_avx512, fast_loss_terms_baseline, fast_grad_terms_baseline;
/* The common case of the decisions for a block, vectorized: y = a_hi + a_lo + b as y_hi + y_lo
 * and its bound for every point, and decided[i] = 1 with rounded, inverse_ulp, sign and flush
 * where the interval is far from every rounding breakpoint, binade edge and the flush limit of
 * the format (precision, emin, emax) and the bound is below 2^-20 ulp, or where a = 0 and |b|
 * is below half the smallest subnormal (y rounds to a zero of the transcendental term's sign);
 * decided[i] = 0 leaves the point to the scalar decision (or MPFR). */
typedef void fast_quick_fn(size_t n, const double *x, const double *z, const double *a_hi, const double *a_lo,
                           const double *b, enum function function, int precision, int emin, int emax,
                           const struct fast_values *values);
fast_quick_fn fast_quick_decisions_avx512, fast_quick_decisions_baseline;

#endif
