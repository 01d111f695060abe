# Tests of `scebench bench --target cuda` (harness/bench_cuda.c).  Included by tests/CMakeLists.txt.
#   bench_cuda   test_bench_cuda.sh: skipped (exit 77) when scebench was built without the CUDA
#                part; without a device, bad options and the one-line error (exit 2, no -o file);
#                with one, a tiny bench and its bench.json.  Label gpu: scripts/gpu-check runs
#                `ctest -L gpu` on a machine with an NVIDIA GPU.
add_test(NAME bench_cuda COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_bench_cuda.sh $<TARGET_FILE:scebench>
         ${CMAKE_SOURCE_DIR}/reports/baseline/quick.json)
set_tests_properties(bench_cuda PROPERTIES LABELS gpu SKIP_RETURN_CODE 77 TIMEOUT 600)
