/* scebench gate --baseline BASE.json RESULTS.json [--bench BENCH.json --bench-baseline B.json]
 *               [--perf-tolerance 0.2] [--update]
 *
 * Compares a results file with a checked-in baseline and fails (exit 1, with a readable list)
 * when accuracy regressed:
 *   - a run's max_ulp or mean_ulp grew (beyond a relative 1e-9, below);
 *   - a failure class count grew (overflow, nan, flush, sign, inf-mismatch);
 *   - a run's contract is not kept (contract_holds false);
 *   - a run of the baseline is missing from the results;
 * and, with bench files, when a throughput ratio measured in the same run (the fraction of the
 * read roofline, the ratio to a peer) dropped by more than --perf-tolerance (20%).  Ratios, not
 * absolute rates, so that a busier or different machine does not fail the gate by itself.
 *
 * Runs are matched by (impl, type, mode, fn, targets); bench results by (impl, type, mode, fn,
 * target, threads, size).  Runs only in the results are listed as new and not gated.
 *
 * Why a tolerance of 1e-9 (relative) on max_ulp and mean_ulp: with the same inputs and reference
 * tier both numbers are reproducible bit for bit (the mean is an exact fixed-point sum divided
 * once, merging threads is exact, and JSON's 17 significant digits round-trip a double).  The
 * only noise left is in the metric's last bit: y / ulp(y) is a double-double rounded to a
 * double, and another compiler, libm or CPU (contraction into FMA, x87 instead of SSE) may
 * flip that bit, a change of about 1e-16 relative.  A real change is a kernel returning another
 * value somewhere, which moves that point's error by about a unit of the format: the maximum by
 * far more than 1e-9 relative, the mean by about 1/points ulp (1e-4 to 1e-7 relative on the
 * quick suite when the mean is near 1 ulp; where the mean is huge a one-point change can hide
 * in it, but then the maximum or a class count shows it).  1e-9 lies between the two, by
 * decades on both sides.
 *   When either file was measured with the fast reference tier ("reference": "fast"), its ULP
 * errors are MPFR's within the tier's documented bound (harness/fast/fast_reference.h: 2^-20
 * ulp in f32, f16 and bf16; f64 always uses MPFR), and the same points may
 * come out differently by that much from one build or CPU to another; that bound is added to
 * the tolerance as an absolute one.  Baselines are best made with --reference mpfr, which is
 * exact, so that no such allowance is needed.
 *
 * Exit codes: 0 nothing regressed (or --update done), 1 regressions, 2 bad input: an unreadable
 * or malformed file, or mismatched files (another suite, seed, random count, or different
 * points in a run), with the reason.  --update rewrites the baseline(s) atomically with the
 * results, after printing the comparison. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "results.h"

static const char *const command = "gate";

#define ULP_TOLERANCE 1e-9

/* Set when either file was measured with the fast reference tier. */
static int fast_tier;

/* The absolute allowance for the fast tier's ULP errors in a format (fast_reference.h). */
static double fast_allowance(const char *type)
{
    if (!fast_tier)
        return 0.0;
    if (strcmp(type, "f32") == 0 || strcmp(type, "f16") == 0 || strcmp(type, "bf16") == 0)
        return 0x1p-20;
    return 0.0;
}

static const char *const failure_classes[] = {"overflow", "nan", "flush", "sign", "inf-mismatch"};
#define FAILURE_CLASS_COUNT (sizeof failure_classes / sizeof failure_classes[0])

struct gate_options {
    const char *baseline, *results, *bench, *bench_baseline;
    double perf_tolerance;
    int update;
};

