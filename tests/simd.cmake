# Tests of the simd family (impls/simd/): included by tests/CMakeLists.txt.
#   simd_kernels   test_simd.c: fused == (loss, grad) bit for bit and mean == the mean of the loss
#                  kernel on odd lengths (tails), a strided sample of every binary32 x (z = 0, 1)
#                  and every binary16/bfloat16 x against `accurate`, random points against MPFR;
#   simd_extreme, simd_random   every contract of simd, simd-avx2, simd-avx512 on the sweeps.
add_executable(test_simd ${CMAKE_CURRENT_SOURCE_DIR}/test_simd.c)
target_include_directories(test_simd PRIVATE ${TEST_INCLUDES})
target_link_libraries(test_simd PRIVATE scebench_harness)
add_test(NAME simd_kernels COMMAND test_simd)
add_test(NAME simd_extreme COMMAND ${CHECK_CONTRACTS} extreme simd,simd-avx2,simd-avx512)
add_test(NAME simd_random COMMAND ${CHECK_CONTRACTS} random simd,simd-avx2,simd-avx512 --count 100000 --seed 11)
set_tests_properties(simd_kernels simd_extreme simd_random PROPERTIES TIMEOUT 1800)
