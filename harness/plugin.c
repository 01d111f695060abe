/* --plugin PATH.so:SYMBOL: a user's kernel, loaded with dlopen, as one more implementation of
 * `sweep` and `bench`.  The ABI is harness/scebench_plugin.h. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "scebench_plugin.h"

_Static_assert((int)SCEBENCH_PLUGIN_F64 == (int)FORMAT_F64 && (int)SCEBENCH_PLUGIN_F32 == (int)FORMAT_F32 &&
                   (int)SCEBENCH_PLUGIN_F16 == (int)FORMAT_F16 && (int)SCEBENCH_PLUGIN_BF16 == (int)FORMAT_BF16 &&
                   (int)SCEBENCH_PLUGIN_FORMAT_COUNT == (int)FORMAT_COUNT,
               "plugin formats follow enum format");
_Static_assert((int)SCEBENCH_PLUGIN_NATIVE == (int)MODE_NATIVE && (int)SCEBENCH_PLUGIN_OPMATH == (int)MODE_OPMATH &&
                   (int)SCEBENCH_PLUGIN_INTERNAL == (int)MODE_INTERNAL,
               "plugin modes follow enum mode");

#define PLUGIN_MAX 8
#define PLUGIN_NAME_MAX 63

static struct implementation *loaded[PLUGIN_MAX];
static size_t loaded_count;

size_t plugin_count(void)
{
    return loaded_count;
}

static const struct implementation *plugin_find(const char *name)
{
    for (size_t i = 0; i < loaded_count; i++)
        if (strcmp(loaded[i]->name, name) == 0)
            return loaded[i];
    return NULL;
}

static int valid_name(const char *name)
{
    size_t length = strlen(name);
    if (length == 0 || length > PLUGIN_NAME_MAX || strcmp(name, "all") == 0)
        return 0;
    for (size_t i = 0; i < length; i++)
        if (!isalnum((unsigned char)name[i]) && !strchr("-_.", name[i]))
            return 0;
    return 1;
}

static int valid_contract(double claim)
{
    return isfinite(claim) && claim >= 0.0;
}

const struct implementation *plugin_load(const char *command, const char *spec)
{
    const char *colon = strrchr(spec, ':');
    if (!colon || colon == spec || colon[1] == '\0')
        cli_fail(command, "--plugin: expected PATH.so:SYMBOL, got '%s'", spec);
    if (loaded_count == PLUGIN_MAX)
        cli_fail(command, "--plugin: at most %d plugins", PLUGIN_MAX);
    size_t path_length = (size_t)(colon - spec);
    char *path = malloc(path_length + 3);
    if (!path)
        cli_fail(command, "--plugin: out of memory");
    /* A bare file name means the file in the current directory, not a search of the library
     * path (which is what dlopen would do with it). */
    int bare = memchr(spec, '/', path_length) == NULL;
    snprintf(path, path_length + 3, "%s%.*s", bare ? "./" : "", (int)path_length, spec);
    const char *symbol = colon + 1;

    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        cli_fail(command, "--plugin: cannot load '%s': %s", path, dlerror());
    dlerror();
    const struct scebench_plugin *plugin = dlsym(handle, symbol);
    const char *failure = dlerror();
    if (failure || !plugin)
        cli_fail(command, "--plugin: '%s' has no symbol '%s'%s%s", path, symbol, failure ? ": " : "",
                 failure ? failure : "");
    if (plugin->abi_version != SCEBENCH_PLUGIN_ABI_VERSION)
        cli_fail(command, "--plugin: %s:%s has ABI version %u; this scebench accepts %u (scebench_plugin.h)", path,
                 symbol, (unsigned)plugin->abi_version, (unsigned)SCEBENCH_PLUGIN_ABI_VERSION);
    if (plugin->size < sizeof(struct scebench_plugin))
        cli_fail(command, "--plugin: %s:%s: size %u is smaller than struct scebench_plugin (%zu): not built "
                          "against scebench_plugin.h version %u",
                 path, symbol, (unsigned)plugin->size, sizeof(struct scebench_plugin),
                 (unsigned)SCEBENCH_PLUGIN_ABI_VERSION);
    if (!plugin->name || !valid_name(plugin->name))
        cli_fail(command, "--plugin: %s:%s: name '%s' is not valid (letters, digits, '-', '_', '.', at most %d)",
                 path, symbol, plugin->name ? plugin->name : "(null)", PLUGIN_NAME_MAX);
    if (implementation_find(plugin->name) || plugin_find(plugin->name))
        cli_fail(command, "--plugin: %s:%s: the name '%s' is already taken by an implementation", path, symbol,
                 plugin->name);

    struct implementation *impl = calloc(1, sizeof *impl);
    size_t origin_size = strlen(path) + strlen(symbol) + (plugin->origin ? strlen(plugin->origin) : 0) + 16;
    char *origin = malloc(origin_size);
    if (!impl || !origin)
        cli_fail(command, "--plugin: out of memory");
    snprintf(origin, origin_size, "plugin %s:%s%s%s", path, symbol, plugin->origin ? "; " : "",
             plugin->origin ? plugin->origin : "");
    impl->name = plugin->name;
    impl->family = "plugin";
    impl->formula = plugin->formula ? plugin->formula : "(not given)";
    impl->gradient = "(not given)";
    impl->origin = origin;
    impl->weaknesses = "";
    int provided = 0;
    for (int f = 0; f < FORMAT_COUNT; f++) {
        const struct scebench_plugin_format_kernels *kernels = &plugin->formats[f];
        if (!kernels->loss && !kernels->grad)
            continue;
        if (kernels->mode < 0 || kernels->mode >= MODE_COUNT)
            cli_fail(command, "--plugin: %s:%s: %s mode %d is not one of native (0), opmath (1), internal (2)",
                     path, symbol, format_info[f].name, kernels->mode);
        if (!valid_contract(kernels->contract_loss) || !valid_contract(kernels->contract_grad))
            cli_fail(command, "--plugin: %s:%s: %s contract must be a finite number >= 0 (0: none)", path, symbol,
                     format_info[f].name);
        impl->kernels[f][kernels->mode] = (struct kernel_set){kernels->loss, kernels->grad, kernels->fused,
                                                              kernels->mean};
        impl->contract[f][FUNCTION_LOSS] = kernels->contract_loss;
        impl->contract[f][FUNCTION_GRAD] = kernels->contract_grad;
        provided++;
    }
    if (provided == 0)
        cli_fail(command, "--plugin: %s:%s provides no kernel (every formats[].loss and .grad is NULL)", path, symbol);
    free(path);
    loaded[loaded_count++] = impl;
    return impl;
}