/* Bad input: the reason on one line, exit 2. */
static _Noreturn void bad_input(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void bad_input(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    fprintf(stderr, "scebench gate: ");
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    exit(EXIT_USAGE);
}

static void parse_options(int argc, char **argv, struct gate_options *options)
{
    *options = (struct gate_options){.perf_tolerance = 0.2};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--baseline") == 0)
            options->baseline = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--bench") == 0)
            options->bench = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--bench-baseline") == 0)
            options->bench_baseline = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--perf-tolerance") == 0) {
            const char *text = cli_value(command, argc, argv, &i);
            char *end;
            errno = 0;
            options->perf_tolerance = strtod(text, &end);
            if (end == text || *end || errno || !(options->perf_tolerance >= 0.0 && options->perf_tolerance < 1.0))
                cli_fail(command, "--perf-tolerance: expected a fraction in [0, 1), e.g. 0.2 for 20%%, got '%s'",
                         text);
        } else if (strcmp(a, "--update") == 0)
            options->update = 1;
        else if (a[0] == '-' && a[1] != '\0')
            cli_fail(command, "unknown option '%s' (accepted: --baseline, --bench, --bench-baseline, "
                              "--perf-tolerance, --update)", a);
        else if (!options->results)
            options->results = a;
        else
            cli_fail(command, "one results file expected, got '%s' and '%s'", options->results, a);
    }
    if (!options->baseline)
        cli_fail(command, "--baseline: missing (the checked-in results file to compare with)");
    if (!options->results)
        cli_fail(command, "missing RESULTS.json (the results file to gate)");
    if (!options->bench != !options->bench_baseline)
        cli_fail(command, "--bench and --bench-baseline go together");
}

/* ---- Reading and checking the files ---- */

static json_t *load(const char *path)
{
    json_error_t error;
    json_t *document = json_load_file(path, 0, &error);
    if (!document) {
        if (error.line <= 0)
            bad_input("cannot read '%s': %s", path, error.text);
        bad_input("'%s' is not valid JSON: line %d: %s", path, error.line, error.text);
    }
    if (!json_is_object(document))
        bad_input("'%s': expected a JSON object", path);
    return document;
}

/* A number, or the string "inf" (an infinite error); -1 when neither. */
static int ulp_value(json_t *value, double *out)
{
    if (json_is_number(value)) {
        *out = json_number_value(value);
        return 0;
    }
    if (json_is_string(value) && strcmp(json_string_value(value), "inf") == 0) {
        *out = INFINITY;
        return 0;
    }
    return -1;
}

struct run {
    const char *impl, *type, *mode, *fn, *targets;
    char key[256];
    json_int_t points;
    double max_ulp, mean_ulp;
    json_int_t classes[FAILURE_CLASS_COUNT];
    int contract_holds;
    double contract; /* 0: none */
};

static const char *string_field(json_t *object, const char *name, const char *path, size_t index)
{
    json_t *value = json_object_get(object, name);
    if (!json_is_string(value))
        bad_input("'%s': runs[%zu]: '%s' missing or not a string", path, index, name);
    return json_string_value(value);
}

