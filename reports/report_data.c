/* The report's inputs: reading and checking the JSON files, merging runs into table rows. */
#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "storage.h"

double report_number(const json_t *value)
{
    if (json_is_number(value))
        return json_number_value(value);
    if (json_is_string(value)) {
        const char *text = json_string_value(value);
        if (strcmp(text, "inf") == 0 || strcmp(text, "+inf") == 0)
            return INFINITY;
        if (strcmp(text, "-inf") == 0)
            return -INFINITY;
    }
    return NAN;
}

const char *report_format_ulp(double value, char *text, size_t size)
{
    if (isnan(value))
        snprintf(text, size, "-");
    else if (isinf(value))
        snprintf(text, size, "inf");
    else if (value < 1e4)
        snprintf(text, size, "%.4f", value);
    else
        snprintf(text, size, "%.3g", value);
    return text;
}

void report_add_note(struct report *report, enum report_section section, const char *format, ...)
{
    char text[1024];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(text, sizeof text, format, arguments);
    va_end(arguments);
    json_array_append_new(report->notes[section], json_string(text));
}

static int fail(char *error, size_t size, const char *format, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *error, size_t size, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(error, size, format, arguments);
    va_end(arguments);
    return -1;
}

static int rank_of(const char *name, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return count;
}

static int type_rank(const char *type)
{
    for (int f = 0; f < FORMAT_COUNT; f++)
        if (strcmp(type, format_info[f].name) == 0)
            return f;
    return FORMAT_COUNT;
}

/* Reads one run's numbers; fails naming the field. */
static int run_stats(const json_t *run, struct report_stats *stats, char *error, size_t size)
{
    memset(stats, 0, sizeof *stats);
    json_t *points = json_object_get(run, "points");
    if (!json_is_integer(points) || json_integer_value(points) < 0)
        return fail(error, size, "'points' missing or not a count");
    stats->points = (uint64_t)json_integer_value(points);
    stats->max_ulp = report_number(json_object_get(run, "max_ulp"));
    if (isnan(stats->max_ulp) || stats->max_ulp < 0)
        return fail(error, size, "'max_ulp' missing or not a number (or \"inf\")");
    double mean = report_number(json_object_get(run, "mean_ulp"));
    if (isnan(mean) || mean < 0)
        return fail(error, size, "'mean_ulp' missing or not a number");
    json_t *histogram = json_object_get(run, "histogram"), *classes = json_object_get(run, "classes");
    if (!json_is_object(histogram))
        return fail(error, size, "'histogram' missing or not an object");
    if (!json_is_object(classes))
        return fail(error, size, "'classes' missing or not an object");
    for (int b = 0; b < BUCKET_COUNT; b++) {
        json_t *count = json_object_get(histogram, bucket_name[b]);
        if (count && !json_is_integer(count))
            return fail(error, size, "histogram bucket '%s' is not a count", bucket_name[b]);
        stats->histogram[b] = count ? (uint64_t)json_integer_value(count) : 0;
    }
    uint64_t infinite = 0;
    for (int c = 0; c < OUTCOME_COUNT; c++) {
        json_t *count = json_object_get(classes, outcome_name[c]);
        if (count && !json_is_integer(count))
            return fail(error, size, "class '%s' is not a count", outcome_name[c]);
        stats->classes[c] = count ? (uint64_t)json_integer_value(count) : 0;
        if (c == OUTCOME_OVERFLOW || c == OUTCOME_NAN || c == OUTCOME_INF_MISMATCH)
            infinite += stats->classes[c];
    }
    stats->finite_points = infinite < stats->points ? stats->points - infinite : 0;
    stats->error_sum = isfinite(mean) ? mean * (double)stats->finite_points : 0.0;
    json_t *contract = json_object_get(run, "contract");
    stats->contract = json_is_number(contract) ? json_number_value(contract) : 0.0;
    json_t *holds = json_object_get(run, "contract_holds");
    stats->contract_holds = holds ? json_is_true(holds) : 1;
    json_t *worst = json_object_get(run, "worst");
    stats->worst = json_is_array(worst) && json_array_size(worst) > 0 ? json_array_get(worst, 0) : NULL;
    return 0;
}

static void merge_stats(struct report_stats *into, const struct report_stats *from)
{
    if (from->max_ulp > into->max_ulp || (!into->worst && from->worst && from->max_ulp >= into->max_ulp)) {
        into->max_ulp = from->max_ulp;
        into->worst = from->worst;
    }
    into->points += from->points;
    into->finite_points += from->finite_points;
    into->error_sum += from->error_sum;
    for (int b = 0; b < BUCKET_COUNT; b++)
        into->histogram[b] += from->histogram[b];
    for (int c = 0; c < OUTCOME_COUNT; c++)
        into->classes[c] += from->classes[c];
    if (from->contract > into->contract)
        into->contract = from->contract;
    into->contract_holds = into->contract_holds && from->contract_holds;
}

