/* Inputs and outputs files (layouts in inputs_file.h) and `sweep --emit-inputs`. */
#define _POSIX_C_SOURCE 200809L
#include "inputs_file.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "reference.h"
#include "sweep.h"

int inputs_path_is_text(const char *path)
{
    size_t length = strlen(path);
    return length >= 4 && strcmp(path + length - 4, ".txt") == 0;
}

/* ---- Elements in storage, little-endian. ---- */

static uint64_t element_bits(enum format format, double v)
{
    switch (format) {
    case FORMAT_F64: return double_bits(v);
    case FORMAT_F32: {
        float single = (float)v;
        uint32_t bits;
        memcpy(&bits, &single, sizeof bits);
        return bits;
    }
    case FORMAT_F16: return f16_from_double(v);
    default: return bf16_from_double(v);
    }
}

static double element_value(enum format format, uint64_t bits)
{
    switch (format) {
    case FORMAT_F64: return double_from_bits(bits);
    case FORMAT_F32: {
        uint32_t narrow = (uint32_t)bits;
        float single;
        memcpy(&single, &narrow, sizeof single);
        return single;
    }
    case FORMAT_F16: return f16_to_double((uint16_t)bits);
    default: return bf16_to_double((uint16_t)bits);
    }
}

static void put_le(unsigned char *bytes, uint64_t value, int size)
{
    for (int k = 0; k < size; k++)
        bytes[k] = (unsigned char)(value >> (8 * k));
}

static uint64_t get_le(const unsigned char *bytes, int size)
{
    uint64_t value = 0;
    for (int k = 0; k < size; k++)
        value |= (uint64_t)bytes[k] << (8 * k);
    return value;
}

static void put_name(unsigned char *bytes, const char *name, size_t size)
{
    memset(bytes, 0, size);
    memcpy(bytes, name, strnlen(name, size));
}

/* A NUL-padded name field as a string (at most size - 1 characters kept). */
static void get_name(const unsigned char *bytes, size_t field, char *name, size_t size)
{
    size_t length = strnlen((const char *)bytes, field);
    if (length >= size)
        length = size - 1;
    memcpy(name, bytes, length);
    name[length] = '\0';
}

static int format_from_text(const char *name, enum format *format)
{
    for (int f = 0; f < FORMAT_COUNT; f++)
        if (strcmp(name, format_info[f].name) == 0) {
            *format = (enum format)f;
            return 0;
        }
    return -1;
}

/* ---- Atomic writing: a temporary beside the target, renamed into place. ---- */

struct atomic_file {
    FILE *file;
    char temporary[4096 + 32];
    const char *path;
};

static int atomic_begin(struct atomic_file *out, const char *path, char *error, size_t error_size)
{
    out->path = path;
    if (strlen(path) > 4096) {
        snprintf(error, error_size, "path too long");
        return -1;
    }
    snprintf(out->temporary, sizeof out->temporary, "%s.tmp.XXXXXX", path);
    int descriptor = mkstemp(out->temporary);
    if (descriptor < 0 || !(out->file = fdopen(descriptor, "wb"))) {
        snprintf(error, error_size, "cannot write '%s': %s", path, strerror(errno));
        if (descriptor >= 0) {
            close(descriptor);
            unlink(out->temporary);
        }
        return -1;
    }
    return 0;
}

static int atomic_end(struct atomic_file *out, int failed, char *error, size_t error_size)
{
    failed = failed || ferror(out->file) || fflush(out->file) != 0 || fchmod(fileno(out->file), 0644) != 0 ||
             fsync(fileno(out->file)) != 0;
    failed = fclose(out->file) != 0 || failed;
    if (!failed)
        failed = rename(out->temporary, out->path) != 0;
    if (failed) {
        snprintf(error, error_size, "cannot write '%s': %s", out->path, strerror(errno ? errno : EIO));
        unlink(out->temporary);
        return -1;
    }
    return 0;
}