static struct run *read_runs(json_t *document, const char *path, size_t *count)
{
    json_t *schema = json_object_get(document, "schema");
    if (!json_is_string(schema) || strcmp(json_string_value(schema), "scebench-results/1") != 0)
        bad_input("'%s': not a scebench results file (schema \"scebench-results/1\" expected%s%s)", path,
                  json_is_string(schema) ? ", got " : "", json_is_string(schema) ? json_string_value(schema) : "");
    json_t *runs = json_object_get(document, "runs");
    if (!json_is_array(runs))
        bad_input("'%s': 'runs' missing or not a list", path);
    *count = json_array_size(runs);
    struct run *list = calloc(*count ? *count : 1, sizeof *list);
    if (!list)
        bad_input("out of memory");
    for (size_t i = 0; i < *count; i++) {
        json_t *entry = json_array_get(runs, i);
        struct run *run = &list[i];
        if (!json_is_object(entry))
            bad_input("'%s': runs[%zu] is not an object", path, i);
        run->impl = string_field(entry, "impl", path, i);
        run->type = string_field(entry, "type", path, i);
        run->mode = string_field(entry, "mode", path, i);
        run->fn = string_field(entry, "fn", path, i);
        run->targets = string_field(entry, "targets", path, i);
        snprintf(run->key, sizeof run->key, "%s %s %s %s %s", run->impl, run->type, run->mode, run->fn, run->targets);
        json_t *points = json_object_get(entry, "points");
        if (!json_is_integer(points))
            bad_input("'%s': runs[%zu] (%s): 'points' missing or not an integer", path, i, run->key);
        run->points = json_integer_value(points);
        if (ulp_value(json_object_get(entry, "max_ulp"), &run->max_ulp) != 0)
            bad_input("'%s': runs[%zu] (%s): 'max_ulp' missing or not a number or \"inf\"", path, i, run->key);
        if (ulp_value(json_object_get(entry, "mean_ulp"), &run->mean_ulp) != 0)
            bad_input("'%s': runs[%zu] (%s): 'mean_ulp' missing or not a number or \"inf\"", path, i, run->key);
        json_t *holds = json_object_get(entry, "contract_holds");
        if (!json_is_boolean(holds))
            bad_input("'%s': runs[%zu] (%s): 'contract_holds' missing or not true/false", path, i, run->key);
        run->contract_holds = json_is_true(holds);
        json_t *contract = json_object_get(entry, "contract");
        run->contract = json_is_number(contract) ? json_number_value(contract) : 0.0;
        json_t *classes = json_object_get(entry, "classes");
        if (!json_is_object(classes))
            bad_input("'%s': runs[%zu] (%s): 'classes' missing or not an object", path, i, run->key);
        for (size_t c = 0; c < FAILURE_CLASS_COUNT; c++) {
            json_t *value = json_object_get(classes, failure_classes[c]);
            if (!json_is_integer(value))
                bad_input("'%s': runs[%zu] (%s): classes.%s missing or not an integer", path, i, run->key,
                          failure_classes[c]);
            run->classes[c] = json_integer_value(value);
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(list[j].key, run->key) == 0)
                bad_input("'%s': run %s appears twice", path, run->key);
    }
    return list;
}

static const struct run *find_run(const struct run *runs, size_t count, const char *key)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(runs[i].key, key) == 0)
            return &runs[i];
    return NULL;
}

static void text_of(json_t *value, char *text, size_t size)
{
    if (!value || json_is_null(value))
        snprintf(text, size, "(none)");
    else if (json_is_string(value))
        snprintf(text, size, "%s", json_string_value(value));
    else if (json_is_integer(value))
        snprintf(text, size, "%lld", (long long)json_integer_value(value));
    else {
        char *dump = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT);
        snprintf(text, size, "%s", dump ? dump : "?");
        free(dump);
    }
}

/* Files of different suites, seeds or random counts cannot be compared. */
static void check_same_inputs(json_t *baseline, json_t *results, const struct gate_options *options)
{
    static const char *const fields[] = {"suite", "seed", "random_count", "given_targets", "range"};
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
        json_t *a = json_object_get(baseline, fields[f]), *b = json_object_get(results, fields[f]);
        if (!json_equal(a, b) && !(a == NULL && b == NULL)) {
            char left[128], right[128];
            text_of(a, left, sizeof left);
            text_of(b, right, sizeof right);
            bad_input("mismatched files: %s %s in '%s', %s in '%s' (compare results of the same suite, seed, "
                      "--count, targets and range; --update replaces the baseline)",
                      fields[f], left, options->baseline, right, options->results);
        }
    }
}

static void ulp_text(double value, char *text, size_t size)
{
    if (isinf(value))
        snprintf(text, size, "inf");
    else
        snprintf(text, size, "%.17g", value);
}

/* result is larger than base beyond the tolerance (1e-9 relative, plus `allowance` absolute). */
static int worse(double result, double base, double allowance)
{
    if (isnan(result) || isnan(base))
        return 0;
    if (isinf(base))
        return 0;
    return result > base + ULP_TOLERANCE * fabs(base) + allowance;
}

static int better(double result, double base, double allowance)
{
    return worse(base, result, allowance);
}

struct tally {
    size_t regressions, regressed_runs, improved, new_runs, compared;
};

