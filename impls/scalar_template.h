/* scalar_template.h: one formula body, compiled in four arithmetics, and its batch kernels.
 *
 * What a report measures is how a formula rounds in a given arithmetic, so every format must
 * run the same sequence of operations, each rounded as that format's hardware would round it.
 * Writing the body once per format would let the copies drift apart; instead a formula is
 * written once, over a type `real` and the operations real_add, real_sub, real_mul, real_div,
 * real_neg, real_abs, real_max, real_min, real_exp, real_log, real_log1p, real_tanh and
 * real_const (a decimal constant rounded to the arithmetic), and this header compiles it in:
 *
 *   f64   real = double: double operations, glibc exp, log, log1p, tanh;
 *   f32   real = float: float operations, glibc expf, logf, log1pf, tanhf;
 *   f16   real = double holding a binary16 value: each operation is done in double and its
 *         result rounded once to binary16.  For + - * / that is the correctly rounded binary16
 *         operation (double has more than 2p + 2 bits); exp, log, log1p and tanh are the
 *         double libm result rounded once, as half-precision libraries compute them;
 *   bf16  the same, rounded to bfloat16.
 *
 * A formula file (impls/textbook.c is the model) has two halves:
 *
 *   #ifdef SCALAR_INSTANCE
 *   static real INSTANCE(loss)(real x, real z) { ... real_add(a, b) ... }
 *   static real INSTANCE(grad)(real x, real z) { ... }
 *   #else
 *   #include "registry.h"
 *   #define FORMULA textbook               (the middle of the generated names)
 *   #define FORMULA_SOURCE "textbook.c"    (the file itself)
 *   #include "scalar_template.h"
 *   const struct implementation implementation_textbook = {..., .kernels = SCALAR_KERNELS};
 *   #endif
 *
 * This header includes FORMULA_SOURCE back four times with SCALAR_INSTANCE defined, `real`
 * and SCALAR_FORMAT set, so the first half becomes loss_textbook_f64, loss_textbook_f32,
 * loss_textbook_f16 and loss_textbook_bf16 (INSTANCE pastes function, formula and format;
 * helpers written with INSTANCE are instantiated the same way).  It then defines the batch
 * kernels, batch_loss_textbook_f16_opmath and so on, and SCALAR_KERNELS, the kernel table of
 * struct implementation:
 *
 *   f64, f32, f16, bf16 native   the format's own instance;
 *   f16, bf16 opmath             the f32 instance on inputs widened to float, its result
 *                                rounded once to the format (PyTorch's opmath for half tensors).
 *
 * The loops over the arrays are the two batch_* functions below, shared by every formula.
 * Comparisons (x >= 0) and conditionals are written in plain C on `real` values: they round
 * nothing.  real_max and real_min return their first argument when it is a NaN, as the
 * frameworks' maximum and minimum do, so a NaN input reaches the result. */
#ifndef SCEBENCH_SCALAR_TEMPLATE_H
#define SCEBENCH_SCALAR_TEMPLATE_H

#include <math.h>
#include <stddef.h>
#include "registry.h"
#include "storage.h"

#if !defined(FORMULA) || !defined(FORMULA_SOURCE)
#error "define FORMULA and FORMULA_SOURCE before including scalar_template.h"
#endif

/* ---- The operations of each arithmetic. ---- */

/* GCC evaluates a libm call whose argument is a compile-time constant itself, with MPFR
 * (correctly rounded), and it finds such constants by pushing a call into the branches of a
 * select: keras-probs' log(clip(s, eps, 1-eps)) became log(1-eps) folded, not glibc's logf.
 * Passing each argument through a volatile keeps every call a run-time call to glibc. */
static inline double scalar_opaque(double a)
{
    volatile double opaque = a;
    return opaque;
}

static inline float scalar_opaque_float(float a)
{
    volatile float opaque = a;
    return opaque;
}

