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
    "TYPE: f64 f32 f16 bf16; SET: hard soft random all; suites: extreme random quick\n";

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *command = argv[1];
    if (strcmp(command, "list") == 0)
        return command_list(argc - 2, argv + 2);
    if (strcmp(command, "eval") == 0)
        return command_eval(argc - 2, argv + 2);
    if (strcmp(command, "sweep") == 0)
        return command_sweep(argc - 2, argv + 2);
    fprintf(stderr, "scebench: unknown command '%s' (accepted: list, eval, sweep)\n", command);
    return EXIT_USAGE;
}