static void compare_runs(const struct run *base, size_t base_count, const struct run *results, size_t result_count,
                         const struct gate_options *options, struct tally *tally)
{
    /* Inputs first: the same suite must give every run the same points. */
    for (size_t i = 0; i < base_count; i++) {
        const struct run *r = find_run(results, result_count, base[i].key);
        if (r && r->points != base[i].points)
            bad_input("mismatched files: run %s has %lld points in '%s' and %lld in '%s': the inputs differ "
                      "(regenerate the baseline with --update)",
                      base[i].key, (long long)base[i].points, options->baseline, (long long)r->points,
                      options->results);
    }
    for (size_t i = 0; i < base_count; i++) {
        const struct run *b = &base[i];
        const struct run *r = find_run(results, result_count, b->key);
        if (!r) {
            printf("MISSING     %s: in the baseline, not in the results\n", b->key);
            tally->regressions++;
            tally->regressed_runs++;
            continue;
        }
        tally->compared++;
        size_t before = tally->regressions;
        char left[40], right[40];
        double allowance = fast_allowance(b->type);
        if (worse(r->max_ulp, b->max_ulp, allowance)) {
            ulp_text(b->max_ulp, left, sizeof left);
            ulp_text(r->max_ulp, right, sizeof right);
            printf("REGRESSION  %s: max_ulp %s -> %s\n", b->key, left, right);
            tally->regressions++;
        }
        if (worse(r->mean_ulp, b->mean_ulp, allowance)) {
            ulp_text(b->mean_ulp, left, sizeof left);
            ulp_text(r->mean_ulp, right, sizeof right);
            printf("REGRESSION  %s: mean_ulp %s -> %s\n", b->key, left, right);
            tally->regressions++;
        }
        int improved = better(r->max_ulp, b->max_ulp, allowance) || better(r->mean_ulp, b->mean_ulp, allowance);
        for (size_t c = 0; c < FAILURE_CLASS_COUNT; c++) {
            if (r->classes[c] > b->classes[c]) {
                printf("REGRESSION  %s: %s cases %lld -> %lld\n", b->key, failure_classes[c],
                       (long long)b->classes[c], (long long)r->classes[c]);
                tally->regressions++;
            }
            improved = improved || r->classes[c] < b->classes[c];
        }
        if (!r->contract_holds) {
            char claim[64] = "its contract";
            if (r->contract > 0)
                snprintf(claim, sizeof claim, "contract %g ulp", r->contract);
            ulp_text(r->max_ulp, right, sizeof right);
            printf("BROKEN      %s: %s not kept (max_ulp %s)%s\n", b->key, claim, right,
                   b->contract_holds ? "" : " (broken in the baseline too)");
            tally->regressions++;
        }
        if (tally->regressions > before)
            tally->regressed_runs++;
        else if (improved)
            tally->improved++;
    }
    for (size_t i = 0; i < result_count; i++)
        if (!find_run(base, base_count, results[i].key)) {
            tally->new_runs++;
            if (!results[i].contract_holds) {
                printf("BROKEN      %s: contract not kept (a run new to the baseline)\n", results[i].key);
                tally->regressions++;
                tally->regressed_runs++;
            }
        }
    if (tally->new_runs > 0)
        printf("note: %zu run%s in the results but not in the baseline (not gated; --update adds them)\n",
               tally->new_runs, tally->new_runs == 1 ? "" : "s");
}

/* ---- Bench files ---- */

struct bench_entry {
    char key[320];
    json_t *entry;
};

