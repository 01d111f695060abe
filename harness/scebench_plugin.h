/* scebench_plugin.h: the ABI for bringing your own kernel into `scebench sweep` and
 * `scebench bench` (`--plugin PATH.so:SYMBOL`).  Self-contained: a plugin includes only this
 * header and needs nothing else from scebench at build or run time.
 *
 * A plugin is a shared library exporting one `const struct scebench_plugin SYMBOL`:
 *
 *     #include "scebench_plugin.h"
 *     static void my_loss_f32(size_t n, const void *x, const void *z, void *out) { ... }
 *     static void my_grad_f32(size_t n, const void *x, const void *z, void *out) { ... }
 *     const struct scebench_plugin my_kernel = {
 *         .abi_version = SCEBENCH_PLUGIN_ABI_VERSION,
 *         .size = sizeof(struct scebench_plugin),
 *         .name = "my-kernel",
 *         .formula = "max(x,0) - x*z + log1p(exp(-|x|))",
 *         .formats[SCEBENCH_PLUGIN_F32] = {.loss = my_loss_f32, .grad = my_grad_f32},
 *     };
 *
 *     cc -O2 -fPIC -shared my_kernel.c -o my_kernel.so -lm
 *     scebench sweep --plugin ./my_kernel.so:my_kernel -i my-kernel -t f32 -o results.json
 *
 * The kernel contract is the one of scebench's own implementations (impls/registry.h):
 *   - out[i] = f(x[i], z[i]) for i < n, x, z and out arrays in the storage of the format:
 *     f64 `double`, f32 `float`, f16 and bf16 `uint16_t` bit patterns (IEEE binary16;
 *     bfloat16 = the high 16 bits of a binary32), native byte order;
 *   - f is the loss l(x,z) = max(x,0) - x*z + log1p(exp(-|x|)) or its gradient
 *     dl/dx = sigmoid(x) - z; NaN in gives NaN out, infinite x the limits (README.md);
 *   - kernels are called concurrently from several threads on disjoint slices of the arrays
 *     (and with n = 1 by `scebench eval`-like paths): they must be reentrant;
 *   - x, z and out are not aligned beyond the element type and never overlap.
 * A format whose `loss` and `grad` are both NULL is not provided; one of the two may be NULL
 * (that function is skipped).  `fused` (loss and gradient in one pass) and `mean` (the mean of
 * the n losses, returned as a double, no intermediate array) are optional: `bench` composes
 * them from loss and grad when they are NULL.
 *
 * `mode` says how the kernel computes on the format, as in scebench's reports: native (every
 * operation in the format's own arithmetic), opmath (computed in f32, rounded once to an f16
 * or bf16 result), internal (its own choice of internal precision).  `contract_loss` and
 * `contract_grad` are the maximum ULP error claimed (0: no claim); a sweep marks the claim
 * kept or BROKEN like any implementation's.
 *
 * Compatibility: scebench checks abi_version == SCEBENCH_PLUGIN_ABI_VERSION and
 * size >= the size of version 1's struct, and refuses the plugin (exit 2) otherwise.  Later
 * versions only append fields. */
#ifndef SCEBENCH_PLUGIN_H
#define SCEBENCH_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#define SCEBENCH_PLUGIN_ABI_VERSION 1u

/* Indices of struct scebench_plugin's formats[] (the same order as scebench's formats). */
enum scebench_plugin_format {
    SCEBENCH_PLUGIN_F64 = 0,
    SCEBENCH_PLUGIN_F32 = 1,
    SCEBENCH_PLUGIN_F16 = 2,
    SCEBENCH_PLUGIN_BF16 = 3,
    SCEBENCH_PLUGIN_FORMAT_COUNT = 4
};

enum scebench_plugin_mode {
    SCEBENCH_PLUGIN_NATIVE = 0,
    SCEBENCH_PLUGIN_OPMATH = 1,
    SCEBENCH_PLUGIN_INTERNAL = 2
};

typedef void scebench_plugin_kernel(size_t n, const void *x, const void *z, void *out);
typedef void scebench_plugin_fused_kernel(size_t n, const void *x, const void *z, void *loss, void *grad);
typedef double scebench_plugin_mean_kernel(size_t n, const void *x, const void *z);

struct scebench_plugin_format_kernels {
    scebench_plugin_kernel *loss;
    scebench_plugin_kernel *grad;
    scebench_plugin_fused_kernel *fused; /* optional */
    scebench_plugin_mean_kernel *mean;   /* optional */
    int mode;                            /* enum scebench_plugin_mode; 0 (native) by default */
    double contract_loss;                /* max ULP claimed for the loss; 0: none */
    double contract_grad;                /* max ULP claimed for the gradient; 0: none */
};

struct scebench_plugin {
    uint32_t abi_version; /* SCEBENCH_PLUGIN_ABI_VERSION */
    uint32_t size;        /* sizeof(struct scebench_plugin) as the plugin was compiled */
    const char *name;     /* the implementation's name in reports: letters, digits, '-', '_', '.'
                             (at most 63), different from every built-in implementation */
    const char *formula;  /* optional: the loss as a formula, for `list`-like output */
    const char *origin;   /* optional: where it comes from */
    struct scebench_plugin_format_kernels formats[SCEBENCH_PLUGIN_FORMAT_COUNT];
};

#endif
