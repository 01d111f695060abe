/* sleef_math.h: the kernels of the `sleef-u10` peer, written once over an op-set
 * (simd_ops_avx512.h or simd_ops_avx2.h) and compiled in sleef_avx512_f32.c, sleef_avx512_f64.c,
 * sleef_avx2_f32.c and sleef_avx2_f64.c with SLEEF's u10 (1.0-ulp) vector exp and log1p.
 *
 *   loss max(x,0) - x*z + log1p(exp(-|x|))              (TensorFlow's branchless formula)
 *   grad s - z,  s = x >= 0 ? 1/(1+e) : e/(1+e),  e = exp(-|x|)
 *
 * Origin: what a user writes with SLEEF: the formula of `branchless` over Sleef_exp*_u10 and
 * Sleef_log1p*_u10, plain IEEE operations around them (no FMA contraction).  Approximation error:
 * SLEEF's, 1.0 ulp per call; measured accuracy: the table in sleef_u10.c.  Known weaknesses are
 * the formula's: x - x*z cancels for z near 1, s - z cancels near s = z and for z = 1, x >> 0
 * (s rounds to 1).
 *
 * The translation unit defines SIMD_SINGLE, SLEEF_KERNELS (the exported name), SLEEF_EXP and
 * SLEEF_LOG1P (the SLEEF functions of its width), and includes its op-set and <sleef.h>. */

#include <string.h>

#include "registry.h"

#define INLINE static inline __attribute__((always_inline))

INLINE vector sleef_loss(vector x, vector z)
{
    vector e = BOTH1(SLEEF_EXP, subtract(broadcast(0), absolute(x)));
    return add(subtract(maximum(x, broadcast(0)), multiply(x, z)), BOTH1(SLEEF_LOG1P, e));
}

INLINE vector sleef_grad(vector x, vector z)
{
    vector e = BOTH1(SLEEF_EXP, subtract(broadcast(0), absolute(x)));
    vector q = add(broadcast(1), e);
    vector s = blend(compare_greater_equal(x, broadcast(0)), divide(broadcast(1), q), divide(e, q));
    return subtract(s, z);
}

/* The last n % LANES elements through zero-padded copies. */
INLINE void sleef_tail(size_t count, const scalar *x, const scalar *z, scalar xt[LANES], scalar zt[LANES])
{
    memset(xt, 0, LANES * sizeof(scalar));
    memset(zt, 0, LANES * sizeof(scalar));
    memcpy(xt, x, count * sizeof(scalar));
    memcpy(zt, z, count * sizeof(scalar));
}

static void sleef_loss_array(size_t n, const void *x_storage, const void *z_storage, void *out_storage)
{
    const scalar *x = x_storage, *z = z_storage;
    scalar *out = out_storage;
    size_t i = 0;
    for (; i + LANES <= n; i += LANES)
        store(out + i, sleef_loss(load(x + i), load(z + i)));
    if (i < n) {
        scalar xt[LANES], zt[LANES], ot[LANES];
        sleef_tail(n - i, x + i, z + i, xt, zt);
        store(ot, sleef_loss(load(xt), load(zt)));
        memcpy(out + i, ot, (n - i) * sizeof(scalar));
    }
}

static void sleef_grad_array(size_t n, const void *x_storage, const void *z_storage, void *out_storage)
{
    const scalar *x = x_storage, *z = z_storage;
    scalar *out = out_storage;
    size_t i = 0;
    for (; i + LANES <= n; i += LANES)
        store(out + i, sleef_grad(load(x + i), load(z + i)));
    if (i < n) {
        scalar xt[LANES], zt[LANES], ot[LANES];
        sleef_tail(n - i, x + i, z + i, xt, zt);
        store(ot, sleef_grad(load(xt), load(zt)));
        memcpy(out + i, ot, (n - i) * sizeof(scalar));
    }
}

static void sleef_fused_array(size_t n, const void *x_storage, const void *z_storage, void *loss_storage,
                              void *grad_storage)
{
    const scalar *x = x_storage, *z = z_storage;
    scalar *loss = loss_storage, *grad = grad_storage;
    size_t i = 0;
    for (; i + LANES <= n; i += LANES) {
        vector xv = load(x + i), zv = load(z + i);
        store(loss + i, sleef_loss(xv, zv));
        store(grad + i, sleef_grad(xv, zv));
    }
    if (i < n) {
        scalar xt[LANES], zt[LANES], lt[LANES], gt[LANES];
        sleef_tail(n - i, x + i, z + i, xt, zt);
        store(lt, sleef_loss(load(xt), load(zt)));
        store(gt, sleef_grad(load(xt), load(zt)));
        memcpy(loss + i, lt, (n - i) * sizeof(scalar));
        memcpy(grad + i, gt, (n - i) * sizeof(scalar));
    }
}

static double sleef_mean_array(size_t n, const void *x_storage, const void *z_storage)
{
    const scalar *x = x_storage, *z = z_storage;
    accumulator sum = accumulator_zero();
    size_t i = 0;
    for (; i + LANES <= n; i += LANES)
        accumulate(&sum, sleef_loss(load(x + i), load(z + i)));
    double total = accumulator_total(sum);
    if (i < n) {
        scalar xt[LANES], zt[LANES], lt[LANES];
        sleef_tail(n - i, x + i, z + i, xt, zt);
        store(lt, sleef_loss(load(xt), load(zt)));
        for (size_t j = 0; j < n - i; j++)
            total += (double)lt[j];
    }
    return total / (double)n;
}

const struct kernel_set SLEEF_KERNELS = {sleef_loss_array, sleef_grad_array, sleef_fused_array, sleef_mean_array};
