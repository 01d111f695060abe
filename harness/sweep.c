#define _POSIX_C_SOURCE 200809L
#include "sweep.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + 1e-9 * (double)time.tv_nsec;
}

static void *allocate(size_t count, size_t size)
{
    void *memory = calloc(count ? count : 1, size);
    if (!memory) {
        fprintf(stderr, "scebench sweep: out of memory\n");
        exit(1);
    }
    return memory;
}

/* A progress line on stderr, rewritten in place, at most a few times a second. */
struct progress {
    int enabled;
    double last;
};

static void progress_show(struct progress *progress, const char *stage, size_t done, size_t total)
{
    if (!progress->enabled)
        return;
    double t = now();
    if (done < total && t - progress->last < 0.25)
        return;
    progress->last = t;
    fprintf(stderr, "\r\033[Ksweep: %s %zu/%zu", stage, done, total);
    fflush(stderr);
}

static void compute_references(const struct point_list *points, enum format format, enum function function,
                               struct exact_value *exact, struct progress *progress, const char *stage)
{
    size_t done = 0, count = points->count;
#pragma omp parallel for schedule(dynamic, 16)
    for (size_t i = 0; i < count; i++) {
        if (function == FUNCTION_LOSS)
            reference_loss(format, points->points[i].x, points->points[i].z, &exact[i]);
        else
            reference_grad(format, points->points[i].x, points->points[i].z, &exact[i]);
        if (omp_get_thread_num() == 0) {
            size_t seen;
#pragma omp atomic read
            seen = done;
            progress_show(progress, stage, seen, count);
        }
#pragma omp atomic
        done++;
    }
    progress_show(progress, stage, count, count);
}

/* Runs one kernel over all points, a contiguous share per thread, and measures each value. */
static void measure_run(struct sweep_run *run, kernel_fn *kernel, const void *x, const void *z,
                        const struct point_list *points, const struct exact_value *exact)
{
    size_t bytes = (size_t)format_info[run->format].storage_bytes;
    size_t count = points->count;
    unsigned char *out = allocate(count, bytes);
    int threads = omp_get_max_threads();
    struct accumulator *partial = allocate((size_t)threads, sizeof *partial);
#pragma omp parallel num_threads(threads)
    {
        int thread = omp_get_thread_num(), team = omp_get_num_threads();
        size_t begin = count * (size_t)thread / (size_t)team;
        size_t end = count * (size_t)(thread + 1) / (size_t)team;
        accumulator_init(&partial[thread]);
        if (end > begin)
            kernel(end - begin, (const unsigned char *)x + begin * bytes, (const unsigned char *)z + begin * bytes,
                   out + begin * bytes);
        for (size_t i = begin; i < end; i++) {
            double got = storage_load(run->format, out, i);
            accumulator_add(&partial[thread], points->points[i].x, points->points[i].z, got, exact[i].rounded,
                            measure(&exact[i], got));
        }
    }
    accumulator_init(&run->accumulator);
    for (int t = 0; t < threads; t++)
        accumulator_merge(&run->accumulator, &partial[t]);
    free(partial);
    free(out);
}

static struct sweep_run *append_run(struct sweep_result *result, size_t *capacity)
{
    if (result->run_count == *capacity) {
        *capacity = *capacity ? 2 * *capacity : 64;
        result->runs = realloc(result->runs, *capacity * sizeof *result->runs);
        if (!result->runs) {
            fprintf(stderr, "scebench sweep: out of memory\n");
            exit(1);
        }
    }
    return &result->runs[result->run_count++];
}

static void sweep_points(const struct sweep_request *request, enum format format, enum target_set targets,
                         const struct point_list *points, struct sweep_result *result, size_t *capacity,
                         struct progress *progress)
{
    size_t count = points->count, bytes = (size_t)format_info[format].storage_bytes;
    unsigned char *x = allocate(count, bytes), *z = allocate(count, bytes);
    for (size_t i = 0; i < count; i++) {
        storage_store(format, x, i, points->points[i].x);
        storage_store(format, z, i, points->points[i].z);
    }
    struct exact_value *exact = allocate(count, sizeof *exact);
    for (int f = 0; f < FUNCTION_COUNT; f++) {
        if (!request->functions[f])
            continue;
        char stage[96];
        snprintf(stage, sizeof stage, "%s %s %s targets, reference", format_info[format].name, function_name[f],
                 target_set_name[targets]);
        double start = now();
        compute_references(points, format, (enum function)f, exact, progress, stage);
        result->reference_seconds += now() - start;
        result->reference_values += count;
        for (size_t i = 0; i < request->impl_count; i++) {
            const struct implementation *impl = request->impls[i];
            for (int m = 0; m < MODE_COUNT; m++) {
                kernel_fn *kernel = implementation_kernel(impl, format, (enum mode)m, (enum function)f);
                if (!kernel)
                    continue;
                struct sweep_run *run = append_run(result, capacity);
                *run = (struct sweep_run){impl, format, (enum mode)m, (enum function)f, targets, {0}};
                measure_run(run, kernel, x, z, points, exact);
                result->measured_values += count;
            }
        }
    }
    free(exact);
    free(x);
    free(z);
}

int sweep_execute(const struct sweep_request *request, struct sweep_result *result)
{
    memset(result, 0, sizeof *result);
    size_t capacity = 0;
    struct progress progress = {request->progress, 0.0};
    omp_set_num_threads(request->threads);
    double start = now();
    for (int f = 0; f < request->format_count; f++) {
        for (int t = 0; t < request->target_count; t++) {
            struct point_list points;
            if (suite_points(request->suite, request->formats[f], request->target_sets[t], request->seed,
                             request->random_count, &points) != 0)
                return -1;
            sweep_points(request, request->formats[f], request->target_sets[t], &points, result, &capacity,
                         &progress);
            point_list_free(&points);
        }
    }
    if (progress.enabled)
        fprintf(stderr, "\r\033[K");
    result->seconds = now() - start;
    return 0;
}

void sweep_result_free(struct sweep_result *result)
{
    free(result->runs);
    memset(result, 0, sizeof *result);
}

double run_contract(const struct sweep_run *run)
{
    return run->impl->contract[run->format][run->function];
}

int run_contract_holds(const struct sweep_run *run)
{
    const struct accumulator *a = &run->accumulator;
    double contract = run_contract(run);
    int infinite_errors = a->outcomes[OUTCOME_OVERFLOW] || a->outcomes[OUTCOME_NAN] || a->outcomes[OUTCOME_INF_MISMATCH];
    return contract == 0.0 || (a->max_ulp <= contract && !infinite_errors);
}
