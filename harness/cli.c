#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef SCEBENCH_HAVE_CUDA
#include "cuda_device.h"
#endif

void cli_fail(const char *command, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    fprintf(stderr, "scebench %s: ", command);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    exit(EXIT_USAGE);
}

const char *cli_value(const char *command, int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        cli_fail(command, "%s: missing value", argv[*i]);
    return argv[++*i];
}

int cli_is_number(const char *argument)
{
    const char *rest = argument + (argument[0] == '-' || argument[0] == '+');
    return isdigit((unsigned char)rest[0]) || (rest[0] == '.' && isdigit((unsigned char)rest[1])) ||
           strncmp(rest, "inf", 3) == 0 || strncmp(rest, "nan", 3) == 0;
}

static const char *format_list(void)
{
    return "f64, f32, f16, bf16";
}

enum format cli_format(const char *command, const char *option, const char *text)
{
    for (int f = 0; f < FORMAT_COUNT; f++)
        if (strcmp(text, format_info[f].name) == 0)
            return (enum format)f;
    cli_fail(command, "%s: unknown format '%s' (accepted: %s)", option, text, format_list());
}

size_t cli_split_list(const char *command, const char *option, const char *text, char items[][64],
                      size_t capacity)
{
    size_t count = 0;
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

int cli_formats(const char *command, const char *option, const char *text, enum format *formats)
{
    if (strcmp(text, "all") == 0) {
        for (int f = 0; f < FORMAT_COUNT; f++)
            formats[f] = (enum format)f;
        return FORMAT_COUNT;
    }
    char items[FORMAT_COUNT][64];
    size_t count = cli_split_list(command, option, text, items, FORMAT_COUNT);
    for (size_t i = 0; i < count; i++)
        formats[i] = cli_format(command, option, items[i]);
    return (int)count;
}

static void implementation_names(char *text, size_t size)
{
    size_t used = 0;
    for (size_t i = 0; i < implementation_count && used < size; i++)
        used += (size_t)snprintf(text + used, size - used, "%s%s", i ? ", " : "", implementations[i]->name);
}

static enum target selected_target = TARGET_CPU;

enum target cli_selected_target(void) { return selected_target; }

/* Exits with a one-line error when the kernels of `target` cannot run here. */
static void require_target(const char *command, const char *option, const char *what, enum target target)
{
    if (target != TARGET_CUDA)
        return;
#ifdef SCEBENCH_HAVE_CUDA
    char why[256];
    if (cuda_device_count(why, sizeof why) == 0)
        cli_fail(command, "%s: %s needs a CUDA device and there is none (%s)", option, what, why);
#else
    cli_fail(command, "%s: %s: this scebench was built without the CUDA part (nvcc was not found when "
                      "it was configured)", option, what);
#endif
}

enum target cli_select_target(const char *command, const char *option, const char *text)
{
    for (int t = 0; t < TARGET_COUNT; t++)
        if (strcmp(text, target_name[t]) == 0) {
            require_target(command, option, text, (enum target)t);
            selected_target = (enum target)t;
            return selected_target;
        }
    cli_fail(command, "%s: unknown target '%s' (accepted: cpu, cuda)", option, text);
    return TARGET_CPU;
}

const struct implementation *cli_implementation(const char *command, const char *option, const char *text)
{
    const struct implementation *found = implementation_find(text);
    if (!found) {
        char names[1024];
        implementation_names(names, sizeof names);
        cli_fail(command, "%s: unknown implementation '%s' (accepted: %s)", option, text, names);
    }
    require_target(command, option, found->name, found->target);
    return found;
}

size_t cli_implementations(const char *command, const char *option, const char *text,
                           const struct implementation **out)
{
    if (strcmp(text, "all") == 0) {
        size_t count = 0;
        for (size_t i = 0; i < implementation_count; i++)
            if (implementations[i]->target == selected_target)
                out[count++] = implementations[i];
        return count;
    }
    char items[64][64];
    size_t count = cli_split_list(command, option, text, items, 64);
    for (size_t i = 0; i < count; i++)
        out[i] = cli_implementation(command, option, items[i]);
    return count;
}

int cli_functions(const char *command, const char *option, const char *text, int *selected)
{
    char items[4][64];
    size_t count = cli_split_list(command, option, text, items, 4);
    memset(selected, 0, sizeof(int) * FUNCTION_COUNT);
    for (size_t i = 0; i < count; i++) {
        int f = 0;
        while (f < FUNCTION_COUNT && strcmp(items[i], function_name[f]) != 0)
            f++;
        if (f == FUNCTION_COUNT)
            cli_fail(command, "%s: unknown function '%s' (accepted: loss, grad)", option, items[i]);
        selected[f] = 1;
    }
    return (int)count;
}

int cli_target_sets(const char *command, const char *option, const char *text, enum target_set *sets)
{
    char items[TARGETS_COUNT][64];
    size_t count = cli_split_list(command, option, text, items, TARGETS_COUNT);
    int selected[TARGETS_COUNT] = {0};
    for (size_t i = 0; i < count; i++) {
        int t = 0;
        while (t < TARGETS_COUNT && strcmp(items[i], target_set_name[t]) != 0)
            t++;
        if (t == TARGETS_COUNT)
            cli_fail(command, "%s: unknown target set '%s' (accepted: hard, soft, random, all)", option,
                     items[i]);
        if (t == TARGETS_ALL)
            selected[TARGETS_HARD] = selected[TARGETS_SOFT] = selected[TARGETS_RANDOM] = 1;
        else
            selected[t] = 1;
    }
    int n = 0;
    for (int t = 0; t < TARGETS_ALL; t++)
        if (selected[t])
            sets[n++] = (enum target_set)t;
    return n;
}

uint64_t cli_unsigned(const char *command, const char *option, const char *text, uint64_t maximum)
{
    char *end;
    errno = 0;
    uintmax_t value = strtoumax(text, &end, 10);
    if (!isdigit((unsigned char)text[0]) || *end != '\0' || errno || value > maximum)
        cli_fail(command, "%s: expected an integer from 0 to %" PRIu64 ", got '%s'", option, maximum, text);
    return (uint64_t)value;
}

enum mode cli_mode(const char *command, const char *option, const char *text)
{
    for (int m = 0; m < MODE_COUNT; m++)
        if (strcmp(text, mode_name[m]) == 0)
            return (enum mode)m;
    cli_fail(command, "%s: unknown mode '%s' (accepted: native, opmath, internal)", option, text);
}

void hex_text(double value, char text[40])
{
    if (isnan(value))
        strcpy(text, "nan");
    else if (isinf(value))
        strcpy(text, value > 0 ? "inf" : "-inf");
    else
        snprintf(text, 40, "%a", value);
}

double monotonic_seconds(void)
{
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + 1e-9 * (double)time.tv_nsec;
}

void *allocate_or_exit(size_t count, size_t size)
{
    void *memory = calloc(count ? count : 1, size);
    if (!memory) {
        fputs("scebench: out of memory\n", stderr);
        exit(1);
    }
    return memory;
}
