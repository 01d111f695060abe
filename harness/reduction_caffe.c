#define _POSIX_C_SOURCE 200809L
#include "reduction_caffe.h"
#include "cli.h"

#include <math.h>
#include <mpfr.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reduction.h"
#include "reference.h"
#include "reference_sum.h"
#include "reference_weighted.h"
#include "results.h"
#include "weighted.h"

#define IGNORE_LABEL (-1)

static const size_t batches[][2] = {{8, 16}, {64, 1000}, {256, 4096}};

/* Element i is ignored (target -1) when this draw says so: about 10% of them. */
static int drawn_ignored(uint64_t seed, uint64_t i)
{
    uint64_t h = (seed ^ UINT64_C(0xca11ab1e0bad5eed)) + i * UINT64_C(0x9e3779b97f4a7c15);
    h = (h ^ (h >> 31)) * UINT64_C(0xbf58476d1ce4e5b9);
    h ^= h >> 29;
    return h % 10 == 0;
}

static struct caffe_suite_row *append_row(struct caffe_suite_result *result, size_t *capacity)
{
    if (result->row_count == *capacity) {
        *capacity = *capacity ? 2 * *capacity : 64;
        result->rows = realloc(result->rows, *capacity * sizeof *result->rows);
        if (!result->rows) {
            fprintf(stderr, "scebench reduce: out of memory\n");
            exit(1);
        }
    }
    return &result->rows[result->row_count++];
}

static void run_batch(const struct caffe_suite_request *request, enum format format, size_t outer, size_t inner,
                      int with_ignore, struct caffe_suite_result *result, size_t *capacity)
{
    size_t count = outer * inner, bytes = (size_t)format_info[format].storage_bytes;
    unsigned char *x = allocate_or_exit(count, bytes), *z = allocate_or_exit(count, bytes), *diff = allocate_or_exit(count, bytes);
    double *xs = allocate_or_exit(count, sizeof *xs), *zs = allocate_or_exit(count, sizeof *zs);
    char *skip = allocate_or_exit(count, 1);
    size_t ignored = 0;
    for (size_t i = 0; i < count; i++) {
        reduction_element(request->seed, i, format, &xs[i], &zs[i]);
        if (with_ignore && drawn_ignored(request->seed, i)) {
            zs[i] = IGNORE_LABEL;
            skip[i] = 1;
            ignored++;
        }
        storage_store(format, x, i, xs[i]);
        storage_store(format, z, i, zs[i]);
    }
    /* the exact sum of the exact losses of the elements kept (MPFR, to 2^-100 relative) */
    struct exact_accumulator *sums = allocate_or_exit((size_t)request->threads, sizeof *sums);
#pragma omp parallel num_threads(request->threads)
    {
        int thread = omp_get_thread_num();
        exact_accumulator_init(&sums[thread]);
#pragma omp for schedule(dynamic, 256)
        for (size_t i = 0; i < count; i++) {
            if (skip[i])
                continue;
            struct exact_value y;
            reference_loss(FORMAT_F64, xs[i], zs[i], &y);
            exact_accumulator_add(&sums[thread], ldexp(y.in_ulps_hi, y.ulp_exponent));
            exact_accumulator_add(&sums[thread], ldexp(y.in_ulps_lo, y.ulp_exponent));
        }
    }
    for (int t = 1; t < request->threads; t++)
        exact_accumulator_merge(&sums[0], &sums[t]);

    struct exact_value *exact = allocate_or_exit(count, sizeof *exact);
    for (int norm = 0; norm < CAFFE_NORMALIZATION_COUNT; norm++) {
        struct caffe_suite_row *row = append_row(result, capacity);
        memset(row, 0, sizeof *row);
        row->format = format;
        row->outer_num = outer;
        row->inner_num = inner;
        row->has_ignore_label = with_ignore;
        row->ignore_label = IGNORE_LABEL;
        row->ignored = ignored;
        row->normalization = (enum caffe_normalization)norm;
        row->loss_weight = 1.0;
        struct caffe_layer_parameters parameters = {with_ignore, IGNORE_LABEL, row->normalization, row->loss_weight};
        caffe_layer_forward_backward(format, outer, inner, x, z, &parameters, diff, &row->output);

        /* the exact normalizer: an integer, clamped to at least 1 */
        uint64_t kept = count - ignored;
        uint64_t normalizer = norm == CAFFE_NORMALIZATION_FULL ? count
                              : norm == CAFFE_NORMALIZATION_VALID ? kept
                              : norm == CAFFE_NORMALIZATION_BATCH_SIZE ? outer : 1;
        if (normalizer < 1)
            normalizer = 1;
        mpfr_t exact_loss;
        mpfr_init2(exact_loss, 256);
        exact_mean(&sums[0], normalizer, exact_loss);
        row->exact_loss = mpfr_get_d(exact_loss, MPFR_RNDN);
        row->exact_loss_rounded = reference_round_mpfr(format, exact_loss);
        reference_value_error(format, row->output.loss, exact_loss, &row->loss_relative_error, &row->loss_ulp);
        mpfr_clear(exact_loss);

        struct weighted_parameters scale = {1.0, row->loss_weight, normalizer};
#pragma omp parallel for schedule(dynamic, 256) num_threads(request->threads)
        for (size_t i = 0; i < count; i++) {
            if (skip[i]) {
                const struct format_info *info = &format_info[format];
                exact[i] = (struct exact_value){.kind = EXACT_FINITE, .ulp_exponent = info->emin - info->precision + 1};
            } else {
                reference_weighted_grad(format, xs[i], zs[i], &scale, &exact[i]);
            }
        }
        accumulator_init(&row->gradient);
        for (size_t i = 0; i < count; i++) {
            double got = storage_load(format, diff, i);
            accumulator_add(&row->gradient, xs[i], zs[i], got, exact[i].rounded, measure(&exact[i], got));
        }
    }
    free(exact);
    free(sums);
    free(skip);
    free(xs);
    free(zs);
    free(x);
    free(z);
    free(diff);
}