static int write_elements(FILE *file, enum format format, size_t count, const double *values, size_t stride)
{
    int size = format_info[format].storage_bytes;
    unsigned char buffer[8192];
    size_t per_chunk = sizeof buffer / (size_t)size, done = 0;
    while (done < count) {
        size_t chunk = count - done < per_chunk ? count - done : per_chunk;
        for (size_t i = 0; i < chunk; i++)
            put_le(buffer + i * (size_t)size, element_bits(format, values[(done + i) * stride]), size);
        if (fwrite(buffer, (size_t)size, chunk, file) != chunk)
            return -1;
        done += chunk;
    }
    return 0;
}

static int write_header(FILE *file, enum format format, const char *content, size_t count, const char *suite,
                        uint64_t seed, uint64_t random_count, const struct point_list *segments,
                        const char *const *names, int segment_count)
{
    unsigned char header[SCEBIN_HEADER_BYTES] = {0};
    memcpy(header, SCEBIN_MAGIC, 8);
    put_name(header + 8, format_info[format].name, 8);
    put_name(header + 16, content, 8);
    put_le(header + 24, count, 8);
    put_name(header + 32, suite ? suite : "", 16);
    put_le(header + 48, seed, 8);
    put_le(header + 56, random_count, 8);
    put_le(header + 64, (uint64_t)segment_count, 8);
    if (fwrite(header, 1, sizeof header, file) != sizeof header)
        return -1;
    for (int s = 0; s < segment_count; s++) {
        unsigned char segment[SCEBIN_SEGMENT_BYTES];
        put_name(segment, names[s], 8);
        put_le(segment + 8, segments[s].count, 8);
        if (fwrite(segment, 1, sizeof segment, file) != sizeof segment)
            return -1;
    }
    return 0;
}

int inputs_write(const char *path, enum format format, const char *suite, uint64_t seed, uint64_t random_count,
                 const struct point_list *segments, const char *const *segment_names, int segment_count,
                 char *error, size_t error_size)
{
    struct atomic_file out;
    if (atomic_begin(&out, path, error, error_size) != 0)
        return -1;
    size_t total = 0;
    for (int s = 0; s < segment_count; s++)
        total += segments[s].count;
    int failed = 0;
    if (inputs_path_is_text(path)) {
        failed = fprintf(out.file, "# scebench inputs format=%s suite=%s seed=%" PRIu64 " random_count=%" PRIu64
                                   " count=%zu\n# one \"X Z\" line per point, C99 hex floats\n",
                         format_info[format].name, suite && *suite ? suite : "given", seed, random_count, total) < 0;
        for (int s = 0; s < segment_count && !failed; s++) {
            failed = fprintf(out.file, "# targets %s %zu\n", segment_names[s], segments[s].count) < 0;
            for (size_t i = 0; i < segments[s].count && !failed; i++) {
                char x[40], z[40];
                hex_text(segments[s].points[i].x, x);
                hex_text(segments[s].points[i].z, z);
                failed = fprintf(out.file, "%s %s\n", x, z) < 0;
            }
        }
    } else {
        failed = write_header(out.file, format, "inputs", total, suite, seed, random_count, segments, segment_names,
                              segment_count) != 0;
        /* x of every segment, then z of every segment; a point is two doubles, x first. */
        for (int s = 0; s < segment_count && !failed; s++)
            failed = write_elements(out.file, format, segments[s].count, &segments[s].points[0].x, 2) != 0;
        for (int s = 0; s < segment_count && !failed; s++)
            failed = write_elements(out.file, format, segments[s].count, &segments[s].points[0].z, 2) != 0;
    }
    return atomic_end(&out, failed, error, error_size);
}

int outputs_write(const char *path, enum format format, size_t count, const double *values, char *error,
                  size_t error_size)
{
    struct atomic_file out;
    if (atomic_begin(&out, path, error, error_size) != 0)
        return -1;
    int failed = 0;
    if (inputs_path_is_text(path)) {
        failed = fprintf(out.file, "# scebench outputs format=%s count=%zu\n", format_info[format].name, count) < 0;
        for (size_t i = 0; i < count && !failed; i++) {
            char text[40];
            hex_text(values[i], text);
            failed = fprintf(out.file, "%s\n", text) < 0;
        }
    } else {
        failed = write_header(out.file, format, "outputs", count, "", 0, 0, NULL, NULL, 0) != 0 ||
                 write_elements(out.file, format, count, values, 1) != 0;
    }
    return atomic_end(&out, failed, error, error_size);
}

