#define _DEFAULT_SOURCE
/* scebench sweep [-i IMPL,..] [-t TYPE,..] [--fn loss,grad] [--suite NAME] [--targets SET]
 *                [--seed N] [--count N] [--range LO:HI] [--reference fast|mpfr] [--threads N]
 *                [--progress] [--checkpoint FILE [--checkpoint-seconds S]] [--resume FILE]
 *                [--harvest] [--no-profiles] [-o results.json] [--plugin PATH.so:SYMBOL]
 *                [--emit-inputs FILE] [--target cpu|cuda]
 *
 * Runs a suite over implementations and formats against the references, prints the summary
 * table (implementation x format x mode x function, over all target sets) and writes the
 * results file atomically.  Under mpirun or srun the ranks share the points and rank 0 writes. */
#include <ctype.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "parallel.h"
#include "results.h"
#include "worst_search.h"

static const char *const command = "sweep";
static const char *emit_inputs_path; /* --emit-inputs: write the inputs instead of evaluating */

static int suite_of(const char *name)
{
    if (strcmp(name, "exhaustive") == 0)
        return SUITE_EXHAUSTIVE;
    if (strcmp(name, "worst") == 0)
        return SUITE_WORST;
    int suite = suite_from_name(name);
    if (suite < 0)
        cli_fail(command, "--suite: unknown suite '%s' (accepted: %s, exhaustive, worst)", name, suite_names());
    return suite;
}

/* hard, soft, random, all, every, or a list of numbers (the given targets). */
static void parse_targets(const char *text, struct sweep_request *request)
{
    if (isdigit((unsigned char)text[0]) || text[0] == '.') {
        char *copy = strdup(text), *rest = copy, *item;
        while ((item = strsep(&rest, ",")) != NULL) {
            char *end;
            double value = strtod(item, &end);
            if (*item == '\0' || *end != '\0' || !(value >= 0.0 && value <= 1.0))
                cli_fail(command, "--targets: '%s' is not a target in [0,1]", item);
            if (request->given_target_count == SWEEP_MAX_CUSTOM_TARGETS)
                cli_fail(command, "--targets: at most %d given targets", SWEEP_MAX_CUSTOM_TARGETS);
            request->given_targets[request->given_target_count++] = value;
        }
        free(copy);
        request->target_sets[0] = TARGETS_GIVEN;
        request->target_count = 1;
        return;
    }
    if (strcmp(text, "every") == 0) {
        request->target_sets[0] = TARGETS_EVERY;
        request->target_count = 1;
        return;
    }
    enum target_set sets[TARGETS_ALL];
    request->target_count = cli_target_sets(command, "--targets", text, sets);
    for (int i = 0; i < request->target_count; i++)
        request->target_sets[i] = sets[i];
}

static void parse_range(const char *text, struct sweep_request *request)
{
    char *end;
    unsigned long long low = strtoull(text, &end, 0);
    if (end == text || *end != ':')
        cli_fail(command, "--range: expected LO:HI (bit patterns of x, e.g. 0:0x80000000), got '%s'", text);
    const char *second = end + 1;
    unsigned long long high = strtoull(second, &end, 0);
    if (end == second || *end != '\0' || high <= low)
        cli_fail(command, "--range: expected LO:HI with LO < HI, got '%s'", text);
    request->has_range = 1;
    request->range_low = low;
    request->range_high = high;
}

static void check_request(const struct sweep_request *request)
{
    if (request->threads == 0)
        cli_fail(command, "--threads: expected at least 1");
    if (request->suite == SUITE_EXHAUSTIVE)
        for (int f = 0; f < request->format_count; f++)
            if (request->formats[f] == FORMAT_F64)
                cli_fail(command, "-t: the exhaustive suite enumerates f32, f16 and bf16, not f64");
    if (request->has_range && request->suite != SUITE_EXHAUSTIVE)
        cli_fail(command, "--range: only the exhaustive suite has ranges of bit patterns");
    if (request->resume_path && !request->checkpoint_path)
        cli_fail(command, "--resume: give --checkpoint too (where the continued run saves itself)");
    if (request->harvest && (!request->resume_path || request->suite != SUITE_EXHAUSTIVE))
        cli_fail(command, "--harvest: needs --resume FILE of an exhaustive sweep");
}