int caffe_suite_execute(const struct caffe_suite_request *request, struct caffe_suite_result *result)
{
    memset(result, 0, sizeof *result);
    size_t capacity = 0;
    double start = monotonic_seconds();
    for (int f = 0; f < request->format_count; f++)
        for (size_t b = 0; b < sizeof batches / sizeof batches[0]; b++) {
            if ((uint64_t)(batches[b][0] * batches[b][1]) > request->max_count)
                continue;
            for (int with_ignore = 0; with_ignore < 2; with_ignore++) {
                if (request->progress) {
                    fprintf(stderr, "\r\033[Kreduce caffe-layer: %s %zux%zu%s", format_info[request->formats[f]].name,
                            batches[b][0], batches[b][1], with_ignore ? " ignore_label -1" : "");
                    fflush(stderr);
                }
                run_batch(request, request->formats[f], batches[b][0], batches[b][1], with_ignore, result, &capacity);
            }
        }
    if (request->progress)
        fprintf(stderr, "\r\033[K");
    result->seconds = monotonic_seconds() - start;
    return 0;
}

void caffe_suite_result_free(struct caffe_suite_result *result)
{
    free(result->rows);
    memset(result, 0, sizeof *result);
}

static void print_number(double value)
{
    if (!isfinite(value))
        printf(" %9s", isnan(value) ? "nan" : "inf");
    else if (value == 0.0 || (fabs(value) >= 1e-3 && fabs(value) < 1e5))
        printf(" %9.4g", value);
    else
        printf(" %9.2e", value);
}

void caffe_suite_print(const struct caffe_suite_result *result)
{
    printf("%-4s %11s %-6s %-10s %8s %10s %14s %14s %9s %9s %9s\n", "type", "batch", "ignore", "norm", "valid",
           "normalizer", "loss", "exact", "loss_ulp", "grad_max", "grad_mean");
    for (size_t i = 0; i < result->row_count; i++) {
        const struct caffe_suite_row *row = &result->rows[i];
        char batch[32];
        snprintf(batch, sizeof batch, "%zux%zu", row->outer_num, row->inner_num);
        printf("%-4s %11s %-6s %-10s %8d %10.8g %14.8g %14.8g", format_info[row->format].name, batch,
               row->has_ignore_label ? "-1" : "none", caffe_normalization_name[row->normalization],
               row->output.valid_count, row->output.normalizer, row->output.loss, row->exact_loss);
        print_number(row->loss_ulp);
        print_number(row->gradient.max_ulp);
        print_number(accumulator_mean_ulp(&row->gradient));
        putchar('\n');
    }
}

static json_t *row_json(const struct caffe_suite_row *row)
{
    json_t *gradient = json_object();
    weighted_accumulator_fields(gradient, &row->gradient);
    json_t *object = json_object();
    json_object_set_new(object, "type", json_string(format_info[row->format].name));
    json_object_set_new(object, "outer_num", json_integer((json_int_t)row->outer_num));
    json_object_set_new(object, "inner_num", json_integer((json_int_t)row->inner_num));
    json_object_set_new(object, "ignore_label", row->has_ignore_label ? json_integer(row->ignore_label) : json_null());
    json_object_set_new(object, "ignored", json_integer((json_int_t)row->ignored));
    json_object_set_new(object, "normalization", json_string(caffe_normalization_name[row->normalization]));
    json_object_set_new(object, "loss_weight", json_real(row->loss_weight));
    json_object_set_new(object, "valid_count", json_integer(row->output.valid_count));
    json_object_set_new(object, "normalizer", json_real(row->output.normalizer));
    json_object_set_new(object, "loss", reduction_number_json(row->output.loss));
    json_object_set_new(object, "exact_loss", reduction_number_json(row->exact_loss));
    json_object_set_new(object, "exact_loss_rounded", reduction_number_json(row->exact_loss_rounded));
    json_object_set_new(object, "loss_ulp", reduction_number_json(row->loss_ulp));
    json_object_set_new(object, "loss_rel_error", reduction_number_json(row->loss_relative_error));
    json_object_set_new(object, "grad", gradient);
    return object;
}

json_t *caffe_suite_json(const struct caffe_suite_request *request, const struct caffe_suite_result *result,
                         const char *command_line)
{
    json_t *rows = json_array(), *types = json_array();
    for (size_t i = 0; i < result->row_count; i++)
        json_array_append_new(rows, row_json(&result->rows[i]));
    for (int f = 0; f < request->format_count; f++)
        json_array_append_new(types, json_string(format_info[request->formats[f]].name));
    return json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:s, s:I, s:o, s:s, s:s, s:o, s:o, s:{s:f, s:i}}", "schema",
        "scebench-reduction/1", "tool", "name", "scebench", "version", SCEBENCH_VERSION, "git_revision",
        SCEBENCH_GIT_REVISION, "command", command_line, "host", host_json(), "suite", "caffe-layer", "seed",
        (json_int_t)request->seed, "types", types, "layer",
        "Caffe SigmoidCrossEntropyLossLayer Forward_cpu/Backward_cpu around the `caffe` per-element formula",
        "reference",
        "loss: exact sum of the exact losses of the elements kept / the exact normalizer; gradient: (sigmoid(x) - z) "
        "* loss_weight / normalizer correctly rounded, 0 where ignored",
        "batches", rows, "results", json_array(), "timing", "seconds", result->seconds, "threads", request->threads);
}
