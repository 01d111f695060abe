/* scebench bench [-i IMPL,..] [-t TYPE,..] [--fn loss,grad,loss+grad,mean,mean+grad] [--target cpu]
 *                [--threads LIST] [--sizes l1,l2,l3,dram,N] [--reps N] [--min-time S] [--seed N]
 *                [--no-peers] [--plugin PATH.so:SYMBOL] [--progress] [-o bench.json]
 *
 * Throughput of every implementation, function, format, size and thread count (bench.h for
 * the method), beside the roofline of the same run (a vectorized read of x and z at the same
 * size and threads) and the peers measured in the same run (libm-loop, sleef-u10 when they are
 * registered).  Prints a table, writes bench.json (schema scebench-bench/1) atomically.
 * --target cuda: the CUDA kernels instead, with options of their own (bench_cuda.c). */
#define _DEFAULT_SOURCE /* getloadavg */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "bench_cuda.h"
#include "cli.h"
#include "commands.h"
#include "results.h"
#include "sweep.h"
#include "topology.h"

static const char *const command = "bench";

/* Peers: implementations of other projects every result is compared with, when registered. */
static const char *const peer_names[] = {"libm-loop", "sleef-u10"};
#define PEER_COUNT (sizeof peer_names / sizeof peer_names[0])

#define MAX_SIZES 16
#define MAX_THREAD_COUNTS 64
#define MIB ((size_t)1 << 20)

/* l1, l2, l3: the working set of one thread (x, z and two outputs) is half the cache of its
 * core (a shared L3 divided by the cores sharing it), so the total grows with the threads;
 * dram: x and z together take 64 times the L3 of a core, at least 256 MiB, whatever the
 * threads; N: N elements in all. */
struct size_spec {
    char label[64];
    int level; /* 1, 2, 3: cache level; 4: dram; 0: explicit */
    size_t elements;
};

struct bench_options {
    const struct implementation *impls[SWEEP_MAX_IMPLEMENTATIONS];
    size_t impl_count;
    enum format formats[FORMAT_COUNT];
    int format_count;
    int functions[BENCH_FUNCTION_COUNT];
    int threads[MAX_THREAD_COUNTS];
    int thread_count;
    struct size_spec sizes[MAX_SIZES];
    int size_count;
    struct bench_settings settings;
    uint64_t seed;
    int peers;
    int progress;
    const char *output;
};

struct row {
    const struct implementation *impl; /* NULL: the roofline's read kernel */
    enum format format;
    enum mode mode;
    enum bench_function function;
    int threads;
    const struct size_spec *size;
    size_t elements;
    struct bench_stats stats;
    double gb_per_s, roofline_fraction;
    double vs[PEER_COUNT]; /* NaN when not measured */
    int peer_only;         /* measured only as a peer, not selected with -i */
};

struct rows {
    struct row *items;
    size_t count, capacity;
};

static struct row *rows_append(struct rows *rows)
{
    if (rows->count == rows->capacity) {
        rows->capacity = rows->capacity ? 2 * rows->capacity : 256;
        rows->items = realloc(rows->items, rows->capacity * sizeof *rows->items);
        if (!rows->items) {
            fprintf(stderr, "scebench bench: out of memory\n");
            exit(1);
        }
    }
    struct row *row = &rows->items[rows->count++];
    memset(row, 0, sizeof *row);
    for (size_t p = 0; p < PEER_COUNT; p++)
        row->vs[p] = NAN;
    return row;
}

/* ---- Options ---- */

static int split(const char *option, const char *text, char items[][64], int capacity)
{
    int count = 0;
    const char *start = text;
    for (;;) {
        const char *end = strchr(start, ',');
        size_t length = end ? (size_t)(end - start) : strlen(start);
        if (length == 0 || length >= 64 || count == capacity)
            cli_fail(command, "%s: malformed list '%s'", option, text);
        memcpy(items[count], start, length);
        items[count++][length] = '\0';
        if (!end)
            return count;
        start = end + 1;
    }
}

void bench_parse_functions(const char *text, int *selected)
{
    char items[BENCH_FUNCTION_COUNT * 2][64];
    int count = split("--fn", text, items, BENCH_FUNCTION_COUNT * 2);
    memset(selected, 0, sizeof(int) * BENCH_FUNCTION_COUNT);
    for (int i = 0; i < count; i++) {
        int f = 0;
        while (f < BENCH_READ && strcmp(items[i], bench_function_name[f]) != 0)
            f++;
        if (f == BENCH_READ)
            cli_fail(command, "--fn: unknown function '%s' (accepted: loss, grad, loss+grad, mean, mean+grad)", items[i]);
        selected[f] = 1;
    }
}

