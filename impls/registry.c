/* The registry: every implementation under test, in the order `scebench list` shows them,
 * the naive forms first, then scebench's own: `simd`, `accurate`, and the CUDA family
 * (`cuda-accurate-host` always; `cuda-accurate` and `cuda-fast` in a build with CUDA);
 * and an implementation's accuracy contract as text. */
#include <stdio.h>
#include <string.h>
#include "registry.h"

extern const struct implementation implementation_textbook;
extern const struct implementation implementation_seed_simplified;
extern const struct implementation implementation_caffe;
extern const struct implementation implementation_stable_branch;
extern const struct implementation implementation_branchless;
extern const struct implementation implementation_pytorch;
extern const struct implementation implementation_pytorch_legacy;
extern const struct implementation implementation_optax;
extern const struct implementation implementation_keras_probs;
extern const struct implementation implementation_libm_loop;
extern const struct implementation implementation_sleef_u10;
extern const struct implementation implementation_simd;
extern const struct implementation implementation_simd_avx2;
extern const struct implementation implementation_simd_avx512;
extern const struct implementation implementation_accurate;
extern const struct implementation implementation_cuda_accurate_host;
#ifdef SCEBENCH_HAVE_CUDA
extern const struct implementation implementation_cuda_accurate;
extern const struct implementation implementation_cuda_fast;
#endif

const struct implementation *const implementations[] = {
    &implementation_textbook,
    &implementation_seed_simplified,
    &implementation_caffe,
    &implementation_stable_branch,
    &implementation_branchless,
    &implementation_pytorch,
    &implementation_pytorch_legacy,
    &implementation_optax,
    &implementation_keras_probs,
    &implementation_libm_loop,
    &implementation_sleef_u10,
    &implementation_simd,
    &implementation_simd_avx2,
    &implementation_simd_avx512,
    &implementation_accurate,
    &implementation_cuda_accurate_host,
#ifdef SCEBENCH_HAVE_CUDA
    &implementation_cuda_accurate,
    &implementation_cuda_fast,
#endif
};

const size_t implementation_count = sizeof implementations / sizeof implementations[0];

const struct implementation *implementation_find(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < implementation_count; i++)
        if (strcmp(implementations[i]->name, name) == 0)
            return implementations[i];
    return NULL;
}

void implementation_contract_text(const struct implementation *impl, char *text, size_t size)
{
    size_t used = 0;
    text[0] = '\0';
    for (int f = 0; f < FORMAT_COUNT; f++)
        for (int fn = 0; fn < FUNCTION_COUNT; fn++)
            if (impl->contract[f][fn] > 0.0 && used < size)
                used += (size_t)snprintf(text + used, size - used, "%s%s %s <= %g ulp", used ? ", " : "",
                                         format_info[f].name, function_name[fn], impl->contract[f][fn]);
    if (used == 0)
        snprintf(text, size, "none (measured, not claimed)");
}
