/* The ULP error of record (DESIGN.md) and the outcome classes.
 *
 *   err = |r - y| / ulp(y),  ulp(y) = 2^(max(floor(log2|y|), emin) - p + 1),
 *   ulp(0) = 2^(emin - p + 1),
 * measured against the exact y (not its rounding): a correctly rounded r has err <= 0.5. */
#ifndef SCEBENCH_METRIC_H
#define SCEBENCH_METRIC_H

#include "reference.h"

enum outcome {
    OUTCOME_OK,
    OUTCOME_OVERFLOW,     /* r = +-inf, y finite */
    OUTCOME_NAN,          /* r NaN and y not, or y NaN and r not */
    OUTCOME_FLUSH,        /* r = 0, y != 0 and |y| >= half the smallest subnormal */
    OUTCOME_SIGN,         /* r and y nonzero with opposite signs */
    OUTCOME_INF_MISMATCH, /* y infinite, r not the same infinity */
    OUTCOME_COUNT
};

static const char *const outcome_name[OUTCOME_COUNT] = {
    "ok", "overflow", "nan", "flush", "sign", "inf-mismatch"};

struct measurement {
    double ulp_error; /* +inf for overflow, nan and inf-mismatch */
    enum outcome outcome;
    int exact;        /* r is y exactly (the histogram's bucket 0; an error that merely
                         underflows a double is not exact) */
};

struct measurement measure(const struct exact_value *exact, double got);

#endif
