/* scebench bench --target cuda [-i cuda-accurate,cuda-fast] [-t TYPE,..]
 *                [--fn loss,grad,loss+grad,mean,mean+grad] [--sizes dram,N] [--reps N] [--warmup N]
 *                [--seed N] [--progress] [-o bench.json]
 *
 * Throughput of the CUDA kernels (impls/cuda, through cuda_device.h) on device-resident random
 * inputs.  Per format and size, in one run on the same data: the read-only roofline kernel
 * (CUDA_READ), then every variant and function, each repetition timed between two CUDA events
 * after untimed warm-up runs.  A row has the median, minimum and maximum milliseconds, Gelem/s
 * and GB/s at the median, the fraction of the read kernel's GB/s, for cuda-accurate the ratio of
 * its time to cuda-fast's, and for the mean its value and whether three runs gave the same bits.
 * Prints a table and writes bench.json (schema scebench-bench/1, "target": "cuda", the device
 * beside the host) atomically.  Without the CUDA part built or without a device: exit 2, no file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_cuda.h"
#include "cli.h"

static const char *const command = "bench";

#ifndef SCEBENCH_HAVE_CUDA

int bench_cuda(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_fail(command, "--target cuda: CUDA not built (this scebench was built without the CUDA part; "
                      "accepted here: cpu)");
}

#else

#include "bench.h"
#include "commands.h"
#include "cuda_device.h"
#include "results.h"

#define MAX_SIZES 16
#define DRAM_ELEMENTS ((size_t)1 << 28) /* x and z together larger than the L2 of any GPU */

static const char *const variant_name[CUDA_VARIANT_COUNT] = {[CUDA_ACCURATE] = "cuda-accurate",
                                                             [CUDA_FAST] = "cuda-fast"};

static const enum cuda_operation operation_of[BENCH_FUNCTION_COUNT] = {
    [BENCH_LOSS] = CUDA_LOSS, [BENCH_GRAD] = CUDA_GRAD, [BENCH_FUSED] = CUDA_FUSED,
    [BENCH_MEAN] = CUDA_MEAN, [BENCH_MEAN_GRAD] = CUDA_MEAN_GRAD, [BENCH_READ] = CUDA_READ};

struct cuda_size {
    char label[64];
    size_t elements;
};

struct cuda_options {
    int variants[CUDA_VARIANT_COUNT];
    enum format formats[FORMAT_COUNT];
    int format_count;
    int functions[BENCH_FUNCTION_COUNT];
    struct cuda_size sizes[MAX_SIZES];
    int size_count;
    int reps, warmup;
    uint64_t seed;
    int progress;
    const char *output;
};

struct cuda_row {
    int variant; /* -1: the read kernel of the roofline */
    enum format format;
    enum bench_function function;
    const struct cuda_size *size;
    double median, min, max;           /* milliseconds */
    double gb_per_s, roofline_fraction; /* at the median */
    double time_vs_fast;               /* cuda-accurate: its median time / cuda-fast's; else NaN */
    double mean;                       /* mean rows: the value of the last timed run */
    int deterministic;                 /* mean rows: the same bits in three runs */
};

struct cuda_rows {
    struct cuda_row *items;
    size_t count, capacity;
};

static struct cuda_row *rows_append(struct cuda_rows *rows)
{
    if (rows->count == rows->capacity) {
        rows->capacity = rows->capacity ? 2 * rows->capacity : 64;
        rows->items = realloc(rows->items, rows->capacity * sizeof *rows->items);
        if (!rows->items) {
            fprintf(stderr, "scebench bench: out of memory\n");
            exit(1);
        }
    }
    struct cuda_row *row = &rows->items[rows->count++];
    *row = (struct cuda_row){.variant = -1, .time_vs_fast = NAN, .mean = NAN, .roofline_fraction = NAN};
    return row;
}

/* ---- Options ---- */

static void parse_variants(const char *text, int *selected)
{
    memset(selected, 0, sizeof(int) * CUDA_VARIANT_COUNT);
    if (strcmp(text, "all") == 0) {
        for (int v = 0; v < CUDA_VARIANT_COUNT; v++)
            selected[v] = 1;
        return;
    }
    char items[2 * CUDA_VARIANT_COUNT][64];
    size_t count = cli_split_list(command, "-i", text, items, 2 * CUDA_VARIANT_COUNT);
    for (size_t i = 0; i < count; i++) {
        int v = 0;
        while (v < CUDA_VARIANT_COUNT && strcmp(items[i], variant_name[v]) != 0)
            v++;
        if (v == CUDA_VARIANT_COUNT)
            cli_fail(command, "-i: unknown implementation '%s' for --target cuda (accepted: cuda-accurate, "
                              "cuda-fast, all)", items[i]);
        selected[v] = 1;
    }
}

