/* weighted_template.h: one weighted formula body, compiled for f64 (double arithmetic, glibc
 * exp, log, log1p) and f32 (float arithmetic, glibc expf, logf, log1pf), and its batch kernels.
 *
 * A formula file has two halves, as with impls/scalar_template.h:
 *
 *   #ifdef WEIGHTED_INSTANCE
 *   static real WEIGHTED(loss)(real x, real z, real p, real w) { ... }
 *   static real WEIGHTED(grad)(real x, real z, real p, real w) { ... }
 *   #else
 *   #define WEIGHTED_FORMULA pytorch
 *   #define WEIGHTED_SOURCE "weighted_pytorch.c"
 *   #include "weighted_template.h"
 *   const struct weighted_implementation weighted_pytorch = {..., .kernels = WEIGHTED_KERNELS};
 *   #endif
 *
 * Bodies use plain C operators on `real` (C evaluates float operations in float on x86-64 and
 * the build has no FMA contraction, so each operator is one rounding in the format), constants
 * written as (real)1, and real_abs, real_exp, real_log, real_log1p, which map to the format's glibc
 * function.  real_max and real_min return their first argument when it is a NaN, as the
 * frameworks' maximum and minimum do. */
#ifndef SCEBENCH_WEIGHTED_TEMPLATE_H
#define SCEBENCH_WEIGHTED_TEMPLATE_H

#include <math.h>
#include "weighted.h"

#if !defined(WEIGHTED_FORMULA) || !defined(WEIGHTED_SOURCE)
#error "define WEIGHTED_FORMULA and WEIGHTED_SOURCE before including weighted_template.h"
#endif

#define WEIGHTED_PASTE3(a, b, c) a##_##b##_##c
#define WEIGHTED_JOIN3(a, b, c) WEIGHTED_PASTE3(a, b, c)
#define WEIGHTED(function) WEIGHTED_JOIN3(function, WEIGHTED_FORMULA, WEIGHTED_SUFFIX)

#define real_max(a, b) ((a) < (b) ? (b) : (a))
#define real_min(a, b) ((b) < (a) ? (b) : (a))

#define WEIGHTED_INSTANCE

#define real double
#define WEIGHTED_SUFFIX f64
#define real_exp exp
#define real_log log
#define real_log1p log1p
#define real_abs fabs
#include WEIGHTED_SOURCE
#undef real
#undef WEIGHTED_SUFFIX
#undef real_exp
#undef real_log
#undef real_log1p
#undef real_abs

#define real float
#define WEIGHTED_SUFFIX f32
#define real_exp expf
#define real_log logf
#define real_log1p log1pf
#define real_abs fabsf
#include WEIGHTED_SOURCE
#undef real
#undef WEIGHTED_SUFFIX
#undef real_exp
#undef real_log
#undef real_log1p
#undef real_abs

#undef WEIGHTED_INSTANCE

#define WEIGHTED_BATCH(function, suffix, type)                                                        \
    static void WEIGHTED_JOIN3(batch_##function, WEIGHTED_FORMULA, suffix)(                           \
        size_t n, const void *x, const void *z, const void *w, double pos_weight, void *out)          \
    {                                                                                                 \
        const type *xs = x, *zs = z, *ws = w;                                                         \
        type *results = out, p = (type)pos_weight;                                                    \
        for (size_t i = 0; i < n; i++)                                                                \
            results[i] = WEIGHTED_JOIN3(function, WEIGHTED_FORMULA, suffix)(xs[i], zs[i], p, ws[i]);  \
    }

WEIGHTED_BATCH(loss, f64, double)
WEIGHTED_BATCH(grad, f64, double)
WEIGHTED_BATCH(loss, f32, float)
WEIGHTED_BATCH(grad, f32, float)

#define WEIGHTED_KERNELS                                                                              \
    {                                                                                                 \
        [FORMAT_F64] = {WEIGHTED_JOIN3(batch_loss, WEIGHTED_FORMULA, f64),                            \
                        WEIGHTED_JOIN3(batch_grad, WEIGHTED_FORMULA, f64)},                           \
        [FORMAT_F32] = {WEIGHTED_JOIN3(batch_loss, WEIGHTED_FORMULA, f32),                            \
                        WEIGHTED_JOIN3(batch_grad, WEIGHTED_FORMULA, f32)},                           \
    }

#endif
