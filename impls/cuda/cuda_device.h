/* cuda_device.h: the C interface of the CUDA part (the .cu files of impls/cuda), for the registry and the
 * harness.  Built only when CMake finds nvcc (SCEBENCH_HAVE_CUDA); every function is safe to
 * call on a machine without a GPU or driver: cuda_device_count then returns 0 with the reason.
 *
 * Two kinds of use:
 *   - host arrays (the registry's kernel_fn of `cuda-accurate` and `cuda-fast`): inputs copied
 *     to the device, one kernel, outputs copied back, on the calling thread's own stream and
 *     buffers, so OpenMP threads of a sweep can share the device;
 *   - device-resident arrays (`scebench bench --target cuda`): random inputs generated on the
 *     device, each kernel timed with CUDA events.
 * A CUDA error after a successful cuda_device_count is a bug or a broken device: the call
 * prints one line naming the CUDA call and exits with status 1. */
#ifndef SCEBENCH_CUDA_DEVICE_H
#define SCEBENCH_CUDA_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"

#ifdef __cplusplus
extern "C" {
#endif

enum cuda_variant { CUDA_ACCURATE, CUDA_FAST, CUDA_VARIANT_COUNT };

/* loss, grad, loss+grad (fused: one pass writing both), mean (one pass, no intermediate
 * array, deterministic two-stage reduction), mean+grad (the mean's pass writing the gradient
 * too: a training step's forward and backward in one read of x and z), read (the roofline: a sum of x and z read with
 * the same 16-byte loads, nothing written but one partial per block). */
enum cuda_operation { CUDA_LOSS, CUDA_GRAD, CUDA_FUSED, CUDA_MEAN, CUDA_MEAN_GRAD, CUDA_READ, CUDA_OPERATION_COUNT };

struct cuda_device_info {
    char name[256];
    int ordinal;
    int compute_major, compute_minor;
    int sm_count;
    size_t memory_bytes;
    int l2_bytes;
    int clock_khz;        /* SM clock */
    int memory_clock_khz; /* memory clock */
    int memory_bus_bits;
    int driver_version;  /* cudaDriverGetVersion: 1000 * major + 10 * minor */
    int runtime_version; /* cudaRuntimeGetVersion */
};

/* The number of CUDA devices; 0 when there is none or no usable driver, with the reason
 * written to `why` (e.g. "cudaGetDeviceCount: no CUDA-capable device is detected"). */
int cuda_device_count(char *why, size_t why_size);

/* Describes device 0 (the device every call uses).  Returns 0, or -1 with no device. */
int cuda_device_describe(struct cuda_device_info *info);

/* ---- host arrays ---- */

/* out[i] = loss or gradient of (x[i], z[i]), i < n, arrays in the format's storage on the
 * host.  operation: CUDA_LOSS or CUDA_GRAD; for CUDA_FUSED `out` takes the losses and
 * `second` the gradients. */
void cuda_run_host(enum cuda_variant variant, enum format format, enum cuda_operation operation, size_t n,
                   const void *x, const void *z, void *out, void *second);

/* The mean of the n losses as the device computes it (each loss rounded to the format, summed
 * in binary64 (f32, f16, bf16) or double-binary64 (f64) by the fixed two-stage reduction). */
double cuda_mean_host(enum cuda_variant variant, enum format format, size_t n, const void *x, const void *z);
/* The mean+grad pass: the mean as cuda_mean_host, and the gradients written to `gradient` (n
 * values in the format's storage, bit for bit those of the gradient kernel). */
double cuda_mean_gradient_host(enum cuda_variant variant, enum format format, size_t n, const void *x, const void *z,
                               void *gradient);

/* ---- device-resident benchmark data ---- */

struct cuda_bench_data;

/* Device arrays for n elements of the format: x and z filled on the device from `seed` with
 * fresh random values (x uniform in [-20, 20], one in 16 in [-100, 100], never zero; z half hard
 * labels, half uniform in [0.01, 0.99]), loss and grad outputs.  Returns NULL when the device
 * memory does not suffice. */
struct cuda_bench_data *cuda_bench_create(enum format format, size_t n, uint64_t seed);
void cuda_bench_free(struct cuda_bench_data *data);

/* Bytes one element moves in an operation: x and z read, outputs written. */
size_t cuda_bytes_per_element(enum format format, enum cuda_operation operation);

/* Runs the operation `warmup` times untimed, then `repetitions` times, each between two CUDA
 * events; milliseconds[r] gets repetition r's time.  For CUDA_READ the variant is ignored. */
void cuda_bench_time(struct cuda_bench_data *data, enum cuda_variant variant, enum cuda_operation operation,
                     int warmup, int repetitions, double *milliseconds);

/* The mean computed by the last CUDA_MEAN run on the data (so that a benchmark can show it is
 * the same bits every run). */
double cuda_bench_last_mean(const struct cuda_bench_data *data);

#ifdef __cplusplus
}
#endif

#endif