static void parse_sizes(const char *text, struct cuda_options *options)
{
    char items[MAX_SIZES][64];
    size_t count = cli_split_list(command, "--sizes", text, items, MAX_SIZES);
    for (size_t i = 0; i < count; i++) {
        size_t elements;
        if (strcmp(items[i], "dram") == 0)
            elements = DRAM_ELEMENTS;
        else if (items[i][0] >= '0' && items[i][0] <= '9')
            elements = (size_t)cli_unsigned(command, "--sizes", items[i], (uint64_t)1 << 40);
        else
            cli_fail(command, "--sizes: unknown size '%s' for --target cuda (accepted: dram = 2^28 elements, or a "
                              "number of elements)", items[i]);
        if (elements == 0)
            cli_fail(command, "--sizes: a size of 0 elements");
        int seen = 0;
        for (int s = 0; s < options->size_count; s++)
            seen = seen || options->sizes[s].elements == elements;
        if (seen)
            continue;
        struct cuda_size *size = &options->sizes[options->size_count++];
        snprintf(size->label, sizeof size->label, "%.63s", items[i]);
        size->elements = elements;
    }
}

static int parse_count(const char *option, const char *text, int least)
{
    int value = (int)cli_unsigned(command, option, text, 100000);
    if (value < least)
        cli_fail(command, "%s: at least %d for --target cuda, got %d", option, least, value);
    return value;
}

static void parse_options(int argc, char **argv, struct cuda_options *options)
{
    const char *variants = "all", *types = "f32,f16,bf16,f64", *functions = "loss,grad,loss+grad,mean,mean+grad";
    const char *sizes = "dram";
    *options = (struct cuda_options){.reps = 20, .warmup = 3, .seed = 1, .progress = isatty(2)};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-i") == 0 || strcmp(a, "--impl") == 0)
            variants = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "-t") == 0 || strcmp(a, "--type") == 0)
            types = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--fn") == 0)
            functions = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--target") == 0)
            cli_value(command, argc, argv, &i); /* cuda: how we got here */
        else if (strcmp(a, "--sizes") == 0)
            sizes = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--reps") == 0)
            options->reps = parse_count(a, cli_value(command, argc, argv, &i), 5);
        else if (strcmp(a, "--warmup") == 0)
            options->warmup = parse_count(a, cli_value(command, argc, argv, &i), 0);
        else if (strcmp(a, "--seed") == 0)
            options->seed = cli_unsigned(command, a, cli_value(command, argc, argv, &i), UINT64_MAX);
        else if (strcmp(a, "--progress") == 0)
            options->progress = 1;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            options->output = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--threads") == 0 || strcmp(a, "--min-time") == 0 || strcmp(a, "--no-peers") == 0 ||
                 strcmp(a, "--plugin") == 0)
            cli_fail(command, "%s: not an option of --target cuda (accepted: -i, -t, --fn, --sizes, --reps, "
                              "--warmup, --seed, --progress, -o)", a);
        else
            cli_fail(command, "unknown option '%s' for --target cuda (accepted: -i, -t, --fn, --sizes, --reps, "
                              "--warmup, --seed, --progress, -o)", a);
    }
    parse_variants(variants, options->variants);
    options->format_count = cli_formats(command, "-t", types, options->formats);
    bench_parse_functions(functions, options->functions);
    parse_sizes(sizes, options);
}

/* ---- The device ---- */

/* Device 0, or exit 2 naming --target cuda and the reason there is none. */
static void require_device(struct cuda_device_info *info)
{
    char why[512] = "";
    if (cuda_device_count(why, sizeof why) <= 0 || cuda_device_describe(info) != 0)
        cli_fail(command, "--target cuda: no CUDA device usable (%s)", *why ? why : "no reason given");
}

/* Bytes of device memory one size takes: x, z, loss and grad in the format's storage. */
static double size_bytes_on_device(enum format format, size_t elements)
{
    return 4.0 * (double)format_info[format].storage_bytes * (double)elements;
}

