/* accurate: scebench's weighted loss and gradient, f64 and f32.
 *
 *   loss l_p w = a + b:  x >= 0:  a = x (1-z) w,    b = q L w,  L = log1p(exp(-|x|))
 *                        x <  0:  a = -(p z) x w,   b = q L w         (q = (1-z) + p z)
 *   grad g_p w = a + b:  |x| < 1: a = ((1-z) - p z)/2 w,  b = q tanh(x/2)/2 w
 *                        x >= 1:  a = (1-z) w,            b = -q e/(1+e) w, e = exp(-x)
 *                        x <= -1: a = -(p z) w,           b = q e/(1+e) w,  e = exp(x)
 * Origin: scebench.  The same splitting as `accurate` (impls/accurate_terms.h): the loss for
 * x < 0 is (1-z) x + q (L - x) = -p z x + q L, two nonnegative terms, so for z in [0,1] and
 * p >= 0 nothing cancels; q is formed as (1-z) + p z, two nonnegative terms (1 + (p-1) z would
 * cancel for p < 1, z near 1).  The gradient (1-z) - q sigmoid(-x) = q sigmoid(x) - p z is
 * split so that every cancellation happens in the one final addition.
 *
 * How: the terms in double (f32) or x87 long double (f64), their sum rounded to odd
 * (accurate_terms.h's sum_to_odd), then rounded once to the format.  An error bound, REL times
 * the magnitudes that enter the terms (|a| + |b|, or for the |x| < 1 gradient (|1-z| + |p z|)/2
 * |w| + |b|, since a itself may cancel), decides whether the result is within the contract;
 * when it is not (a cancellation in the gradient near its zero), the same terms are evaluated
 * again in __float128.  REL: 2^-49 in double (glibc's exp, log1p and tanh within 2 ulp, up to
 * 16 roundings of 2^-53 along a term), 2^-59 in long double, 2^-108 in __float128.
 * Infinite x gives the limits (reference_weighted.h); NaN gives NaN.
 *
 * Accuracy contract: f32 loss and gradient within 0.501 ulp (correctly rounded apart from
 * hard cases within 2^-10 ulp of a breakpoint, and cancellations deeper than 2^-100 in the
 * gradient); f64 within 1 ulp (the bound gives 0.75).
 * Weakness: the __float128 path is slow (about a microsecond). */
#include <quadmath.h>
#include <stdint.h>
#include <string.h>

#include "weighted.h"

#define MARGIN_F32 0x1p-10 /* 0.5 + 2^-10 < 0.501 */
#define MARGIN_F64 0.25    /* 0.5 + 0.25 < 1 */

/* accurate_terms_all.h provides sum_to_odd (and last_bit) for each wide type; its unweighted
 * term functions and `finish` are not used here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"

#include "accurate_terms_all.h"
#pragma GCC diagnostic pop

/* The terms, once per wide type: a, b and the magnitude the error bound scales with. */
#define WEIGHTED_TERMS(T, suffix, EXP, LOG1P, TANH, FABS)                                              \
    static void weighted_loss_terms_##suffix(double x, double z, double p, double w, T *a, T *b, T *scale) \
    {                                                                                                  \
        T wx = x, wz = z, wp = p, ww = w;                                                              \
        T q = (1 - wz) + wp * wz;                                                                      \
        if (x >= 0)                                                                                    \
            *a = (z >= 0.5 ? wx * (1 - wz) : wx - wx * wz) * ww;                                       \
        else                                                                                           \
            *a = -(wp * wz) * wx * ww;                                                                 \
        *b = q * LOG1P(EXP(-FABS(wx))) * ww;                                                           \
        *scale = FABS(*a) + FABS(*b);                                                                  \
    }                                                                                                  \
    static void weighted_grad_terms_##suffix(double x, double z, double p, double w, T *a, T *b, T *scale) \
    {                                                                                                  \
        T wx = x, wz = z, wp = p, ww = w;                                                              \
        T one_minus_z = 1 - wz, pz = wp * wz, q = one_minus_z + pz;                                    \
        if (fabs(x) < 1.0) {                                                                           \
            *a = (one_minus_z - pz) / 2 * ww;                                                          \
            *b = q * (TANH(wx / 2) / 2) * ww;                                                          \
            *scale = (FABS(one_minus_z) + FABS(pz)) / 2 * FABS(ww) + FABS(*b);                         \
            return;                                                                                    \
        }                                                                                              \
        T e = EXP(-FABS(wx));                                                                          \
        T sigmoid_of_minus_abs = e / (1 + e);                                                          \
        *a = (x > 0 ? one_minus_z : -pz) * ww;                                                         \
        *b = (x > 0 ? -q : q) * sigmoid_of_minus_abs * ww;                                             \
        *scale = FABS(*a) + FABS(*b);                                                                  \
    }

WEIGHTED_TERMS(double, double, exp, log1p, tanh, fabs)
WEIGHTED_TERMS(long double, long_double, expl, log1pl, tanhl, fabsl)
WEIGHTED_TERMS(__float128, quad, expq, log1pq, tanhq, fabsq)

typedef void terms_double_fn(double x, double z, double p, double w, double *a, double *b, double *scale);
typedef void terms_long_double_fn(double x, double z, double p, double w, long double *a, long double *b,
                                  long double *scale);
typedef void terms_quad_fn(double x, double z, double p, double w, __float128 *a, __float128 *b,
                           __float128 *scale);

struct terms {
    terms_double_fn *in_double;
    terms_long_double_fn *in_long_double;
    terms_quad_fn *in_quad;
};

