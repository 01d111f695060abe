/* simd, simd-avx2, simd-avx512: scebench's vector kernels, accurate and fast.
 *
 *   loss l(x,z) = max(x,0) - x*z + log1p(exp(-|x|))      computed as a + b (both >= 0)
 *   grad g(x,z) = sigmoid(x) - z                          computed as ([x>=0] - z) -+ e/(1+e)
 *
 * Origin: scebench.  One exp(-|x|) per element (16-entry table, minimax polynomial), the softplus
 * term as log1p of it (16-bin table on round(15 e), minimax polynomial), the sigmoid from the same e;
 * double-words in the format's own arithmetic (FMA, Fast2Sum, 2Sum) instead of a wider type, so
 * the cancellations x - x*z (z near 1) and sigmoid(x) - z (near sigmoid(x) = z) happen in one
 * final addition.  The design, polynomial degrees, fit errors and error bounds are in
 * simd_math.h; the coefficients come from scripts/fit_coefficients.py.
 *
 * `simd` runs the AVX-512 kernels (simd_avx512_*.c) on a CPU with AVX512F, DQ, BW and VL, else
 * the AVX2 + FMA + F16C ones (simd_avx2_*.c), else the scalar `accurate`.  `simd-avx512` and
 * `simd-avx2` force one instruction set, for comparison; on a CPU without it they run the scalar
 * `accurate` (same results within the contract, much slower).  Every format runs in `internal`
 * mode: f16 and bf16 are computed in binary32 and rounded once.
 *
 * Lanes the vector code does not take go to the scalar `accurate` (about a microsecond each):
 * x infinite or NaN, z outside [+0, 1] or NaN (DESIGN.md's limits and NaN rules are accurate's),
 * 0 < z < 2^-40 (2^-400 in f64), and gradients that cancel below 2^-14 of sigmoid(-|x|) (a
 * fraction of about 2^-14 of random soft labels, none for hard labels).
 *
 * Accuracy contract: f64 and f32 loss and gradient within 1 ulp; f16 and bf16 within 0.501 ulp
 * (correctly rounded from a double-word good to 2^-27 or better).  Error bounds (simd_math.h):
 * loss 0.63 ulp (f32), 0.59 (f64), gradient 0.75; 0.75 + 0.06 in the subnormal range.
 *
 * Measured (simd, simd-avx2 and simd-avx512 give the same maxima; max ulp, worst input x z):
 *   exhaustive f32, all 2^32 x with z = 0 and z = 1 (`scebench sweep --suite exhaustive`,
 *   reports/exhaustive/simd-f32-hard.json; 2.3 minutes on 2 cores):
 *     loss 0.7657 at 0x1.5dfb1p+6 1 (and -x, 0; subnormal results): 3 461 322 of 2^33 results
 *          above 0.5 ulp, none above 0.77; no overflow, NaN, flush or sign error
 *     grad 0.7500 at 0x1.5f5eb6p+6 1 (and -x, 0): 90 928 above 0.5 ulp (AVX2: 90 802)
 *   every f16 and bf16 x times every z in [0, 1] (reports/exhaustive/f16-every.json, bf16-every):
 *     f16 loss 0.500005 (285 of 1.0e9 above 0.5), bf16 loss 0.5000001 (2 of 1.1e9), gradients
 *     0.5000 (all correctly rounded)
 *   sweep extreme (all target sets):
 *     f64  loss 0.6186  0x1.626p+9 0x1p+0         grad 0.6186  0x1.626p+9 0x1p+0
 *     f32  loss 0.7362  0x1.5d590ep+6 0x1p+0      grad 0.7362  0x1.5d590ep+6 0x1p+0
 *     f16  loss 0.5000  0x1.5dp-2 0x1.ffcp-1      grad 0.5000  0x0p+0 0x1.998p-4
 *     bf16 loss 0.5000  0x1.5p+5 0x1.ccp-1        grad 0.5000  0x0p+0 0x1.5cp-4
 *   sweep random (all target sets):
 *     f64  loss 0.5022  0x1.e55f9f7038d84p+1 0x1p+0   grad 0.5000
 *     f32  loss 0.5282  -0x1.cc013ep-2 0x1p-24        grad 0.5000
 *     f16, bf16 loss and grad 0.5000
 *
 * Speed, f32, Gelem/s per core (`scebench bench`: one AMD EPYC Zen 4 core, KVM, median of 10;
 * 256 KiB of x and z, the bench's inputs: x in [-20, 20], 1 in 16 in [-100, 100], z half hard):
 *                 mean   loss   grad   fused
 *   simd          1.38   1.53   1.17   0.75     AVX-512, 2 x 16 lanes, three blocks in flight
 *   simd-avx2     0.86   0.96   0.65   0.43     two blocks in flight (one for fused)
 *   sleef-u10     0.60   0.65   1.58   0.48     (its gradient has no log1p and no compensation)
 *   libm-loop     0.10   0.11   0.24   0.08
 * The mean is 2.3x sleef-u10, against the targets of 2.5 Gelem/s and 3.5x.  The loop
 * issues 143 512-bit operations per 32 elements (the loss loop 133); Zen 4 runs two a cycle at
 * best (scripts/issue-rate: FMA + add, with or without integer operations), so 36 cycles per
 * 16 elements, 1.63 Gelem/s at 3.65 GHz, is its floor, and 84% of it is reached.  The
 * double-words that keep the loss within 1 ulp roughly double the operations of an
 * uncompensated exp + log1p; 2.5 Gelem/s would need fewer than 47 per 16 elements.  256 MiB in
 * DRAM, both cores: 2.68 Gelem/s, 41% to 63% of the read bandwidth measured in the same run
 * (6.48 and 4.29 Gelem/s in two runs; the issue asks 80%).
 */