/* ---- Reading. ---- */

struct binary_header {
    enum format format;
    char content[16];
    uint64_t count;
    char suite[17];
    uint64_t seed, random_count, segment_count;
};

static int fail(char *error, size_t error_size, const char *format, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *error, size_t error_size, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(error, error_size, format, arguments);
    va_end(arguments);
    return -1;
}

static int read_binary_header(FILE *file, const char *path, const char *content, enum format expected,
                              struct binary_header *header, char *error, size_t error_size)
{
    unsigned char bytes[SCEBIN_HEADER_BYTES];
    if (fread(bytes, 1, sizeof bytes, file) != sizeof bytes || memcmp(bytes, SCEBIN_MAGIC, 8) != 0)
        return fail(error, error_size, "'%s' is not a scebench binary file (no \"%s\" header; a text file must end "
                                       "in .txt)", path, SCEBIN_MAGIC);
    char format_name[16];
    get_name(bytes + 8, 8, format_name, sizeof format_name);
    if (format_from_text(format_name, &header->format) != 0)
        return fail(error, error_size, "'%s': unknown format '%s' in the header", path, format_name);
    if (header->format != expected)
        return fail(error, error_size, "'%s' holds %s values, not %s (-t)", path, format_name,
                    format_info[expected].name);
    get_name(bytes + 16, 8, header->content, sizeof header->content);
    if (strcmp(header->content, content) != 0)
        return fail(error, error_size, "'%s' holds %s, not %s", path, *header->content ? header->content : "nothing",
                    content);
    header->count = get_le(bytes + 24, 8);
    get_name(bytes + 32, 16, header->suite, sizeof header->suite);
    header->seed = get_le(bytes + 48, 8);
    header->random_count = get_le(bytes + 56, 8);
    header->segment_count = get_le(bytes + 64, 8);
    struct stat status;
    int size = format_info[expected].storage_bytes;
    int arrays = strcmp(content, "inputs") == 0 ? 2 : 1;
    if (header->segment_count > 64 || header->count > (UINT64_MAX / 4) / (uint64_t)size)
        return fail(error, error_size, "'%s': implausible header (count %" PRIu64 ", %" PRIu64 " segments)", path,
                    header->count, header->segment_count);
    uint64_t expected_size = SCEBIN_HEADER_BYTES + SCEBIN_SEGMENT_BYTES * header->segment_count +
                             (uint64_t)arrays * header->count * (uint64_t)size;
    if (fstat(fileno(file), &status) == 0 && S_ISREG(status.st_mode) && (uint64_t)status.st_size != expected_size)
        return fail(error, error_size, "'%s': %lld bytes, but its header (%" PRIu64 " %s %s) needs %" PRIu64, path,
                    (long long)status.st_size, header->count, format_name, content, expected_size);
    return 0;
}

static int read_elements(FILE *file, const char *path, enum format format, size_t count, double *values,
                         char *error, size_t error_size)
{
    int size = format_info[format].storage_bytes;
    unsigned char buffer[8192];
    size_t per_chunk = sizeof buffer / (size_t)size, done = 0;
    while (done < count) {
        size_t chunk = count - done < per_chunk ? count - done : per_chunk;
        if (fread(buffer, (size_t)size, chunk, file) != chunk)
            return fail(error, error_size, "'%s': truncated", path);
        for (size_t i = 0; i < chunk; i++)
            values[done + i] = element_value(format, get_le(buffer + i * (size_t)size, size));
        done += chunk;
    }
    return 0;
}

/* A growing list of points and segments read from a text file. */
struct text_points {
    double *x, *z;
    size_t count, capacity;
    struct inputs_segment *segments;
    int segment_count;
};

static int text_append(struct text_points *list, double x, double z)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? 2 * list->capacity : 4096;
        double *nx = realloc(list->x, capacity * sizeof *nx);
        if (nx)
            list->x = nx;
        double *nz = realloc(list->z, capacity * sizeof *nz);
        if (nz)
            list->z = nz;
        if (!nx || !nz)
            return -1;
        list->capacity = capacity;
    }
    list->x[list->count] = x;
    list->z[list->count++] = z;
    return 0;
}