static const char *string_field(const json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}

static int compare_rows(const void *a, const void *b)
{
    const struct report_row *x = a, *y = b;
    int d;
    if ((d = x->impl_rank - y->impl_rank) || (d = strcmp(x->impl, y->impl)) || (d = x->type_rank - y->type_rank) ||
        (d = strcmp(x->type, y->type)) || (d = x->mode_rank - y->mode_rank) || (d = strcmp(x->mode, y->mode)) ||
        (d = x->fn_rank - y->fn_rank))
        return d;
    return strcmp(x->fn, y->fn);
}

/* Peers (implementations not in the registry) rank after the registry, in the order seen. */
static int impl_rank(const char *impl, const char ***peers, size_t *peer_count)
{
    const struct implementation *known = implementation_find(impl);
    if (known)
        for (size_t i = 0; i < implementation_count; i++)
            if (implementations[i] == known)
                return (int)i;
    for (size_t i = 0; i < *peer_count; i++)
        if (strcmp((*peers)[i], impl) == 0)
            return (int)(implementation_count + i);
    *peers = realloc(*peers, (*peer_count + 1) * sizeof **peers);
    (*peers)[*peer_count] = impl;
    return (int)(implementation_count + (*peer_count)++);
}

static int add_runs(struct report *report, const char *path, json_t *document, const char ***peers,
                    size_t *peer_count, char *error, size_t size)
{
    static const char *const modes[] = {"native", "opmath", "internal"};
    static const char *const functions[] = {"loss", "grad"};
    json_t *runs = json_object_get(document, "runs");
    if (!json_is_array(runs))
        return fail(error, size, "%s: 'runs' missing or not a list", path);
    size_t index;
    json_t *run;
    json_array_foreach(runs, index, run) {
        if (!json_is_object(run))
            return fail(error, size, "%s: runs[%zu]: not an object", path, index);
        const char *keys[] = {"impl", "type", "mode", "fn"};
        for (int k = 0; k < 4; k++)
            if (!string_field(run, keys[k]))
                return fail(error, size, "%s: runs[%zu]: '%s' missing or not a string", path, index, keys[k]);
        struct report_stats stats;
        char reason[256];
        if (run_stats(run, &stats, reason, sizeof reason) != 0)
            return fail(error, size, "%s: runs[%zu]: %s", path, index, reason);
        const char *impl = string_field(run, "impl"), *type = string_field(run, "type"),
                   *mode = string_field(run, "mode"), *fn = string_field(run, "fn");
        struct report_row *row = NULL;
        for (size_t r = 0; r < report->row_count && !row; r++) {
            struct report_row *candidate = &report->rows[r];
            if (!strcmp(candidate->impl, impl) && !strcmp(candidate->type, type) && !strcmp(candidate->mode, mode) &&
                !strcmp(candidate->fn, fn))
                row = candidate;
        }
        if (!row) {
            report->rows = realloc(report->rows, (report->row_count + 1) * sizeof *report->rows);
            row = &report->rows[report->row_count++];
            *row = (struct report_row){.impl = impl, .type = type, .mode = mode, .fn = fn,
                                       .impl_rank = impl_rank(impl, peers, peer_count),
                                       .type_rank = type_rank(type), .mode_rank = rank_of(mode, modes, 3),
                                       .fn_rank = rank_of(fn, functions, 2), .peer = !implementation_find(impl)};
            row->stats = stats;
        } else {
            merge_stats(&row->stats, &stats);
        }
        row->runs = realloc(row->runs, (row->run_count + 1) * sizeof *row->runs);
        row->runs[row->run_count++] = run;
    }
    return 0;
}

static int check_bench(const char *path, json_t *document, json_t *all, char *error, size_t size)
{
    json_t *results = json_object_get(document, "results");
    if (!json_is_array(results))
        return fail(error, size, "%s: 'results' missing or not a list", path);
    size_t index;
    json_t *row;
    json_array_foreach(results, index, row) {
        const char *keys[] = {"impl", "type", "fn", "target"};
        for (int k = 0; k < 4; k++)
            if (!string_field(row, keys[k]))
                return fail(error, size, "%s: results[%zu]: '%s' missing or not a string", path, index, keys[k]);
        if (!json_is_integer(json_object_get(row, "threads")))
            return fail(error, size, "%s: results[%zu]: 'threads' missing or not an integer", path, index);
        if (!json_is_number(json_object_get(json_object_get(row, "gelem_per_s"), "median")))
            return fail(error, size, "%s: results[%zu]: 'gelem_per_s.median' missing or not a number", path, index);
        json_array_append(all, row);
    }
    return 0;
}