static struct bench_entry *read_bench(json_t *document, const char *path, size_t *count)
{
    json_t *schema = json_object_get(document, "schema");
    if (!json_is_string(schema) || strcmp(json_string_value(schema), "scebench-bench/1") != 0)
        bad_input("'%s': not a scebench bench file (schema \"scebench-bench/1\" expected)", path);
    json_t *results = json_object_get(document, "results");
    if (!json_is_array(results))
        bad_input("'%s': 'results' missing or not a list", path);
    *count = json_array_size(results);
    struct bench_entry *list = calloc(*count ? *count : 1, sizeof *list);
    if (!list)
        bad_input("out of memory");
    static const char *const strings[] = {"impl", "type", "mode", "fn", "target", "size"};
    for (size_t i = 0; i < *count; i++) {
        json_t *entry = json_array_get(results, i);
        if (!json_is_object(entry))
            bad_input("'%s': results[%zu] is not an object", path, i);
        const char *parts[6];
        for (size_t s = 0; s < 6; s++) {
            json_t *value = json_object_get(entry, strings[s]);
            if (!json_is_string(value))
                bad_input("'%s': results[%zu]: '%s' missing or not a string", path, i, strings[s]);
            parts[s] = json_string_value(value);
        }
        json_t *threads = json_object_get(entry, "threads");
        if (!json_is_integer(threads))
            bad_input("'%s': results[%zu]: 'threads' missing or not an integer", path, i);
        json_t *fraction = json_object_get(entry, "roofline_fraction");
        if (fraction && !json_is_number(fraction) && !json_is_null(fraction))
            bad_input("'%s': results[%zu]: 'roofline_fraction' is not a number", path, i);
        json_t *vs = json_object_get(entry, "vs");
        if (vs && !json_is_object(vs))
            bad_input("'%s': results[%zu]: 'vs' is not an object", path, i);
        snprintf(list[i].key, sizeof list[i].key, "%s %s %s %s %s threads=%lld size=%s", parts[0], parts[1], parts[2],
                 parts[3], parts[4], (long long)json_integer_value(threads), parts[5]);
        list[i].entry = entry;
        for (size_t j = 0; j < i; j++)
            if (strcmp(list[j].key, list[i].key) == 0)
                bad_input("'%s': bench result %s appears twice", path, list[i].key);
    }
    return list;
}

static int ratio_dropped(json_t *base, json_t *result, double tolerance, double *b, double *r)
{
    if (!json_is_number(base) || !json_is_number(result))
        return 0;
    *b = json_number_value(base);
    *r = json_number_value(result);
    return *b > 0 && *r < *b * (1.0 - tolerance);
}

static void compare_bench(json_t *base_document, json_t *result_document, const struct gate_options *options,
                          struct tally *tally)
{
    size_t base_count, result_count;
    struct bench_entry *base = read_bench(base_document, options->bench_baseline, &base_count);
    struct bench_entry *results = read_bench(result_document, options->bench, &result_count);
    json_t *base_cpu = json_object_get(json_object_get(base_document, "host"), "cpu_model");
    json_t *result_cpu = json_object_get(json_object_get(result_document, "host"), "cpu_model");
    if (base_cpu && result_cpu && !json_equal(base_cpu, result_cpu))
        printf("note: bench files from different CPUs (%s, %s): ratios are compared all the same\n",
               json_string_value(base_cpu), json_string_value(result_cpu));
    size_t compared = 0;
    for (size_t i = 0; i < base_count; i++) {
        const struct bench_entry *r = NULL;
        for (size_t j = 0; j < result_count && !r; j++)
            if (strcmp(results[j].key, base[i].key) == 0)
                r = &results[j];
        if (!r) {
            printf("MISSING     bench %s: in the bench baseline, not in the bench results\n", base[i].key);
            tally->regressions++;
            tally->regressed_runs++;
            continue;
        }
        compared++;
        size_t before = tally->regressions;
        double b, v;
        if (ratio_dropped(json_object_get(base[i].entry, "roofline_fraction"),
                          json_object_get(r->entry, "roofline_fraction"), options->perf_tolerance, &b, &v)) {
            printf("SLOWER      bench %s: roofline fraction %.3f -> %.3f (%+.0f%%, tolerance -%.0f%%)\n", base[i].key,
                   b, v, 100.0 * (v / b - 1.0), 100.0 * options->perf_tolerance);
            tally->regressions++;
        }
        json_t *base_vs = json_object_get(base[i].entry, "vs"), *result_vs = json_object_get(r->entry, "vs");
        const char *peer;
        json_t *ratio;
        json_object_foreach(base_vs, peer, ratio)
        {
            json_t *now = json_object_get(result_vs, peer);
            if (!now) {
                printf("note: bench %s: no ratio to %s in the bench results (peer not measured)\n", base[i].key,
                       peer);
                continue;
            }
            if (ratio_dropped(ratio, now, options->perf_tolerance, &b, &v)) {
                printf("SLOWER      bench %s: vs %s %.3f -> %.3f (%+.0f%%, tolerance -%.0f%%)\n", base[i].key, peer,
                       b, v, 100.0 * (v / b - 1.0), 100.0 * options->perf_tolerance);
                tally->regressions++;
            }
        }
        if (tally->regressions > before)
            tally->regressed_runs++;
    }
    printf("bench: %zu results compared with the bench baseline\n", compared);
    free(base);
    free(results);
}

