/* The host and build description (hwloc, cpuid, the compiler).  See topology.h. */
#include "topology.h"

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/* Set by CMake (the bench block of the top-level CMakeLists.txt); these defaults keep the file
 * compiling on its own. */
#ifndef SCEBENCH_VERSION
#define SCEBENCH_VERSION "unknown"
#endif
#ifndef SCEBENCH_GIT_REVISION
#define SCEBENCH_GIT_REVISION "unknown"
#endif
#ifndef SCEBENCH_COMPILER_ID
#define SCEBENCH_COMPILER_ID "unknown"
#endif
#ifndef SCEBENCH_COMPILER_VERSION
#define SCEBENCH_COMPILER_VERSION "unknown"
#endif
#ifndef SCEBENCH_COMPILE_FLAGS
#define SCEBENCH_COMPILE_FLAGS "unknown"
#endif
#ifndef SCEBENCH_BUILD_TYPE
#define SCEBENCH_BUILD_TYPE "unknown"
#endif

static hwloc_topology_t topology;
static int topology_state; /* 0 not loaded, 1 loaded, -1 failed */

hwloc_topology_t topology_get(void)
{
    if (topology_state == 0) {
        topology_state = -1;
        if (hwloc_topology_init(&topology) == 0) {
            if (hwloc_topology_load(topology) == 0)
                topology_state = 1;
            else
                hwloc_topology_destroy(topology);
        }
    }
    return topology_state == 1 ? topology : NULL;
}

static const hwloc_obj_type_t cache_types[] = {
    HWLOC_OBJ_L1CACHE, HWLOC_OBJ_L2CACHE, HWLOC_OBJ_L3CACHE, HWLOC_OBJ_L4CACHE, HWLOC_OBJ_L5CACHE,
    HWLOC_OBJ_L1ICACHE, HWLOC_OBJ_L2ICACHE, HWLOC_OBJ_L3ICACHE,
};

static int cores_in(hwloc_topology_t topo, hwloc_obj_t object)
{
    int cores = hwloc_get_nbobjs_inside_cpuset_by_type(topo, object->cpuset, HWLOC_OBJ_CORE);
    return cores > 0 ? cores : 1;
}

/* The per-core share of the first cache of a type holding data (unified or data). */
static size_t per_core_share(hwloc_topology_t topo, hwloc_obj_type_t type, size_t *total)
{
    int count = hwloc_get_nbobjs_by_type(topo, type);
    size_t share = 0;
    *total = 0;
    for (int i = 0; i < count; i++) {
        hwloc_obj_t cache = hwloc_get_obj_by_type(topo, type, (unsigned)i);
        if (!cache || !cache->attr || cache->attr->cache.type == HWLOC_OBJ_CACHE_INSTRUCTION)
            continue;
        *total += (size_t)cache->attr->cache.size;
        if (share == 0)
            share = (size_t)cache->attr->cache.size / (size_t)cores_in(topo, cache);
    }
    return share;
}

void topology_cache_sizes(struct cache_sizes *sizes)
{
    memset(sizes, 0, sizeof *sizes);
    hwloc_topology_t topo = topology_get();
    size_t total = 0;
    if (topo) {
        sizes->l1d_per_core = per_core_share(topo, HWLOC_OBJ_L1CACHE, &total);
        sizes->l2_per_core = per_core_share(topo, HWLOC_OBJ_L2CACHE, &total);
        sizes->l3_per_core = per_core_share(topo, HWLOC_OBJ_L3CACHE, &total);
        sizes->l3_total = total;
        sizes->cores = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE);
        sizes->pus = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU);
        hwloc_obj_t root = hwloc_get_root_obj(topo);
        sizes->memory_bytes = root ? (unsigned long long)root->total_memory : 0;
    }
    if (sizes->cores <= 0)
        sizes->cores = 1;
    if (sizes->pus <= 0)
        sizes->pus = sizes->cores;
    if (sizes->l1d_per_core == 0) {
        sizes->l1d_per_core = 48 << 10;
        sizes->assumed |= 1;
    }
    if (sizes->l2_per_core == 0) {
        sizes->l2_per_core = 1 << 20;
        sizes->assumed |= 2;
    }
    if (sizes->l3_per_core == 0) {
        sizes->l3_per_core = 2 << 20;
        sizes->l3_total = sizes->l3_per_core * (size_t)sizes->cores;
        sizes->assumed |= 4;
    }
}

