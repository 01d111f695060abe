/* scebench reduce [--suite reduction|weighted|caffe-layer] [-t TYPE,..] [--max-n N] [--seed N]
 *                 [--threads N] [--progress] [-o results.json]
 *
 * The reduced loss: summation strategies for the mean at scale (reduction), pos_weight and
 * per-element weights (weighted), Caffe's loss layer (caffe-layer).  Prints a table and writes
 * the results file (schema scebench-reduction/1) atomically. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "reduction.h"
#include "reduction_caffe.h"
#include "results.h"
#include "weighted.h"

static const char *const command = "reduce";

enum reduce_suite { REDUCE_REDUCTION, REDUCE_WEIGHTED, REDUCE_CAFFE_LAYER, REDUCE_SUITE_COUNT };
static const char *const reduce_suite_name[REDUCE_SUITE_COUNT] = {"reduction", "weighted", "caffe-layer"};

/* The formats each suite runs, and its default list. */
static const unsigned suite_formats[REDUCE_SUITE_COUNT] = {
    (1u << FORMAT_F32) | (1u << FORMAT_F16) | (1u << FORMAT_BF16),
    (1u << FORMAT_F64) | (1u << FORMAT_F32),
    (1u << FORMAT_F64) | (1u << FORMAT_F32),
};
static const char *const suite_default_types[REDUCE_SUITE_COUNT] = {"f32,f16,bf16", "f64,f32", "f32,f64"};

#define MAX_N_LIMIT UINT64_C(10000000000) /* 10^10 */
#define DEFAULT_MAX_N UINT64_C(1000000000)

struct reduce_options {
    int suite;
    enum format formats[FORMAT_COUNT];
    int format_count;
    uint64_t max_n;
    uint64_t seed;
    int threads;
    int progress;
    const char *output;
};

static void parse_options(int argc, char **argv, struct reduce_options *options)
{
    const char *suite = "reduction", *types = NULL;
    *options = (struct reduce_options){.max_n = DEFAULT_MAX_N, .seed = 1, .threads = omp_get_num_procs(),
                                       .progress = isatty(2)};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--suite") == 0)
            suite = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "-t") == 0 || strcmp(a, "--type") == 0)
            types = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--max-n") == 0)
            options->max_n = cli_unsigned(command, a, cli_value(command, argc, argv, &i), MAX_N_LIMIT);
        else if (strcmp(a, "--seed") == 0)
            options->seed = cli_unsigned(command, a, cli_value(command, argc, argv, &i), UINT64_MAX);
        else if (strcmp(a, "--threads") == 0)
            options->threads = (int)cli_unsigned(command, a, cli_value(command, argc, argv, &i), 4096);
        else if (strcmp(a, "--progress") == 0)
            options->progress = 1;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            options->output = cli_value(command, argc, argv, &i);
        else
            cli_fail(command, "unknown option '%s' (accepted: --suite, -t, --max-n, --seed, --threads, --progress, -o)",
                     a);
    }
    options->suite = -1;
    for (int s = 0; s < REDUCE_SUITE_COUNT; s++)
        if (strcmp(suite, reduce_suite_name[s]) == 0)
            options->suite = s;
    if (options->suite < 0)
        cli_fail(command, "--suite: unknown suite '%s' (accepted: reduction, weighted, caffe-layer)", suite);
    if (!types)
        types = suite_default_types[options->suite];
    options->format_count = cli_formats(command, "-t", strcmp(types, "all") == 0 ? suite_default_types[options->suite]
                                                                                 : types,
                                        options->formats);
    for (int f = 0; f < options->format_count; f++)
        if (!((suite_formats[options->suite] >> options->formats[f]) & 1u))
            cli_fail(command, "-t: the %s suite runs %s, not %s", reduce_suite_name[options->suite],
                     suite_default_types[options->suite], format_info[options->formats[f]].name);
    for (int f = 0; f < options->format_count; f++)
        for (int g = 0; g < f; g++)
            if (options->formats[f] == options->formats[g])
                cli_fail(command, "-t: %s given twice", format_info[options->formats[f]].name);
    if (options->max_n == 0)
        cli_fail(command, "--max-n: expected an integer from 1 to %llu, got 0", (unsigned long long)MAX_N_LIMIT);
    if (options->threads == 0)
        cli_fail(command, "--threads: expected at least 1");
}

static char *joined_command_line(int argc, char **argv)
{
    size_t length = strlen("scebench reduce") + 1;
    for (int i = 0; i < argc; i++)
        length += strlen(argv[i]) + 1;
    char *text = malloc(length);
    if (!text)
        return NULL;
    strcpy(text, "scebench reduce");
    for (int i = 0; i < argc; i++) {
        strcat(text, " ");
        strcat(text, argv[i]);
    }
    return text;
}

int command_reduce(int argc, char **argv)
{
    struct reduce_options options;
    char error[512];
    parse_options(argc, argv, &options);
    if (options.output && atomic_output_open(options.output, error, sizeof error) != 0)
        cli_fail(command, "-o: %s", error);
    omp_set_num_threads(options.threads);
    char *command_line = joined_command_line(argc, argv);
    const char *line = command_line ? command_line : "scebench reduce";
    json_t *document = NULL;
    if (options.suite == REDUCE_REDUCTION) {
        struct reduction_request request = {.format_count = options.format_count, .max_n = options.max_n,
                                            .seed = options.seed, .threads = options.threads,
                                            .progress = options.progress};
        memcpy(request.formats, options.formats, sizeof request.formats);
        struct reduction_result result;
        reduction_execute(&request, &result);
        reduction_print(&result);
        if (options.output)
            document = reduction_json(&request, &result, line);
        reduction_result_free(&result);
    } else if (options.suite == REDUCE_WEIGHTED) {
        struct weighted_request request = {.format_count = options.format_count, .seed = options.seed,
                                           .threads = options.threads, .progress = options.progress};
        memcpy(request.formats, options.formats, sizeof request.formats);
        struct weighted_result result;
        if (weighted_execute(&request, &result) != 0) {
            fprintf(stderr, "scebench reduce: out of memory building the suite\n");
            free(command_line);
            return 1;
        }
        weighted_print(&result);
        if (options.output)
            document = weighted_json(&request, &result, line);
        weighted_result_free(&result);
    } else {
        struct caffe_suite_request request = {.format_count = options.format_count, .max_count = options.max_n,
                                              .seed = options.seed, .threads = options.threads,
                                              .progress = options.progress};
        memcpy(request.formats, options.formats, sizeof request.formats);
        struct caffe_suite_result result;
        caffe_suite_execute(&request, &result);
        caffe_suite_print(&result);
        if (options.output)
            document = caffe_suite_json(&request, &result, line);
        caffe_suite_result_free(&result);
    }
    int status = 0;
    if (document) {
        if (atomic_output_commit(document, error, sizeof error) != 0) {
            fprintf(stderr, "scebench reduce: -o: %s\n", error);
            status = EXIT_USAGE;
        }
        json_decref(document);
    }
    free(command_line);
    return status;
}