static int check_reduction(const char *path, json_t *document, json_t *all, char *error, size_t size)
{
    json_t *results = json_object_get(document, "results");
    if (!json_is_array(results))
        return fail(error, size, "%s: 'results' missing or not a list", path);
    size_t index;
    json_t *row;
    json_array_foreach(results, index, row) {
        if (!string_field(row, "strategy") || !string_field(row, "type"))
            return fail(error, size, "%s: results[%zu]: 'strategy' and 'type' must be strings", path, index);
        if (!json_is_number(json_object_get(row, "n")))
            return fail(error, size, "%s: results[%zu]: 'n' missing or not a number", path, index);
        json_array_append(all, row);
    }
    return 0;
}

enum input_kind { INPUT_RESULTS, INPUT_BENCH, INPUT_REDUCTION, INPUT_UNKNOWN };

static enum input_kind classify(const json_t *document)
{
    const char *schema = string_field(document, "schema");
    if (schema) {
        if (!strncmp(schema, "scebench-results", 16) || !strncmp(schema, "scebench-score", 14))
            return INPUT_RESULTS;
        if (!strncmp(schema, "scebench-bench", 14))
            return INPUT_BENCH;
        if (!strncmp(schema, "scebench-reduction", 18))
            return INPUT_REDUCTION;
        return INPUT_UNKNOWN;
    }
    if (json_is_array(json_object_get(document, "runs")))
        return INPUT_RESULTS;
    json_t *results = json_object_get(document, "results");
    if (json_is_array(results) && json_array_size(results) > 0 &&
        json_object_get(json_array_get(results, 0), "gelem_per_s"))
        return INPUT_BENCH;
    return INPUT_UNKNOWN;
}

static void append_input(struct report_input **list, size_t *count, const char *path, json_t *document)
{
    *list = realloc(*list, (*count + 1) * sizeof **list);
    (*list)[(*count)++] = (struct report_input){.path = path, .document = document};
}

int report_load(struct report *report, const char *const *paths, size_t path_count, char *error, size_t size)
{
    memset(report, 0, sizeof *report);
    report->bench_rows = json_array();
    report->reduction_rows = json_array();
    for (int s = 0; s < SECTION_COUNT; s++)
        report->notes[s] = json_array();
    const char **peers = NULL;
    size_t peer_count = 0;
    int status = 0;
    for (size_t i = 0; i < path_count && status == 0; i++) {
        json_error_t parse_error;
        json_t *document = json_load_file(paths[i], 0, &parse_error);
        if (!document) {
            if (parse_error.line < 0 || parse_error.position == 0)
                status = fail(error, size, "%s: cannot read: %s", paths[i], parse_error.text);
            else
                status = fail(error, size, "%s: not valid JSON (line %d, column %d): %s", paths[i], parse_error.line,
                              parse_error.column, parse_error.text);
            break;
        }
        if (!json_is_object(document)) {
            json_decref(document);
            status = fail(error, size, "%s: expected a JSON object", paths[i]);
            break;
        }
        switch (classify(document)) {
        case INPUT_RESULTS:
            append_input(&report->results, &report->results_count, paths[i], document);
            status = add_runs(report, paths[i], document, &peers, &peer_count, error, size);
            break;
        case INPUT_BENCH:
            append_input(&report->benches, &report->bench_count, paths[i], document);
            status = check_bench(paths[i], document, report->bench_rows, error, size);
            break;
        case INPUT_REDUCTION:
            append_input(&report->reductions, &report->reduction_count, paths[i], document);
            status = check_reduction(paths[i], document, report->reduction_rows, error, size);
            break;
        default: {
            const char *schema = string_field(document, "schema");
            status = fail(error, size,
                          "%s: not a scebench results, bench or reduction file (schema '%s'; accepted: "
                          "scebench-results/1, scebench-bench/1, scebench-reduction/1)",
                          paths[i], schema ? schema : "none");
            json_decref(document);
        }
        }
    }
    free(peers);
    if (status == 0 && report->results_count == 0)
        status = fail(error, size, "no results file given (a file written by `scebench sweep -o`)");
    if (status == 0 && report->row_count == 0)
        status = fail(error, size, "%s: no runs", report->results[0].path);
    if (status == 0)
        qsort(report->rows, report->row_count, sizeof *report->rows, compare_rows);
    return status;
}

void report_free(struct report *report)
{
    for (size_t i = 0; i < report->row_count; i++)
        free(report->rows[i].runs);
    free(report->rows);
    struct report_input *lists[] = {report->results, report->benches, report->reductions};
    size_t counts[] = {report->results_count, report->bench_count, report->reduction_count};
    for (int l = 0; l < 3; l++) {
        for (size_t i = 0; i < counts[l]; i++)
            json_decref(lists[l][i].document);
        free(lists[l]);
    }
    json_decref(report->bench_rows);
    json_decref(report->reduction_rows);
    for (int s = 0; s < SECTION_COUNT; s++)
        json_decref(report->notes[s]);
    free(report->plots);
    memset(report, 0, sizeof *report);
}
