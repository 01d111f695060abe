/* scebench eval -i IMPL -t TYPE [--mode MODE] [--json] X Z
 * scebench eval -i IMPL -t TYPE [--mode MODE] [--json] --points FILE   ("-": stdin)
 *
 * One point at a time: the implementation's loss and gradient, the correctly rounded
 * reference and the ULP error against the exact value.  X and Z are decimal or C99 hex
 * floats, read with MPFR and rounded once to TYPE. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "metric.h"
#include "results.h"

static const char *const command = "eval";

struct eval_setup {
    const struct implementation *impl;
    enum format format;
    enum mode mode;
    int json;
};

struct evaluated {
    double got;
    struct exact_value exact;
    struct measurement measurement;
};

static void evaluate_function(const struct eval_setup *setup, enum function function, double x, double z,
                              struct evaluated *result)
{
    kernel_fn *kernel = implementation_kernel(setup->impl, setup->format, setup->mode, function);
    result->got = kernel ? evaluate_point(kernel, setup->format, x, z) : NAN;
    if (function == FUNCTION_LOSS)
        reference_loss(setup->format, x, z, &result->exact);
    else
        reference_grad(setup->format, x, z, &result->exact);
    result->measurement = measure(&result->exact, result->got);
}

static void print_json(const struct eval_setup *setup, double x, double z, const struct evaluated results[])
{
    json_t *object = json_object();
    json_object_set_new(object, "impl", json_string(setup->impl->name));
    json_object_set_new(object, "type", json_string(format_info[setup->format].name));
    json_object_set_new(object, "mode", json_string(mode_name[setup->mode]));
    json_object_set_new(object, "x", hex_float_json(x));
    json_object_set_new(object, "z", hex_float_json(z));
    for (int f = 0; f < FUNCTION_COUNT; f++) {
        json_t *entry = json_object();
        json_object_set_new(entry, "got", hex_float_json(results[f].got));
        json_object_set_new(entry, "exact", hex_float_json(results[f].exact.rounded));
        json_object_set_new(entry, "ulp", ulp_error_json(results[f].measurement.ulp_error));
        json_object_set_new(entry, "class", json_string(outcome_name[results[f].measurement.outcome]));
        json_object_set_new(object, function_name[f], entry);
    }
    char *text = json_dumps(object, JSON_COMPACT | JSON_REAL_PRECISION(17));
    puts(text);
    free(text);
    json_decref(object);
}

static void print_table(const struct eval_setup *setup, double x, double z, const struct evaluated results[])
{
    char x_hex[40], z_hex[40];
    hex_text(x, x_hex);
    hex_text(z, z_hex);
    printf("%s %s (%s)  x = %s (%.9g)  z = %s (%.9g)\n", setup->impl->name, format_info[setup->format].name,
           mode_name[setup->mode], x_hex, x, z_hex, z);
    printf("  %-5s %-26s %-26s %14s  %s\n", "fn", "got", "exact (correctly rounded)", "ulp error", "class");
    for (int f = 0; f < FUNCTION_COUNT; f++) {
        char got[40], exact[40];
        hex_text(results[f].got, got);
        hex_text(results[f].exact.rounded, exact);
        printf("  %-5s %-26s %-26s %14.6g  %s\n", function_name[f], got, exact,
               results[f].measurement.ulp_error, outcome_name[results[f].measurement.outcome]);
        printf("  %-5s %-26.9g %-26.9g\n", "", results[f].got, results[f].exact.rounded);
    }
}

static void evaluate_and_print(const struct eval_setup *setup, double x, double z)
{
    if (!(z >= 0.0 && z <= 1.0) && !isnan(z)) {
        char z_hex[40];
        hex_text(z, z_hex);
        fprintf(stderr, "scebench eval: warning: z = %s is outside [0,1]; evaluated anyway\n", z_hex);
    }
    struct evaluated results[FUNCTION_COUNT];
    for (int f = 0; f < FUNCTION_COUNT; f++)
        evaluate_function(setup, (enum function)f, x, z, &results[f]);
    if (setup->json)
        print_json(setup, x, z, results);
    else
        print_table(setup, x, z, results);
}

static double parse_number(enum format format, const char *what, const char *text)
{
    double value;
    if (reference_parse(format, text, &value) != 0)
        cli_fail(command, "%s: not a number: '%s' (decimal or C99 hex float, inf, nan)", what, text);
    return value;
}

/* Reads every line first, so that a bad line fails before anything is printed. */
static void evaluate_points_file(const struct eval_setup *setup, const char *path)
{
    FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!file)
        cli_fail(command, "--points: cannot open '%s'", path);
    size_t count = 0, capacity = 0;
    double *values = NULL;
    char line[512];
    for (size_t number = 1; fgets(line, sizeof line, file); number++) {
        char x_text[256], z_text[256], extra[2];
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        int fields = sscanf(line, "%255s %255s %1s", x_text, z_text, extra);
        if (fields <= 0)
            continue;
        if (fields != 2)
            cli_fail(command, "--points: line %zu: expected \"X Z\"", number);
        if (count + 2 > capacity) {
            capacity = capacity ? 2 * capacity : 256;
            values = realloc(values, capacity * sizeof *values);
            if (!values)
                cli_fail(command, "--points: out of memory");
        }
        char where[64];
        snprintf(where, sizeof where, "--points line %zu: X", number);
        values[count++] = parse_number(setup->format, where, x_text);
        snprintf(where, sizeof where, "--points line %zu: Z", number);
        values[count++] = parse_number(setup->format, where, z_text);
    }
    if (file != stdin)
        fclose(file);
    for (size_t i = 0; i < count; i += 2)
        evaluate_and_print(setup, values[i], values[i + 1]);
    free(values);
}

