/* accurate: scebench's own scalar implementation, loss and gradient, every format.
 *
 *   loss l(x,z) = a + b,  a = x*(1-z) (x >= 0) or -x*z (x < 0),  b = log1p(exp(-|x|))
 *   grad g(x,z) = a + b,  (1/2 - z) + tanh(x/2)/2        for |x| < 1
 *                         (1 - z) - e/(1+e), e = exp(-x) for x >= 1
 *                         -z + e/(1+e),      e = exp(x)  for x <= -1
 * Origin: scebench.  The loss is TensorFlow's branchless formula with its two nonnegative
 * terms kept apart; the gradient is split so that sigmoid(x) is never rounded before z is
 * subtracted (every cancellation of sigmoid(x) - z happens in one addition).
 *
 * How, in up to three tiers, each with an error bound that says whether it decides the result:
 *   1. f32, f16 and bf16 with z in [+0, 1]: the terms in binary64 from one entry of a table
 *      and short series (accurate_table.h), decided when the bound proves the correct
 *      rounding (every random loss and hard-label gradient in tests/test_accurate_table, all
 *      but 0.002% to 0.007% of soft-label gradients; fewer where gradients cancel);
 *   2. the two terms in a wider type with libm (double for f32/f16/bf16, x87 long double for
 *      f64), the sum rounded to odd, then rounded once to nearest in the format;
 *   3. when the bound of 2 does not decide (a cancellation in the gradient, or z outside
 *      [0,1]), the same terms again in __float128 (libquadmath).
 * Infinite and NaN inputs give the limits of DESIGN.md.
 *
 * Accuracy contract: f32, f16 and bf16 within 0.501 ulp (correctly rounded apart from hard
 * cases within 2^-10 ulp of a rounding breakpoint); f64 within 1 ulp (the bound gives 0.75).
 * Measured: see README (sweep `extreme`, `random`).  Weakness: the __float128 path is slow
 * (about a microsecond), taken for a fraction 2^-15 of random soft-label gradients in f32. */
#include "accurate_table.h"
#include "accurate_terms_all.h"
#include "loss_limits.h"
#include "registry.h"

/* Fast path margins: beyond the final rounding's half ulp, the computed sum is within
 * margin ulp of the exact value. */
#define MARGIN_NARROW 0x1p-10 /* 0.5 + 2^-10 < 0.501 */
#define MARGIN_F64 0.25       /* 0.5 + 0.25 < 1 */

typedef void terms_double_fn(double x, double z, double *a, double *b);
typedef void terms_long_double_fn(double x, double z, long double *a, long double *b);
typedef void terms_quad_fn(double x, double z, __float128 *a, __float128 *b);

struct terms {
    terms_double_fn *in_double;
    terms_long_double_fn *in_long_double;
    terms_quad_fn *in_quad;
};

static const struct terms loss_terms = {loss_terms_double, loss_terms_long_double, loss_terms_quad};
static const struct terms grad_terms = {grad_terms_double, grad_terms_long_double, grad_terms_quad};

/* Finite x and z: the fast path, then __float128 when its bound does not decide. */
static double evaluate_finite(const struct terms *terms, enum format format, double x, double z)
{
    double result;
    if (format == FORMAT_F64) {
        long double a, b;
        terms->in_long_double(x, z, &a, &b);
        if (finish_long_double(a, b, format, MARGIN_F64, &result))
            return result;
    } else {
        double a, b;
        terms->in_double(x, z, &a, &b);
        if (finish_double(a, b, format, MARGIN_NARROW, &result))
            return result;
    }
    __float128 a, b;
    terms->in_quad(x, z, &a, &b);
    finish_quad(a, b, format, format == FORMAT_F64 ? MARGIN_F64 : MARGIN_NARROW, &result);
    return result;
}

/* The first tier's inputs: a 16- or 32-bit format, x finite, z in [+0, 1]. */
static int table_inputs(enum format format, double x, double z)
{
    return format != FORMAT_F64 && fabs(x) < INFINITY && z >= 0 && z <= 1 && !signbit(z);
}

