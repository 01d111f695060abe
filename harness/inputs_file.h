/* Inputs and outputs files: how `sweep --emit-inputs` hands a suite to a kernel that runs
 * elsewhere, and how `score` reads what it computed.
 *
 * Binary layout ("SCEBIN01"), every integer and element little-endian:
 *
 *   offset  bytes   field
 *        0      8   magic "SCEBIN01"
 *        8      8   format, ASCII, NUL-padded: "f64", "f32", "f16", "bf16"
 *       16      8   content, ASCII, NUL-padded: "inputs" or "outputs"
 *       24      8   n, the number of points (inputs) or values (outputs), uint64
 *       32     16   suite name, NUL-padded ("" when the points are not a suite's)
 *       48      8   seed of the suite, uint64
 *       56      8   random_count of the suite (--count), uint64
 *       64      8   s, the number of segments, uint64 (0: the points are one unnamed set)
 *       72      8   reserved, 0
 *       80   16*s   segments, in file order: target set name (8 bytes, NUL-padded: "hard",
 *                   "soft", "random") and its number of points (uint64); they add up to n
 *   80+16s   n*b    inputs: x[0..n-1]; outputs: out[0..n-1]
 *            n*b    inputs only: z[0..n-1]
 *
 * b is the storage size of the format: 8 (binary64), 4 (binary32), 2 (binary16, bfloat16 bit
 * patterns).  The file ends there; any other size is an error.  An outputs file needs only the
 * first 80 bytes of header (suite fields and s may be 0): out[i] is the result for point i.
 *
 * Text layout (a FILE ending in .txt): `#` starts a comment line; for inputs one "X Z" line per
 * point, for outputs one value per line, as C99 hex floats (what --emit-inputs writes; decimal,
 * inf and nan are read too, each rounded once to the format).  Two comment lines carry what the
 * binary header does:
 *   # scebench inputs format=f32 suite=quick seed=1 random_count=10000 count=N
 *   # targets hard N        (starts a segment; the points before the first belong to "given")
 * A text file without a `format=` line is taken to be of the format given with -t. */
#ifndef SCEBENCH_INPUTS_FILE_H
#define SCEBENCH_INPUTS_FILE_H

#include <stddef.h>
#include <stdint.h>
#include "storage.h"
#include "suites.h"

#define SCEBIN_MAGIC "SCEBIN01"
#define SCEBIN_HEADER_BYTES 80
#define SCEBIN_SEGMENT_BYTES 16

struct inputs_segment {
    char name[16]; /* "hard", "soft", "random", or "given" */
    size_t count;
};

struct inputs_data {
    enum format format;
    char suite[32]; /* "" when unknown */
    uint64_t seed;
    uint64_t random_count;
    size_t count;
    double *x, *z; /* values of the format */
    int segment_count; /* at least 1 after inputs_read */
    struct inputs_segment *segments;
};

/* Writes the points (segments in order, with their names) to `path` (text when it ends in
 * .txt), atomically (a temporary file renamed into place).  Returns 0, or -1 with a message. */
int inputs_write(const char *path, enum format format, const char *suite, uint64_t seed, uint64_t random_count,
                 const struct point_list *segments, const char *const *segment_names, int segment_count,
                 char *error, size_t error_size);

/* Reads an inputs file of the format `expected` (a different format is an error).  Returns 0,
 * or -1 with a one-line reason. */
int inputs_read(const char *path, enum format expected, struct inputs_data *data, char *error, size_t error_size);
void inputs_data_free(struct inputs_data *data);

/* Reads exactly `count` values of the format from an outputs file (binary or .txt).  Returns 0
 * and a malloc'd array in *values, or -1 with a one-line reason. */
int outputs_read(const char *path, enum format expected, size_t count, double **values, char *error,
                 size_t error_size);

/* Writes an outputs file (binary, or text when the path ends in .txt), atomically. */
int outputs_write(const char *path, enum format format, size_t count, const double *values, char *error,
                  size_t error_size);

/* True when the path ends in ".txt". */
int inputs_path_is_text(const char *path);

#endif