static void parse_options(int argc, char **argv, struct sweep_request *request, const char **output)
{
    const char *impls = "all", *types = "all", *functions = "loss,grad", *suite = "extreme", *targets = NULL;
    *request = (struct sweep_request){.seed = 1, .random_count = 10000, .threads = parallel_core_count(),
                                      .progress = isatty(2), .checkpoint_seconds = 5.0, .ranks = 1};
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
        else if (strcmp(a, "--range") == 0)
            parse_range(cli_value(command, argc, argv, &i), request);
        else if (strcmp(a, "--reference") == 0) {
            const char *tier = cli_value(command, argc, argv, &i);
            if (strcmp(tier, "fast") != 0 && strcmp(tier, "mpfr") != 0)
                cli_fail(command, "--reference: unknown tier '%s' (accepted: fast, mpfr)", tier);
            request->reference = strcmp(tier, "fast") == 0 ? REFERENCE_FAST : REFERENCE_MPFR;
        } else if (strcmp(a, "--threads") == 0)
            request->threads = (int)cli_unsigned(command, a, cli_value(command, argc, argv, &i), 4096);
        else if (strcmp(a, "--progress") == 0)
            request->progress = 1;
        else if (strcmp(a, "--checkpoint") == 0)
            request->checkpoint_path = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--checkpoint-seconds") == 0)
            request->checkpoint_seconds = (double)cli_unsigned(command, a, cli_value(command, argc, argv, &i), 86400);
        else if (strcmp(a, "--resume") == 0)
            request->resume_path = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--harvest") == 0)
            request->harvest = 1;
        else if (strcmp(a, "--no-profiles") == 0)
            request->no_profiles = 1;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            *output = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--emit-inputs") == 0)
            emit_inputs_path = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--plugin") == 0)
            plugin_load(command, cli_value(command, argc, argv, &i));
        else if (strcmp(a, "--target") == 0)
            cli_select_target(command, a, cli_value(command, argc, argv, &i));
        else
            cli_fail(command, "unknown option '%s' (accepted: -i, -t, --fn, --suite, --targets, --target, --seed, --count, "
                              "--range, --reference, --threads, --progress, --checkpoint, --checkpoint-seconds, "
                              "--resume, --harvest, --no-profiles, -o, --plugin, --emit-inputs)", a);
    }
    request->impl_count = plugin_implementations(command, "-i", impls, request->impls, SWEEP_MAX_IMPLEMENTATIONS);
    request->format_count = cli_formats(command, "-t", types, request->formats);
    cli_functions(command, "--fn", functions, request->functions);
    request->suite = suite_of(suite);
    parse_targets(targets ? targets : request->suite == SUITE_EXHAUSTIVE ? "hard" : "all", request);
    check_request(request);
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
    printf("%-15s %-4s %-8s %-4s %11s %9s %9s %8s %8s %8s %8s %-8s  %s\n", "impl", "type", "mode", "fn",
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
        printf("%-15s %-4s %-8s %-4s %11llu", run->impl->name, format_info[run->format].name, mode_name[run->mode],
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

static void print_timing(const struct sweep_result *result)
{
    const struct sweep_timing *t = &result->timing;
    double seconds = t->seconds > 0 ? t->seconds : 1e-9;
    printf("%llu values measured in %.1f s (%.3g per second; %d threads x %d ranks, %d cores)\n",
           (unsigned long long)t->measured_values, t->seconds, (double)t->measured_values / seconds, result->threads,
           result->ranks, result->cores_used);
    printf("time in the implementations' kernels %.1f core-s, in the harness (references, metric, accumulation) "
           "%.1f core-s: the harness adds %.0f%%\n",
           t->kernel_core_seconds, t->harness_core_seconds,
           100.0 * t->harness_core_seconds / (t->kernel_core_seconds > 0 ? t->kernel_core_seconds : 1e-9));
    if (t->repeated_values > 0)
        printf("%llu of the %llu measurements repeated those of another run with the same output in the block\n",
               (unsigned long long)t->repeated_values, (unsigned long long)t->measured_values);
    if (t->fast_tier_values > 0)
        printf("fast reference tier: %.3g values per core-second, %llu of %llu reference values fell back to MPFR "
               "(%.2g%%), %llu of %llu measurements\n",
               (double)t->fast_tier_values / (t->fast_tier_core_seconds > 0 ? t->fast_tier_core_seconds : 1e-9),
               (unsigned long long)t->reference_fallbacks, (unsigned long long)t->reference_values,
               100.0 * (double)t->reference_fallbacks / (double)(t->reference_values ? t->reference_values : 1),
               (unsigned long long)t->metric_fallbacks, (unsigned long long)t->measured_values);
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

static int write_results(const struct sweep_request *request, const struct sweep_result *result, int argc,
                         char **argv)
{
    char error[512];
    char *command_line = joined_command_line(argc, argv);
    json_t *document = results_json(request, result, command_line ? command_line : "scebench sweep");
    int status = 0;
    if (atomic_output_commit(document, error, sizeof error) != 0) {
        fprintf(stderr, "scebench sweep: -o: %s\n", error);
        status = EXIT_USAGE;
    }
    json_decref(document);
    free(command_line);
    return status;
}

int command_sweep(int argc, char **argv)
{
    struct sweep_request request;
    const char *output = NULL;
    char error[512];
    parse_options(argc, argv, &request, &output);
    if (emit_inputs_path)
        return sweep_emit_inputs(emit_inputs_path, &request);
    parallel_start(&request.rank, &request.ranks);
    if (request.rank != 0)
        output = NULL, request.progress = 0;
    if (output && atomic_output_open(output, error, sizeof error) != 0)
        cli_fail(command, "-o: %s", error);
    struct sweep_result result;
    int failed = request.suite == SUITE_WORST ? worst_search(&request, &result) : sweep_execute(&request, &result);
    if (failed != 0) {
        parallel_finish();
        return EXIT_USAGE;
    }
    result.ranks = request.ranks;
    int status = 0;
    if (result.interrupted) {
        if (request.rank == 0)
            fprintf(stderr, "scebench sweep: interrupted; checkpoint saved in %s; continue with --resume %s\n",
                    request.checkpoint_path, request.checkpoint_path);
        status = 130;
    } else if (request.rank == 0) {
        print_summary(&result);
        print_timing(&result);
        if (output)
            status = write_results(&request, &result, argc, argv);
    }
    sweep_result_free(&result);
    parallel_finish();
    return status;
}
