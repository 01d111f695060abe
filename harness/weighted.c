#define _POSIX_C_SOURCE 200809L
#include "weighted.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "reduction.h"
#include "reference_weighted.h"
#include "results.h"

static int suite_index(const char *name)
{
    return suite_from_name(name);
}

struct weighted_points {
    enum format format;
    size_t count;
    const struct point *points;
    unsigned char *x, *z, *w; /* storage */
    struct exact_value *exact;
};

static void compute_references(const struct weighted_points *points, enum function function,
                               const struct weighted_parameters *parameters)
{
    size_t count = points->count;
#pragma omp parallel for schedule(dynamic, 64)
    for (size_t i = 0; i < count; i++) {
        if (function == FUNCTION_LOSS)
            reference_weighted_loss(points->format, points->points[i].x, points->points[i].z, parameters,
                                    &points->exact[i]);
        else
            reference_weighted_grad(points->format, points->points[i].x, points->points[i].z, parameters,
                                    &points->exact[i]);
    }
}

static void measure_run(struct weighted_run *run, weighted_kernel_fn *kernel, const struct weighted_points *points)
{
    size_t bytes = (size_t)format_info[run->format].storage_bytes, count = points->count;
    unsigned char *out = allocate_or_exit(count, bytes);
    int threads = omp_get_max_threads();
    struct accumulator *partial = allocate_or_exit((size_t)threads, sizeof *partial);
#pragma omp parallel num_threads(threads)
    {
        int thread = omp_get_thread_num(), team = omp_get_num_threads();
        size_t begin = count * (size_t)thread / (size_t)team, end = count * (size_t)(thread + 1) / (size_t)team;
        accumulator_init(&partial[thread]);
        if (end > begin)
            kernel(end - begin, points->x + begin * bytes, points->z + begin * bytes, points->w + begin * bytes,
                   run->pos_weight, out + begin * bytes);
        for (size_t i = begin; i < end; i++) {
            double got = storage_load(run->format, out, i);
            accumulator_add(&partial[thread], points->points[i].x, points->points[i].z, got,
                            points->exact[i].rounded, measure(&points->exact[i], got));
        }
    }
    accumulator_init(&run->accumulator);
    for (int t = 0; t < threads; t++)
        accumulator_merge(&run->accumulator, &partial[t]);
    free(partial);
    free(out);
}

static struct weighted_run *append_run(struct weighted_result *result, size_t *capacity)
{
    if (result->run_count == *capacity) {
        *capacity = *capacity ? 2 * *capacity : 64;
        result->runs = realloc(result->runs, *capacity * sizeof *result->runs);
        if (!result->runs) {
            fprintf(stderr, "scebench reduce: out of memory\n");
            exit(1);
        }
    }
    return &result->runs[result->run_count++];
}

int weighted_execute(const struct weighted_request *request, struct weighted_result *result)
{
    static const enum target_set target_sets[] = {TARGETS_HARD, TARGETS_SOFT};
    memset(result, 0, sizeof *result);
    size_t capacity = 0;
    omp_set_num_threads(request->threads);
    double start = monotonic_seconds();
    for (int f = 0; f < request->format_count; f++) {
        enum format format = request->formats[f];
        size_t bytes = (size_t)format_info[format].storage_bytes;
        for (int s = 0; s < WEIGHTED_SUITE_COUNT; s++)
            for (size_t t = 0; t < sizeof target_sets / sizeof target_sets[0]; t++) {
                struct point_list list;
                if (suite_points(suite_index(weighted_suite_names[s]), format, target_sets[t], request->seed, 10000,
                                 &list) != 0)
                    return -1;
                struct weighted_points points = {format, list.count, list.points, allocate_or_exit(list.count, bytes),
                                                 allocate_or_exit(list.count, bytes), allocate_or_exit(list.count, bytes),
                                                 allocate_or_exit(list.count, sizeof(struct exact_value))};
                for (size_t i = 0; i < list.count; i++) {
                    storage_store(format, points.x, i, list.points[i].x);
                    storage_store(format, points.z, i, list.points[i].z);
                }
                for (int p = 0; p < WEIGHTED_POS_WEIGHT_COUNT; p++)
                    for (int w = 0; w < WEIGHTED_WEIGHT_COUNT; w++) {
                        double pos_weight = round_to_format(format, weighted_pos_weights[p]);
                        double weight = round_to_format(format, weighted_weights[w]);
                        for (size_t i = 0; i < list.count; i++)
                            storage_store(format, points.w, i, weight);
                        struct weighted_parameters parameters = {pos_weight, weight, 1};
                        for (int fn = 0; fn < FUNCTION_COUNT; fn++) {
                            if (request->progress) {
                                fprintf(stderr, "\r\033[Kreduce weighted: %s %s %s p=%g w=%g %s",
                                        format_info[format].name, weighted_suite_names[s],
                                        target_set_name[target_sets[t]], pos_weight, weight, function_name[fn]);
                                fflush(stderr);
                            }
                            double reference_start = monotonic_seconds();
                            compute_references(&points, (enum function)fn, &parameters);
                            result->reference_seconds += monotonic_seconds() - reference_start;
                            result->reference_values += list.count;
                            for (size_t k = 0; k < weighted_implementation_count; k++) {
                                const struct weighted_implementation *impl = weighted_implementations[k];
                                weighted_kernel_fn *kernel = impl->kernels[format][fn];
                                if (!kernel)
                                    continue;
                                struct weighted_run *run = append_run(result, &capacity);
                                *run = (struct weighted_run){impl, format, (enum function)fn, s, target_sets[t],
                                                             pos_weight, weight, {0}};
                                measure_run(run, kernel, &points);
                                result->measured_values += list.count;
                            }
                        }
                    }
                free(points.x);
                free(points.z);
                free(points.w);
                free(points.exact);
                point_list_free(&list);
            }
    }
    if (request->progress)
        fprintf(stderr, "\r\033[K");
    result->seconds = monotonic_seconds() - start;
    return 0;
}

