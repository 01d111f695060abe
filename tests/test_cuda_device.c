/* The CUDA kernels on a device (ctest label gpu; exit 77, skipped, where there is no device):
 *   1. cuda-accurate == cuda-accurate-host bit for bit (loss, gradient, fused) on the extreme
 *      suite with all target sets, on random points, and on every f16 and bf16 x with z in
 *      {0, 1, 1/2, 0.1, 0.9}: the CPU sweeps of the twin then verify the device's arithmetic;
 *   2. the mean: the same bits on every run, and for 2^24 f32 losses within 2 ulp (binary32) of
 *      the exact mean of the device's stored losses (summed exactly here, in long double pairs);
 *   3. mean+grad: the mean pass's bits and the gradient kernel's bits, every format and variant;
 *   4. cuda-fast: finite results on ordinary inputs, and fused == (loss, grad) bit for bit.
 * Accuracy against MPFR is the sweeps' job (scripts/gpu-check runs them with --target cuda). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cuda_device.h"
#include "registry.h"
#include "suites.h"
#include "test_common.h"

static const size_t bytes_of[FORMAT_COUNT] = {8, 4, 2, 2};

static void fill(enum format format, const double *xs, const double *zs, size_t n, void *x, void *z)
{
    for (size_t i = 0; i < n; i++) {
        storage_store(format, x, i, xs[i]);
        storage_store(format, z, i, zs[i]);
    }
}

/* Device and twin outputs of one function over n points: the number of differing patterns. */
static size_t compare_outputs(enum format format, enum cuda_operation operation, size_t n, const void *x,
                              const void *z, const char *what)
{
    const struct implementation *twin = implementation_find("cuda-accurate-host");
    size_t bytes = n * bytes_of[format];
    unsigned char *device = malloc(bytes), *device_second = malloc(bytes), *host = malloc(bytes);
    enum function function = operation == CUDA_GRAD ? FUNCTION_GRAD : FUNCTION_LOSS;
    cuda_run_host(CUDA_ACCURATE, format, operation, n, x, z, device, device_second);
    implementation_kernel(twin, format, MODE_INTERNAL, function)(n, x, z, host);
    size_t differing = 0;
    for (size_t i = 0; i < n; i++)
        if (memcmp(device + i * bytes_of[format], host + i * bytes_of[format], bytes_of[format]) != 0) {
            if (differing++ < 5)
                printf("  %s %s %s: x %a z %a: device %a, host %a\n", what, format_info[format].name,
                       function == FUNCTION_GRAD ? "grad" : "loss", storage_load(format, x, i),
                       storage_load(format, z, i), storage_load(format, device, i), storage_load(format, host, i));
        }
    if (operation == CUDA_FUSED) {
        implementation_kernel(twin, format, MODE_INTERNAL, FUNCTION_GRAD)(n, x, z, host);
        differing += memcmp(device_second, host, bytes) != 0;
    }
    free(device);
    free(device_second);
    free(host);
    return differing;
}

static void check_points(enum format format, const double *xs, const double *zs, size_t n, const char *what)
{
    void *x = malloc(n * bytes_of[format]), *z = malloc(n * bytes_of[format]);
    fill(format, xs, zs, n, x, z);
    static const enum cuda_operation operations[] = {CUDA_LOSS, CUDA_GRAD, CUDA_FUSED};
    for (int k = 0; k < 3; k++) {
        size_t differing = compare_outputs(format, operations[k], n, x, z, what);
        CHECK(differing == 0, "%s %s op %d: %zu of %zu outputs differ from cuda-accurate-host", what,
              format_info[format].name, k, differing, n);
    }
    free(x);
    free(z);
}

static void check_suite(enum format format)
{
    struct point_list list;
    if (suite_points(suite_from_name("extreme"), format, TARGETS_ALL, 1, 10000, &list) != 0) {
        CHECK(0, "extreme suite: out of memory");
        return;
    }
    double *xs = malloc(list.count * sizeof *xs), *zs = malloc(list.count * sizeof *zs);
    for (size_t i = 0; i < list.count; i++) {
        xs[i] = list.points[i].x;
        zs[i] = list.points[i].z;
    }
    check_points(format, xs, zs, list.count, "extreme");
    free(xs);
    free(zs);
    point_list_free(&list);
}

static void check_every_half(enum format format)
{
    static const double labels[] = {0.0, 1.0, 0.5, 0.1, 0.9};
    size_t n = 65536 * 5;
    double *xs = malloc(n * sizeof *xs), *zs = malloc(n * sizeof *zs);
    for (size_t i = 0; i < n; i++) {
        uint16_t bits = (uint16_t)(i % 65536);
        xs[i] = format == FORMAT_F16 ? f16_to_double(bits) : bf16_to_double(bits);
        zs[i] = round_to_format(format, labels[i / 65536]);
    }
    check_points(format, xs, zs, n, "every x");
    free(xs);
    free(zs);
}

/* Exact sum of n doubles as long double pairs (2Sum): ample for 2^24 binary32 terms. */
static long double exact_sum(const float *values, size_t n)
{
    long double hi = 0, lo = 0;
    for (size_t i = 0; i < n; i++) {
        long double v = values[i], sum = hi + v, part = sum - hi;
        lo += (hi - (sum - part)) + (v - part);
        hi = sum;
    }
    return hi + lo;
}