static void parse_threads(const char *text, int cores, struct bench_options *options)
{
    char items[MAX_THREAD_COUNTS][64];
    int count = split("--threads", text, items, MAX_THREAD_COUNTS);
    for (int i = 0; i < count; i++) {
        int threads;
        if (strcmp(items[i], "all") == 0)
            threads = cores;
        else {
            threads = (int)cli_unsigned(command, "--threads", items[i], 4096);
            if (threads < 1 || threads > cores)
                cli_fail(command, "--threads: %d is not from 1 to %d (one thread per core of this machine; 'all' "
                                  "is %d)", threads, cores, cores);
        }
        int seen = 0;
        for (int j = 0; j < options->thread_count; j++)
            seen = seen || options->threads[j] == threads;
        if (!seen)
            options->threads[options->thread_count++] = threads;
    }
}

static void parse_sizes(const char *text, struct bench_options *options)
{
    char items[MAX_SIZES][64];
    int count = split("--sizes", text, items, MAX_SIZES);
    static const char *const levels[] = {"", "l1", "l2", "l3", "dram"};
    for (int i = 0; i < count; i++) {
        struct size_spec *size = &options->sizes[options->size_count++];
        memset(size, 0, sizeof *size);
        snprintf(size->label, sizeof size->label, "%.63s", items[i]);
        for (int level = 1; level <= 4; level++)
            if (strcmp(items[i], levels[level]) == 0)
                size->level = level;
        if (size->level == 0) {
            if (!isdigit((unsigned char)items[i][0]))
                cli_fail(command, "--sizes: unknown size '%s' (accepted: l1, l2, l3, dram, or a number of elements)",
                         items[i]);
            size->elements = (size_t)cli_unsigned(command, "--sizes", items[i], (uint64_t)1 << 40);
            if (size->elements == 0)
                cli_fail(command, "--sizes: a size of 0 elements");
        }
    }
}

static void parse_options(int argc, char **argv, struct bench_options *options, const struct cache_sizes *caches)
{
    const char *impls = "all", *types = "f32", *functions = "loss,grad,loss+grad,mean", *threads = "1,all";
    const char *sizes = "l1,l2,l3,dram", *target = "cpu";
    memset(options, 0, sizeof *options);
    options->settings = (struct bench_settings){.reps = 10, .min_seconds = 0.01};
    options->seed = 1;
    options->peers = 1;
    options->progress = isatty(2);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-i") == 0 || strcmp(a, "--impl") == 0)
            impls = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "-t") == 0 || strcmp(a, "--type") == 0)
            types = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--fn") == 0)
            functions = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--target") == 0)
            target = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--threads") == 0)
            threads = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--sizes") == 0)
            sizes = cli_value(command, argc, argv, &i);
        else if (strcmp(a, "--reps") == 0) {
            options->settings.reps = (int)cli_unsigned(command, a, cli_value(command, argc, argv, &i), 100000);
            if (options->settings.reps < 10)
                cli_fail(command, "--reps: at least 10 (each result is the median of at least 10 repetitions)");
        } else if (strcmp(a, "--min-time") == 0) {
            const char *text = cli_value(command, argc, argv, &i);
            char *end;
            errno = 0;
            options->settings.min_seconds = strtod(text, &end);
            if (end == text || *end || errno || !(options->settings.min_seconds > 0.0) ||
                options->settings.min_seconds > 60.0)
                cli_fail(command, "--min-time: expected seconds in (0, 60], got '%s'", text);
        } else if (strcmp(a, "--seed") == 0)
            options->seed = cli_unsigned(command, a, cli_value(command, argc, argv, &i), UINT64_MAX);
        else if (strcmp(a, "--no-peers") == 0)
            options->peers = 0;
        else if (strcmp(a, "--plugin") == 0)
            plugin_load(command, cli_value(command, argc, argv, &i));
        else if (strcmp(a, "--progress") == 0)
            options->progress = 1;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            options->output = cli_value(command, argc, argv, &i);
        else
            cli_fail(command, "unknown option '%s' (accepted: -i, -t, --fn, --target, --threads, --sizes, --reps, "
                              "--min-time, --seed, --no-peers, --plugin, --progress, -o)", a);
    }
    if (strcmp(target, "cpu") != 0)
        cli_fail(command, "--target: unknown target '%s' (accepted: cpu, cuda)", target);
    options->impl_count = plugin_implementations(command, "-i", impls, options->impls, SWEEP_MAX_IMPLEMENTATIONS);
    options->format_count = cli_formats(command, "-t", types, options->formats);
    bench_parse_functions(functions, options->functions);
    parse_threads(threads, caches->cores, options);
    parse_sizes(sizes, options);
}

