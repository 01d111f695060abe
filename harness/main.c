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
    "  report RESULTS.json [BENCH.json ...] [REDUCTION.json] -o DIR\n"
    "        DIR/index.html (self-contained), report.md, CSV tables, plots (gnuplot)\n"
    "  bench [-i IMPL,..] [-t TYPE] [--fn loss,grad,loss+grad,mean,mean+grad] [--target cpu|cuda] [--threads 1,all]\n"
    "        [--sizes l1,l2,l3,dram,N] [--reps N] [--min-time S] [--plugin SO:SYM] -o bench.json\n"
    "  gate  --baseline BASE.json RESULTS.json [--bench BENCH.json --bench-baseline B.json]\n"
    "        [--perf-tolerance 0.2] [--update]          exit 1 on a regression\n"
    "  score --inputs FILE --outputs FILE -t TYPE --fn loss|grad --name NAME -o results.json\n"
    "        (inputs from `sweep --emit-inputs FILE`; sweep and bench take --plugin PATH.so:SYMBOL)\n"
    "  reduce [--suite reduction|weighted|caffe-layer] [-t f32,f16,bf16] [--max-n N] [--seed N]\n"
    "        [--threads N] -o results.json    mean at scale, pos_weight/weights, Caffe's layer\n"
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
    {"bench", command_bench},
    {"gate", command_gate},
    {"score", command_score},
    {"report", command_report},
    {"reduce", command_reduce},
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