/* Limits in x with z fixed (DESIGN.md, loss_limits.h); z infinite is the limit in z. */
static inline __attribute__((always_inline)) double accurate_loss(enum format format, double x, double z, const struct softplus_binary64 *table)
{
    double limit;
    if (table_inputs(format, x, z) && table_loss(format, x, z, table, &limit))
        return limit;
    if (loss_limit(&x, &z, &limit))
        return limit;
    return evaluate_finite(&loss_terms, format, x, z);
}

static inline __attribute__((always_inline)) double accurate_grad(enum format format, double x, double z, const struct softplus_binary64 *table)
{
    double result;
    if (table_inputs(format, x, z) && table_grad(format, x, z, table, &result))
        return result;
    if (isnan(x) || isnan(z))
        return NAN;
    if (isinf(z))
        return -z;
    if (isinf(x))
        return x > 0 ? 1.0 - z : -z; /* rounded by the caller's store, once */
    return evaluate_finite(&grad_terms, format, x, z);
}

typedef double scalar_fn(enum format format, double x, double z, const struct softplus_binary64 *table);

static inline __attribute__((always_inline)) void evaluate_array(scalar_fn *function, enum format format, size_t n,
                                                                 const void *x, const void *z, void *out)
{
    const struct softplus_binary64 *table = format == FORMAT_F64 ? NULL : softplus_table64();
    for (size_t i = 0; i < n; i++) {
        double value = function(format, storage_load(format, x, i), storage_load(format, z, i), table);
        storage_store(format, out, i, value);
    }
}

/* Built twice, chosen at load time: with FMA instructions where the CPU has them, so that the
 * first tier's fma() is one instruction and not a call into libm's software fma. */
__attribute__((target_clones("fma", "default"))) static void loss_array(enum format format, size_t n, const void *x,
                                                                        const void *z, void *out)
{
    evaluate_array(accurate_loss, format, n, x, z, out);
}

__attribute__((target_clones("fma", "default"))) static void grad_array(enum format format, size_t n, const void *x,
                                                                        const void *z, void *out)
{
    evaluate_array(accurate_grad, format, n, x, z, out);
}

static void loss_f64(size_t n, const void *x, const void *z, void *out) { loss_array(FORMAT_F64, n, x, z, out); }
static void loss_f32(size_t n, const void *x, const void *z, void *out) { loss_array(FORMAT_F32, n, x, z, out); }
static void loss_f16(size_t n, const void *x, const void *z, void *out) { loss_array(FORMAT_F16, n, x, z, out); }
static void loss_bf16(size_t n, const void *x, const void *z, void *out) { loss_array(FORMAT_BF16, n, x, z, out); }
static void grad_f64(size_t n, const void *x, const void *z, void *out) { grad_array(FORMAT_F64, n, x, z, out); }
static void grad_f32(size_t n, const void *x, const void *z, void *out) { grad_array(FORMAT_F32, n, x, z, out); }
static void grad_f16(size_t n, const void *x, const void *z, void *out) { grad_array(FORMAT_F16, n, x, z, out); }
static void grad_bf16(size_t n, const void *x, const void *z, void *out) { grad_array(FORMAT_BF16, n, x, z, out); }

const struct implementation implementation_accurate = {
    .name = "accurate",
    .family = "scebench",
    .formula = "max(x,0) - x*z + log1p(exp(-|x|)) as two terms, summed rounded to odd in a wider type",
    .gradient = "(1/2 - z) + tanh(x/2)/2 below |x| = 1, else (1 - z) - sigmoid(-x) or sigmoid(x) - z, the difference formed once",
    .origin = "scebench",
    .weaknesses = "slow __float128 path for strong cancellations (rare)",
    .contract = {
        [FORMAT_F64] = {1.0, 1.0},
        [FORMAT_F32] = {0.501, 0.501},
        [FORMAT_F16] = {0.501, 0.501},
        [FORMAT_BF16] = {0.501, 0.501},
    },
    .kernels = {
        [FORMAT_F64][MODE_INTERNAL] = {loss_f64, grad_f64},
        [FORMAT_F32][MODE_INTERNAL] = {loss_f32, grad_f32},
        [FORMAT_F16][MODE_INTERNAL] = {loss_f16, grad_f16},
        [FORMAT_BF16][MODE_INTERNAL] = {loss_bf16, grad_bf16},
    },
};
