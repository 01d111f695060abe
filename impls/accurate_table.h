/* accurate_table.h: the first tier of `accurate` (accurate.c) for f32, f16 and bf16 storage,
 * x finite and z in [+0, 1]: the loss and the gradient in binary64 from one entry of
 * softplus_table.h, with an error bound that decides the correctly rounded result.  Where the
 * bound cannot decide it (tests/test_accurate_table: no random loss or hard-label gradient,
 * 0.002% to 0.007% of soft-label gradients, 1% to 38% of gradients at z = s(x) rounded), the
 * point goes on to accurate_terms.h's tiers, glibc in double and then __float128.
 *
 * t = |x| = k ln2/64 - r, k = round(64 t/ln2), |r| <= ln2/128 < 0.00542; entry k holds
 * L = log1p(c) and S = c/(1+c) at c = 2^(-k/64), each rounded once to binary64.  D = S(1 - S).
 *   b = log1p(e^-t) = L + log1p(d),  d = S expm1(r)           (1 + c e^r = (1 + c)(1 + d))
 *   s = e^-t/(1+e^-t) = S + r (D + r (D(1/2 - S) + r (D(1/6 - D) + r D(1/2 - S)(1/12 - D))))
 *   h = tanh(t/2)/2 = 1/2 - s = (1/2 - S) - (s - S)
 * (the sigmoid's series is table_math.h's sigmoid_series64, the one cuda-accurate evaluates;
 * the loss's is longer here, to r^4 and d^4, for a bound of 2^-43 rather than 2^-34)
 *   loss      = a + b,  a = x ([x >= 0] - z) >= 0
 *   gradient  = ([x >= 0] - z) -+ s  for |x| >= 1,  (1/2 - z) +- h  below (accurate_terms.h's
 *               split: every cancellation happens in the one final addition)
 * Beyond the table (t > 110) b and s are below e^-110 < 2^-158, a quarter of the least f32
 * and bf16 subnormal's half: they are kept as a positive infinitesimal.
 *
 * Error bounds, relative to the term (the bounds used below carry a margin over these):
 *   - b: expm1(r) to r^4 (|r|^4/120 <= 2^-37.0 of d, and d <= 0.0055 b: 2^-44.5 of b);
 *     log1p(d) to d^4 (|d|^5/5 <= 2^-43.9 of b, with S <= 1/2 and b >= 0.994 S); L's
 *     rounding 2^-53; ln2/64 in one binary64 (k 2^-60 <= 2^-46.7 on r, and db/dr = s <= b);
 *     roundings near 2^-51: 2^-43.1 in all.
 *   - s: the Taylor remainder r^5/120 |s'''''| <= r^5 D/120 <= 2^-44.5 of s; the rest as for b.
 *   - h (|x| < 1, k <= 92): the remainder r^5 D/120 <= 2^-46.6, over h >= 0.99 D|r| (k = 0,
 *     where 1/2 - S = 0 exactly: r^4/120 <= 2^-37.0) or over h >= ln2/512 (k >= 1: 2^-37.1).
 * a = x*w and w = [x >= 0] - z (or 1/2 - z) carry their exact rounding errors (an FMA, Fast2Sum)
 * into the bound.  The final addition's error is known exactly (2Sum): where it exceeds the
 * bound, its sign says on which side of the sum the exact value lies, and the sum rounded to odd
 * rounds as the exact value does, even when the sum is a rounding breakpoint (1 - z exactly
 * halfway between two floats, a term far below its last bit).  Elsewhere the point is decided
 * when the whole interval, sum -+ bound, rounds to one number of the format: rounding is
 * monotone, so that number is the correct rounding. */
#ifndef SCEBENCH_ACCURATE_TABLE_H
#define SCEBENCH_ACCURATE_TABLE_H

#include <math.h>
#include <stdint.h>

#include "softplus_table.h"
#include "storage.h"
#include "table_math.h" /* sigmoid_series64, shared with cuda-accurate */

#define TABLE_LAST_T 110.0                      /* k <= 10157 < SOFTPLUS_TABLE_LAST */
#define TABLE_INFINITESIMAL 0x1p-159            /* beyond the table: b, s in (0, 2 TABLE_INFINITESIMAL) */
#define BOUND_B 0x1p-42                         /* b and s: 2^-43.1 */
#define BOUND_H 0x1p-36                         /* h: 2^-37.0 */
#define BOUND_ROUNDING 0x1p-50                  /* value -+ bound, rounded */

/* Inlined into accurate.c's loops, which are built with and without FMA instructions: a call
 * would leave these functions in the build without, where fma() is a call into libm. */
#define TABLE_INLINE static inline __attribute__((always_inline))

struct table_point {
    double r;
    const struct softplus_binary64 *entry;
};

