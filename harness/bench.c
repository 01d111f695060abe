/* The throughput engine of `scebench bench` (bench.h). */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "cli.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "topology.h"

/* Results of measured functions end here, so that nothing is optimized away. */
static volatile double bench_sink;

/* ---- Inputs ---- */

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static double unit(uint64_t r)
{
    return ldexp((double)(r >> 11), -53);
}

void bench_input(enum format format, uint64_t seed, size_t i, double *x, double *z)
{
    uint64_t r = mix64(mix64(seed ^ UINT64_C(0xbe4cbe4cbe4cbe4c)) + (uint64_t)i * UINT64_C(0x9e3779b97f4a7c15));
    uint64_t s = mix64(r ^ UINT64_C(0x5851f42d4c957f2d));
    double limit = (r & 15) == 0 ? 100.0 : 20.0;
    double value = round_to_format(format, limit * (2.0 * unit(r) - 1.0));
    if (value == 0.0 || fabs(value) < 0x1p-10) /* never zero (nor a tiny value that is almost) */
        value = round_to_format(format, (s & 2) ? 0.375 : -0.375);
    *x = value;
    if (s & 1)
        *z = (double)((s >> 1) & 1);
    else
        *z = round_to_format(format, 0.01 + 0.98 * unit(mix64(s)));
}

static void *allocate_aligned(size_t bytes)
{
    void *memory = NULL;
    bytes = (bytes + 63) / 64 * 64;
    if (posix_memalign(&memory, 64, bytes ? bytes : 64) != 0)
        return NULL;
    return memory;
}

static void bind_to_core(int thread, int *pinned)
{
    if (topology_bind_thread(topology_core_cpuset(thread)) != 0) {
#pragma omp atomic write
        *pinned = 0;
    }
}

int bench_buffers_create(struct bench_buffers *buffers, enum format format, size_t count, int threads, uint64_t seed)
{
    size_t size = (size_t)format_info[format].storage_bytes;
    memset(buffers, 0, sizeof *buffers);
    buffers->format = format;
    buffers->count = count;
    buffers->x = allocate_aligned(count * size);
    buffers->z = allocate_aligned(count * size);
    buffers->loss = allocate_aligned(count * size);
    buffers->grad = allocate_aligned(count * size);
    if (!buffers->x || !buffers->z || !buffers->loss || !buffers->grad) {
        bench_buffers_free(buffers);
        return -1;
    }
    topology_get(); /* loaded before the threads need it */
    int pinned = 1;
    omp_set_dynamic(0);
#pragma omp parallel num_threads(threads)
    {
        int thread = omp_get_thread_num(), team = omp_get_num_threads();
        bind_to_core(thread, &pinned);
        size_t begin = count * (size_t)thread / (size_t)team, end = count * (size_t)(thread + 1) / (size_t)team;
        for (size_t i = begin; i < end; i++) {
            double x, z;
            bench_input(format, seed, i, &x, &z);
            storage_store(format, buffers->x, i, x);
            storage_store(format, buffers->z, i, z);
        }
        memset((unsigned char *)buffers->loss + begin * size, 0, (end - begin) * size);
        memset((unsigned char *)buffers->grad + begin * size, 0, (end - begin) * size);
    }
    return 0;
}

void bench_buffers_free(struct bench_buffers *buffers)
{
    free(buffers->x);
    free(buffers->z);
    free(buffers->loss);
    free(buffers->grad);
    memset(buffers, 0, sizeof *buffers);
}

/* ---- Kernels ---- */

size_t bench_bytes_per_element(enum format format, enum bench_function function)
{
    size_t size = (size_t)format_info[format].storage_bytes;
    switch (function) {
    case BENCH_LOSS:
    case BENCH_GRAD:
    case BENCH_MEAN_GRAD: return 3 * size;
    case BENCH_FUSED: return 4 * size;
    default: return 2 * size;
    }
}

int bench_available(const struct kernel_set *set, enum bench_function function)
{
    switch (function) {
    case BENCH_LOSS: return set->loss != NULL;
    case BENCH_GRAD: return set->grad != NULL;
    case BENCH_FUSED: return set->fused != NULL || (set->loss && set->grad);
    case BENCH_MEAN: return set->mean != NULL || set->loss != NULL;
    case BENCH_MEAN_GRAD: return (set->mean != NULL || set->loss != NULL) && set->grad != NULL;
    default: return 1;
    }
}

