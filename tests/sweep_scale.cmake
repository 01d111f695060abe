# Exhaustive sweeps at scale (issue 3): the fast reference tier against MPFR, ranges, threads,
# MPI ranks, checkpoint and resume, progress, the worst-case search.
add_executable(test_fast_reference ${CMAKE_CURRENT_SOURCE_DIR}/test_fast_reference.c)
target_include_directories(test_fast_reference PRIVATE ${TEST_INCLUDES} ${CMAKE_SOURCE_DIR}/harness/fast)
target_link_libraries(test_fast_reference PRIVATE scebench_harness)
add_test(NAME fast_reference COMMAND test_fast_reference 1000000)
add_executable(test_fast_summary ${CMAKE_CURRENT_SOURCE_DIR}/test_fast_summary.c)
target_include_directories(test_fast_summary PRIVATE ${TEST_INCLUDES} ${CMAKE_SOURCE_DIR}/harness/fast)
target_link_libraries(test_fast_summary PRIVATE scebench_harness)
add_test(NAME fast_summary COMMAND test_fast_summary)
add_test(NAME sweep_scale COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_sweep_scale.sh $<TARGET_FILE:scebench>)
set_tests_properties(fast_reference sweep_scale PROPERTIES TIMEOUT 3600)
