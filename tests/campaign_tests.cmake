# Campaign tests: libFuzzer output parsing (real lines), the child-process driver, progress display, the summary, SARIF, the claims dictionary,
# the minimizer, and claims (format, catalog and its strategy claims, input decoder, counterexamples, recorded ones, work
# limit).
add_executable(refsim_campaign_tests
  ${CMAKE_CURRENT_LIST_DIR}/campaign/libfuzzer_output_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/child_process_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/progress_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/minimizer_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/claims_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/ft_claims_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/work_limit_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/summary_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/campaign_sarif_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/strategy_claims_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/campaign/claims_dict_test.cc
)
target_link_libraries(refsim_campaign_tests PRIVATE refsim_campaign GTest::gtest_main)
target_compile_definitions(refsim_campaign_tests PRIVATE REFSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_test(NAME campaign COMMAND refsim_campaign_tests)
refsim_test_cost(campaign 4 25)

# The campaign through the refsim binary, from a temporary folder (about 30 s); with the libFuzzer
# binaries also its libFuzzer engine on the claims target.
add_executable(refsim_campaign_end_to_end_test ${CMAKE_CURRENT_LIST_DIR}/campaign/campaign_end_to_end_test.cc)
target_link_libraries(refsim_campaign_end_to_end_test PRIVATE refsim_io nlohmann_json::nlohmann_json GTest::gtest_main)
target_compile_definitions(refsim_campaign_end_to_end_test PRIVATE REFSIM_BINARY="$<TARGET_FILE:refsim>")
add_dependencies(refsim_campaign_end_to_end_test refsim)
if(REFSIM_BUILD_FUZZERS)
  target_compile_definitions(refsim_campaign_end_to_end_test PRIVATE REFSIM_CLAIMS_FUZZER="$<TARGET_FILE:claims>")
  add_dependencies(refsim_campaign_end_to_end_test claims)
endif()
add_test(NAME campaign_end_to_end COMMAND refsim_campaign_end_to_end_test)
set_tests_properties(campaign_end_to_end PROPERTIES TIMEOUT 180)
refsim_test_cost(campaign_end_to_end 29 41)

# The claims and campaign report JSON Schemas against the catalog, docs/CLAIMS.md's example and two
# short campaigns' reports (skipped without jsonschema).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME campaign_claims_schema
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/campaign/claims_schema_test.py ${PROJECT_SOURCE_DIR}
                   $<TARGET_FILE:refsim>)
  set_tests_properties(campaign_claims_schema PROPERTIES SKIP_RETURN_CODE 77)
endif()