static float float_from_bits(uint32_t bits)
{
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

/* binary16 to float without a branch on the common path (F. Giesen's conversion). */
static float half_to_float(uint16_t h)
{
    uint32_t bits = (uint32_t)(h & 0x7fff) << 13;
    uint32_t exponent = bits & 0x0f800000u;
    bits += (uint32_t)(127 - 15) << 23;
    if (exponent == 0x0f800000u)
        bits += (uint32_t)(128 - 16) << 23; /* infinity, NaN */
    else if (exponent == 0) {               /* zero, subnormal */
        bits += 1u << 23;
        float value = float_from_bits(bits) - float_from_bits(113u << 23);
        memcpy(&bits, &value, sizeof bits);
    }
    return float_from_bits(bits | (uint32_t)(h & 0x8000) << 16);
}

/* The sum of n values of the format, in double: the reduction of a composed mean. */
static double sum_as_double(enum format format, const void *values, size_t n)
{
    double sum = 0.0;
    switch (format) {
    case FORMAT_F64:
        for (size_t i = 0; i < n; i++)
            sum += ((const double *)values)[i];
        break;
    case FORMAT_F32:
        for (size_t i = 0; i < n; i++)
            sum += ((const float *)values)[i];
        break;
    case FORMAT_F16:
        for (size_t i = 0; i < n; i++)
            sum += half_to_float(((const uint16_t *)values)[i]);
        break;
    default:
        for (size_t i = 0; i < n; i++)
            sum += float_from_bits((uint32_t)((const uint16_t *)values)[i] << 16);
        break;
    }
    return sum;
}

/* One pass of the function over elements [begin, end). */
static void run_slice(const struct kernel_set *set, enum bench_function function, const struct bench_buffers *buffers,
                      size_t begin, size_t end, double *sink)
{
    size_t size = (size_t)format_info[buffers->format].storage_bytes, n = end - begin;
    if (n == 0)
        return;
    const unsigned char *x = (const unsigned char *)buffers->x + begin * size;
    const unsigned char *z = (const unsigned char *)buffers->z + begin * size;
    unsigned char *loss = (unsigned char *)buffers->loss + begin * size;
    unsigned char *grad = (unsigned char *)buffers->grad + begin * size;
    switch (function) {
    case BENCH_LOSS: set->loss(n, x, z, loss); break;
    case BENCH_GRAD: set->grad(n, x, z, grad); break;
    case BENCH_FUSED:
        if (set->fused)
            set->fused(n, x, z, loss, grad);
        else {
            set->loss(n, x, z, loss);
            set->grad(n, x, z, grad);
        }
        break;
    case BENCH_MEAN:
    case BENCH_MEAN_GRAD: /* on the CPU: the mean, then the gradient (composed) */
        if (set->mean)
            *sink += set->mean(n, x, z);
        else {
            set->loss(n, x, z, loss);
            *sink += sum_as_double(buffers->format, loss, n) / (double)n;
        }
        if (function == BENCH_MEAN_GRAD)
            set->grad(n, x, z, grad);
        break;
    default: *sink += (double)bench_read_sum(buffers->format, n, x, z); break;
    }
}

static int compare_doubles(const void *left, const void *right)
{
    double a = *(const double *)left, b = *(const double *)right;
    return (a > b) - (a < b);
}

int bench_measure(const struct kernel_set *set, enum bench_function function, const struct bench_buffers *buffers,
                  size_t n, int threads, const struct bench_settings *settings, struct bench_stats *stats)
{
    int reps = settings->reps;
    double *seconds = calloc((size_t)reps, sizeof *seconds);
    if (!seconds)
        return -1;
    int pinned = 1, team_ok = 1, calibrated = 0;
    long inner = 1, trial = 1;
    double total_sink = 0.0;
    topology_get();
    omp_set_dynamic(0);
#pragma omp parallel num_threads(threads) reduction(+ : total_sink)
    {
        int thread = omp_get_thread_num();
        if (omp_get_num_threads() != threads) {
#pragma omp atomic write
            team_ok = 0;
        }
        bind_to_core(thread, &pinned);
        size_t begin = n * (size_t)thread / (size_t)threads, end = n * (size_t)(thread + 1) / (size_t)threads;
        double sink = 0.0, start = 0.0;
        /* Calibration, which is also the warm-up: passes are multiplied until a round of them
         * lasts an eighth of the minimum repetition, then scaled to the minimum. */
        for (;;) {
#pragma omp barrier
            if (thread == 0)
                start = monotonic_seconds();
#pragma omp barrier
            long passes = trial;
            for (long k = 0; k < passes; k++)
                run_slice(set, function, buffers, begin, end, &sink);
#pragma omp barrier
            if (thread == 0) {
                double elapsed = monotonic_seconds() - start;
                if (elapsed >= settings->min_seconds / 8 || trial >= (1L << 40)) {
                    double scaled = ceil((double)trial * settings->min_seconds / (elapsed > 0 ? elapsed : 1e-9));
                    inner = scaled < 1.0 ? 1 : scaled > 1e12 ? (long)1e12 : (long)scaled;
                    calibrated = 1;
                } else
                    trial *= 8;
            }
#pragma omp barrier
            int done;
#pragma omp atomic read
            done = calibrated;
            if (done)
                break;
        }
        /* The timed repetitions, each between barriers. */
        for (int rep = 0; rep < reps; rep++) {
#pragma omp barrier
            if (thread == 0)
                start = monotonic_seconds();
#pragma omp barrier
            for (long k = 0; k < inner; k++)
                run_slice(set, function, buffers, begin, end, &sink);
#pragma omp barrier
            if (thread == 0)
                seconds[rep] = monotonic_seconds() - start;
        }
        total_sink += sink;
    }
    bench_sink = total_sink;
    if (!team_ok) {
        free(seconds);
        return -1;
    }
    double *rates = seconds; /* converted in place */
    for (int rep = 0; rep < reps; rep++)
        rates[rep] = (double)n * (double)inner / (seconds[rep] > 0 ? seconds[rep] : 1e-9);
    qsort(rates, (size_t)reps, sizeof *rates, compare_doubles);
    stats->median = reps % 2 ? rates[reps / 2] : 0.5 * (rates[reps / 2 - 1] + rates[reps / 2]);
    stats->min = rates[0];
    stats->max = rates[reps - 1];
    stats->inner = inner;
    stats->pinned = pinned;
    stats->composed = set && ((function == BENCH_FUSED && !set->fused) || (function == BENCH_MEAN && !set->mean) ||
                                function == BENCH_MEAN_GRAD);
    free(seconds);
    return 0;
}
