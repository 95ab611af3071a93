# Semantics tests: docs/SEMANTICS.md pinned down. The constants and single-step arithmetic of every
# version (constants_test, steps_test); the worked counts (docs/semantics-counts.md) and the gh-125174 sequences
# through both engines (counts_test, counts_314_test, gh125174_test); and every scenario of
# corpus/scenarios through the refsim command (corpus_test).
add_executable(refsim_semantics_tests
  ${CMAKE_CURRENT_SOURCE_DIR}/constants_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/steps_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/counts_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/counts_314_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/gh125174_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/corpus_test.cc
)
target_link_libraries(refsim_semantics_tests PRIVATE ${REFSIM_MODEL_FOR_SUITES} nlohmann_json::nlohmann_json GTest::gtest_main)
target_compile_definitions(refsim_semantics_tests PRIVATE
  REFSIM_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
  REFSIM_BINARY="$<TARGET_FILE:refsim>"
)
# corpus_test runs the command, so it must be built first.
add_dependencies(refsim_semantics_tests refsim)
add_test(NAME refsim_semantics_tests COMMAND refsim_semantics_tests)
refsim_test_cost(refsim_semantics_tests 3 34)