static void check_mean(void)
{
    size_t n = (size_t)1 << 24;
    float *x = malloc(n * sizeof *x), *z = malloc(n * sizeof *z), *loss = malloc(n * sizeof *loss);
    uint64_t state = 12345;
    for (size_t i = 0; i < n; i++) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        x[i] = (float)((double)(state >> 11) * 0x1p-53 * 40.0 - 20.0);
        z[i] = (state & 1) ? (float)((state >> 1) & 1) : 0.3f;
    }
    double first = cuda_mean_host(CUDA_ACCURATE, FORMAT_F32, n, x, z);
    double second = cuda_mean_host(CUDA_ACCURATE, FORMAT_F32, n, x, z);
    CHECK(memcmp(&first, &second, sizeof first) == 0, "f32 mean: the same bits twice (%a, %a)", first, second);
    cuda_run_host(CUDA_ACCURATE, FORMAT_F32, CUDA_LOSS, n, x, z, loss, NULL);
    long double exact = exact_sum(loss, n) / (long double)n;
    double error = fabs((double)((long double)(float)first - exact)) / format_ulp(FORMAT_F32, (double)exact);
    CHECK(error <= 2.0, "f32 mean of 2^24 losses within 2 ulp of the exact mean: %.3g ulp", error);
    double fast = cuda_mean_host(CUDA_FAST, FORMAT_F32, n, x, z);
    CHECK(isfinite(fast) && fabs(fast - first) < 1e-3 * first, "cuda-fast mean close: %a vs %a", fast, first);
    free(x);
    free(z);
    free(loss);
}

/* mean+grad: the mean pass's bits and the gradient kernel's bits, in one pass, per format and
 * variant (n not a multiple of any pack width: the tails too). */
static void check_mean_gradient(void)
{
    size_t n = ((size_t)1 << 20) + 3;
    double *xs = malloc(n * sizeof *xs), *zs = malloc(n * sizeof *zs);
    for (size_t i = 0; i < n; i++) {
        xs[i] = (double)i / (double)n * 60.0 - 30.0;
        zs[i] = i % 4 == 0 ? 0.0 : i % 4 == 1 ? 1.0 : (double)(i % 97) / 96.0;
    }
    for (int f = 0; f < FORMAT_COUNT; f++) {
        enum format format = (enum format)f;
        size_t bytes = n * bytes_of[format];
        unsigned char *x = malloc(bytes), *z = malloc(bytes), *gradient = malloc(bytes), *fused = malloc(bytes);
        fill(format, xs, zs, n, x, z);
        for (int v = 0; v < CUDA_VARIANT_COUNT; v++) {
            enum cuda_variant variant = (enum cuda_variant)v;
            double mean = cuda_mean_host(variant, format, n, x, z);
            double fused_mean = cuda_mean_gradient_host(variant, format, n, x, z, fused);
            cuda_run_host(variant, format, CUDA_GRAD, n, x, z, gradient, NULL);
            CHECK(memcmp(&mean, &fused_mean, sizeof mean) == 0, "%s variant %d mean+grad: the mean's bits (%a, %a)",
                  format_info[format].name, v, fused_mean, mean);
            CHECK(memcmp(gradient, fused, bytes) == 0, "%s variant %d mean+grad: the gradient kernel's bits",
                  format_info[format].name, v);
        }
        free(x);
        free(z);
        free(gradient);
        free(fused);
    }
    free(xs);
    free(zs);
}

static void check_fast(void)
{
    size_t n = 100003; /* not a multiple of the pack width: the tail too */
    float *x = malloc(n * sizeof *x), *z = malloc(n * sizeof *z);
    float *loss = malloc(n * sizeof *loss), *grad = malloc(n * sizeof *grad);
    float *fused_loss = malloc(n * sizeof *loss), *fused_grad = malloc(n * sizeof *grad);
    for (size_t i = 0; i < n; i++) {
        x[i] = (float)((double)i / (double)n * 40.0 - 20.0);
        z[i] = (float)(i % 3) / 2.0f;
    }
    cuda_run_host(CUDA_FAST, FORMAT_F32, CUDA_LOSS, n, x, z, loss, NULL);
    cuda_run_host(CUDA_FAST, FORMAT_F32, CUDA_GRAD, n, x, z, grad, NULL);
    cuda_run_host(CUDA_FAST, FORMAT_F32, CUDA_FUSED, n, x, z, fused_loss, fused_grad);
    size_t bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += !isfinite(loss[i]) || !isfinite(grad[i]);
    CHECK(bad == 0, "cuda-fast f32: finite on [-20, 20] (%zu not)", bad);
    CHECK(memcmp(loss, fused_loss, n * sizeof *loss) == 0 && memcmp(grad, fused_grad, n * sizeof *grad) == 0,
          "cuda-fast f32: fused == loss, grad bit for bit");
    free(x);
    free(z);
    free(loss);
    free(grad);
    free(fused_loss);
    free(fused_grad);
}

int main(void)
{
    char why[256];
    if (cuda_device_count(why, sizeof why) == 0) {
        printf("skipped: no CUDA device (%s)\n", why);
        return 77;
    }
    struct cuda_device_info info;
    cuda_device_describe(&info);
    printf("device: %s, sm_%d%d, %d SMs\n", info.name, info.compute_major, info.compute_minor, info.sm_count);
    for (int f = 0; f < FORMAT_COUNT; f++)
        check_suite((enum format)f);
    check_every_half(FORMAT_F16);
    check_every_half(FORMAT_BF16);
    check_mean();
    check_mean_gradient();
    check_fast();
    return test_summary();
}