noreturn static void size_does_not_fit(const struct cuda_device_info *info, enum format format,
                                       const struct cuda_size *size)
{
    cli_fail(command, "--sizes %s: %zu %s elements need %.3g GiB of device memory for x, z, loss and grad; %s has "
                      "%.3g GiB (accepted: a size that fits)", size->label, size->elements, format_info[format].name,
             size_bytes_on_device(format, size->elements) / (1u << 30), info->name,
             (double)info->memory_bytes / (1u << 30));
}

noreturn static void allocation_failed(const struct cuda_device_info *info, enum format format,
                                       const struct cuda_size *size)
{
    cli_fail(command, "--sizes %s: the device could not allocate %.3g GiB for %zu %s elements (x, z, loss and "
                      "grad; %s has %.3g GiB, some of it in use)", size->label,
             size_bytes_on_device(format, size->elements) / (1u << 30), size->elements, format_info[format].name,
             info->name, (double)info->memory_bytes / (1u << 30));
}

/* Every size must fit in the device memory of every format, before anything runs. */
static void check_sizes(const struct cuda_options *options, const struct cuda_device_info *info)
{
    for (int f = 0; f < options->format_count; f++)
        for (int s = 0; s < options->size_count; s++)
            if (size_bytes_on_device(options->formats[f], options->sizes[s].elements) > (double)info->memory_bytes)
                size_does_not_fit(info, options->formats[f], &options->sizes[s]);
}

/* ---- Measuring ---- */

static void progress_line(const struct cuda_options *options, const char *text)
{
    if (options->progress) {
        fprintf(stderr, "\r\033[Kbench: %s", text);
        fflush(stderr);
    }
}

static void progress_clear(const struct cuda_options *options)
{
    if (options->progress) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
    }
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static enum cuda_operation row_operation(const struct cuda_row *row)
{
    return operation_of[row->function];
}

static enum cuda_variant row_variant(const struct cuda_row *row)
{
    return row->variant < 0 ? CUDA_ACCURATE : (enum cuda_variant)row->variant;
}

/* The rows that report the mean they computed: mean and mean+grad. */
static int reports_mean(const struct cuda_row *row)
{
    return row->function == BENCH_MEAN || row->function == BENCH_MEAN_GRAD;
}

/* The mean of the last timed run, then two more runs: deterministic when all three agree bit
 * for bit. */
static void check_mean(struct cuda_row *row, struct cuda_bench_data *data)
{
    row->mean = cuda_bench_last_mean(data);
    row->deterministic = 1;
    for (int run = 0; run < 2; run++) {
        double ignored;
        cuda_bench_time(data, row_variant(row), row_operation(row), 0, 1, &ignored);
        row->deterministic = row->deterministic && same_bits(cuda_bench_last_mean(data), row->mean);
    }
}

static void measure_row(struct cuda_row *row, struct cuda_bench_data *data, const struct cuda_options *options,
                        double *milliseconds)
{
    int reps = options->reps;
    cuda_bench_time(data, row_variant(row), row_operation(row), options->warmup, reps, milliseconds);
    qsort(milliseconds, (size_t)reps, sizeof *milliseconds, compare_doubles);
    row->median = reps % 2 ? milliseconds[reps / 2] : 0.5 * (milliseconds[reps / 2 - 1] + milliseconds[reps / 2]);
    row->min = milliseconds[0];
    row->max = milliseconds[reps - 1];
    size_t bytes = cuda_bytes_per_element(row->format, row_operation(row));
    row->gb_per_s = (double)row->size->elements * (double)bytes / row->median * 1e-6;
    if (reports_mean(row))
        check_mean(row, data);
}

static double gelem_per_s(const struct cuda_row *row, double milliseconds)
{
    return (double)row->size->elements / milliseconds * 1e-6;
}

static const char *row_name(const struct cuda_row *row)
{
    return row->variant < 0 ? "(read x,z)" : variant_name[row->variant];
}

/* cuda-fast's row of the same format, function and size as a cuda-accurate row. */
static const struct cuda_row *fast_row(const struct cuda_rows *rows, size_t first, const struct cuda_row *row)
{
    for (size_t i = first; i < rows->count; i++) {
        const struct cuda_row *candidate = &rows->items[i];
        if (candidate->variant == CUDA_FAST && candidate->function == row->function)
            return candidate;
    }
    return NULL;
}

static void print_header(void)
{
    printf("%-14s %-4s %-9s %-10s %11s %9s %9s %9s %9s %9s %7s %8s\n", "impl", "type", "fn", "size", "elements",
           "median_ms", "min_ms", "max_ms", "Gelem/s", "GB/s", "%read", "vs fast");
}