/* Opens a segment at point index `start` (its .count holds the start until the file is read). */
static int segment_begin(struct text_points *list, const char *name, size_t start)
{
    struct inputs_segment *segments = realloc(list->segments, (size_t)(list->segment_count + 1) * sizeof *segments);
    if (!segments)
        return -1;
    list->segments = segments;
    struct inputs_segment *segment = &segments[list->segment_count++];
    memset(segment, 0, sizeof *segment);
    snprintf(segment->name, sizeof segment->name, "%s", name);
    segment->count = start;
    return 0;
}

/* "key=value" in a header comment; copies the value (up to a space). */
static int header_value(const char *line, const char *key, char *value, size_t size)
{
    size_t length = strlen(key);
    for (const char *p = strstr(line, key); p; p = strstr(p + 1, key))
        if ((p == line || p[-1] == ' ') && p[length] == '=') {
            p += length + 1;
            size_t n = strcspn(p, " \t\r\n");
            if (n >= size)
                n = size - 1;
            memcpy(value, p, n);
            value[n] = '\0';
            return 1;
        }
    return 0;
}

static char *next_token(char **cursor)
{
    char *p = *cursor;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    if (!*p)
        return NULL;
    char *start = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
        p++;
    if (*p)
        *p++ = '\0';
    *cursor = p;
    return start;
}

/* Reads a text file with `columns` values per line (2: inputs, 1: outputs). */
static int read_text(FILE *file, const char *path, enum format expected, int columns, struct text_points *list,
                     struct inputs_data *meta, char *error, size_t error_size)
{
    char *line = NULL;
    size_t line_size = 0;
    long long declared = -1;
    int status = 0;
    for (size_t number = 1; getline(&line, &line_size, file) >= 0; number++) {
        char *cursor = line;
        while (*cursor == ' ' || *cursor == '\t')
            cursor++;
        if (*cursor == '#') {
            char value[64];
            if (header_value(cursor, "format", value, sizeof value)) {
                enum format format;
                if (format_from_text(value, &format) != 0) {
                    status = fail(error, error_size, "'%s' line %zu: unknown format '%s'", path, number, value);
                    break;
                }
                if (format != expected) {
                    status = fail(error, error_size, "'%s' holds %s values, not %s (-t)", path, value,
                                  format_info[expected].name);
                    break;
                }
            }
            if (header_value(cursor, "count", value, sizeof value))
                declared = strtoll(value, NULL, 10);
            if (meta && strstr(cursor, "scebench inputs")) {
                if (header_value(cursor, "suite", value, sizeof value) && strcmp(value, "given") != 0)
                    snprintf(meta->suite, sizeof meta->suite, "%.31s", value);
                if (header_value(cursor, "seed", value, sizeof value))
                    meta->seed = strtoull(value, NULL, 10);
                if (header_value(cursor, "random_count", value, sizeof value))
                    meta->random_count = strtoull(value, NULL, 10);
            }
            char name[32];
            if (columns == 2 && sscanf(cursor, "# targets %31s", name) == 1) {
                if ((list->segment_count == 0 && list->count > 0 && segment_begin(list, "given", 0) != 0) ||
                    segment_begin(list, name, list->count) != 0) {
                    status = fail(error, error_size, "out of memory");
                    break;
                }
            }
            continue;
        }
        char *tokens[3] = {NULL, NULL, NULL};
        int found = 0;
        while (found < 3 && (tokens[found] = next_token(&cursor)) != NULL)
            found++;
        if (found == 0)
            continue;
        double values[2] = {0.0, 0.0};
        if (found != columns) {
            status = fail(error, error_size, "'%s' line %zu: expected %s", path, number,
                          columns == 2 ? "two numbers \"X Z\"" : "one number");
            break;
        }
        int bad = 0;
        for (int c = 0; c < columns && !bad; c++)
            bad = reference_parse(expected, tokens[c], &values[c]) != 0;
        if (bad) {
            status = fail(error, error_size, "'%s' line %zu: not a number", path, number);
            break;
        }
        if (text_append(list, values[0], values[1]) != 0) {
            status = fail(error, error_size, "out of memory");
            break;
        }
    }
    free(line);
    if (status == 0 && declared >= 0 && (size_t)declared != list->count)
        status = fail(error, error_size, "'%s': the header says count=%lld, the file has %zu %s", path, declared,
                      list->count, columns == 2 ? "points" : "values");
    return status;
}