/* ---- Sizes ---- */

static size_t cache_of_level(const struct cache_sizes *caches, int level)
{
    return level == 1 ? caches->l1d_per_core : level == 2 ? caches->l2_per_core : caches->l3_per_core;
}

/* Elements of a size for a format and thread count; *capped when dram was limited by memory. */
static size_t size_elements(const struct size_spec *size, const struct cache_sizes *caches, enum format format,
                            int threads, int *capped)
{
    size_t element = (size_t)format_info[format].storage_bytes;
    *capped = 0;
    if (size->level == 0)
        return size->elements;
    if (size->level <= 3) {
        size_t per_thread = cache_of_level(caches, size->level) / 2 / (4 * element);
        return (per_thread ? per_thread : 1) * (size_t)threads;
    }
    size_t inputs = 64 * caches->l3_per_core;
    if (inputs < 256 * MIB)
        inputs = 256 * MIB;
    size_t elements = inputs / (2 * element);
    /* x, z and two outputs within a quarter of the memory */
    if (caches->memory_bytes > 0 && elements * 4 * element > caches->memory_bytes / 4) {
        elements = (size_t)(caches->memory_bytes / 4) / (4 * element);
        *capped = 1;
    }
    return elements;
}

/* ---- Running ---- */

static void progress_line(const struct bench_options *options, const char *text)
{
    if (options->progress) {
        fprintf(stderr, "\r\033[Kbench: %s", text);
        fflush(stderr);
    }
}

static void progress_clear(const struct bench_options *options)
{
    if (options->progress) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
    }
}

static void measure_row(struct row *row, const struct kernel_set *set, const struct bench_buffers *buffers,
                        const struct bench_options *options)
{
    if (bench_measure(set, row->function, buffers, row->elements, row->threads, &options->settings, &row->stats) !=
        0) {
        fprintf(stderr, "scebench bench: OpenMP did not give %d threads\n", row->threads);
        exit(1);
    }
    row->gb_per_s = row->stats.median * (double)bench_bytes_per_element(row->format, row->function) * 1e-9;
}

static const char *row_name(const struct row *row)
{
    return row->impl ? row->impl->name : "(read x,z)";
}

static void print_header(void)
{
    printf("%-15s %-4s %-8s %-9s %3s %-6s %10s %9s %9s %9s %8s %8s", "impl", "type", "mode", "fn", "thr", "size",
           "elements", "Gelem/s", "min", "max", "GB/s", "roofline");
    for (size_t p = 0; p < PEER_COUNT; p++) {
        char title[40];
        snprintf(title, sizeof title, "vs %s", peer_names[p]);
        printf(" %12s", title);
    }
    putchar('\n');
}

static void print_row(const struct row *row, int show_peers)
{
    printf("%-15s %-4s %-8s %-9s %3d %-6s %10zu %9.4g %9.4g %9.4g %8.3f %8.3f", row_name(row),
           format_info[row->format].name, row->impl ? mode_name[row->mode] : "-",
           bench_function_name[row->function], row->threads, row->size->label, row->elements,
           row->stats.median * 1e-9, row->stats.min * 1e-9, row->stats.max * 1e-9, row->gb_per_s,
           row->roofline_fraction);
    for (size_t p = 0; p < PEER_COUNT && show_peers; p++) {
        if (isnan(row->vs[p]))
            printf(" %12s", "-");
        else
            printf(" %12.3f", row->vs[p]);
    }
    putchar('\n');
}

/* The peer's row to compare a row with: the same mode where the peer has it, else its first. */
static const struct row *peer_row(const struct rows *rows, size_t first, const struct row *row,
                                  const struct implementation *peer)
{
    const struct row *fallback = NULL;
    for (size_t i = first; i < rows->count; i++) {
        const struct row *candidate = &rows->items[i];
        if (candidate->impl != peer || candidate->function != row->function)
            continue;
        if (candidate->mode == row->mode)
            return candidate;
        if (!fallback)
            fallback = candidate;
    }
    return fallback;
}

