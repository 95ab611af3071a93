# refsim compare: the survival matrix confirmed by the stepwise reference at widths 8 and 16, figures
# pinned at 64/32 bits, the command end to end, and docs/FINDINGS.md kept current.
add_executable(refsim_compare_tests
  ${CMAKE_CURRENT_SOURCE_DIR}/compare/matrix_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/compare/threat_loop_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/compare/compare_cli_test.cc
)
target_link_libraries(refsim_compare_tests PRIVATE refsim_analysis GTest::gtest_main)
target_compile_definitions(refsim_compare_tests PRIVATE
  REFSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  REFSIM_BINARY="$<TARGET_FILE:refsim>"
)
if(REFSIM_SANITIZE)
  target_compile_definitions(refsim_compare_tests PRIVATE REFSIM_SANITIZED)
endif()
add_dependencies(refsim_compare_tests refsim)
add_test(NAME refsim_compare_tests COMMAND refsim_compare_tests)
