// Google Benchmark entry point; each benchmark lives in its own bench/*_bench.cpp file.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
