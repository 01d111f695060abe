/* Test helper for `scebench score`: computes the outputs of a built-in implementation on an
 * inputs file of `sweep --emit-inputs`, as an outside kernel would, and writes them in the
 * outputs layout (binary, or text for a .txt path).  A score of these outputs must give the
 * numbers of a sweep of the same implementation.
 *
 * usage: test_plugin_outputs IMPL TYPE MODE loss|grad INPUTS OUTPUTS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "inputs_file.h"

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: test_plugin_outputs IMPL TYPE MODE loss|grad INPUTS OUTPUTS\n");
        return 2;
    }
    const struct implementation *impl = implementation_find(argv[1]);
    int format = -1, mode = -1;
    for (int f = 0; f < FORMAT_COUNT; f++)
        if (strcmp(argv[2], format_info[f].name) == 0)
            format = f;
    for (int m = 0; m < MODE_COUNT; m++)
        if (strcmp(argv[3], mode_name[m]) == 0)
            mode = m;
    enum function function = strcmp(argv[4], "grad") == 0 ? FUNCTION_GRAD : FUNCTION_LOSS;
    if (!impl || format < 0 || mode < 0) {
        fprintf(stderr, "test_plugin_outputs: unknown implementation, format or mode\n");
        return 2;
    }
    kernel_fn *kernel = implementation_kernel(impl, (enum format)format, (enum mode)mode, function);
    if (!kernel) {
        fprintf(stderr, "test_plugin_outputs: %s has no %s %s kernel\n", argv[1], argv[2], argv[3]);
        return 2;
    }
    struct inputs_data inputs;
    char error[512];
    if (inputs_read(argv[5], (enum format)format, &inputs, error, sizeof error) != 0) {
        fprintf(stderr, "test_plugin_outputs: %s\n", error);
        return 2;
    }
    size_t bytes = (size_t)format_info[format].storage_bytes, n = inputs.count;
    unsigned char *x = malloc(n * bytes + 8), *z = malloc(n * bytes + 8), *out = malloc(n * bytes + 8);
    double *values = malloc((n + 1) * sizeof *values);
    if (!x || !z || !out || !values)
        return 2;
    for (size_t i = 0; i < n; i++) {
        storage_store((enum format)format, x, i, inputs.x[i]);
        storage_store((enum format)format, z, i, inputs.z[i]);
    }
    kernel(n, x, z, out);
    for (size_t i = 0; i < n; i++)
        values[i] = storage_load((enum format)format, out, i);
    int status = outputs_write(argv[6], (enum format)format, n, values, error, sizeof error);
    if (status != 0)
        fprintf(stderr, "test_plugin_outputs: %s\n", error);
    free(x);
    free(z);
    free(out);
    free(values);
    inputs_data_free(&inputs);
    return status ? 2 : 0;
}
