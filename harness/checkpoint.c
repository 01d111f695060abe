#define _POSIX_C_SOURCE 200809L
#include "checkpoint.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char magic[8] = "SCEBCKP1";

struct header {
    char magic[8];
    uint64_t fingerprint;
    uint64_t run_count;
    uint64_t stage;
    uint64_t next_block;
    uint64_t accumulator_size, profile_size;
};

static void rank_path(const char *path, int rank, int ranks, char *out, size_t size)
{
    if (ranks > 1)
        snprintf(out, size, "%s.rank%d", path, rank);
    else
        snprintf(out, size, "%s", path);
}

int checkpoint_write(const char *path, int rank, int ranks, uint64_t fingerprint, size_t stage,
                     uint64_t next_block, const struct sweep_timing *timing,
                     const struct accumulator *accumulators, const struct run_profile *profiles,
                     size_t run_count, char *error, size_t error_size)
{
    char target[4096], temporary[4160];
    rank_path(path, rank, ranks, target, sizeof target);
    snprintf(temporary, sizeof temporary, "%s.tmp.XXXXXX", target);
    int descriptor = mkstemp(temporary);
    if (descriptor < 0) {
        snprintf(error, error_size, "cannot write '%s': %s", target, strerror(errno));
        return -1;
    }
    FILE *file = fdopen(descriptor, "wb");
    struct header header = {.fingerprint = fingerprint, .run_count = run_count, .stage = stage,
                            .next_block = next_block, .accumulator_size = sizeof *accumulators,
                            .profile_size = sizeof *profiles};
    memcpy(header.magic, magic, sizeof magic);
    int ok = file && fwrite(&header, sizeof header, 1, file) == 1 && fwrite(timing, sizeof *timing, 1, file) == 1 &&
             fwrite(accumulators, sizeof *accumulators, run_count, file) == run_count &&
             fwrite(profiles, sizeof *profiles, run_count, file) == run_count && fflush(file) == 0 &&
             fsync(fileno(file)) == 0;
    if (file)
        ok = fclose(file) == 0 && ok;
    if (ok)
        ok = rename(temporary, target) == 0;
    if (!ok) {
        snprintf(error, error_size, "cannot write '%s': %s", target, strerror(errno));
        unlink(temporary);
        return -1;
    }
    return 0;
}

int checkpoint_read(const char *path, int rank, int ranks, uint64_t fingerprint, size_t *stage,
                    uint64_t *next_block, struct sweep_timing *timing, struct accumulator *accumulators,
                    struct run_profile *profiles, size_t run_count, char *error, size_t error_size)
{
    char source[4096];
    rank_path(path, rank, ranks, source, sizeof source);
    FILE *file = fopen(source, "rb");
    if (!file) {
        snprintf(error, error_size, "cannot read '%s': %s", source, strerror(errno));
        return -1;
    }
    struct header header;
    int ok = fread(&header, sizeof header, 1, file) == 1 && memcmp(header.magic, magic, sizeof magic) == 0;
    if (!ok) {
        snprintf(error, error_size, "'%s' is not a scebench checkpoint", source);
    } else if (header.fingerprint != fingerprint || header.run_count != run_count ||
               header.accumulator_size != sizeof *accumulators || header.profile_size != sizeof *profiles) {
        snprintf(error, error_size, "'%s' was written by a different sweep (options or version)", source);
        ok = 0;
    } else {
        ok = fread(timing, sizeof *timing, 1, file) == 1 &&
             fread(accumulators, sizeof *accumulators, run_count, file) == run_count &&
             fread(profiles, sizeof *profiles, run_count, file) == run_count;
        if (!ok)
            snprintf(error, error_size, "'%s' is truncated", source);
    }
    fclose(file);
    if (!ok)
        return -1;
    *stage = (size_t)header.stage;
    *next_block = header.next_block;
    return 0;
}
