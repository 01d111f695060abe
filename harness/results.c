#define _POSIX_C_SOURCE 200809L
#include "results.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

json_t *hex_float_json(double value)
{
    char text[40];
    hex_text(value, text);
    return json_string(text);
}

/* JSON has no infinity: an infinite error is the string "inf". */
json_t *ulp_error_json(double error)
{
    return isfinite(error) ? json_real(error) : json_string("inf");
}

json_t *worst_cases_json(const struct worst_case *cases, int count)
{
    json_t *array = json_array();
    for (int i = 0; i < count; i++) {
        const struct worst_case *c = &cases[i];
        json_array_append_new(array, json_pack("{s:o, s:o, s:o, s:o, s:o, s:s}", "x", hex_float_json(c->x), "z",
                                               hex_float_json(c->z), "got", hex_float_json(c->got), "exact",
                                               hex_float_json(c->exact), "ulp", ulp_error_json(c->ulp_error),
                                               "class", outcome_name[c->outcome]));
    }
    return array;
}

/* A bin edge: JSON has no infinity, so the open ends are the strings "inf" and "-inf". */
static json_t *edge_json(double edge)
{
    return isfinite(edge) ? json_real(edge) : json_string(edge > 0 ? "inf" : "-inf");
}

static json_t *cell_error_json(const struct profile_cell *cell)
{
    return cell->points == cell->failures && cell->failures ? json_string("inf") : json_real(cell->max_ulp);
}

/* [[x_lo, x_hi, max_ulp, points, failures], ...] over the nonempty bins, per target. */
static json_t *profile_json(const struct run_profile *profile)
{
    json_t *rows = json_array();
    for (int t = 0; t < profile->target_count; t++) {
        json_t *bins = json_array();
        for (int b = 0; b < PROFILE_BINS; b++) {
            const struct profile_cell *cell = &profile->cells.by_target[t][b];
            if (cell->points == 0)
                continue;
            double low, high;
            profile_bin_edges(b, &low, &high);
            json_array_append_new(bins, json_pack("[o, o, o, I, I]", edge_json(low), edge_json(high),
                                                  cell_error_json(cell), (json_int_t)cell->points,
                                                  (json_int_t)cell->failures));
        }
        json_array_append_new(rows, json_pack("{s:o, s:o}", "z", hex_float_json(profile->targets[t]), "bins", bins));
    }
    return rows;
}

static json_t *heatmap_json(const struct run_profile *profile)
{
    json_t *x_edges = json_array(), *z_edges = json_array(), *rows = json_array();
    for (int b = 0; b < HEATMAP_X_BINS; b++) {
        double low, high;
        heatmap_bin_edges(b, &low, &high);
        json_array_append_new(x_edges, edge_json(low));
        if (b == HEATMAP_X_BINS - 1)
            json_array_append_new(x_edges, edge_json(high));
    }
    for (int b = 0; b <= HEATMAP_Z_BINS; b++)
        json_array_append_new(z_edges, json_real((double)b / HEATMAP_Z_BINS));
    for (int b = 0; b < HEATMAP_X_BINS; b++) {
        json_t *row = json_array();
        for (int c = 0; c < HEATMAP_Z_BINS; c++) {
            const struct profile_cell *cell = &profile->cells.heatmap[b][c];
            json_array_append_new(row, cell->points ? cell_error_json(cell) : json_null());
        }
        json_array_append_new(rows, row);
    }
    return json_pack("{s:o, s:o, s:o}", "x_edges", x_edges, "z_edges", z_edges, "max_ulp", rows);
}

static json_t *run_json(const struct sweep_run *run)
{
    const struct accumulator *a = &run->accumulator;
    json_t *histogram = json_object(), *classes = json_object();
    for (int b = 0; b < BUCKET_COUNT; b++)
        json_object_set_new(histogram, bucket_name[b], json_integer((json_int_t)a->histogram[b]));
    for (int c = 0; c < OUTCOME_COUNT; c++)
        json_object_set_new(classes, outcome_name[c], json_integer((json_int_t)a->outcomes[c]));
    json_t *examples = json_object();
    for (int c = 1; c < OUTCOME_COUNT; c++)
        if (a->example_count[c] > 0)
            json_object_set_new(examples, outcome_name[c], worst_cases_json(a->examples[c], a->example_count[c]));
    double contract = run_contract(run);
    json_t *object = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o}", "impl", run->impl->name,
                     "type", format_info[run->format].name, "mode", mode_name[run->mode], "fn",
                     function_name[run->function], "targets", target_kind_name(run->targets), "points",
                     (json_int_t)a->points, "max_ulp", ulp_error_json(a->max_ulp), "mean_ulp",
                     ulp_error_json(accumulator_mean_ulp(a)), "contract",
                     contract > 0.0 ? json_real(contract) : json_null(), "contract_holds", run_contract_holds(run),
                     "histogram", histogram, "classes", classes, "worst", worst_cases_json(a->worst, a->worst_count),
                     "examples", examples);
    if (run->profile && run->profile->kind == 1)
        json_object_set_new(object, "profile", profile_json(run->profile));
    if (run->profile && run->profile->kind == 2)
        json_object_set_new(object, "heatmap", heatmap_json(run->profile));
    return object;
}

static void cpu_model(char *model, size_t size)
{
    snprintf(model, size, "unknown");
    FILE *file = fopen("/proc/cpuinfo", "r");
    if (!file)
        return;
    char line[512];
    while (fgets(line, sizeof line, file)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon) {
            snprintf(model, size, "%s", colon + 2);
            model[strcspn(model, "\n")] = '\0';
            break;
        }
    }
    fclose(file);
}

