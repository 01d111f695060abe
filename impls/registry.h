/* The registry of implementations under test.
 *
 * An implementation is a formula for the loss l(x,z) and its gradient g(x,z) = dl/dx,
 * evaluated over arrays in a storage format.  Each one lives in its own file in impls/,
 * which opens with the formula, its origin, its known weaknesses and its accuracy
 * contract, and exports one `struct implementation`. */
#ifndef SCEBENCH_REGISTRY_H
#define SCEBENCH_REGISTRY_H

#include <stddef.h>
#include "storage.h"

enum function { FUNCTION_LOSS, FUNCTION_GRAD, FUNCTION_COUNT };

/* How a kernel computes on a given storage format.
 *   native:   every operation rounded to the storage format (f16/bf16 arithmetic; for f32 and
 *             f64 this is simply the format's own arithmetic);
 *   opmath:   computed in f32 and rounded once to the storage format (PyTorch on half tensors);
 *   internal: the implementation chooses its own internal precision (scebench's `accurate`). */
enum mode { MODE_NATIVE, MODE_OPMATH, MODE_INTERNAL, MODE_COUNT };

/* Where the kernels run.  A sweep or bench of "all" takes the implementations of its --target
 * (cpu by default); the CUDA ones exist only in a build with the CUDA part. */
enum target { TARGET_CPU, TARGET_CUDA, TARGET_COUNT };

static const char *const target_name[TARGET_COUNT] = {"cpu", "cuda"};

static const char *const mode_name[MODE_COUNT] = {"native", "opmath", "internal"};
static const char *const function_name[FUNCTION_COUNT] = {"loss", "grad"};

/* out[i] = f(x[i], z[i]) for i < n; x, z and out in the storage of the kernel's format
 * (double, float, or uint16_t bit patterns for f16 and bf16). */
typedef void kernel_fn(size_t n, const void *x, const void *z, void *out);

/* loss[i] and grad[i] for i < n in one pass over the inputs. */
typedef void fused_kernel_fn(size_t n, const void *x, const void *z, void *loss, void *grad);

/* The mean of the n losses in one pass, with no intermediate array (as a double). */
typedef double mean_kernel_fn(size_t n, const void *x, const void *z);

/* The kernels of one format and mode.  loss and grad are required for a provided
 * combination; fused and mean are optional (a benchmark composes them from loss and grad
 * when absent). */
struct kernel_set {
    kernel_fn *loss;
    kernel_fn *grad;
    fused_kernel_fn *fused;
    mean_kernel_fn *mean;
};

struct implementation {
    const char *name;      /* command-line name: "stable-branch" */
    const char *family;    /* "textbook", "framework" or "scebench" */
    const char *formula;   /* the loss, as written in the file's opening comment */
    const char *gradient;  /* the gradient formula */
    const char *origin;    /* where the formula comes from */
    const char *weaknesses;
    enum target target;    /* TARGET_CPU unless set */
    /* Maximum ULP error claimed per format and function, for every mode of that format;
     * 0 means no contract. */
    double contract[FORMAT_COUNT][FUNCTION_COUNT];
    /* Kernels per format and mode; a null loss means the combination is not provided. */
    struct kernel_set kernels[FORMAT_COUNT][MODE_COUNT];
};

extern const struct implementation *const implementations[];
extern const size_t implementation_count;

const struct implementation *implementation_find(const char *name);

/* The contract as one line of text, "f64 loss <= 1 ulp, f32 loss <= 0.501 ulp, ...", or
 * "none (measured, not claimed)" where the implementation claims none: what `scebench list`
 * and the report show. */
void implementation_contract_text(const struct implementation *impl, char *text, size_t size);

static inline kernel_fn *implementation_kernel(const struct implementation *impl, enum format format,
                                               enum mode mode, enum function function)
{
    const struct kernel_set *set = &impl->kernels[format][mode];
    return function == FUNCTION_LOSS ? set->loss : set->grad;
}

#endif