static void print_row(const struct cuda_row *row)
{
    char versus[32] = "-";
    if (!isnan(row->time_vs_fast))
        snprintf(versus, sizeof versus, "%+.1f%%", 100.0 * (row->time_vs_fast - 1.0));
    printf("%-14s %-4s %-9s %-10s %11zu %9.4g %9.4g %9.4g %9.4g %9.4g %6.1f%% %8s\n", row_name(row),
           format_info[row->format].name, bench_function_name[row->function], row->size->label, row->size->elements,
           row->median, row->min, row->max, gelem_per_s(row, row->median), row->gb_per_s,
           100.0 * row->roofline_fraction, versus);
}

static void print_mean(const struct cuda_row *row)
{
    char hex[40];
    hex_text(row->mean, hex);
    printf("  mean of %s %s %s: %s (%.17g), %s in 3 runs\n", row_name(row), format_info[row->format].name,
           row->size->label, hex, row->mean, row->deterministic ? "the same bits" : "NOT the same bits");
}

/* The ratios of a group (one format and size, rows from `first`), then its table lines. */
static void finish_group(struct cuda_rows *rows, size_t first)
{
    double read_gb = rows->items[first].gb_per_s;
    for (size_t i = first; i < rows->count; i++) {
        struct cuda_row *row = &rows->items[i];
        row->roofline_fraction = read_gb > 0 ? row->gb_per_s / read_gb : NAN;
        const struct cuda_row *fast = row->variant == CUDA_ACCURATE ? fast_row(rows, first, row) : NULL;
        if (fast && fast->median > 0)
            row->time_vs_fast = row->median / fast->median;
    }
    for (size_t i = first; i < rows->count; i++)
        print_row(&rows->items[i]);
    for (size_t i = first; i < rows->count; i++)
        if (reports_mean(&rows->items[i]))
            print_mean(&rows->items[i]);
    fflush(stdout);
}

/* One group: the read kernel, then every selected variant and function, on the same data. */
static void run_group(const struct cuda_options *options, struct cuda_bench_data *data, enum format format,
                      const struct cuda_size *size, struct cuda_rows *rows, double *milliseconds)
{
    char text[256];
    size_t first = rows->count;
    struct cuda_row *read = rows_append(rows);
    read->format = format;
    read->function = BENCH_READ;
    read->size = size;
    snprintf(text, sizeof text, "%s %s: read kernel", format_info[format].name, size->label);
    progress_line(options, text);
    measure_row(read, data, options, milliseconds);
    for (int v = 0; v < CUDA_VARIANT_COUNT; v++) {
        for (int f = 0; f < BENCH_READ && options->variants[v]; f++) {
            if (!options->functions[f])
                continue;
            struct cuda_row *row = rows_append(rows);
            row->variant = v;
            row->format = format;
            row->function = (enum bench_function)f;
            row->size = size;
            snprintf(text, sizeof text, "%s %s: %s %s", format_info[format].name, size->label, variant_name[v],
                     bench_function_name[f]);
            progress_line(options, text);
            measure_row(row, data, options, milliseconds);
        }
    }
    progress_clear(options);
    finish_group(rows, first);
}

static void run_all(const struct cuda_options *options, const struct cuda_device_info *info, struct cuda_rows *rows)
{
    double *milliseconds = allocate_or_exit((size_t)options->reps, sizeof *milliseconds);
    print_header();
    for (int f = 0; f < options->format_count; f++) {
        enum format format = options->formats[f];
        for (int s = 0; s < options->size_count; s++) {
            const struct cuda_size *size = &options->sizes[s];
            char text[128];
            snprintf(text, sizeof text, "%s %s: generating %zu inputs on the device", format_info[format].name,
                     size->label, size->elements);
            progress_line(options, text);
            struct cuda_bench_data *data = cuda_bench_create(format, size->elements, options->seed);
            if (!data) {
                progress_clear(options);
                allocation_failed(info, format, size);
            }
            run_group(options, data, format, size, rows, milliseconds);
            cuda_bench_free(data);
        }
    }
    free(milliseconds);
}

/* ---- The bench file ---- */

static json_t *number_or_null(double value)
{
    return isfinite(value) ? json_real(value) : json_null();
}