#include <stdint.h>
#include <stdlib.h>

#include "registry.h"
#include "simd.h"
#include "storage.h"

extern const struct implementation implementation_accurate;

/* ---- the scalar path ---- */

void simd_fallback(enum format format, enum function function, unsigned lanes, size_t i, const void *x,
                   const void *z, void *out)
{
    kernel_fn *kernel = implementation_kernel(&implementation_accurate, format, MODE_INTERNAL, function);
    size_t bytes = (size_t)format_info[format].storage_bytes;
    for (; lanes; lanes &= lanes - 1) {
        size_t offset = (i + (size_t)__builtin_ctz(lanes)) * bytes;
        kernel(1, (const unsigned char *)x + offset, (const unsigned char *)z + offset, (unsigned char *)out + offset);
    }
}

double simd_fallback_loss(enum format format, const void *x, const void *z, size_t j)
{
    kernel_fn *kernel = implementation_kernel(&implementation_accurate, format, MODE_INTERNAL, FUNCTION_LOSS);
    size_t offset = j * (size_t)format_info[format].storage_bytes;
    uint64_t out = 0;
    kernel(1, (const unsigned char *)x + offset, (const unsigned char *)z + offset, &out);
    return storage_load(format, &out, 0);
}

static double scalar_mean(enum format format, size_t n, const void *x, const void *z)
{
    kernel_fn *kernel = implementation_kernel(&implementation_accurate, format, MODE_INTERNAL, FUNCTION_LOSS);
    size_t bytes = (size_t)format_info[format].storage_bytes;
    uint64_t chunk[256];
    double total = 0.0;
    for (size_t i = 0; i < n; i += 256) {
        size_t count = n - i < 256 ? n - i : 256;
        kernel(count, (const unsigned char *)x + i * bytes, (const unsigned char *)z + i * bytes, chunk);
        for (size_t j = 0; j < count; j++)
            total += storage_load(format, chunk, j);
    }
    return total / (double)n;
}

/* ---- instruction sets ---- */

enum instruction_set { BEST_AVAILABLE, AVX2_ONLY, AVX512_ONLY };

static int cpu_has_avx512(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
}

static int cpu_has_avx2(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
}

/* The vector kernels to run, or null for the scalar `accurate`. */
static const struct kernel_set *vector_kernels(enum instruction_set wanted, enum format format)
{
    int single = format != FORMAT_F64;
    if (wanted != AVX2_ONLY && cpu_has_avx512())
        return single ? &simd_avx512_f32_kernels[format] : &simd_avx512_f64_kernels[format];
    if (wanted != AVX512_ONLY && cpu_has_avx2())
        return single ? &simd_avx2_f32_kernels[format] : &simd_avx2_f64_kernels[format];
    return NULL;
}

static void run_loss(enum instruction_set wanted, enum format format, size_t n, const void *x, const void *z,
                     void *out)
{
    const struct kernel_set *set = vector_kernels(wanted, format);
    if (set)
        set->loss(n, x, z, out);
    else
        implementation_kernel(&implementation_accurate, format, MODE_INTERNAL, FUNCTION_LOSS)(n, x, z, out);
}

static void run_grad(enum instruction_set wanted, enum format format, size_t n, const void *x, const void *z,
                     void *out)
{
    const struct kernel_set *set = vector_kernels(wanted, format);
    if (set)
        set->grad(n, x, z, out);
    else
        implementation_kernel(&implementation_accurate, format, MODE_INTERNAL, FUNCTION_GRAD)(n, x, z, out);
}

static void run_fused(enum instruction_set wanted, enum format format, size_t n, const void *x, const void *z,
                      void *loss, void *grad)
{
    const struct kernel_set *set = vector_kernels(wanted, format);
    if (set) {
        set->fused(n, x, z, loss, grad);
        return;
    }
    implementation_kernel(&implementation_accurate, format, MODE_INTERNAL, FUNCTION_LOSS)(n, x, z, loss);
    implementation_kernel(&implementation_accurate, format, MODE_INTERNAL, FUNCTION_GRAD)(n, x, z, grad);
}