static const char *cache_type_name(hwloc_obj_cache_type_t type)
{
    switch (type) {
    case HWLOC_OBJ_CACHE_DATA: return "data";
    case HWLOC_OBJ_CACHE_INSTRUCTION: return "instruction";
    default: return "unified";
    }
}

static json_t *caches_json(hwloc_topology_t topo)
{
    json_t *caches = json_array();
    for (size_t t = 0; t < sizeof cache_types / sizeof cache_types[0]; t++) {
        int count = hwloc_get_nbobjs_by_type(topo, cache_types[t]);
        if (count <= 0)
            continue;
        hwloc_obj_t cache = hwloc_get_obj_by_type(topo, cache_types[t], 0);
        if (!cache || !cache->attr)
            continue;
        json_array_append_new(
            caches, json_pack("{s:i, s:s, s:I, s:i, s:i, s:i, s:i}", "level", (int)cache->attr->cache.depth, "type",
                              cache_type_name(cache->attr->cache.type), "size_bytes",
                              (json_int_t)cache->attr->cache.size, "line_bytes", (int)cache->attr->cache.linesize,
                              "associativity", (int)cache->attr->cache.associativity, "instances", count,
                              "cores_per_instance", cores_in(topo, cache)));
    }
    return caches;
}

static json_t *numa_json(hwloc_topology_t topo)
{
    json_t *nodes = json_array();
    int count = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_NUMANODE);
    for (int i = 0; i < count; i++) {
        hwloc_obj_t node = hwloc_get_obj_by_type(topo, HWLOC_OBJ_NUMANODE, (unsigned)i);
        if (!node)
            continue;
        json_int_t memory = node->attr ? (json_int_t)node->attr->numanode.local_memory : 0;
        json_array_append_new(nodes, json_pack("{s:i, s:I, s:i}", "os_index", (int)node->os_index, "memory_bytes",
                                               memory, "cores", cores_in(topo, node)));
    }
    return nodes;
}

static const char *object_info(hwloc_topology_t topo, hwloc_obj_type_t type, const char *name)
{
    hwloc_obj_t object = hwloc_get_obj_by_type(topo, type, 0);
    const char *value = object ? hwloc_obj_get_info_by_name(object, name) : NULL;
    if (!value) /* some platforms put it on the machine object */
        value = hwloc_obj_get_info_by_name(hwloc_get_root_obj(topo), name);
    return value;
}

/* The instruction-set features of the running CPU (those a kernel of this project may use). */
static json_t *isa_json(void)
{
    json_t *features = json_array();
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
#define FEATURE(name)                                                                                           \
    if (__builtin_cpu_supports(name))                                                                           \
        json_array_append_new(features, json_string(name));
    FEATURE("sse2")
    FEATURE("sse4.1")
    FEATURE("sse4.2")
    FEATURE("avx")
    FEATURE("avx2")
    FEATURE("fma")
    FEATURE("avx512f")
    FEATURE("avx512dq")
    FEATURE("avx512bw")
    FEATURE("avx512vl")
    FEATURE("avx512vbmi2")
    FEATURE("avx512vnni")
    FEATURE("avx512bf16")
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
    FEATURE("f16c")
    FEATURE("avx512fp16")
    FEATURE("amx-bf16")
#else
    {
        unsigned a, b, c, d;
        /* F16C: CPUID.1:ECX bit 29 (usable with the AVX state, which "avx" above checks). */
        if (__get_cpuid(1, &a, &b, &c, &d) && (c >> 29) & 1 && __builtin_cpu_supports("avx"))
            json_array_append_new(features, json_string("f16c"));
    }
#endif
#undef FEATURE
#endif
    return features;
}