/* f64, f16 and bf16 hold values in double; `round` brings each result back to the format. */
#define SCALAR_ROUNDED_OPERATIONS(format, round)                                                    \
    static inline double format##_const(double c) { return round(c); }                              \
    static inline double format##_neg(double a) { return -a; }                                      \
    static inline double format##_abs(double a) { return fabs(a); }                                 \
    static inline double format##_max(double a, double b) { return a < b ? b : a; }                 \
    static inline double format##_min(double a, double b) { return b < a ? b : a; }                 \
    static inline double format##_add(double a, double b) { return round(a + b); }                  \
    static inline double format##_sub(double a, double b) { return round(a - b); }                  \
    static inline double format##_mul(double a, double b) { return round(a * b); }                  \
    static inline double format##_div(double a, double b) { return round(a / b); }                  \
    static inline double format##_exp(double a) { return round(exp(scalar_opaque(a))); }            \
    static inline double format##_log(double a) { return round(log(scalar_opaque(a))); }            \
    static inline double format##_log1p(double a) { return round(log1p(scalar_opaque(a))); }        \
    static inline double format##_tanh(double a) { return round(tanh(scalar_opaque(a))); }

static inline double scalar_round_f64(double v) { return v; }

SCALAR_ROUNDED_OPERATIONS(f64, scalar_round_f64)
SCALAR_ROUNDED_OPERATIONS(f16, round_to_f16)
SCALAR_ROUNDED_OPERATIONS(bf16, round_to_bf16)

/* f32 computes in float itself, with glibc's float functions (not double ones rounded),
 * since that is what an f32 kernel calls.  Returning a float drops any excess precision. */
static inline float f32_const(double c) { return (float)c; }
static inline float f32_neg(float a) { return -a; }
static inline float f32_abs(float a) { return fabsf(a); }
static inline float f32_max(float a, float b) { return a < b ? b : a; }
static inline float f32_min(float a, float b) { return b < a ? b : a; }
static inline float f32_add(float a, float b) { return a + b; }
static inline float f32_sub(float a, float b) { return a - b; }
static inline float f32_mul(float a, float b) { return a * b; }
static inline float f32_div(float a, float b) { return a / b; }
static inline float f32_exp(float a) { return expf(scalar_opaque_float(a)); }
static inline float f32_log(float a) { return logf(scalar_opaque_float(a)); }
static inline float f32_log1p(float a) { return log1pf(scalar_opaque_float(a)); }
static inline float f32_tanh(float a) { return tanhf(scalar_opaque_float(a)); }

/* ---- The names a formula body uses, resolved to the current instance's operations. ---- */

#define SCALAR_PASTE2(a, b) a##_##b
#define SCALAR_PASTE3(a, b, c) a##_##b##_##c
#define SCALAR_PASTE4(a, b, c, d) a##_##b##_##c##_##d
#define SCALAR_JOIN2(a, b) SCALAR_PASTE2(a, b)
#define SCALAR_JOIN3(a, b, c) SCALAR_PASTE3(a, b, c)
#define SCALAR_JOIN4(a, b, c, d) SCALAR_PASTE4(a, b, c, d)

#define INSTANCE(function) SCALAR_JOIN3(function, FORMULA, SCALAR_FORMAT)
#define SCALAR_OPERATION(name) SCALAR_JOIN2(SCALAR_FORMAT, name)

#define real_const SCALAR_OPERATION(const)
#define real_neg SCALAR_OPERATION(neg)
#define real_abs SCALAR_OPERATION(abs)
#define real_max SCALAR_OPERATION(max)
#define real_min SCALAR_OPERATION(min)
#define real_add SCALAR_OPERATION(add)
#define real_sub SCALAR_OPERATION(sub)
#define real_mul SCALAR_OPERATION(mul)
#define real_div SCALAR_OPERATION(div)
#define real_exp SCALAR_OPERATION(exp)
#define real_log SCALAR_OPERATION(log)
#define real_log1p SCALAR_OPERATION(log1p)
#define real_tanh SCALAR_OPERATION(tanh)

/* The logistic function as PyTorch, TensorFlow and NumPy code spell it: 1 / (1 + exp(-x)).
 * exp(-x) overflows for x below -ln(max) (-709.78 f64, -88.72 f32 and bf16, -11.09 f16),
 * where it returns 0 instead of exp(x). */
#define real_sigmoid(x) real_div(real_const(1), real_add(real_const(1), real_exp(real_neg(x))))

/* ---- The formula, once per arithmetic. ---- */

#define SCALAR_INSTANCE