void weighted_result_free(struct weighted_result *result)
{
    free(result->runs);
    memset(result, 0, sizeof *result);
}

static double weighted_contract(const struct weighted_run *run)
{
    return run->impl->contract[run->format][run->function];
}

static int weighted_contract_holds(const struct weighted_run *run)
{
    const struct accumulator *a = &run->accumulator;
    double contract = weighted_contract(run);
    int infinite = a->outcomes[OUTCOME_OVERFLOW] || a->outcomes[OUTCOME_NAN] || a->outcomes[OUTCOME_INF_MISMATCH];
    return contract == 0.0 || (a->max_ulp <= contract && !infinite);
}

static void print_error(double error)
{
    if (error < 1e4)
        printf(" %9.4f", error);
    else
        printf(" %9.3g", error);
}

void weighted_print(const struct weighted_result *result)
{
    printf("%-15s %-4s %-4s %6s %9s %9s %9s %8s %8s %8s %8s %-8s  %s\n", "impl", "type", "fn", "p", "points",
           "max_ulp", "mean_ulp", "overflow", "nan", "flush", "sign", "contract", "worst input (x z w)");
    for (size_t i = 0; i < result->run_count; i++) {
        const struct weighted_run *run = &result->runs[i];
        int first = 1;
        for (size_t j = 0; j < i && first; j++) {
            const struct weighted_run *other = &result->runs[j];
            first = !(other->impl == run->impl && other->format == run->format && other->function == run->function &&
                      other->pos_weight == run->pos_weight);
        }
        if (!first)
            continue;
        struct accumulator row;
        accumulator_init(&row);
        int holds = 1;
        double worst_weight = run->weight, worst = -1.0;
        for (size_t j = i; j < result->run_count; j++) {
            const struct weighted_run *other = &result->runs[j];
            if (other->impl == run->impl && other->format == run->format && other->function == run->function &&
                other->pos_weight == run->pos_weight) {
                accumulator_merge(&row, &other->accumulator);
                holds = holds && weighted_contract_holds(other);
                if (other->accumulator.worst_count > 0 && other->accumulator.worst[0].ulp_error > worst) {
                    worst = other->accumulator.worst[0].ulp_error;
                    worst_weight = other->weight;
                }
            }
        }
        printf("%-15s %-4s %-4s %6g %9llu", run->impl->name, format_info[run->format].name,
               function_name[run->function], run->pos_weight, (unsigned long long)row.points);
        print_error(row.max_ulp);
        print_error(accumulator_mean_ulp(&row));
        printf(" %8llu %8llu %8llu %8llu %-8s", (unsigned long long)row.outcomes[OUTCOME_OVERFLOW],
               (unsigned long long)(row.outcomes[OUTCOME_NAN] + row.outcomes[OUTCOME_INF_MISMATCH]),
               (unsigned long long)row.outcomes[OUTCOME_FLUSH], (unsigned long long)row.outcomes[OUTCOME_SIGN],
               weighted_contract(run) == 0.0 ? "-" : holds ? "kept" : "BROKEN");
        if (row.worst_count > 0) {
            char x[40], z[40], w[40];
            hex_text(row.worst[0].x, x);
            hex_text(row.worst[0].z, z);
            hex_text(worst_weight, w);
            printf("  %s %s %s", x, z, w);
        }
        putchar('\n');
    }
    printf("%llu values measured in %.1f s; reference: %llu values, %.3g per second\n",
           (unsigned long long)result->measured_values, result->seconds, (unsigned long long)result->reference_values,
           (double)result->reference_values / (result->reference_seconds > 0 ? result->reference_seconds : 1e-9));
}