/* ---- --update ---- */

static void write_baseline(const char *path, json_t *document)
{
    char error[512];
    if (atomic_output_open(path, error, sizeof error) != 0 || atomic_output_commit(document, error, sizeof error) != 0)
        bad_input("--update: %s", error);
    printf("gate: --update: '%s' rewritten\n", path);
}

static int exists(const char *path)
{
    FILE *file = fopen(path, "r");
    if (file)
        fclose(file);
    return file != NULL;
}

int command_gate(int argc, char **argv)
{
    struct gate_options options;
    parse_options(argc, argv, &options);
    json_t *results = load(options.results);
    size_t result_count;
    struct run *result_runs = read_runs(results, options.results, &result_count);
    json_t *bench = options.bench ? load(options.bench) : NULL;
    if (bench) {
        size_t ignored;
        free(read_bench(bench, options.bench, &ignored));
    }
    struct tally tally = {0};
    int compared = 0;
    /* With --update, a baseline that does not exist yet is created. */
    if (!options.update || exists(options.baseline)) {
        json_t *baseline = load(options.baseline);
        size_t base_count;
        struct run *base_runs = read_runs(baseline, options.baseline, &base_count);
        check_same_inputs(baseline, results, &options);
        json_t *base_tier = json_object_get(baseline, "reference"), *result_tier = json_object_get(results, "reference");
        fast_tier = (json_is_string(base_tier) && strcmp(json_string_value(base_tier), "fast") == 0) ||
                    (json_is_string(result_tier) && strcmp(json_string_value(result_tier), "fast") == 0);
        json_t *suite = json_object_get(results, "suite");
        printf("gate: %s against the baseline %s (suite %s, %zu runs in the baseline, %zu in the results)\n",
               options.results, options.baseline, json_is_string(suite) ? json_string_value(suite) : "?", base_count,
               result_count);
        compare_runs(base_runs, base_count, result_runs, result_count, &options, &tally);
        free(base_runs);
        json_decref(baseline);
        compared = 1;
    }
    if (bench && (!options.update || exists(options.bench_baseline))) {
        json_t *bench_baseline = load(options.bench_baseline);
        compare_bench(bench_baseline, bench, &options, &tally);
        json_decref(bench_baseline);
    }
    if (compared) {
        if (tally.regressions)
            printf("gate: FAILED: %zu regression%s in %zu run%s (%zu compared, %zu improved, %zu new)\n",
                   tally.regressions, tally.regressions == 1 ? "" : "s", tally.regressed_runs,
                   tally.regressed_runs == 1 ? "" : "s", tally.compared, tally.improved, tally.new_runs);
        else
            printf("gate: passed: %zu runs compared, none regressed (%zu improved, %zu new)\n", tally.compared,
                   tally.improved, tally.new_runs);
    }
    int status = tally.regressions ? 1 : 0;
    if (options.update) {
        write_baseline(options.baseline, results);
        if (bench)
            write_baseline(options.bench_baseline, bench);
        status = 0;
    }
    free(result_runs);
    json_decref(results);
    json_decref(bench);
    return status;
}