#define real double
#define SCALAR_FORMAT f64
#include FORMULA_SOURCE
#undef SCALAR_FORMAT
#define SCALAR_FORMAT f16
#include FORMULA_SOURCE
#undef SCALAR_FORMAT
#define SCALAR_FORMAT bf16
#include FORMULA_SOURCE
#undef SCALAR_FORMAT
#undef real

#define real float
#define SCALAR_FORMAT f32
#include FORMULA_SOURCE
#undef SCALAR_FORMAT
#undef real

#undef SCALAR_INSTANCE

/* ---- The batch loops, shared by every formula. ---- */

typedef double scalar_in_double(double x, double z);
typedef float scalar_in_float(float x, float z);

/* For the instances held in double: the storage's value goes in as it is, and storage_store
 * encodes the result (already a value of the format, so it is not rounded again). */
static inline void batch_in_double(enum format format, size_t n, const void *x, const void *z,
                                   void *out, scalar_in_double *function)
{
    for (size_t i = 0; i < n; i++)
        storage_store(format, out, i, function(storage_load(format, x, i), storage_load(format, z, i)));
}

/* For the f32 instance: on f32 storage this is the native kernel; on f16 and bf16 storage the
 * widening to float is exact and the one rounding is storage_store's, from the float result. */
static inline void batch_in_float(enum format format, size_t n, const void *x, const void *z,
                                  void *out, scalar_in_float *function)
{
    for (size_t i = 0; i < n; i++) {
        float result = function((float)storage_load(format, x, i), (float)storage_load(format, z, i));
        storage_store(format, out, i, (double)result);
    }
}

#define SCALAR_BATCH_NAME(function, format, mode) SCALAR_JOIN4(batch_##function, FORMULA, format, mode)

#define SCALAR_BATCH(function, format, mode, batch, storage, instance)                          \
    static void SCALAR_BATCH_NAME(function, format, mode)(size_t n, const void *x,            \
                                                          const void *z, void *out)            \
    {                                                                                          \
        batch(storage, n, x, z, out, SCALAR_JOIN3(function, FORMULA, instance));               \
    }

SCALAR_BATCH(loss, f64, native, batch_in_double, FORMAT_F64, f64)
SCALAR_BATCH(loss, f32, native, batch_in_float, FORMAT_F32, f32)
SCALAR_BATCH(loss, f16, native, batch_in_double, FORMAT_F16, f16)
SCALAR_BATCH(loss, bf16, native, batch_in_double, FORMAT_BF16, bf16)
SCALAR_BATCH(loss, f16, opmath, batch_in_float, FORMAT_F16, f32)
SCALAR_BATCH(loss, bf16, opmath, batch_in_float, FORMAT_BF16, f32)
SCALAR_BATCH(grad, f64, native, batch_in_double, FORMAT_F64, f64)
SCALAR_BATCH(grad, f32, native, batch_in_float, FORMAT_F32, f32)
SCALAR_BATCH(grad, f16, native, batch_in_double, FORMAT_F16, f16)
SCALAR_BATCH(grad, bf16, native, batch_in_double, FORMAT_BF16, bf16)
SCALAR_BATCH(grad, f16, opmath, batch_in_float, FORMAT_F16, f32)
SCALAR_BATCH(grad, bf16, opmath, batch_in_float, FORMAT_BF16, f32)

#define SCALAR_PAIR(format, mode) \
    {SCALAR_BATCH_NAME(loss, format, mode), SCALAR_BATCH_NAME(grad, format, mode)}

/* The `kernels` member of struct implementation; internal mode is left null. */
#define SCALAR_KERNELS                                                                          \
    {                                                                                          \
        [FORMAT_F64] = {[MODE_NATIVE] = SCALAR_PAIR(f64, native)},                             \
        [FORMAT_F32] = {[MODE_NATIVE] = SCALAR_PAIR(f32, native)},                             \
        [FORMAT_F16] = {[MODE_NATIVE] = SCALAR_PAIR(f16, native),                              \
                        [MODE_OPMATH] = SCALAR_PAIR(f16, opmath)},                             \
        [FORMAT_BF16] = {[MODE_NATIVE] = SCALAR_PAIR(bf16, native),                            \
                         [MODE_OPMATH] = SCALAR_PAIR(bf16, opmath)},                           \
    }

#endif
