/* scebench score --inputs FILE --outputs FILE -t TYPE --fn loss|grad --name NAME
 *                [--mode native|opmath|internal] [--contract ULP] [--threads N] [-o results.json]
 *
 * The ULP statistics of outputs computed elsewhere (another library, a GPU, another language)
 * on inputs from `sweep --emit-inputs`: each value is measured against the MPFR reference as a
 * sweep measures an implementation, and the results file has the sweep's schema, one run per
 * target set of the inputs file (targets "given" when the file does not name them).  Layouts of
 * both files: harness/inputs_file.h. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "inputs_file.h"
#include "results.h"

static const char *const command = "score";

struct score_options {
    const char *inputs, *outputs, *name, *output;
    enum format format;
    int format_given;
    enum function function;
    int function_given;
    enum mode mode;
    double contract;
    int threads;
};

static void parse_options(int argc, char **argv, struct score_options *options)
{
    *options = (struct score_options){.mode = MODE_NATIVE, .threads = omp_get_num_procs()};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--inputs") == 0)
            options->inputs = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--outputs") == 0)
            options->outputs = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "-t") == 0 || strcmp(a, "--type") == 0) {
            options->format = cli_format(command, a, cli_value(command, argc, argv, &i));
            options->format_given = 1;
        } else if (strcmp(a, "--fn") == 0) {
            const char *text = cli_value(command, argc, argv, &i);
            if (strcmp(text, "loss") == 0)
                options->function = FUNCTION_LOSS;
            else if (strcmp(text, "grad") == 0)
                options->function = FUNCTION_GRAD;
            else
                cli_fail(command, "--fn: unknown function '%s' (accepted: loss, grad; one of them)", text);
            options->function_given = 1;
        } else if (strcmp(a, "--name") == 0)
            options->name = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--mode") == 0)
            options->mode = cli_mode(command, a, cli_value(command, argc, argv, &i));
        else if (strcmp(a, "--contract") == 0) {
            const char *text = cli_value(command, argc, argv, &i);
            char *end;
            options->contract = strtod(text, &end);
            if (*end != '\0' || end == text || !(options->contract > 0.0) || !isfinite(options->contract))
                cli_fail(command, "--contract: expected a positive number of ULP, got '%s'", text);
        } else if (strcmp(a, "--threads") == 0) {
            options->threads = (int)cli_unsigned(command, a, cli_value(command, argc, argv, &i), 4096);
            if (options->threads == 0)
                cli_fail(command, "--threads: expected at least 1");
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            options->output = cli_value(command, argc, argv, &i);
        else
            cli_fail(command, "unknown option '%s' (accepted: --inputs, --outputs, -t, --fn, --name, --mode, "
                              "--contract, --threads, -o)", a);
    }
    if (!options->inputs)
        cli_fail(command, "--inputs: missing (the file of `scebench sweep --emit-inputs`)");
    if (!options->outputs)
        cli_fail(command, "--outputs: missing (the values computed on the inputs, in the same layout)");
    if (!options->format_given)
        cli_fail(command, "-t: missing (the format of both files: f64, f32, f16 or bf16)");
    if (!options->function_given)
        cli_fail(command, "--fn: missing (loss or grad)");
    if (!options->name || !*options->name)
        cli_fail(command, "--name: missing (the name of the implementation that computed the outputs)");
}

/* Measures values [begin, end) of the inputs against the references, all threads. */
static void score_segment(const struct inputs_data *inputs, const double *outputs, size_t begin, size_t end,
                          enum function function, struct accumulator *total)
{
    accumulator_init(total);
    enum format format = inputs->format;
#pragma omp parallel
    {
        struct accumulator local;
        accumulator_init(&local);
#pragma omp for schedule(dynamic, 256) nowait
        for (size_t i = begin; i < end; i++) {
            struct exact_value exact;
            if (function == FUNCTION_LOSS)
                reference_loss(format, inputs->x[i], inputs->z[i], &exact);
            else
                reference_grad(format, inputs->x[i], inputs->z[i], &exact);
            accumulator_add(&local, inputs->x[i], inputs->z[i], outputs[i], exact.rounded,
                            measure(&exact, outputs[i]));
        }
        /* The merge is exact and order-independent (accumulator.h). */
#pragma omp critical(score_merge)
        accumulator_merge(total, &local);
    }
}

static void print_error(double error)
{
    if (error < 1e4)
        printf(" %9.4f", error);
    else
        printf(" %9.3g", error);
}

static void print_run(const struct sweep_run *run, const char *targets)
{
    const struct accumulator *a = &run->accumulator;
    printf("%-15s %-4s %-8s %-4s %-7s %9llu", run->impl->name, format_info[run->format].name, mode_name[run->mode],
           function_name[run->function], targets, (unsigned long long)a->points);
    print_error(a->max_ulp);
    print_error(accumulator_mean_ulp(a));
    printf(" %8llu %8llu %8llu %8llu %-8s", (unsigned long long)a->outcomes[OUTCOME_OVERFLOW],
           (unsigned long long)(a->outcomes[OUTCOME_NAN] + a->outcomes[OUTCOME_INF_MISMATCH]),
           (unsigned long long)a->outcomes[OUTCOME_FLUSH], (unsigned long long)a->outcomes[OUTCOME_SIGN],
           run_contract(run) == 0.0 ? "-" : run_contract_holds(run) ? "kept" : "BROKEN");
    if (a->worst_count > 0) {
        char x[40], z[40];
        hex_text(a->worst[0].x, x);
        hex_text(a->worst[0].z, z);
        printf("  %s %s", x, z);
    }
    putchar('\n');
}

