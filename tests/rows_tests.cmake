# Fictional rows (docs/ADDING-A-VERSION.md). In the test build REFSIM_FICTIONAL_ROWS: the rows' own
# test and `refsim compare` over them. In every other plain build: one test that configures that
# build beside this one, builds only the targets it runs, and runs them (model, fuzz, compare).
if(REFSIM_FICTIONAL_ROWS)
  add_executable(refsim_rows_tests ${CMAKE_CURRENT_SOURCE_DIR}/rows/fictional_rows_test.cc
                                   ${CMAKE_CURRENT_SOURCE_DIR}/model/combos.cc)
  target_link_libraries(refsim_rows_tests PRIVATE refsim_model GTest::gtest_main)
  add_test(NAME fictional_rows COMMAND refsim_rows_tests)
  add_test(NAME fictional_rows_compare
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/rows/compare_rows.sh $<TARGET_FILE:refsim>)
elseif(NOT REFSIM_SANITIZE)
  add_test(NAME fictional_rows_build
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/rows/fictional_build.sh ${PROJECT_SOURCE_DIR}
                   ${CMAKE_BINARY_DIR}/fictional-rows ${CMAKE_C_COMPILER} ${CMAKE_CXX_COMPILER})
  set_tests_properties(fictional_rows_build PROPERTIES LABELS fictional TIMEOUT 1800)
endif()
