#include "parallel.h"

#include <hwloc.h>
#include <stdlib.h>
#include <string.h>

#ifdef SCEBENCH_HAVE_MPI
#include <mpi.h>
static int mpi_started;
#endif

static hwloc_topology_t topology;
static int topology_loaded;

static void load_topology(void)
{
#pragma omp critical(scebench_topology)
    if (!topology_loaded && hwloc_topology_init(&topology) == 0) {
        if (hwloc_topology_load(topology) == 0)
            topology_loaded = 1;
        else
            hwloc_topology_destroy(topology);
    }
}

int parallel_core_count(void)
{
    load_topology();
    int cores = topology_loaded ? hwloc_get_nbobjs_by_type(topology, HWLOC_OBJ_CORE) : 1;
    return cores > 0 ? cores : 1;
}

int parallel_pin_thread(int index)
{
    int cores = parallel_core_count();
    if (!topology_loaded)
        return -1;
    hwloc_obj_t core = hwloc_get_obj_by_type(topology, HWLOC_OBJ_CORE, (unsigned)(index % cores));
    if (!core)
        return -1;
    return hwloc_set_cpubind(topology, core->cpuset, HWLOC_CPUBIND_THREAD);
}

void parallel_start(int *rank, int *ranks)
{
    *rank = 0;
    *ranks = 1;
#ifdef SCEBENCH_HAVE_MPI
    /* Only under a launcher: a plain run never pays for MPI's start-up. */
    if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMI_SIZE") && !getenv("PMIX_RANK"))
        return;
    int provided;
    MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, ranks);
    mpi_started = 1;
#endif
}

void parallel_finish(void)
{
#ifdef SCEBENCH_HAVE_MPI
    if (mpi_started)
        MPI_Finalize();
    mpi_started = 0;
#endif
}

int parallel_gather(const void *mine, size_t bytes, void *all)
{
#ifdef SCEBENCH_HAVE_MPI
    if (mpi_started) {
        /* In chunks: MPI counts are ints. */
        int rank, ranks;
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
        MPI_Comm_size(MPI_COMM_WORLD, &ranks);
        const size_t chunk = (size_t)1 << 30;
        for (int source = 1; source < ranks; source++)
            for (size_t offset = 0; offset < bytes; offset += chunk) {
                int count = (int)(bytes - offset < chunk ? bytes - offset : chunk);
                if (rank == source)
                    MPI_Send((const char *)mine + offset, count, MPI_BYTE, 0, 7, MPI_COMM_WORLD);
                else if (rank == 0)
                    MPI_Recv((char *)all + (size_t)source * bytes + offset, count, MPI_BYTE, source, 7,
                             MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            }
        if (rank == 0)
            memcpy(all, mine, bytes);
        return 0;
    }
#endif
    memcpy(all, mine, bytes);
    return 0;
}

double parallel_sum(double value)
{
#ifdef SCEBENCH_HAVE_MPI
    if (mpi_started) {
        double total;
        MPI_Allreduce(&value, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        return total;
    }
#endif
    return value;
}

double parallel_maximum(double value)
{
#ifdef SCEBENCH_HAVE_MPI
    if (mpi_started) {
        double maximum;
        MPI_Allreduce(&value, &maximum, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        return maximum;
    }
#endif
    return value;
}