static enum target_set target_set_of(const char *name)
{
    for (int t = 0; t < TARGETS_ALL; t++)
        if (strcmp(name, target_set_name[t]) == 0)
            return (enum target_set)t;
    return TARGETS_ALL; /* a name of the file's own ("given"): written as is */
}

static char *joined_command_line(int argc, char **argv)
{
    size_t length = strlen("scebench score") + 1;
    for (int i = 0; i < argc; i++)
        length += strlen(argv[i]) + 1;
    char *text = malloc(length);
    if (!text)
        return NULL;
    strcpy(text, "scebench score");
    for (int i = 0; i < argc; i++) {
        strcat(text, " ");
        strcat(text, argv[i]);
    }
    return text;
}

int command_score(int argc, char **argv)
{
    struct score_options options;
    char error[1024];
    parse_options(argc, argv, &options);
    if (options.output && atomic_output_open(options.output, error, sizeof error) != 0)
        cli_fail(command, "-o: %s", error);
    struct inputs_data inputs;
    if (inputs_read(options.inputs, options.format, &inputs, error, sizeof error) != 0)
        cli_fail(command, "--inputs: %s", error);
    double *outputs;
    if (outputs_read(options.outputs, options.format, inputs.count, &outputs, error, sizeof error) != 0)
        cli_fail(command, "--outputs: %s", error);

    /* The implementation that computed the outputs, as the results schema names it. */
    struct implementation given = {.name = options.name, .family = "given", .formula = "(outputs file)",
                                   .gradient = "(outputs file)", .origin = options.outputs, .weaknesses = ""};
    given.contract[options.format][options.function] = options.contract;

    omp_set_num_threads(options.threads);
    struct sweep_result result = {0};
    result.runs = calloc((size_t)inputs.segment_count, sizeof *result.runs);
    if (!result.runs) {
        fprintf(stderr, "scebench score: out of memory\n");
        return 1;
    }
    double start = monotonic_seconds();
    size_t begin = 0;
    printf("%-15s %-4s %-8s %-4s %-7s %9s %9s %9s %8s %8s %8s %8s %-8s  %s\n", "impl", "type", "mode", "fn",
           "targets", "points", "max_ulp", "mean_ulp", "overflow", "nan", "flush", "sign", "contract",
           "worst input (x z)");
    for (int s = 0; s < inputs.segment_count; s++) {
        struct sweep_run *run = &result.runs[result.run_count++];
        memset(run, 0, sizeof *run);
        run->impl = &given;
        run->format = options.format;
        run->mode = options.mode;
        run->function = options.function;
        run->targets = target_set_of(inputs.segments[s].name);
        size_t end = begin + inputs.segments[s].count;
        score_segment(&inputs, outputs, begin, end, options.function, &run->accumulator);
        print_run(run, inputs.segments[s].name);
        begin = end;
    }
    double seconds = monotonic_seconds() - start;
    printf("%zu values scored in %.1f s (%d threads)\n", inputs.count, seconds, options.threads);

    int status = 0;
    if (options.output) {
        struct sweep_request request = {.impls = {&given}, .impl_count = 1, .formats = {options.format},
                                        .format_count = 1, .suite = suite_from_name("quick"), .seed = inputs.seed,
                                        .random_count = (size_t)inputs.random_count, .threads = options.threads};
        request.functions[options.function] = 1;
        request.reference = REFERENCE_MPFR; /* score evaluates every reference with MPFR */
        int suite = *inputs.suite ? suite_from_name(inputs.suite) : -1;
        if (suite >= 0)
            request.suite = suite;
        char *command_line = joined_command_line(argc, argv);
        json_t *document = results_json(&request, &result, command_line ? command_line : "scebench score");
        /* What results_json cannot know: the suite of the file ("given" when it names none), its
         * target sets, the files scored. */
        json_object_set_new(document, "suite", json_string(*inputs.suite ? inputs.suite : "given"));
        if (!*inputs.suite)
            json_object_set_new(document, "seed", json_null());
        json_t *targets = json_array(), *runs = json_object_get(document, "runs");
        for (int s = 0; s < inputs.segment_count; s++) {
            json_array_append_new(targets, json_string(inputs.segments[s].name));
            json_t *run = json_array_get(runs, (size_t)s);
            if (run)
                json_object_set_new(run, "targets", json_string(inputs.segments[s].name));
        }
        json_object_set_new(document, "targets", targets);
        json_object_set_new(document, "timing",
                            json_pack("{s:f, s:I, s:f, s:i}", "seconds", seconds, "points", (json_int_t)inputs.count,
                                      "points_per_second", (double)inputs.count / (seconds > 0 ? seconds : 1e-9),
                                      "threads", options.threads));
        json_object_set_new(document, "scored",
                            json_pack("{s:s, s:s}", "inputs", options.inputs, "outputs", options.outputs));
        if (atomic_output_commit(document, error, sizeof error) != 0) {
            fprintf(stderr, "scebench score: -o: %s\n", error);
            status = EXIT_USAGE;
        }
        json_decref(document);
        free(command_line);
    }
    free(result.runs);
    free(outputs);
    inputs_data_free(&inputs);
    return status;
}