/* Segment counts of a text inputs file: each segment runs from its start to the next one's. */
static void close_text_segments(struct text_points *list)
{
    for (int s = 0; s < list->segment_count; s++) {
        size_t end = s + 1 < list->segment_count ? list->segments[s + 1].count : list->count;
        list->segments[s].count = end - list->segments[s].count;
    }
}

int inputs_read(const char *path, enum format expected, struct inputs_data *data, char *error, size_t error_size)
{
    memset(data, 0, sizeof *data);
    data->format = expected;
    FILE *file = fopen(path, "rb");
    if (!file)
        return fail(error, error_size, "cannot read '%s': %s", path, strerror(errno));
    int status = 0;
    if (inputs_path_is_text(path)) {
        struct text_points list = {0};
        status = read_text(file, path, expected, 2, &list, data, error, error_size);
        if (status == 0)
            close_text_segments(&list);
        data->x = list.x;
        data->z = list.z;
        data->count = list.count;
        data->segments = list.segments;
        data->segment_count = list.segment_count;
    } else {
        struct binary_header header;
        status = read_binary_header(file, path, "inputs", expected, &header, error, error_size);
        if (status == 0) {
            snprintf(data->suite, sizeof data->suite, "%.16s", header.suite);
            data->seed = header.seed;
            data->random_count = header.random_count;
            data->count = (size_t)header.count;
            data->segment_count = (int)header.segment_count;
            data->segments = calloc(header.segment_count + 1, sizeof *data->segments);
            data->x = malloc((data->count ? data->count : 1) * sizeof *data->x);
            data->z = malloc((data->count ? data->count : 1) * sizeof *data->z);
            if (!data->segments || !data->x || !data->z)
                status = fail(error, error_size, "out of memory");
            uint64_t sum = 0;
            for (int s = 0; s < data->segment_count && status == 0; s++) {
                unsigned char bytes[SCEBIN_SEGMENT_BYTES];
                if (fread(bytes, 1, sizeof bytes, file) != sizeof bytes) {
                    status = fail(error, error_size, "'%s': truncated", path);
                    break;
                }
                get_name(bytes, 8, data->segments[s].name, sizeof data->segments[s].name);
                data->segments[s].count = (size_t)get_le(bytes + 8, 8);
                sum += data->segments[s].count;
            }
            if (status == 0 && data->segment_count > 0 && sum != header.count)
                status = fail(error, error_size, "'%s': the segments hold %" PRIu64 " points, the header says %" PRIu64,
                              path, sum, header.count);
            if (status == 0)
                status = read_elements(file, path, expected, data->count, data->x, error, error_size);
            if (status == 0)
                status = read_elements(file, path, expected, data->count, data->z, error, error_size);
        }
    }
    fclose(file);
    if (status == 0 && data->segment_count == 0) {
        data->segments = realloc(data->segments, sizeof *data->segments);
        if (!data->segments)
            status = fail(error, error_size, "out of memory");
        else {
            data->segment_count = 1;
            snprintf(data->segments[0].name, sizeof data->segments[0].name, "given");
            data->segments[0].count = data->count;
        }
    }
    if (status != 0)
        inputs_data_free(data);
    return status;
}

void inputs_data_free(struct inputs_data *data)
{
    free(data->x);
    free(data->z);
    free(data->segments);
    data->x = data->z = NULL;
    data->segments = NULL;
    data->count = 0;
    data->segment_count = 0;
}

