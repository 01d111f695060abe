/* `scebench bench --target cuda` (bench_cuda.c), and the helpers of `scebench bench` that the
 * CPU path (command_bench.c) shares with it. */
#ifndef SCEBENCH_BENCH_CUDA_H
#define SCEBENCH_BENCH_CUDA_H

#include <jansson.h>
#include "topology.h"

/* Runs `scebench bench --target cuda` with the arguments after "bench"; returns the exit code.
 * Without the CUDA part built (SCEBENCH_HAVE_CUDA), or without a device, it fails with exit
 * code 2 and a one-line message, and writes no file. */
int bench_cuda(int argc, char **argv);

/* --fn of bench: loss, grad, loss+grad, mean into selected[BENCH_FUNCTION_COUNT] (exit 2 on an
 * unknown function). */
void bench_parse_functions(const char *text, int *selected);

/* "scebench bench ARGS...", malloc'd (NULL when out of memory). */
char *bench_command_line(int argc, char **argv);

/* The host of a bench file: topology_json(), the hostname and the cache sizes per core. */
json_t *bench_host_json(const struct cache_sizes *caches);

#endif