/* The mode of a variant's row, as the registry names it (internal when it is not registered). */
static const char *row_mode(const struct cuda_row *row)
{
    const struct implementation *impl = implementation_find(variant_name[row->variant]);
    enum mode mode;
    if (impl && implementation_default_mode(impl, row->format, &mode) == 0)
        return mode_name[mode];
    return mode_name[MODE_INTERNAL];
}

static json_t *milliseconds_json(const struct cuda_row *row)
{
    return json_pack("{s:f, s:f, s:f}", "median", row->median, "min", row->min, "max", row->max);
}

static json_t *gelem_json(const struct cuda_row *row)
{
    return json_pack("{s:f, s:f, s:f}", "median", gelem_per_s(row, row->median), "min", gelem_per_s(row, row->max),
                     "max", gelem_per_s(row, row->min));
}

/* The fields common to result and roofline rows. */
static json_t *row_common_json(const struct cuda_row *row, const struct cuda_options *options)
{
    size_t storage = (size_t)format_info[row->format].storage_bytes;
    return json_pack("{s:s, s:s, s:i, s:s, s:I, s:I, s:I, s:o, s:o, s:i, s:i}", "type",
                     format_info[row->format].name, "target", "cuda", "threads", 1, "size", row->size->label,
                     "size_bytes", (json_int_t)(row->size->elements * 2 * storage), "elements",
                     (json_int_t)row->size->elements, "bytes_per_element",
                     (json_int_t)cuda_bytes_per_element(row->format, row_operation(row)), "milliseconds",
                     milliseconds_json(row), "gelem_per_s", gelem_json(row), "reps", options->reps, "warmup",
                     options->warmup);
}

static void add_mean_json(json_t *object, const struct cuda_row *row)
{
    char hex[40];
    hex_text(row->mean, hex);
    json_object_set_new(object, "mean", number_or_null(row->mean));
    json_object_set_new(object, "mean_hex", json_string(hex));
    json_object_set_new(object, "deterministic", json_boolean(row->deterministic));
    json_object_set_new(object, "mean_runs_compared", json_integer(3));
}

static json_t *result_json(const struct cuda_row *row, const struct cuda_options *options)
{
    json_t *object = row_common_json(row, options);
    json_t *vs = json_object();
    if (!isnan(row->time_vs_fast))
        json_object_set_new(vs, variant_name[CUDA_FAST], json_real(1.0 / row->time_vs_fast));
    json_object_set_new(object, "impl", json_string(variant_name[row->variant]));
    json_object_set_new(object, "mode", json_string(row_mode(row)));
    json_object_set_new(object, "fn", json_string(bench_function_name[row->function]));
    json_object_set_new(object, "gb_per_s", json_real(row->gb_per_s));
    json_object_set_new(object, "roofline_fraction", number_or_null(row->roofline_fraction));
    json_object_set_new(object, "vs", vs);
    json_object_set_new(object, "time_vs_fast", number_or_null(row->time_vs_fast));
    json_object_set_new(object, "composed", json_false());
    if (reports_mean(row))
        add_mean_json(object, row);
    return object;
}

static json_t *roofline_json(const struct cuda_row *row, const struct cuda_options *options)
{
    json_t *object = row_common_json(row, options);
    double bytes = (double)cuda_bytes_per_element(row->format, CUDA_READ);
    double elements = (double)row->size->elements;
    json_object_set_new(object, "kernel", json_string("read x and z (CUDA_READ: a sum with 16-byte loads, one "
                                                      "partial per block written)"));
    json_object_set_new(object, "gb_per_s",
                        json_pack("{s:f, s:f, s:f}", "median", elements * bytes / row->median * 1e-6, "min",
                                  elements * bytes / row->max * 1e-6, "max", elements * bytes / row->min * 1e-6));
    return object;
}

static json_t *device_json(const struct cuda_device_info *info)
{
    char capability[16], driver[16], runtime[16];
    snprintf(capability, sizeof capability, "%d.%d", info->compute_major, info->compute_minor);
    snprintf(driver, sizeof driver, "%d.%d", info->driver_version / 1000, info->driver_version % 1000 / 10);
    snprintf(runtime, sizeof runtime, "%d.%d", info->runtime_version / 1000, info->runtime_version % 1000 / 10);
    /* Double data rate: two transfers per memory clock over the bus. */
    double peak = 2.0 * (double)info->memory_clock_khz * 1e3 * (double)info->memory_bus_bits / 8.0 * 1e-9;
    return json_pack("{s:s, s:i, s:s, s:i, s:i, s:i, s:I, s:i, s:i, s:i, s:i, s:f, s:s, s:i, s:s, s:i}", "name",
                     info->name, "ordinal", info->ordinal, "compute_capability", capability, "compute_major",
                     info->compute_major, "compute_minor", info->compute_minor, "sm_count", info->sm_count,
                     "memory_bytes", (json_int_t)info->memory_bytes, "l2_bytes", info->l2_bytes, "clock_khz",
                     info->clock_khz, "memory_clock_khz", info->memory_clock_khz, "memory_bus_bits",
                     info->memory_bus_bits, "theoretical_gb_per_s", peak, "driver", driver, "driver_version",
                     info->driver_version, "runtime", runtime, "runtime_version", info->runtime_version);
}