/* One group: a format, a size and a thread count. */
static void run_group(const struct bench_options *options, const struct implementation *const *measured,
                      size_t measured_count, size_t selected_count, const struct implementation *const *peers,
                      const struct bench_buffers *buffers, const struct size_spec *size, size_t elements, int threads,
                      struct rows *rows, int show_peers)
{
    enum format format = buffers->format;
    char text[256];
    size_t first = rows->count;
    struct row *roof = rows_append(rows);
    *roof = (struct row){.impl = NULL, .format = format, .function = BENCH_READ, .threads = threads,
                         .size = size, .elements = elements};
    for (size_t p = 0; p < PEER_COUNT; p++)
        roof->vs[p] = NAN;
    snprintf(text, sizeof text, "%s %s %d threads: read kernel", format_info[format].name, size->label, threads);
    progress_line(options, text);
    measure_row(roof, NULL, buffers, options);
    double roof_gb = rows->items[first].gb_per_s;

    for (size_t i = 0; i < measured_count; i++) {
        const struct implementation *impl = measured[i];
        enum mode modes[MODE_COUNT];
        int mode_count = implementation_modes(impl, format, modes);
        for (int m = 0; m < mode_count; m++) {
            const struct kernel_set *set = &impl->kernels[format][modes[m]];
            for (int f = 0; f < BENCH_READ; f++) {
                if (!options->functions[f] || !bench_available(set, (enum bench_function)f))
                    continue;
                struct row *row = rows_append(rows);
                row->impl = impl;
                row->format = format;
                row->mode = modes[m];
                row->function = (enum bench_function)f;
                row->threads = threads;
                row->size = size;
                row->elements = elements;
                row->peer_only = i >= selected_count;
                snprintf(text, sizeof text, "%s %s %d threads: %s %s %s", format_info[format].name, size->label,
                         threads, impl->name, mode_name[modes[m]], bench_function_name[f]);
                progress_line(options, text);
                measure_row(row, set, buffers, options);
            }
        }
    }
    progress_clear(options);
    for (size_t i = first; i < rows->count; i++) {
        struct row *row = &rows->items[i];
        row->roofline_fraction = roof_gb > 0 ? row->gb_per_s / roof_gb : NAN;
        for (size_t p = 0; p < PEER_COUNT && row->impl; p++) {
            if (!peers[p] || peers[p] == row->impl)
                continue;
            const struct row *peer = peer_row(rows, first, row, peers[p]);
            if (peer && peer->stats.median > 0)
                row->vs[p] = row->stats.median / peer->stats.median;
        }
        print_row(row, show_peers);
    }
    fflush(stdout);
}

/* ---- The bench file ---- */

static json_t *number_or_null(double value)
{
    return isfinite(value) ? json_real(value) : json_null();
}

static json_t *stats_json(const struct bench_stats *stats, double scale)
{
    return json_pack("{s:f, s:f, s:f}", "median", stats->median * scale, "min", stats->min * scale, "max",
                     stats->max * scale);
}

static json_t *row_json(const struct row *row, const struct implementation *const *peers, int reps)
{
    size_t bytes = (size_t)format_info[row->format].storage_bytes;
    json_t *vs = json_object();
    for (size_t p = 0; p < PEER_COUNT; p++)
        if (peers[p] && !isnan(row->vs[p]))
            json_object_set_new(vs, peer_names[p], json_real(row->vs[p]));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:I, s:I, s:I, s:o, s:f, s:o, s:o, s:b, s:I, s:i, s:b, "
                     "s:b}",
                     "impl", row->impl->name, "type", format_info[row->format].name, "mode", mode_name[row->mode],
                     "fn", bench_function_name[row->function], "target", "cpu", "threads", row->threads, "size",
                     row->size->label, "size_bytes", (json_int_t)(row->elements * 2 * bytes), "elements",
                     (json_int_t)row->elements, "bytes_per_element",
                     (json_int_t)bench_bytes_per_element(row->format, row->function), "gelem_per_s",
                     stats_json(&row->stats, 1e-9), "gb_per_s", row->gb_per_s, "roofline_fraction",
                     number_or_null(row->roofline_fraction), "vs", vs, "composed", row->stats.composed, "inner",
                     (json_int_t)row->stats.inner, "reps", reps, "pinned", row->stats.pinned, "peer_only",
                     row->peer_only);
}

