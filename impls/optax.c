/* optax: optax.sigmoid_binary_cross_entropy, as JAX evaluates it.
 *
 *   loss  -z*log_sigmoid(x) - (1-z)*log_sigmoid(-x),
 *         log_sigmoid(u) = -softplus(-u),  softplus(v) = logaddexp(v,0) = max(v,0) + log1p(exp(-|v|))
 *   grad  -z*exp(-x - softplus(-x)) + (1-z)*exp(x - softplus(x))
 *
 * Origin: optax/losses/_classification.py (log_p = log_sigmoid(logits), log_not_p =
 * log_sigmoid(-logits), -labels*log_p - (1-labels)*log_not_p), with jax.nn.log_sigmoid =
 * -softplus(-x), jax.nn.softplus = jnp.logaddexp(x, 0) and jnp.logaddexp's amax + log1p(exp(-|delta|)).
 * The gradient is JAX's autodiff through logaddexp's custom JVP, d/dv logaddexp(v,0) =
 * exp(v - logaddexp(v,0)).
 *
 * Weaknesses:
 *   - the loss adds two nonnegative terms, each a softplus times a weight: no overflow, no
 *     cancellation, and for hard targets it is accurate; 1-z rounds for z < 1/2.
 *   - the gradient's exp(x - softplus(x)) = sigmoid(x) is computed from a difference of two
 *     numbers of size |x|: for x > 0 its argument carries an absolute error of ulp(x)/2, so
 *     the z = 0 gradient (near 1) is off by up to ulp(x)/2 relative, about 8 ulp in f32
 *     (x in [8, 16.6)) and 16 in f64 (x in [32, 36.7)); beyond, both round to 1.  The tails
 *     are accurate: no overflow, and exp(-x - softplus(-x)) ~ exp(-x) for z = 1, x >> 0.
 *   - the two products cancel near s = z for soft targets, as any s - z does.
 *
 * Accuracy contract: none; measured, not claimed. */
#ifdef SCALAR_INSTANCE

/* jnp.logaddexp(v, 0). */
static real INSTANCE(softplus)(real v)
{
    return real_add(real_max(v, real_const(0)), real_log1p(real_exp(real_neg(real_abs(v)))));
}

static real INSTANCE(log_sigmoid)(real u)
{
    return real_neg(INSTANCE(softplus)(real_neg(u)));
}

static real INSTANCE(loss)(real x, real z)
{
    real log_p = INSTANCE(log_sigmoid)(x);
    real log_not_p = INSTANCE(log_sigmoid)(real_neg(x));
    return real_sub(real_mul(real_neg(z), log_p), real_mul(real_sub(real_const(1), z), log_not_p));
}

static real INSTANCE(grad)(real x, real z)
{
    real negative_x = real_neg(x);
    real sigmoid_of_negative_x = real_exp(real_sub(negative_x, INSTANCE(softplus)(negative_x)));
    real sigmoid_of_x = real_exp(real_sub(x, INSTANCE(softplus)(x)));
    return real_add(real_mul(real_neg(z), sigmoid_of_negative_x),
                    real_mul(real_sub(real_const(1), z), sigmoid_of_x));
}

#else

#include "registry.h"
#define FORMULA optax
#define FORMULA_SOURCE "optax.c"
#include "scalar_template.h"

const struct implementation implementation_optax = {
    .name = "optax",
    .family = "framework",
    .formula = "-z*log_sigmoid(x) - (1-z)*log_sigmoid(-x), log_sigmoid(u) = -softplus(-u), "
               "softplus(v) = max(v,0) + log1p(exp(-|v|))",
    .gradient = "-z*exp(-x - softplus(-x)) + (1-z)*exp(x - softplus(x))",
    .origin = "optax.sigmoid_binary_cross_entropy on jax.nn.log_sigmoid / jnp.logaddexp, JAX autodiff gradient",
    .weaknesses = "gradient: exp(x - softplus(x)) loses ulp(x)/2 in its argument (up to 8 ulp f32, 16 f64, z = 0); "
                  "cancels near s = z",
    .kernels = SCALAR_KERNELS,
};

#endif
