/* The simd family's kernels (impls/simd/), beyond the sweeps' contract checks:
 *   1. fused == (loss, grad) bit for bit, and mean == the mean of the loss kernel's outputs, on
 *      random arrays of odd lengths (every tail length), special values included, for simd,
 *      simd-avx2, simd-avx512 in every format, and for the peers sleef-u10 and libm-loop;
 *   2. a strided sample of every binary32 bit pattern of x (every 257th of 2^32, z = 0 and
 *      z = 1: 33 M points): |simd - accurate| <= 1 ulp of accurate's result (accurate is
 *      correctly rounded apart from rare hard cases), and the same NaN / infinity classes;
 *   3. every binary16 and bfloat16 x with z in {0, 1, 1/2, 0.1, 0.9}: equal to accurate's result
 *      or, where they differ, to MPFR's correct rounding (simd claims 0.501 ulp, i.e. correct
 *      rounding apart from hard cases: at most 4 exceptions allowed; measured: none);
 *   4. random f64 and f32 points with random soft labels, against MPFR: the contract;
 *   5. the range where e is computed at a floored scale (|x| > 40.9 in f32, > 332.7 in f64: b and
 *      the sigmoid rescaled last, double_word_math.h), with tiny, near-1, hard and random labels,
 *      some below TINY_LABEL (the scalar path), against MPFR: within simd_math.h's bound of
 *      0.75 + 0.06 ulp, and no overflow, NaN or flush.
 * Each ISA variant is checked only if the CPU has it (otherwise it runs `accurate`). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metric.h"
#include "registry.h"
#include "test_common.h"

static uint64_t random_state = 0x9e3779b97f4a7c15u;

static uint64_t random_bits(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return random_state;
}

static double random_uniform(void) { return (double)(random_bits() >> 11) * 0x1p-53; }

/* A logit: mostly moderate, sometimes huge, tiny, or special. */
static double random_logit(int specials)
{
    double u = random_uniform();
    if (specials && u < 0.03) {
        const double special[] = {INFINITY, -INFINITY, NAN, 0.0, -0.0};
        return special[random_bits() % 5];
    }
    if (u < 0.6)
        return (random_uniform() - 0.5) * 60.0;
    double magnitude = ldexp(1.0 + random_uniform(), (int)(random_bits() % 200) - 100);
    return random_bits() & 1 ? magnitude : -magnitude;
}

static double random_label(int specials)
{
    double u = random_uniform();
    if (specials && u < 0.02)
        return u < 0.01 ? NAN : 1.5;
    if (u < 0.3)
        return 0.0;
    if (u < 0.6)
        return 1.0;
    return random_uniform();
}

static int same_bits(const void *a, const void *b, size_t bytes)
{
    return memcmp(a, b, bytes) == 0;
}

/* 1. fused and mean against loss and grad. */
static void check_consistency(const struct implementation *impl)
{
    for (int f = 0; f < FORMAT_COUNT; f++) {
        for (int m = 0; m < MODE_COUNT; m++) {
            const struct kernel_set *set = &impl->kernels[f][m];
            if (!set->loss || !set->fused || !set->mean)
                continue;
            enum format format = (enum format)f;
            size_t bytes = (size_t)format_info[format].storage_bytes;
            int mismatches = 0, mean_failures = 0;
            for (size_t n = 1; n <= 131; n += 2) {
                size_t length = n == 131 ? 4099 : n;
                unsigned char *x = malloc(length * bytes), *z = malloc(length * bytes);
                unsigned char *loss = malloc(length * bytes), *grad = malloc(length * bytes);
                unsigned char *fused_loss = malloc(length * bytes), *fused_grad = malloc(length * bytes);
                int specials = (n % 4) == 1;
                for (size_t i = 0; i < length; i++) {
                    storage_store(format, x, i, random_logit(specials));
                    storage_store(format, z, i, random_label(specials));
                }
                set->loss(length, x, z, loss);
                set->grad(length, x, z, grad);
                set->fused(length, x, z, fused_loss, fused_grad);
                if (!same_bits(loss, fused_loss, length * bytes) || !same_bits(grad, fused_grad, length * bytes))
                    mismatches++;
                /* the exact mean of the stored losses (long double, n small), against mean */
                long double exact = 0, magnitude = 0;
                for (size_t i = 0; i < length; i++) {
                    double value = storage_load(format, loss, i);
                    exact += value;
                    magnitude += fabs(value);
                }
                exact /= (long double)length;
                magnitude /= (long double)length;
                double mean = set->mean(length, x, z);
                int ok = isnan((double)exact) ? isnan(mean)
                         : isinf((double)exact) ? mean == (double)exact
                                                : fabsl((long double)mean - exact) <= 1e-14L * magnitude;
                if (!ok) {
                    mean_failures++;
                    if (mean_failures <= 3)
                        printf("  %s %s n=%zu: mean %a, exact mean of the loss kernel %La\n", impl->name,
                               format_info[format].name, length, mean, exact);
                }
                free(x), free(z), free(loss), free(grad), free(fused_loss), free(fused_grad);
            }
            CHECK(mismatches == 0, "%s %s %s: fused differs from (loss, grad) in %d arrays", impl->name,
                  format_info[format].name, mode_name[m], mismatches);
            CHECK(mean_failures == 0, "%s %s %s: mean differs from the loss kernel's mean in %d arrays",
                  impl->name, format_info[format].name, mode_name[m], mean_failures);
        }
    }
}