static json_t *roofline_json(const struct row *row)
{
    size_t bytes = (size_t)format_info[row->format].storage_bytes;
    return json_pack("{s:s, s:s, s:s, s:i, s:s, s:I, s:I, s:I, s:o, s:o, s:I, s:b}", "kernel",
                     "read x and z (integer sum, vectorized)", "type", format_info[row->format].name, "target", "cpu",
                     "threads", row->threads, "size", row->size->label, "size_bytes",
                     (json_int_t)(row->elements * 2 * bytes), "elements", (json_int_t)row->elements,
                     "bytes_per_element", (json_int_t)bench_bytes_per_element(row->format, BENCH_READ), "gb_per_s",
                     stats_json(&row->stats, (double)(2 * bytes) * 1e-9), "gelem_per_s",
                     stats_json(&row->stats, 1e-9), "inner", (json_int_t)row->stats.inner, "pinned",
                     row->stats.pinned);
}

char *bench_command_line(int argc, char **argv)
{
    size_t length = strlen("scebench bench") + 1;
    for (int i = 0; i < argc; i++)
        length += strlen(argv[i]) + 1;
    char *text = malloc(length);
    if (!text)
        return NULL;
    strcpy(text, "scebench bench");
    for (int i = 0; i < argc; i++) {
        strcat(text, " ");
        strcat(text, argv[i]);
    }
    return text;
}

json_t *bench_host_json(const struct cache_sizes *caches)
{
    json_t *host = topology_json();
    char hostname[256] = "unknown";
    gethostname(hostname, sizeof hostname - 1);
    json_object_set_new(host, "hostname", json_string(hostname));
    json_object_set_new(host, "bench_cache_per_core",
                        json_pack("{s:I, s:I, s:I, s:b}", "l1d", (json_int_t)caches->l1d_per_core, "l2",
                                  (json_int_t)caches->l2_per_core, "l3", (json_int_t)caches->l3_per_core, "assumed",
                                  caches->assumed != 0));
    return host;
}

static json_t *bench_document(const struct bench_options *options, const struct rows *rows,
                              const struct implementation *const *peers, const struct cache_sizes *caches,
                              const double *load, const char *command_line)
{
    json_t *results = json_array(), *roofline = json_array();
    for (size_t i = 0; i < rows->count; i++) {
        const struct row *row = &rows->items[i];
        if (row->impl) {
            json_array_append_new(results, row_json(row, peers, options->settings.reps));
        } else
            json_array_append_new(roofline, roofline_json(row));
    }
    json_t *threads = json_array(), *sizes = json_array(), *peer_list = json_array();
    for (int t = 0; t < options->thread_count; t++)
        json_array_append_new(threads, json_integer(options->threads[t]));
    for (int s = 0; s < options->size_count; s++)
        json_array_append_new(sizes, json_string(options->sizes[s].label));
    for (size_t p = 0; p < PEER_COUNT; p++)
        if (peers[p])
            json_array_append_new(peer_list, json_string(peer_names[p]));
    json_t *host = bench_host_json(caches);
    json_t *settings =
        json_pack("{s:i, s:f, s:I, s:o, s:o, s:o, s:s, s:s}", "reps", options->settings.reps, "min_rep_seconds",
                  options->settings.min_seconds, "seed", (json_int_t)options->seed, "threads", threads, "sizes", sizes,
                  "peers", peer_list, "statistic", "median, min and max over the timed repetitions",
                  "inputs", "x uniform in [-20,20] (1 in 16 in [-100,100]), never 0; z half hard {0,1}, half "
                            "uniform in [0.01,0.99]");
    if (load[0] >= 0)
        json_object_set_new(settings, "load_average_at_start", json_pack("[f, f, f]", load[0], load[1], load[2]));
    return json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "schema", "scebench-bench/1",
                     "tool", "name", "scebench", "version", SCEBENCH_VERSION, "git_revision", SCEBENCH_GIT_REVISION,
                     "command", command_line, "target", "cpu", "host", host, "build", build_json(), "settings",
                     settings, "roofline", roofline, "results", results);
}

/* The value of the last --target ("cpu" when none), read before the other options: --target cuda
 * has options of its own (bench_cuda.c). */