json_t *host_json(void)
{
    char model[256], name[256] = "unknown";
    cpu_model(model, sizeof model);
    gethostname(name, sizeof name - 1);
    return json_pack("{s:s, s:s, s:I}", "cpu_model", model, "hostname", name, "logical_cores",
                     (json_int_t)sysconf(_SC_NPROCESSORS_ONLN));
}

static json_t *timing_json(const struct sweep_result *result)
{
    const struct sweep_timing *t = &result->timing;
    double seconds = t->seconds > 0 ? t->seconds : 1e-9;
    double kernel = t->kernel_core_seconds > 0 ? t->kernel_core_seconds : 1e-9;
    double fast = t->fast_tier_core_seconds > 0 ? t->fast_tier_core_seconds : 1e-9;
    json_t *timing = json_pack("{s:f, s:I, s:f, s:f, s:f, s:f, s:I}", "seconds", t->seconds, "points",
                               (json_int_t)t->measured_values, "points_per_second",
                               (double)t->measured_values / seconds, "kernel_core_seconds", t->kernel_core_seconds,
                               "harness_core_seconds", t->harness_core_seconds, "harness_overhead",
                               t->harness_core_seconds / kernel, "repeated_points", (json_int_t)t->repeated_values);
    json_object_set_new(timing, "reference",
                        json_pack("{s:I, s:I, s:I, s:I, s:f}", "values", (json_int_t)t->reference_values,
                                  "mpfr_values", (json_int_t)t->reference_fallbacks, "fast_tier_values",
                                  (json_int_t)t->fast_tier_values, "metric_fallbacks",
                                  (json_int_t)t->metric_fallbacks, "fast_tier_values_per_core_second",
                                  t->fast_tier_values ? (double)t->fast_tier_values / fast : 0.0));
    return timing;
}

json_t *results_json(const struct sweep_request *request, const struct sweep_result *result,
                     const char *command_line)
{
    json_t *runs = json_array();
    for (size_t i = 0; i < result->run_count; i++)
        json_array_append_new(runs, run_json(&result->runs[i]));
    json_t *targets = json_array();
    for (int t = 0; t < request->target_count; t++)
        json_array_append_new(targets, json_string(target_kind_name(request->target_sets[t])));
    json_t *given = json_array();
    for (int t = 0; t < request->given_target_count; t++)
        json_array_append_new(given, hex_float_json(request->given_targets[t]));
    json_t *document = json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:s, s:I, s:I, s:o, s:o, s:s, s:{s:i, s:i, s:i}, s:o, s:o}", "schema",
        "scebench-results/1", "tool", "name", "scebench", "version", SCEBENCH_VERSION, "git_revision",
        SCEBENCH_GIT_REVISION, "command", command_line, "host", host_json(), "suite", sweep_suite_name(request->suite),
        "seed", (json_int_t)request->seed, "random_count", (json_int_t)request->random_count, "targets", targets,
        "given_targets", given, "reference", request->reference == REFERENCE_FAST ? "fast" : "mpfr", "parallel",
        "threads", result->threads, "ranks", result->ranks, "cores_used", result->cores_used, "timing",
        timing_json(result), "runs", runs);
    if (result->harvested)
        json_object_set_new(document, "range", json_pack("[I, I]", (json_int_t)result->harvested_low,
                                                         (json_int_t)result->harvested_high));
    else if (request->has_range)
        json_object_set_new(document, "range", json_pack("[I, I]", (json_int_t)request->range_low,
                                                         (json_int_t)request->range_high));
    json_object_set_new(document, "harvested", json_boolean(result->harvested));
    return document;
}

/* The pending output: its temporary file is removed unless committed. */
static char pending_target[4096];
static char pending_temporary[4096 + 32];
static int pending_descriptor = -1;

static void remove_pending(void)
{
    if (pending_descriptor >= 0) {
        close(pending_descriptor);
        unlink(pending_temporary);
        pending_descriptor = -1;
    }
}

static void interrupted(int signal_number)
{
    if (pending_descriptor >= 0)
        unlink(pending_temporary);
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

int atomic_output_open(const char *path, char *error, size_t error_size)
{
    if (strlen(path) >= sizeof pending_target) {
        snprintf(error, error_size, "path too long");
        return -1;
    }
    snprintf(pending_target, sizeof pending_target, "%s", path);
    snprintf(pending_temporary, sizeof pending_temporary, "%s.tmp.XXXXXX", path);
    pending_descriptor = mkstemp(pending_temporary);
    if (pending_descriptor < 0) {
        snprintf(error, error_size, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    atexit(remove_pending);
    signal(SIGINT, interrupted);
    signal(SIGTERM, interrupted);
    return 0;
}

int atomic_output_commit(json_t *document, char *error, size_t error_size)
{
    int failed = json_dumpfd(document, pending_descriptor, JSON_INDENT(1) | JSON_REAL_PRECISION(17)) != 0 ||
                 write(pending_descriptor, "\n", 1) != 1 || fchmod(pending_descriptor, 0644) != 0 ||
                 fsync(pending_descriptor) != 0;
    if (!failed)
        failed = rename(pending_temporary, pending_target) != 0;
    if (failed) {
        snprintf(error, error_size, "cannot write '%s': %s", pending_target, strerror(errno));
        remove_pending();
        return -1;
    }
    close(pending_descriptor);
    pending_descriptor = -1;
    return 0;
}
