/* scebench sweep [-i IMPL,..] [-t TYPE,..] [--fn loss,grad] [--suite NAME] [--targets SET]
 *                [--seed N] [--count N] [--threads N] [--progress] [-o results.json]
 *
 * Runs a suite over implementations and formats against the MPFR references, prints the
 * summary table (implementation x format x mode x function, over all target sets) and
 * writes the results file atomically. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "results.h"

static const char *const command = "sweep";

static void parse_options(int argc, char **argv, struct sweep_request *request, const char **output)
{
    const char *impls = "all", *types = "all", *functions = "loss,grad", *suite = "extreme", *targets = "all";
    *request = (struct sweep_request){.seed = 1, .random_count = 10000, .threads = omp_get_num_procs(),
                                      .progress = isatty(2)};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-i") == 0 || strcmp(a, "--impl") == 0)
            impls = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "-t") == 0 || strcmp(a, "--type") == 0)
            types = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--fn") == 0)
            functions = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--suite") == 0)
            suite = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--targets") == 0)
            targets = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--seed") == 0)
            request->seed = cli_unsigned(command, a, cli_value(command, argc, argv, &i), UINT64_MAX);
        else if (strcmp(a, "--count") == 0)
            request->random_count = cli_unsigned(command, a, cli_value(command, argc, argv, &i), 1u << 30);
        else if (strcmp(a, "--threads") == 0)
            request->threads = (int)cli_unsigned(command, a, cli_value(command, argc, argv, &i), 4096);
        else if (strcmp(a, "--progress") == 0)
            request->progress = 1;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            *output = cli_value(command, argc, argv, &i);
        else
            cli_fail(command, "unknown option '%s' (accepted: -i, -t, --fn, --suite, --targets, --seed, --count, "
                              "--threads, --progress, -o)", a);
    }
    request->impl_count = cli_implementations(command, "-i", impls, request->impls);
    request->format_count = cli_formats(command, "-t", types, request->formats);
    cli_functions(command, "--fn", functions, request->functions);
    request->target_count = cli_target_sets(command, "--targets", targets, request->target_sets);
    request->suite = suite_from_name(suite);
    if (request->suite < 0)
        cli_fail(command, "--suite: unknown suite '%s' (accepted: %s)", suite, suite_names());
    if (request->threads == 0)
        cli_fail(command, "--threads: expected at least 1");
}

static int same_row(const struct sweep_run *a, const struct sweep_run *b)
{
    return a->impl == b->impl && a->format == b->format && a->mode == b->mode && a->function == b->function;
}

static void print_error(double error)
{
    if (error < 1e4)
        printf(" %9.4f", error);
    else
        printf(" %9.3g", error);
}

/* One row per implementation, format, mode and function, merged over the target sets. */
static void print_summary(const struct sweep_result *result)
{
    printf("%-15s %-4s %-8s %-4s %9s %9s %9s %8s %8s %8s %8s %-8s  %s\n", "impl", "type", "mode", "fn",
           "points", "max_ulp", "mean_ulp", "overflow", "nan", "flush", "sign", "contract", "worst input (x z)");
    for (size_t i = 0; i < result->run_count; i++) {
        int first = 1;
        for (size_t j = 0; j < i && first; j++)
            first = !same_row(&result->runs[j], &result->runs[i]);
        if (!first)
            continue;
        struct accumulator row;
        accumulator_init(&row);
        int holds = 1;
        for (size_t j = i; j < result->run_count; j++)
            if (same_row(&result->runs[j], &result->runs[i])) {
                accumulator_merge(&row, &result->runs[j].accumulator);
                holds = holds && run_contract_holds(&result->runs[j]);
            }
        const struct sweep_run *run = &result->runs[i];
        printf("%-15s %-4s %-8s %-4s %9llu", run->impl->name, format_info[run->format].name, mode_name[run->mode],
               function_name[run->function], (unsigned long long)row.points);
        print_error(row.max_ulp);
        print_error(accumulator_mean_ulp(&row));
        printf(" %8llu %8llu %8llu %8llu %-8s", (unsigned long long)row.outcomes[OUTCOME_OVERFLOW],
               (unsigned long long)(row.outcomes[OUTCOME_NAN] + row.outcomes[OUTCOME_INF_MISMATCH]),
               (unsigned long long)row.outcomes[OUTCOME_FLUSH], (unsigned long long)row.outcomes[OUTCOME_SIGN],
               run_contract(run) == 0.0 ? "-" : holds ? "kept" : "BROKEN");
        if (row.worst_count > 0) {
            char x[40], z[40];
            hex_text(row.worst[0].x, x);
            hex_text(row.worst[0].z, z);
            printf("  %s %s", x, z);
        }
        putchar('\n');
    }
}

static char *joined_command_line(int argc, char **argv)
{
    size_t length = strlen("scebench sweep") + 1;
    for (int i = 0; i < argc; i++)
        length += strlen(argv[i]) + 1;
    char *text = malloc(length);
    if (!text)
        return NULL;
    strcpy(text, "scebench sweep");
    for (int i = 0; i < argc; i++) {
        strcat(text, " ");
        strcat(text, argv[i]);
    }
    return text;
}

int command_sweep(int argc, char **argv)
{
    struct sweep_request request;
    const char *output = NULL;
    char error[512];
    parse_options(argc, argv, &request, &output);
    if (output && atomic_output_open(output, error, sizeof error) != 0)
        cli_fail(command, "-o: %s", error);
    struct sweep_result result;
    if (sweep_execute(&request, &result) != 0) {
        fprintf(stderr, "scebench sweep: out of memory building the suite\n");
        return 1;
    }
    print_summary(&result);
    printf("%llu values measured in %.1f s (%.3g per second, %d threads); reference: %llu values, %.3g per second\n",
           (unsigned long long)result.measured_values, result.seconds,
           (double)result.measured_values / (result.seconds > 0 ? result.seconds : 1e-9), request.threads,
           (unsigned long long)result.reference_values,
           (double)result.reference_values / (result.reference_seconds > 0 ? result.reference_seconds : 1e-9));
    int status = 0;
    if (output) {
        char *command_line = joined_command_line(argc, argv);
        json_t *document = results_json(&request, &result, command_line ? command_line : "scebench sweep");
        if (atomic_output_commit(document, error, sizeof error) != 0) {
            fprintf(stderr, "scebench sweep: -o: %s\n", error);
            status = EXIT_USAGE;
        }
        json_decref(document);
        free(command_line);
    }
    sweep_result_free(&result);
    return status;
}