int command_eval(int argc, char **argv)
{
    struct eval_setup setup = {0};
    const char *impl_name = NULL, *type_name = NULL, *mode_text = NULL, *points_path = NULL;
    const char *numbers[2];
    int number_count = 0, options_done = 0;
    for (int i = 0; i < argc; i++) {
        const char *argument = argv[i];
        if (options_done || cli_is_number(argument) || argument[0] != '-') {
            if (number_count == 2)
                cli_fail(command, "unexpected argument '%s' (expected X Z)", argument);
            numbers[number_count++] = argument;
        } else if (strcmp(argument, "--") == 0) {
            options_done = 1;
        } else if (strcmp(argument, "-i") == 0 || strcmp(argument, "--impl") == 0) {
            impl_name = cli_value(command, argc, argv, &i);
        } else if (strcmp(argument, "-t") == 0 || strcmp(argument, "--type") == 0) {
            type_name = cli_value(command, argc, argv, &i);
        } else if (strcmp(argument, "--mode") == 0) {
            mode_text = cli_value(command, argc, argv, &i);
        } else if (strcmp(argument, "--points") == 0) {
            points_path = cli_value(command, argc, argv, &i);
        } else if (strcmp(argument, "--json") == 0) {
            setup.json = 1;
        } else {
            cli_fail(command, "unknown option '%s' (accepted: -i IMPL, -t TYPE, --mode MODE, --json, --points FILE)",
                     argument);
        }
    }
    if (!impl_name)
        cli_fail(command, "-i: missing implementation (see scebench list)");
    if (!type_name)
        cli_fail(command, "-t: missing format (accepted: f64, f32, f16, bf16)");
    setup.impl = cli_implementation(command, "-i", impl_name);
    setup.format = cli_format(command, "-t", type_name);
    if (mode_text) {
        setup.mode = cli_mode(command, "--mode", mode_text);
        if (!setup.impl->kernels[setup.format][setup.mode].loss)
            cli_fail(command, "--mode: %s has no %s mode for %s", setup.impl->name, mode_text, type_name);
    } else if (implementation_default_mode(setup.impl, setup.format, &setup.mode) != 0) {
        cli_fail(command, "-t: %s has no kernel for %s", setup.impl->name, type_name);
    }
    if (points_path) {
        if (number_count != 0)
            cli_fail(command, "--points: X Z given as well as a points file");
        evaluate_points_file(&setup, points_path);
        return 0;
    }
    if (number_count != 2)
        cli_fail(command, "expected X and Z (or --points FILE)");
    double x = parse_number(setup.format, "X", numbers[0]);
    double z = parse_number(setup.format, "Z", numbers[1]);
    evaluate_and_print(&setup, x, z);
    return 0;
}