static const char *target_of(int argc, char **argv)
{
    const char *target = "cpu";
    for (int i = 0; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--target") == 0)
            target = argv[i + 1];
        if (strcmp(argv[i], "--no-peers") != 0 && strcmp(argv[i], "--progress") != 0)
            i++; /* every other option takes a value */
    }
    return target;
}

int command_bench(int argc, char **argv)
{
    if (strcmp(target_of(argc, argv), "cuda") == 0)
        return bench_cuda(argc, argv);
    struct cache_sizes caches;
    topology_cache_sizes(&caches);
    struct bench_options options;
    parse_options(argc, argv, &options, &caches);
    char error[512];
    if (options.output && atomic_output_open(options.output, error, sizeof error) != 0)
        cli_fail(command, "-o: %s", error);

    /* The implementations measured: those selected, then the registered peers not among them. */
    const struct implementation *measured[SWEEP_MAX_IMPLEMENTATIONS + PEER_COUNT];
    const struct implementation *peers[PEER_COUNT] = {0};
    size_t measured_count = options.impl_count;
    memcpy(measured, options.impls, options.impl_count * sizeof *measured);
    int any_peer = 0;
    for (size_t p = 0; p < PEER_COUNT && options.peers; p++) {
        peers[p] = implementation_find(peer_names[p]);
        if (!peers[p])
            continue;
        any_peer = 1;
        int selected = 0;
        for (size_t i = 0; i < options.impl_count; i++)
            selected = selected || options.impls[i] == peers[p];
        if (!selected)
            measured[measured_count++] = peers[p];
    }
    /* A busy machine makes noisy numbers: say so, and record the load with them. */
    double load[3] = {-1, -1, -1};
    if (getloadavg(load, 3) != 3)
        load[0] = load[1] = load[2] = -1;
    else if (load[0] > 0.5 * caches.cores)
        fprintf(stderr, "scebench bench: note: the machine is busy (load average %.1f on %d cores): expect noisy "
                        "numbers (the median resists; min and max show it)\n", load[0], caches.cores);
    if (caches.assumed)
        fprintf(stderr, "scebench bench: hwloc reports no %s%s%s cache size; assumed (see bench.json)\n",
                caches.assumed & 1 ? "L1d " : "", caches.assumed & 2 ? "L2 " : "", caches.assumed & 4 ? "L3" : "");

    struct rows rows = {0};
    int max_threads = 0;
    for (int t = 0; t < options.thread_count; t++)
        if (options.threads[t] > max_threads)
            max_threads = options.threads[t];
    print_header();
    for (int f = 0; f < options.format_count; f++) {
        enum format format = options.formats[f];
        for (int s = 0; s < options.size_count; s++) {
            const struct size_spec *size = &options.sizes[s];
            int capped = 0;
            size_t most = 0;
            for (int t = 0; t < options.thread_count; t++) {
                size_t n = size_elements(size, &caches, format, options.threads[t], &capped);
                if (n > most)
                    most = n;
            }
            if (capped)
                fprintf(stderr, "scebench bench: %s: %zu elements, limited by the memory of this machine\n",
                        size->label, most);
            struct bench_buffers buffers;
            char text[128];
            snprintf(text, sizeof text, "%s %s: building %zu inputs", format_info[format].name, size->label, most);
            progress_line(&options, text);
            if (bench_buffers_create(&buffers, format, most, max_threads, options.seed) != 0) {
                progress_clear(&options);
                fprintf(stderr, "scebench bench: out of memory for %zu %s elements (--sizes %s)\n", most,
                        format_info[format].name, size->label);
                return 1;
            }
            for (int t = 0; t < options.thread_count; t++) {
                size_t n = size_elements(size, &caches, format, options.threads[t], &capped);
                run_group(&options, measured, measured_count, options.impl_count, peers, &buffers, size, n,
                          options.threads[t], &rows, any_peer);
            }
            bench_buffers_free(&buffers);
        }
    }
    if (!any_peer && options.peers)
        printf("(no peer implementation registered: %s and %s are compared with when present)\n", peer_names[0],
               peer_names[1]);

    int status = 0;
    if (options.output) {
        char *command_line = bench_command_line(argc, argv);
        json_t *document = bench_document(&options, &rows, peers, &caches, load, command_line ? command_line : "");
        if (atomic_output_commit(document, error, sizeof error) != 0) {
            fprintf(stderr, "scebench bench: -o: %s\n", error);
            status = EXIT_USAGE;
        }
        json_decref(document);
        free(command_line);
    }
    free(rows.items);
    return status;
}