static float float_from_bits(uint32_t bits)
{
    float v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

enum value_class { FINITE, PLUS_INFINITY, MINUS_INFINITY, NOT_A_NUMBER };

static enum value_class class_of(double v)
{
    return isnan(v) ? NOT_A_NUMBER : isinf(v) ? (v > 0 ? PLUS_INFINITY : MINUS_INFINITY) : FINITE;
}

/* 2. A strided sample of binary32 x, z = 0 and 1, against accurate (evaluated once for all). */
enum { SAMPLE_CHUNK = 4096, SAMPLE_STRIDE = 257, MAX_VARIANTS = 4 };

struct sample_result {
    long failures;
    double worst, worst_x;
};

static double distance_in_ulps(float got, float want)
{
    enum value_class got_class = class_of(got), want_class = class_of(want);
    if (got_class != FINITE || want_class != FINITE)
        return got_class == want_class ? 0.0 : INFINITY;
    return fabs((double)got - (double)want) / format_ulp(FORMAT_F32, want);
}

static void check_binary32_sample(const struct implementation *const *impls, int count,
                                  const struct implementation *accurate)
{
    for (int function = 0; function < FUNCTION_COUNT; function++) {
        kernel_fn *reference = implementation_kernel(accurate, FORMAT_F32, MODE_INTERNAL, (enum function)function);
        for (int label = 0; label <= 1; label++) {
            struct sample_result results[MAX_VARIANTS] = {{0}};
            long checked = 0;
#pragma omp parallel
            {
                struct sample_result local[MAX_VARIANTS] = {{0}};
                static float x[SAMPLE_CHUNK], z[SAMPLE_CHUNK], want[SAMPLE_CHUNK], got[SAMPLE_CHUNK];
#pragma omp threadprivate(x, z, want, got)
#pragma omp for schedule(dynamic, 1) reduction(+ : checked)
                for (uint64_t start = 0; start < (UINT64_C(1) << 32); start += (uint64_t)SAMPLE_CHUNK * SAMPLE_STRIDE) {
                    size_t n = 0;
                    for (uint64_t bits = start;
                         bits < start + (uint64_t)SAMPLE_CHUNK * SAMPLE_STRIDE && bits < (UINT64_C(1) << 32);
                         bits += SAMPLE_STRIDE) {
                        x[n] = float_from_bits((uint32_t)bits);
                        z[n++] = (float)label;
                    }
                    checked += (long)n;
                    reference(n, x, z, want);
                    for (int v = 0; v < count; v++) {
                        implementation_kernel(impls[v], FORMAT_F32, MODE_INTERNAL, (enum function)function)(n, x, z, got);
                        for (size_t i = 0; i < n; i++) {
                            double ulps = distance_in_ulps(got[i], want[i]);
                            if (ulps > 1.0) {
                                if (local[v].failures++ < 3)
                                    printf("  %s f32 %s x = %a z = %d: %a, accurate %a\n", impls[v]->name,
                                           function_name[function], (double)x[i], label, (double)got[i],
                                           (double)want[i]);
                            } else if (ulps > local[v].worst) {
                                local[v].worst = ulps;
                                local[v].worst_x = x[i];
                            }
                        }
                    }
                }
#pragma omp critical
                for (int v = 0; v < count; v++) {
                    results[v].failures += local[v].failures;
                    if (local[v].worst > results[v].worst) {
                        results[v].worst = local[v].worst;
                        results[v].worst_x = local[v].worst_x;
                    }
                }
            }
            for (int v = 0; v < count; v++) {
                printf("%s f32 %s z = %d: %ld strided x, max %.4g ulp from accurate at x = %a\n", impls[v]->name,
                       function_name[function], label, checked, results[v].worst, results[v].worst_x);
                CHECK(results[v].failures == 0, "%s f32 %s z = %d: %ld points beyond 1 ulp of accurate",
                      impls[v]->name, function_name[function], label, results[v].failures);
            }
        }
    }
}

/* MPFR's value of the function at (x, z). */
static void reference_at(enum format format, enum function function, double x, double z, struct exact_value *exact)
{
    if (function == FUNCTION_LOSS)
        reference_loss(format, x, z, exact);
    else
        reference_grad(format, x, z, exact);
}

/* 3. Every 16-bit x against accurate; where they disagree, MPFR decides. */
static void check_every_16_bit(const struct implementation *impl, const struct implementation *accurate,
                               enum format format)
{
    const double labels[] = {0.0, 1.0, 0.5, 0.1, 0.9};
    enum { COUNT = 65536 };
    uint16_t *x = malloc(COUNT * 2), *z = malloc(COUNT * 2), *got = malloc(COUNT * 2), *want = malloc(COUNT * 2);
    for (int function = 0; function < FUNCTION_COUNT; function++) {
        kernel_fn *kernel = implementation_kernel(impl, format, MODE_INTERNAL, (enum function)function);
        kernel_fn *reference = implementation_kernel(accurate, format, MODE_INTERNAL, (enum function)function);
        long differ = 0, incorrect = 0;
        for (size_t l = 0; l < sizeof labels / sizeof labels[0]; l++) {
            for (uint32_t i = 0; i < COUNT; i++) {
                x[i] = (uint16_t)i;
                storage_store(format, z, i, labels[l]);
            }
            kernel(COUNT, x, z, got);
            reference(COUNT, x, z, want);
            for (uint32_t i = 0; i < COUNT; i++) {
                double g = storage_load(format, got, i), w = storage_load(format, want, i);
                if ((isnan(g) && isnan(w)) || g == w) /* +0 and -0 count as equal: accurate gives +0
                                                          * for g(x >= 745, 1), whose rounding is -0 */
                    continue;
                differ++;
                struct exact_value exact;
                double xi = storage_load(format, x, i), zi = storage_load(format, z, i);
                reference_at(format, (enum function)function, xi, zi, &exact);
                if (g != exact.rounded && !(isnan(g) && exact.kind == EXACT_NAN)) {
                    if (incorrect++ < 3)
                        printf("  %s %s %s x = %a z = %g: %a, correctly rounded %a\n", impl->name,
                               format_info[format].name, function_name[function], xi, zi, g, exact.rounded);
                }
            }
        }
        printf("%s %s %s: every x, 5 labels: %ld results differ from accurate, %ld not correctly rounded\n",
               impl->name, format_info[format].name, function_name[function], differ, incorrect);
        CHECK(incorrect <= 4, "%s %s %s: %ld results not correctly rounded", impl->name, format_info[format].name,
              function_name[function], incorrect);
    }
    free(x), free(z), free(got), free(want);
}

/* The largest error against MPFR of one function of impl over n points, and how many of them
 * are not in the `ok` class. */
static double worst_error(const struct implementation *impl, enum format format, enum function function, size_t n,
                         const void *x, const void *z, void *out, int *wrong_class)
{
    implementation_kernel(impl, format, MODE_INTERNAL, function)(n, x, z, out);
    double worst = 0.0;
    *wrong_class = 0;
    for (size_t i = 0; i < n; i++) {
        struct exact_value exact;
        reference_at(format, function, storage_load(format, x, i), storage_load(format, z, i), &exact);
        struct measurement error = measure(&exact, storage_load(format, out, i));
        *wrong_class += error.outcome != OUTCOME_OK;
        if (!(error.ulp_error <= worst))
            worst = error.ulp_error;
    }
    return worst;
}

/* 4. Random points with soft labels against MPFR. */
static void check_against_reference(const struct implementation *impl, enum format format)
{
    enum { COUNT = 20000 };
    size_t bytes = (size_t)format_info[format].storage_bytes;
    unsigned char *x = malloc(COUNT * bytes), *z = malloc(COUNT * bytes), *out = malloc(COUNT * bytes);
    for (int i = 0; i < COUNT; i++) {
        storage_store(format, x, (size_t)i, random_logit(0));
        storage_store(format, z, (size_t)i, i % 3 ? random_uniform() : 1.0 - ldexp(random_uniform(), -20));
    }
    for (int function = 0; function < FUNCTION_COUNT; function++) {
        int wrong_class;
        double worst = worst_error(impl, format, (enum function)function, COUNT, x, z, out, &wrong_class);
        double contract = impl->contract[format][function];
        CHECK(worst <= contract, "%s %s %s: %g ulp on random soft labels (contract %g)", impl->name,
              format_info[format].name, function_name[function], worst, contract);
    }
    free(x), free(z), free(out);
}

/* 5. The floored range against MPFR. */
static void check_floored_range(const struct implementation *impl, enum format format)
{
    enum { COUNT = 20000 };
    double low = format == FORMAT_F64 ? 320.0 : 38.0, high = format == FORMAT_F64 ? 760.0 : 112.0;
    int label_exponents = format == FORMAT_F64 ? 420 : 50; /* z down to 2^-420 | 2^-50 */
    size_t bytes = (size_t)format_info[format].storage_bytes;
    unsigned char *x = malloc(COUNT * bytes), *z = malloc(COUNT * bytes), *out = malloc(COUNT * bytes);
    for (int i = 0; i < COUNT; i++) {
        double magnitude = low + (high - low) * random_uniform(), u = random_uniform(), label;
        if (u < 0.4)
            label = ldexp(1.0 + random_uniform(), -1 - (int)(random_bits() % (uint64_t)label_exponents));
        else if (u < 0.6)
            label = 1.0 - ldexp(1.0, -1 - (int)(random_bits() % 24));
        else if (u < 0.8)
            label = (double)(random_bits() & 1);
        else
            label = random_uniform();
        storage_store(format, x, (size_t)i, random_bits() & 1 ? magnitude : -magnitude);
        storage_store(format, z, (size_t)i, label);
    }
    for (int function = 0; function < FUNCTION_COUNT; function++) {
        int wrong_class;
        double worst = worst_error(impl, format, (enum function)function, COUNT, x, z, out, &wrong_class);
        printf("%s %s %s: floored range, %d points: max %.4f ulp\n", impl->name, format_info[format].name,
               function_name[function], COUNT, worst);
        CHECK(worst <= 0.81 && wrong_class == 0, "%s %s %s: %g ulp, %d wrong classes in the floored range",
              impl->name, format_info[format].name, function_name[function], worst, wrong_class);
    }
    free(x), free(z), free(out);
}

int main(void)
{
    const char *names[] = {"simd", "simd-avx2", "simd-avx512", "sleef-u10", "libm-loop"};
    const struct implementation *accurate = implementation_find("accurate");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const struct implementation *impl = implementation_find(names[i]);
        CHECK(impl != NULL, "%s is registered", names[i]);
        if (impl)
            check_consistency(impl);
    }
    const struct implementation *variants[MAX_VARIANTS];
    int count = 0;
    for (size_t i = 1; i <= 2; i++)
        if (implementation_find(names[i]))
            variants[count++] = implementation_find(names[i]);
    check_binary32_sample(variants, count, accurate);
    for (int v = 0; v < count; v++) {
        check_every_16_bit(variants[v], accurate, FORMAT_F16);
        check_every_16_bit(variants[v], accurate, FORMAT_BF16);
        check_against_reference(variants[v], FORMAT_F64);
        check_against_reference(variants[v], FORMAT_F32);
        check_floored_range(variants[v], FORMAT_F64);
        check_floored_range(variants[v], FORMAT_F32);
    }
    return test_summary();
}
