/* The machine and the build a measurement was made with: the hwloc description of the host
 * (CPU model, packages, cores, PUs, every cache level, NUMA nodes and memory), the instruction
 * set features of the CPU, and the compiler, its version and flags.  Used by `bench` and meant
 * for every results file (`sweep` can put topology_json() beside its "host").
 *
 * The hwloc topology is loaded once per process (topology_get) and shared: `bench` binds its
 * threads with it.  It is not thread-safe to load: call topology_get() before a parallel
 * region. */
#ifndef SCEBENCH_TOPOLOGY_H
#define SCEBENCH_TOPOLOGY_H

#include <hwloc.h>
#include <jansson.h>
#include <stddef.h>

/* The process's topology (loaded on first use; NULL when hwloc cannot load one). */
hwloc_topology_t topology_get(void);

/* Cache sizes per core, in bytes, for sizing benchmarks: each private level's size, and the
 * shared levels divided by the cores sharing them.  A level hwloc does not report is assumed
 * (48 KiB L1d, 1 MiB L2, 2 MiB L3 per core) and flagged in `assumed`. */
struct cache_sizes {
    size_t l1d_per_core;
    size_t l2_per_core;
    size_t l3_per_core;
    size_t l3_total; /* all last-level L3 instances together */
    int cores;       /* cores of the machine (allowed to this process) */
    int pus;
    unsigned long long memory_bytes; /* total memory of the NUMA nodes (0 when unknown) */
    int assumed;     /* bit 0: L1d, bit 1: L2, bit 2: L3 not reported by hwloc */
};

void topology_cache_sizes(struct cache_sizes *sizes);

/* The hardware: {"cpu_model", "vendor", "architecture", "packages", "cores", "pus",
 * "caches": [{"level", "type", "size_bytes", "line_bytes", "associativity", "instances",
 * "cores_per_instance"}], "numa_nodes": [{"os_index", "memory_bytes"}], "memory_bytes",
 * "isa": [features of the CPU, as __builtin_cpu_supports / cpuid name them],
 * "isa_compiled": [features the harness itself was compiled for (__AVX2__, ...)],
 * "hwloc_version"}.  A new reference. */
json_t *topology_json(void);

/* The build: {"compiler", "compiler_id", "compiler_version", "flags", "build_type",
 * "scebench_version", "git_revision"}.  A new reference. */
json_t *build_json(void);

/* The core the thread with OpenMP number `thread` of a team is pinned to: its cpuset, or NULL
 * when there are fewer cores than threads or no topology. */
hwloc_const_cpuset_t topology_core_cpuset(int thread);

/* Binds the calling thread to the cpuset (all PUs of one core).  Returns 0 on success. */
int topology_bind_thread(hwloc_const_cpuset_t cpuset);

#endif
