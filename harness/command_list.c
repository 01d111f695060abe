/* scebench list [--json]: the registry: name, family, formats and modes, formula, origin,
 * contract. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static void describe_formats(const struct implementation *impl, char *text, size_t size)
{
    size_t used = 0;
    text[0] = '\0';
    for (int f = 0; f < FORMAT_COUNT; f++) {
        enum mode modes[MODE_COUNT];
        int count = implementation_modes(impl, (enum format)f, modes);
        for (int m = 0; m < count && used < size; m++)
            used += (size_t)snprintf(text + used, size - used, "%s%s%s%s", used ? " " : "",
                                     format_info[f].name, f >= FORMAT_F16 ? "/" : "",
                                     f >= FORMAT_F16 ? mode_name[modes[m]] : "");
    }
}

static json_t *implementation_json(const struct implementation *impl)
{
    char formats[256];
    describe_formats(impl, formats, sizeof formats);
    json_t *contract = json_object();
    for (int f = 0; f < FORMAT_COUNT; f++)
        for (int fn = 0; fn < FUNCTION_COUNT; fn++)
            if (impl->contract[f][fn] > 0.0) {
                char key[32];
                snprintf(key, sizeof key, "%s %s", format_info[f].name, function_name[fn]);
                json_object_set_new(contract, key, json_real(impl->contract[f][fn]));
            }
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "name", impl->name, "family", impl->family,
                     "target", target_name[impl->target], "formats", formats, "formula", impl->formula, "gradient", impl->gradient, "origin",
                     impl->origin, "weaknesses", impl->weaknesses, "contract", contract);
}

int command_list(int argc, char **argv)
{
    int json = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else
            cli_fail("list", "unknown option '%s' (accepted: --json)", argv[i]);
    }
    if (json) {
        json_t *array = json_array();
        for (size_t i = 0; i < implementation_count; i++)
            json_array_append_new(array, implementation_json(implementations[i]));
        char *text = json_dumps(array, JSON_INDENT(2));
        puts(text);
        free(text);
        json_decref(array);
        return 0;
    }
    for (size_t i = 0; i < implementation_count; i++) {
        const struct implementation *impl = implementations[i];
        char formats[256], contract[512];
        describe_formats(impl, formats, sizeof formats);
        implementation_contract_text(impl, contract, sizeof contract);
        printf("%-18s %-10s %-5s %s\n", impl->name, impl->family, target_name[impl->target], formats);
        printf("  loss:       %s\n  gradient:   %s\n  origin:     %s\n  weaknesses: %s\n  contract:   %s\n\n",
               impl->formula, impl->gradient, impl->origin, impl->weaknesses, contract);
    }
    return 0;
}
