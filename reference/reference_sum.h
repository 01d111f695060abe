/* Exact references for reductions: an exact sum of doubles, the exact mean, the error of a
 * computed mean against it, and a fast validated evaluation of the loss for sums of 10^9 terms.
 *
 * The exact sum is a fixed-point superaccumulator over the whole binary64 range: every finite
 * double, signed, normal or subnormal, is added without rounding (digit i has weight
 * 2^(32 i - 1074); 68 digits of 32 bits cover 2^-1074 to 2^1102, so 2^64 additions of the
 * largest double cannot overflow).  Additions are integer operations: the result does not
 * depend on their order, and partial sums of threads merge exactly.  Infinities and NaNs are
 * tracked apart (inf + -inf is NaN, as in IEEE arithmetic). */
#ifndef SCEBENCH_REFERENCE_SUM_H
#define SCEBENCH_REFERENCE_SUM_H

#include <stdint.h>
#include <mpfr.h>
#include "storage.h"

#define EXACT_SUM_DIGITS 68

struct exact_accumulator {
    int64_t digit[EXACT_SUM_DIGITS]; /* carry-save: each in [0, 2^32) after normalizing */
    uint32_t pending;                /* additions since the last normalization */
    uint8_t nan, positive_infinity, negative_infinity;
};

void exact_accumulator_init(struct exact_accumulator *sum);
void exact_accumulator_add(struct exact_accumulator *sum, double value);
/* v as hi + lo, both doubles (exact: a 64-bit significand splits into 53 + 11 bits), for v
 * in the normal range of binary64. */
void exact_accumulator_add_long_double(struct exact_accumulator *sum, long double value);
void exact_accumulator_merge(struct exact_accumulator *into, const struct exact_accumulator *from);

/* The sum exactly: `out` gets the precision it needs (at least 2 bits).  Infinite or NaN
 * sums give the infinity or NaN. */
void exact_accumulator_value(const struct exact_accumulator *sum, mpfr_t out);
/* The sum rounded once to the nearest double. */
double exact_accumulator_double(const struct exact_accumulator *sum);

/* mean = sum / n, rounded to the precision `mean` was initialised with (use 256 bits or
 * more: the error of a 2^-256 relative rounding is invisible in any ULP error reported). */
void exact_mean(const struct exact_accumulator *sum, uint64_t n, mpfr_t mean);

/* The errors of a computed value against an exact one (an MPFR number of any precision):
 * relative |got - exact| / |exact| and, in ulps of the format at the exact value (DESIGN.md:
 * ulp(y) = 2^(max(floor(log2|y|), emin) - p + 1)), |got - exact| / ulp(exact).  Infinite or
 * NaN `got` against a finite exact value gives +inf for both; exact zero gives a relative
 * error of 0 (got = 0) or +inf. */
void reference_value_error(enum format format, double got, const mpfr_t exact, double *relative,
                           double *ulps);

/* The exact MPFR number v rounded once to the format, ties to even, with the format's
 * subnormals (fewer bits below 2^emin) and overflow to infinity. */
double reference_round_mpfr(enum format format, const mpfr_t v);

/* The fast tier for long sums: the loss l(x,z) for finite x and z in [0,1] as two nonnegative
 * doubles, a = x(1-z) or -xz and b = log1p(exp(-|x|)), evaluated in binary64.  Each has a
 * relative error below REFERENCE_LOSS_FAST_RELATIVE_ERROR: a is one or two roundings at
 * 2^-53 with no cancellation (1-z is exact for z >= 1/2; x - xz keeps x/2 for z < 1/2), b is
 * glibc's exp (within 1 ulp: 2^-52 relative) passed through log1p (which scales a relative
 * error of its argument by e/((1+e) log1p(e)) <= 1) plus log1p's own 1 ulp: below 2^-51,
 * stated as 2^-49 for a margin of 4.  The caller adds a and b to an exact sum separately (no
 * rounding of a + b).  Both terms are nonnegative, so the exact sum of the computed terms of
 * n losses is within 2^-49 (relative) of the exact sum of the losses, and so is its mean:
 * 2^(p-49) ulp of the format (2^-25 ulp in f32, 2^-38 in f16, 2^-41 in bf16).  The bound
 * rests on glibc's documented errors of exp and log1p (libm-test-ulps, x86_64: 1 ulp each);
 * the reduction suite checks it against MPFR on a sample of the terms and records the
 * largest error seen. */
#define REFERENCE_LOSS_FAST_RELATIVE_ERROR 0x1p-49
void reference_loss_fast(double x, double z, double *a, double *b);

#endif