int outputs_read(const char *path, enum format expected, size_t count, double **values, char *error,
                 size_t error_size)
{
    *values = NULL;
    FILE *file = fopen(path, "rb");
    if (!file)
        return fail(error, error_size, "cannot read '%s': %s", path, strerror(errno));
    int status;
    if (inputs_path_is_text(path)) {
        struct text_points list = {0};
        status = read_text(file, path, expected, 1, &list, NULL, error, error_size);
        free(list.z);
        free(list.segments);
        if (status == 0 && list.count != count)
            status = fail(error, error_size, "count mismatch: '%s' has %zu values, the inputs have %zu points", path,
                          list.count, count);
        if (status == 0)
            *values = list.x;
        else
            free(list.x);
    } else {
        struct binary_header header;
        status = read_binary_header(file, path, "outputs", expected, &header, error, error_size);
        if (status == 0 && header.count != count)
            status = fail(error, error_size, "count mismatch: '%s' has %" PRIu64 " values, the inputs have %zu points",
                          path, header.count, count);
        if (status == 0 && fseek(file, (long)(SCEBIN_SEGMENT_BYTES * header.segment_count), SEEK_CUR) != 0)
            status = fail(error, error_size, "'%s': truncated", path);
        if (status == 0) {
            *values = malloc((count ? count : 1) * sizeof **values);
            status = *values ? read_elements(file, path, expected, count, *values, error, error_size)
                             : fail(error, error_size, "out of memory");
            if (status != 0) {
                free(*values);
                *values = NULL;
            }
        }
    }
    fclose(file);
    return status;
}

/* ---- sweep --emit-inputs ---- */

/* The name of a suite number (suites.h lists names, not numbers). */
static void suite_name_of(int suite, char *name, size_t size)
{
    snprintf(name, size, "given");
    const char *list = suite_names();
    while (*list) {
        size_t length = strcspn(list, ", ");
        char candidate[64];
        if (length > 0 && length < sizeof candidate) {
            memcpy(candidate, list, length);
            candidate[length] = '\0';
            if (suite_from_name(candidate) == suite) {
                snprintf(name, size, "%.31s", candidate);
                return;
            }
        }
        list += length;
        list += strspn(list, ", ");
    }
}

int sweep_emit_inputs(const char *path, const struct sweep_request *request)
{
    if (request->format_count != 1)
        cli_fail("sweep", "--emit-inputs: inputs are written for one format: give one -t (f64, f32, f16 or bf16)");
    enum format format = request->formats[0];
    struct point_list segments[TARGETS_ALL];
    const char *names[TARGETS_ALL];
    char suite[32], error[512];
    suite_name_of(request->suite, suite, sizeof suite);
    if (strcmp(suite, "given") == 0)
        cli_fail("sweep", "--emit-inputs: this suite has no list of points to write (accepted: %s)", suite_names());
    if (request->target_count > TARGETS_ALL)
        cli_fail("sweep", "--emit-inputs: too many target sets");
    for (int t = 0; t < request->target_count; t++)
        if ((int)request->target_sets[t] < 0 || (int)request->target_sets[t] >= TARGETS_ALL)
            cli_fail("sweep", "--emit-inputs: the target sets written are hard, soft and random");
    size_t total = 0;
    for (int t = 0; t < request->target_count; t++) {
        enum target_set set = (enum target_set)request->target_sets[t];
        if (suite_points(request->suite, format, set, request->seed, request->random_count, &segments[t]) != 0) {
            fprintf(stderr, "scebench sweep: --emit-inputs: cannot build the points of suite %s (out of memory)\n",
                    suite);
            for (int u = 0; u < t; u++)
                point_list_free(&segments[u]);
            return 1;
        }
        names[t] = target_set_name[set];
        total += segments[t].count;
    }
    int status = 0;
    if (inputs_write(path, format, suite, request->seed, request->random_count, segments, names,
                     request->target_count, error, sizeof error) != 0) {
        fprintf(stderr, "scebench sweep: --emit-inputs: %s\n", error);
        status = EXIT_USAGE;
    } else {
        printf("%zu %s inputs of suite %s (seed %" PRIu64 ";", total, format_info[format].name, suite, request->seed);
        for (int t = 0; t < request->target_count; t++)
            printf(" %s %zu", names[t], segments[t].count);
        printf(") written to %s\n", path);
    }
    for (int t = 0; t < request->target_count; t++)
        point_list_free(&segments[t]);
    return status;
}