size_t plugin_implementations(const char *command, const char *option, const char *text,
                              const struct implementation **out, size_t capacity)
{
    if (loaded_count == 0)
        return cli_implementations(command, option, text, out);
    size_t count = 0;
    if (strcmp(text, "all") == 0) {
        if (implementation_count + loaded_count > capacity)
            cli_fail(command, "%s: too many implementations (at most %zu)", option, capacity);
        for (size_t i = 0; i < implementation_count; i++)
            if (implementations[i]->target == cli_selected_target())
                out[count++] = implementations[i];
        for (size_t i = 0; i < loaded_count; i++)
            out[count++] = loaded[i];
        return count;
    }
    /* Each name is a plugin's or a built-in implementation's; when the list names no plugin,
     * the plugins are added after it (--plugin always adds its kernel). */
    int named_plugin = 0;
    const char *start = text;
    for (;;) {
        const char *end = strchr(start, ',');
        size_t length = end ? (size_t)(end - start) : strlen(start);
        char name[64];
        if (length == 0 || length >= sizeof name || count == capacity)
            cli_fail(command, "%s: malformed list '%s'", option, text);
        memcpy(name, start, length);
        name[length] = '\0';
        const struct implementation *impl = plugin_find(name);
        if (impl)
            named_plugin = 1;
        else
            impl = cli_implementation(command, option, name);
        out[count++] = impl;
        if (!end)
            break;
        start = end + 1;
    }
    if (!named_plugin)
        for (size_t i = 0; i < loaded_count; i++) {
            if (count == capacity)
                cli_fail(command, "%s: too many implementations (at most %zu)", option, capacity);
            out[count++] = loaded[i];
        }
    return count;
}