/* 0 <= t <= TABLE_LAST_T. */
TABLE_INLINE struct table_point table_reduce(double t, const struct softplus_binary64 *table)
{
    double shifted = fma(t, SOFTPLUS_INVERSE_STEP, SHIFTER64);
    double k = shifted - SHIFTER64;
    struct table_point point = {fma(k, SOFTPLUS_STEP, -t), &table[(int)k]};
    return point;
}

/* b = log1p(e^-t). */
TABLE_INLINE double table_softplus(struct table_point point)
{
    double r = point.r;
    double expm1_r = fma(r * r, fma(r, fma(r, 1.0 / 24, 1.0 / 6), 0.5), r);
    double d = expm1_r * point.entry->sigmoid;
    double log1p_over_d = fma(d, fma(d, fma(d, -0.25, 1.0 / 3), -0.5), 1.0);
    return fma(d, log1p_over_d, point.entry->log1p);
}

/* v rounded to the format; binary32 spelled out, since round_to_format is a call in the loops
 * built with FMA. */
TABLE_INLINE double table_round(enum format format, double v)
{
    return format == FORMAT_F32 ? (double)(float)v : round_to_format(format, v);
}

/* Whether [value - bound, value + bound] rounds to one number of the format; it is *result. */
TABLE_INLINE int table_decided(enum format format, double value, double bound, double *result)
{
    double low = table_round(format, value - bound);
    double high = table_round(format, value + bound);
    if (double_bits(low) != double_bits(high))
        return 0;
    *result = low;
    return 1;
}

/* The exact error of w - c, w = c - z computed, for c in {0, 1/2, 1} and z in [0, 1]: Fast2Sum
 * where |c| >= |z|, and 0 where the subtraction is exact (Sterbenz: the formula gives 0). */
TABLE_INLINE double table_difference_error(double c, double z, double w) { return (c - w) - z; }

/* Decides the rounding of v = w + q, the computed w and q within w_error + q_error of their
 * exact values (a strict bound).  The sum's own rounding error e is known exactly (2Sum):
 * where |e| >= the bound, v lies strictly between the sum and its neighbour on e's side, and
 * the neighbour of odd last bit (round to odd) rounds as v does, whatever a breakpoint at the
 * sum itself (1 - z exactly halfway between two floats, next to a sigmoid far below its last
 * bit); elsewhere the interval decides. */
TABLE_INLINE int table_finish(enum format format, double w, double q, double error, double *result)
{
    double g = w + q;
    double q_part = g - w;
    double e = (w - (g - q_part)) + (q - q_part);
    if (e != 0 && fabs(e) >= error) {
        uint64_t bits = double_bits(g);
        if ((bits & 1) == 0)
            bits += (e > 0) == (g > 0) ? 1 : -1;
        *result = table_round(format, double_from_bits(bits));
        return 1;
    }
    return table_decided(format, g, error + fabs(e) + BOUND_ROUNDING * fabs(g), result);
}

TABLE_INLINE int table_loss(enum format format, double x, double z, const struct softplus_binary64 *table,
                            double *result)
{
    double t = fabs(x), c = x >= 0 ? 1.0 : 0.0;
    double w = c - z, a = x * w;
    double a_error = 2 * (fabs(fma(x, w, -a)) + fabs(x * table_difference_error(c, z, w)));
    if (t > TABLE_LAST_T) {
        if (a == 0) {
            *result = 0.0; /* the loss is in (0, 2^-158): +0 */
            return 1;
        }
        return table_finish(format, a, TABLE_INFINITESIMAL, a_error + TABLE_INFINITESIMAL, result);
    }
    double b = table_softplus(table_reduce(t, table));
    return table_finish(format, a, b, a_error + BOUND_B * b, result);
}

TABLE_INLINE int table_grad(enum format format, double x, double z, const struct softplus_binary64 *table,
                            double *result)
{
    double t = fabs(x), sign = x >= 0 ? 1.0 : -1.0;
    if (t < 1.0) {
        struct table_point point = table_reduce(t, table);
        double w = 0.5 - z, w_error = 2 * fabs(table_difference_error(0.5, z, w));
        double h = fma(-point.r, sigmoid_series64(point.entry->sigmoid, point.r), 0.5 - point.entry->sigmoid);
        return table_finish(format, w, sign * h, w_error + BOUND_H * h, result);
    }
    double c = x >= 0 ? 1.0 : 0.0;
    double w = c - z, w_error = 2 * fabs(table_difference_error(c, z, w));
    if (t > TABLE_LAST_T) {
        if (w == 0) {
            *result = -sign * 0.0; /* -+ an infinitesimal */
            return 1;
        }
        return table_finish(format, w, -sign * TABLE_INFINITESIMAL, w_error + TABLE_INFINITESIMAL, result);
    }
    struct table_point point = table_reduce(t, table);
    double s = fma(point.r, sigmoid_series64(point.entry->sigmoid, point.r), point.entry->sigmoid);
    return table_finish(format, w, -sign * s, w_error + BOUND_B * s, result);
}

#endif
