# Tests of the CUDA family (impls/cuda/): included by tests/CMakeLists.txt.
#   cuda_host_extreme, cuda_host_random, cuda_host_exhaustive16
#       every contract of cuda-accurate-host, the device's arithmetic on the CPU, on the extreme
#       suite, on random soft labels and on every f16 and bf16 x with hard labels (always run:
#       no GPU needed);
#   cuda_host_kernels   test_cuda_host.c: the gradient at z = s(x) rounded and its neighbours
#       (the deepest cancellation, against MPFR), fused == (loss, grad), the mean, and every
#       softplus_table.h table correctly rounded (against MPFR);
#   cuda_cli   test_cuda_cli.sh: --target cuda without a device or without the CUDA part: the
#              one-line error, exit code 2, no output file;
#   cuda_device (label gpu, only in a build with CUDA; exit 77, skipped, without a device)
#       test_cuda_device.c: cuda-accurate == cuda-accurate-host bit for bit, the mean's
#       determinism and accuracy, cuda-fast's fused pass.
add_test(NAME cuda_host_extreme COMMAND ${CHECK_CONTRACTS} extreme cuda-accurate-host)
add_test(NAME cuda_host_random COMMAND ${CHECK_CONTRACTS} random cuda-accurate-host --count 100000 --seed 13)
add_test(NAME cuda_host_exhaustive16 COMMAND ${CHECK_CONTRACTS} exhaustive cuda-accurate-host -t f16,bf16
         --targets hard)
add_executable(test_cuda_host ${CMAKE_CURRENT_SOURCE_DIR}/test_cuda_host.c)
target_include_directories(test_cuda_host PRIVATE ${TEST_INCLUDES})
target_link_libraries(test_cuda_host PRIVATE scebench_harness)
add_test(NAME cuda_host_kernels COMMAND test_cuda_host)
add_test(NAME cuda_cli COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_cuda_cli.sh $<TARGET_FILE:scebench>)
set_tests_properties(cuda_host_extreme cuda_host_random cuda_host_exhaustive16 cuda_host_kernels cuda_cli
                     PROPERTIES TIMEOUT 1800)
set_tests_properties(cuda_cli PROPERTIES SKIP_RETURN_CODE 77)

if(TARGET scebench_cuda)
  add_executable(test_cuda_device ${CMAKE_CURRENT_SOURCE_DIR}/test_cuda_device.c)
  target_include_directories(test_cuda_device PRIVATE ${TEST_INCLUDES})
  target_link_libraries(test_cuda_device PRIVATE scebench_harness)
  add_test(NAME cuda_device COMMAND test_cuda_device)
  set_tests_properties(cuda_device PROPERTIES LABELS gpu SKIP_RETURN_CODE 77 TIMEOUT 600)
endif()