static double run_mean(enum instruction_set wanted, enum format format, size_t n, const void *x, const void *z)
{
    const struct kernel_set *set = vector_kernels(wanted, format);
    return set ? set->mean(n, x, z) : scalar_mean(format, n, x, z);
}

#define DISPATCHERS(variant, wanted, suffix, format)                                                   \
    static void loss_##variant##_##suffix(size_t n, const void *x, const void *z, void *out)           \
    {                                                                                                 \
        run_loss(wanted, format, n, x, z, out);                                                       \
    }                                                                                                 \
    static void grad_##variant##_##suffix(size_t n, const void *x, const void *z, void *out)           \
    {                                                                                                 \
        run_grad(wanted, format, n, x, z, out);                                                       \
    }                                                                                                 \
    static void fused_##variant##_##suffix(size_t n, const void *x, const void *z, void *loss, void *grad) \
    {                                                                                                 \
        run_fused(wanted, format, n, x, z, loss, grad);                                               \
    }                                                                                                 \
    static double mean_##variant##_##suffix(size_t n, const void *x, const void *z)                    \
    {                                                                                                 \
        return run_mean(wanted, format, n, x, z);                                                     \
    }

#define ALL_DISPATCHERS(variant, wanted)              \
    DISPATCHERS(variant, wanted, f64, FORMAT_F64)     \
    DISPATCHERS(variant, wanted, f32, FORMAT_F32)     \
    DISPATCHERS(variant, wanted, f16, FORMAT_F16)     \
    DISPATCHERS(variant, wanted, bf16, FORMAT_BF16)

ALL_DISPATCHERS(best, BEST_AVAILABLE)
ALL_DISPATCHERS(avx2, AVX2_ONLY)
ALL_DISPATCHERS(avx512, AVX512_ONLY)

#define KERNEL_SET(variant, suffix) \
    {loss_##variant##_##suffix, grad_##variant##_##suffix, fused_##variant##_##suffix, mean_##variant##_##suffix}

#define SIMD_KERNELS(variant)                                                  \
    {                                                                          \
        [FORMAT_F64] = {[MODE_INTERNAL] = KERNEL_SET(variant, f64)},           \
        [FORMAT_F32] = {[MODE_INTERNAL] = KERNEL_SET(variant, f32)},           \
        [FORMAT_F16] = {[MODE_INTERNAL] = KERNEL_SET(variant, f16)},           \
        [FORMAT_BF16] = {[MODE_INTERNAL] = KERNEL_SET(variant, bf16)},         \
    }

#define SIMD_CONTRACT                          \
    {                                          \
        [FORMAT_F64] = {1.0, 1.0},             \
        [FORMAT_F32] = {1.0, 1.0},             \
        [FORMAT_F16] = {0.501, 0.501},         \
        [FORMAT_BF16] = {0.501, 0.501},        \
    }

#define SIMD_FORMULA "max(x,0) - x*z + log1p(exp(-|x|)) as a + b in double-words: one table-driven exp, log1p by a 16-bin table"
#define SIMD_GRADIENT "([x>=0] - z) -+ e/(1+e), e = exp(-|x|), summed by 2Sum"
#define SIMD_WEAKNESSES                                                                                       \
    "scalar `accurate` (slow) for lanes with x inf/NaN, z outside [+0,1] or NaN, and gradients cancelling " \
    "below 2^-14 of sigmoid(-|x|), and 0 < z < 2^-40; below the f32 target speed (1.4 Gelem/s/core mean, "  \
    "2.3x sleef-u10)"

const struct implementation implementation_simd = {
    .name = "simd",
    .family = "scebench",
    .formula = SIMD_FORMULA,
    .gradient = SIMD_GRADIENT,
    .origin = "scebench: AVX-512 or AVX2 chosen at run time, else the scalar accurate",
    .weaknesses = SIMD_WEAKNESSES,
    .contract = SIMD_CONTRACT,
    .kernels = SIMD_KERNELS(best),
};

const struct implementation implementation_simd_avx2 = {
    .name = "simd-avx2",
    .family = "scebench",
    .formula = SIMD_FORMULA,
    .gradient = SIMD_GRADIENT,
    .origin = "scebench: the AVX2 + FMA + F16C kernels of simd (scalar accurate on a CPU without them)",
    .weaknesses = SIMD_WEAKNESSES,
    .contract = SIMD_CONTRACT,
    .kernels = SIMD_KERNELS(avx2),
};

const struct implementation implementation_simd_avx512 = {
    .name = "simd-avx512",
    .family = "scebench",
    .formula = SIMD_FORMULA,
    .gradient = SIMD_GRADIENT,
    .origin = "scebench: the AVX-512 kernels of simd (scalar accurate on a CPU without AVX512F/DQ/BW/VL)",
    .weaknesses = SIMD_WEAKNESSES,
    .contract = SIMD_CONTRACT,
    .kernels = SIMD_KERNELS(avx512),
};