static const struct terms loss_terms = {weighted_loss_terms_double, weighted_loss_terms_long_double,
                                        weighted_loss_terms_quad};
static const struct terms grad_terms = {weighted_grad_terms_double, weighted_grad_terms_long_double,
                                        weighted_grad_terms_quad};

/* The result for the format from a sum rounded to odd in a type of at least p + 2 bits (a
 * second rounding to odd brings a long double or __float128 sum to 53 bits), and whether
 * bound <= margin ulp of it. */
static double finish_format(enum format format, double rounded_to_odd_double, double bound, double margin,
                            int *within)
{
    double result = format == FORMAT_F32 ? (double)(float)rounded_to_odd_double : rounded_to_odd_double;
    *within = isfinite(result) ? bound <= margin * format_ulp(format, result) : 1;
    return result;
}

/* A wide sum rounded to odd, as a double rounded to odd (for a narrower final rounding) or,
 * for f64, rounded to nearest. */
#define TO_DOUBLE(T, suffix)                                                                           \
    static double to_double_##suffix(T sum, enum format format)                                        \
    {                                                                                                  \
        double rounded = (double)sum;                                                                  \
        if (format != FORMAT_F64 && (T)rounded != sum && isfinite(rounded) &&                          \
            (double_bits(rounded) & 1) == 0)                                                           \
            rounded = nextafter(rounded, (T)rounded < sum ? INFINITY : -INFINITY);                     \
        return rounded;                                                                                \
    }
TO_DOUBLE(long double, long_double)
TO_DOUBLE(__float128, quad)

static double evaluate(const struct terms *terms, enum format format, double x, double z, double p, double w)
{
    double margin = format == FORMAT_F64 ? MARGIN_F64 : MARGIN_F32;
    int within;
    double result;
    if (format == FORMAT_F64) {
        long double a, b, scale;
        terms->in_long_double(x, z, p, w, &a, &b, &scale);
        result = finish_format(format, to_double_long_double(sum_to_odd_long_double(a, b), format),
                               (double)(0x1p-59L * scale), margin, &within);
    } else {
        double a, b, scale;
        terms->in_double(x, z, p, w, &a, &b, &scale);
        result = finish_format(format, sum_to_odd_double(a, b), 0x1p-49 * scale, margin, &within);
    }
    if (within)
        return result;
    __float128 a, b, scale;
    terms->in_quad(x, z, p, w, &a, &b, &scale);
    return finish_format(format, to_double_quad(sum_to_odd_quad(a, b), format), (double)(0x1p-108Q * scale),
                         margin, &within);
}

static double weighted_accurate_loss(enum format format, double x, double z, double p, double w)
{
    if (isnan(x) || isnan(z) || isnan(p) || isnan(w))
        return NAN;
    if (isinf(x)) { /* the limit: (1-z) w x for +inf, -p z w x for -inf */
        double coefficient = x > 0 ? (1.0 - z) * w : p * z * w;
        return coefficient == 0.0 || (x > 0 && z == 1.0) ? 0.0 : copysign(INFINITY, coefficient);
    }
    return evaluate(&loss_terms, format, x, z, p, w);
}

static double weighted_accurate_grad(enum format format, double x, double z, double p, double w)
{
    if (isnan(x) || isnan(z) || isnan(p) || isnan(w))
        return NAN;
    return evaluate(&grad_terms, format, x, z, p, w); /* e = 0 at infinite x: the limits */
}

typedef double weighted_scalar_fn(enum format format, double x, double z, double p, double w);

static void batch(weighted_scalar_fn *function, enum format format, size_t n, const void *x, const void *z,
                  const void *w, double pos_weight, void *out)
{
    for (size_t i = 0; i < n; i++)
        storage_store(format, out, i,
                      function(format, storage_load(format, x, i), storage_load(format, z, i), pos_weight,
                               storage_load(format, w, i)));
}

static void loss_f64(size_t n, const void *x, const void *z, const void *w, double p, void *out)
{
    batch(weighted_accurate_loss, FORMAT_F64, n, x, z, w, p, out);
}
static void loss_f32(size_t n, const void *x, const void *z, const void *w, double p, void *out)
{
    batch(weighted_accurate_loss, FORMAT_F32, n, x, z, w, p, out);
}
static void grad_f64(size_t n, const void *x, const void *z, const void *w, double p, void *out)
{
    batch(weighted_accurate_grad, FORMAT_F64, n, x, z, w, p, out);
}
static void grad_f32(size_t n, const void *x, const void *z, const void *w, double p, void *out)
{
    batch(weighted_accurate_grad, FORMAT_F32, n, x, z, w, p, out);
}

const struct weighted_implementation weighted_accurate = {
    .name = "accurate",
    .formula = "a + b as two nonnegative terms: x >= 0: x(1-z)w + qLw; x < 0: -pzxw + qLw, q = (1-z) + pz, "
               "L = log1p(exp(-|x|)), summed rounded to odd in a wider type",
    .gradient = "((1-z) - pz)/2 w + q tanh(x/2)/2 w below |x| = 1, else (1-z)w - q s(-x) w or -pzw + q s(x) w",
    .origin = "scebench",
    .weaknesses = "slow __float128 path for strong cancellations in the gradient (rare)",
    .mode = MODE_INTERNAL,
    .contract = {
        [FORMAT_F64] = {1.0, 1.0},
        [FORMAT_F32] = {0.501, 0.501},
    },
    .kernels = {
        [FORMAT_F64] = {loss_f64, grad_f64},
        [FORMAT_F32] = {loss_f32, grad_f32},
    },
};