/* The features the harness was compiled for (the baseline every kernel here may assume). */
static json_t *isa_compiled_json(void)
{
    json_t *features = json_array();
#ifdef __SSE2__
    json_array_append_new(features, json_string("sse2"));
#endif
#ifdef __SSE4_2__
    json_array_append_new(features, json_string("sse4.2"));
#endif
#ifdef __AVX__
    json_array_append_new(features, json_string("avx"));
#endif
#ifdef __AVX2__
    json_array_append_new(features, json_string("avx2"));
#endif
#ifdef __FMA__
    json_array_append_new(features, json_string("fma"));
#endif
#ifdef __F16C__
    json_array_append_new(features, json_string("f16c"));
#endif
#ifdef __AVX512F__
    json_array_append_new(features, json_string("avx512f"));
#endif
#ifdef __AVX512BF16__
    json_array_append_new(features, json_string("avx512bf16"));
#endif
#ifdef __ARM_NEON
    json_array_append_new(features, json_string("neon"));
#endif
#ifdef __ARM_FEATURE_SVE
    json_array_append_new(features, json_string("sve"));
#endif
    return features;
}

json_t *topology_json(void)
{
    struct utsname machine;
    const char *architecture = uname(&machine) == 0 ? machine.machine : "unknown";
    char version[32];
    unsigned api = hwloc_get_api_version();
    snprintf(version, sizeof version, "%u.%u.%u", api >> 16, (api >> 8) & 0xff, api & 0xff);
    hwloc_topology_t topo = topology_get();
    if (!topo)
        return json_pack("{s:s, s:s, s:o, s:o, s:s}", "cpu_model", "unknown", "architecture", architecture, "isa",
                         isa_json(), "isa_compiled", isa_compiled_json(), "hwloc_version", version);
    const char *model = object_info(topo, HWLOC_OBJ_PACKAGE, "CPUModel");
    const char *vendor = object_info(topo, HWLOC_OBJ_PACKAGE, "CPUVendor");
    hwloc_obj_t root = hwloc_get_root_obj(topo);
    return json_pack("{s:s, s:s, s:s, s:i, s:i, s:i, s:o, s:o, s:I, s:o, s:o, s:s}", "cpu_model",
                     model ? model : "unknown", "vendor", vendor ? vendor : "unknown", "architecture", architecture,
                     "packages", hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PACKAGE), "cores",
                     hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE), "pus",
                     hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU), "caches", caches_json(topo), "numa_nodes",
                     numa_json(topo), "memory_bytes", (json_int_t)(root ? root->total_memory : 0), "isa",
                     isa_json(), "isa_compiled", isa_compiled_json(), "hwloc_version", version);
}

json_t *build_json(void)
{
#ifdef __VERSION__
    const char *compiler = __VERSION__;
#else
    const char *compiler = "unknown";
#endif
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "compiler", compiler, "compiler_id", SCEBENCH_COMPILER_ID,
                     "compiler_version", SCEBENCH_COMPILER_VERSION, "flags", SCEBENCH_COMPILE_FLAGS, "build_type",
                     SCEBENCH_BUILD_TYPE, "scebench_version", SCEBENCH_VERSION, "git_revision",
                     SCEBENCH_GIT_REVISION);
}

hwloc_const_cpuset_t topology_core_cpuset(int thread)
{
    hwloc_topology_t topo = topology_get();
    if (!topo || thread < 0)
        return NULL;
    hwloc_obj_t core = hwloc_get_obj_by_type(topo, HWLOC_OBJ_CORE, (unsigned)thread);
    return core ? core->cpuset : NULL;
}

int topology_bind_thread(hwloc_const_cpuset_t cpuset)
{
    hwloc_topology_t topo = topology_get();
    if (!topo || !cpuset)
        return -1;
    return hwloc_set_cpubind(topo, cpuset, HWLOC_CPUBIND_THREAD);
}