static json_t *settings_json(const struct cuda_options *options)
{
    json_t *sizes = json_array(), *formats = json_array(), *functions = json_array(), *variants = json_array();
    for (int s = 0; s < options->size_count; s++)
        json_array_append_new(sizes, json_string(options->sizes[s].label));
    for (int f = 0; f < options->format_count; f++)
        json_array_append_new(formats, json_string(format_info[options->formats[f]].name));
    for (int f = 0; f < BENCH_READ; f++)
        if (options->functions[f])
            json_array_append_new(functions, json_string(bench_function_name[f]));
    for (int v = 0; v < CUDA_VARIANT_COUNT; v++)
        if (options->variants[v])
            json_array_append_new(variants, json_string(variant_name[v]));
    return json_pack("{s:i, s:i, s:I, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:s}", "reps", options->reps,
                     "warmup", options->warmup, "seed", (json_int_t)options->seed, "sizes", sizes, "formats", formats,
                     "functions", functions, "implementations", variants, "peers", json_array(), "statistic",
                     "median, min and max over the timed repetitions", "timing",
                     "each repetition between two CUDA events on the device, after the untimed warm-up runs",
                     "threads", "1: one device (no CPU threads)", "inputs",
                     "generated on the device: x uniform in [-20,20] (1 in 16 in [-100,100]), never 0; z half hard "
                     "{0,1}, half uniform in [0.01,0.99]");
}

static json_t *bench_document(const struct cuda_options *options, const struct cuda_rows *rows,
                              const struct cuda_device_info *info, const char *command_line)
{
    json_t *results = json_array(), *roofline = json_array();
    for (size_t i = 0; i < rows->count; i++) {
        const struct cuda_row *row = &rows->items[i];
        if (row->variant < 0)
            json_array_append_new(roofline, roofline_json(row, options));
        else
            json_array_append_new(results, result_json(row, options));
    }
    struct cache_sizes caches;
    topology_cache_sizes(&caches);
    return json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "schema",
                     "scebench-bench/1", "tool", "name", "scebench", "version", SCEBENCH_VERSION, "git_revision",
                     SCEBENCH_GIT_REVISION, "command", command_line, "target", "cuda", "host",
                     bench_host_json(&caches), "device", device_json(info), "build", build_json(), "settings",
                     settings_json(options), "roofline", roofline, "results", results);
}

static int write_document(const struct cuda_options *options, const struct cuda_rows *rows,
                          const struct cuda_device_info *info, int argc, char **argv)
{
    char error[512];
    char *command_line = bench_command_line(argc, argv);
    json_t *document = bench_document(options, rows, info, command_line ? command_line : "");
    int status = 0;
    if (atomic_output_commit(document, error, sizeof error) != 0) {
        fprintf(stderr, "scebench bench: -o: %s\n", error);
        status = EXIT_USAGE;
    }
    json_decref(document);
    free(command_line);
    return status;
}

int bench_cuda(int argc, char **argv)
{
    struct cuda_options options;
    parse_options(argc, argv, &options);
    struct cuda_device_info info;
    require_device(&info);
    check_sizes(&options, &info);
    char error[512];
    if (options.output && atomic_output_open(options.output, error, sizeof error) != 0)
        cli_fail(command, "-o: %s", error);
    printf("device: %s (compute capability %d.%d, %d SMs, %.1f GiB, L2 %.1f MiB)\n", info.name, info.compute_major,
           info.compute_minor, info.sm_count, (double)info.memory_bytes / (1u << 30),
           (double)info.l2_bytes / (1u << 20));
    struct cuda_rows rows = {0};
    run_all(&options, &info, &rows);
    int status = options.output ? write_document(&options, &rows, &info, argc, argv) : 0;
    free(rows.items);
    return status;
}

#endif
