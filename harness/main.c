/* scebench: accuracy and speed of the sigmoid cross-entropy with logits loss, against MPFR. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char usage[] =
    "usage: scebench COMMAND [options]\n"
    "  list  [--json]                                  implementations, formats, contracts\n"
    "  eval  -i IMPL -t TYPE [--mode M] [--json] X Z   one point (or --points FILE, - for stdin)\n"
    "  sweep [-i IMPL,..] [-t TYPE,..] [--fn loss,grad] [--suite NAME] [--targets SET]\n"
    "        [--seed N] [--count N] [--threads N] [--progress] -o results.json\n"
    "TYPE: f64 f32 f16 bf16; SET: hard soft random all; suites: extreme random quick\n"
    "See README.md for every command and option.\n";

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
    {"list", command_list},
    {"eval", command_eval},
    {"sweep", command_sweep},
};

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "scebench: unknown command '%s' (accepted:", argv[1]);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(stderr, " %s", commands[i].name);
    fprintf(stderr, ")\n");
    return EXIT_USAGE;
}