void weighted_accumulator_fields(json_t *object, const struct accumulator *a)
{
    json_t *histogram = json_object(), *classes = json_object(), *examples = json_object();
    for (int b = 0; b < BUCKET_COUNT; b++)
        json_object_set_new(histogram, bucket_name[b], json_integer((json_int_t)a->histogram[b]));
    for (int c = 0; c < OUTCOME_COUNT; c++)
        json_object_set_new(classes, outcome_name[c], json_integer((json_int_t)a->outcomes[c]));
    for (int c = 1; c < OUTCOME_COUNT; c++)
        if (a->example_count[c] > 0)
            json_object_set_new(examples, outcome_name[c], worst_cases_json(a->examples[c], a->example_count[c]));
    json_object_set_new(object, "points", json_integer((json_int_t)a->points));
    json_object_set_new(object, "max_ulp", ulp_error_json(a->max_ulp));
    json_object_set_new(object, "mean_ulp", ulp_error_json(accumulator_mean_ulp(a))); /* the sum of huge errors
                                                                                      can exceed a double */
    json_object_set_new(object, "histogram", histogram);
    json_object_set_new(object, "classes", classes);
    json_object_set_new(object, "worst", worst_cases_json(a->worst, a->worst_count));
    json_object_set_new(object, "examples", examples);
}

static json_t *run_json(const struct weighted_run *run)
{
    double contract = weighted_contract(run);
    json_t *object = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "impl", run->impl->name, "type",
                               format_info[run->format].name, "mode", mode_name[run->impl->mode], "fn",
                               function_name[run->function], "targets", target_set_name[run->targets], "suite",
                               weighted_suite_names[run->suite], "pos_weight", hex_float_json(run->pos_weight),
                               "weight", hex_float_json(run->weight));
    weighted_accumulator_fields(object, &run->accumulator);
    json_object_set_new(object, "contract", contract > 0.0 ? json_real(contract) : json_null());
    json_object_set_new(object, "contract_holds", json_boolean(weighted_contract_holds(run)));
    return object;
}

static json_t *implementation_json(const struct weighted_implementation *impl)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", impl->name, "formula", impl->formula, "gradient",
                     impl->gradient, "origin", impl->origin, "weaknesses", impl->weaknesses, "mode",
                     mode_name[impl->mode]);
}

json_t *weighted_json(const struct weighted_request *request, const struct weighted_result *result,
                      const char *command_line)
{
    json_t *runs = json_array(), *impls = json_array(), *types = json_array(), *pos_weights = json_array(),
           *weights = json_array();
    for (size_t i = 0; i < result->run_count; i++)
        json_array_append_new(runs, run_json(&result->runs[i]));
    for (size_t k = 0; k < weighted_implementation_count; k++)
        json_array_append_new(impls, implementation_json(weighted_implementations[k]));
    for (int f = 0; f < request->format_count; f++)
        json_array_append_new(types, json_string(format_info[request->formats[f]].name));
    for (int p = 0; p < WEIGHTED_POS_WEIGHT_COUNT; p++)
        json_array_append_new(pos_weights, json_real(weighted_pos_weights[p]));
    for (int w = 0; w < WEIGHTED_WEIGHT_COUNT; w++)
        json_array_append_new(weights, json_real(weighted_weights[w]));
    double reference_seconds = result->reference_seconds > 0 ? result->reference_seconds : 1e-9;
    json_t *timing = json_pack("{s:f, s:I, s:f, s:I, s:f, s:i}", "seconds", result->seconds, "points",
                               (json_int_t)result->measured_values, "reference_seconds", result->reference_seconds,
                               "reference_points", (json_int_t)result->reference_values,
                               "reference_points_per_second", (double)result->reference_values / reference_seconds,
                               "threads", request->threads);
    return json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:s, s:I, s:o, s:[s, s], s:[s, s], s:o, s:o, s:o, s:o, "
                     "s:o, s:o}",
                     "schema", "scebench-reduction/1", "tool", "name", "scebench", "version", SCEBENCH_VERSION,
                     "git_revision", SCEBENCH_GIT_REVISION, "command", command_line, "host", host_json(), "suite",
                     "weighted", "seed", (json_int_t)request->seed, "types", types, "logit_suites", "extreme",
                     "quick", "targets", "hard", "soft", "pos_weights", pos_weights, "weights", weights,
                     "implementations", impls, "timing", timing, "runs", runs, "results", json_array());
}
