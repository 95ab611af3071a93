# Fictional rows (docs/ADDING-A-VERSION.md). In the test build REFSIM_FICTIONAL_ROWS: the rows' own
# test, `refsim compare` over them and the writer of fuzz seeds on them (tests/rows/fictional_build.sh
# runs the libFuzzer targets from those). In every other plain build: one test that configures that
# build beside this one, builds it and runs its whole suite and its fuzz targets.
# The files a new family touches: the stand-ins of the fictional build against README.md's section and
# docs/ADDING-A-VERSION.md (a source check; every build).
add_test(NAME fictional_rows_files COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/rows/touched_files.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(fictional_rows_files PROPERTIES LABELS source-tree)
if(REFSIM_FICTIONAL_ROWS)
  add_executable(refsim_rows_tests ${CMAKE_CURRENT_SOURCE_DIR}/rows/fictional_rows_test.cc
                                   ${CMAKE_CURRENT_SOURCE_DIR}/model/combos.cc)
  target_link_libraries(refsim_rows_tests PRIVATE refsim_model GTest::gtest_main)
  # combos.cc sweeps in the test code: optimized (cmake/test_programs.cmake).
  set_target_properties(refsim_rows_tests PROPERTIES REFSIM_TEST_OPTIMIZED ON)
  add_test(NAME fictional_rows COMMAND refsim_rows_tests)
  add_test(NAME fictional_rows_compare
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/rows/compare_rows.sh $<TARGET_FILE:refsim>)
  add_executable(refsim_rows_seeds ${CMAKE_CURRENT_SOURCE_DIR}/rows/fictional_seeds.cc)
  target_link_libraries(refsim_rows_seeds PRIVATE refsim_fuzz)
elseif(NOT REFSIM_SANITIZE)
  add_test(NAME fictional_rows_build
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/rows/fictional_build.sh ${PROJECT_SOURCE_DIR}
                   ${CMAKE_BINARY_DIR}/fictional-rows ${CMAKE_C_COMPILER} ${CMAKE_CXX_COMPILER})
  set_tests_properties(fictional_rows_build PROPERTIES LABELS fictional TIMEOUT 2400)
  refsim_test_cost(fictional_rows_build 166 0)
  refsim_test_uses_every_core(fictional_rows_build)
endif()
