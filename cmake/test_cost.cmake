# How ctest -j schedules the long tests.
#
# refsim_test_cost(TEST PLAIN SANITIZED): the seconds TEST took in a fresh-clone CI run on 2 cores
# (docs/CI-TIME.md), in a plain build (7cc717d's run) and under ASan + UBSan (30e9ab7's; `model`
# and `refsim_semantics_tests` scaled by what linking the uninstrumented model saved them). ctest -j
# runs the tests of larger cost first; on a fresh clone it has no timings of its own yet, and would
# otherwise start them in the order they were added, so that a long test started last runs alone
# while the other core idles (in 30e9ab7's run the 15 s libFuzzer runs, added last, ended the asan
# suite).
# Only the long tests need one: the others fill in around them. A test that builds a tree alone
# (refsim_test_uses_every_core) has a cost above every other, so that it starts first.
function(refsim_test_cost test plain sanitized)
  if(REFSIM_SANITIZE)
    set_tests_properties(${test} PROPERTIES COST ${sanitized})
  else()
    set_tests_properties(${test} PROPERTIES COST ${plain})
  endif()
endfunction()

# refsim_test_uses_every_core(TEST): TEST builds with one job per core (ninja -j$(nproc)), so ctest
# runs nothing beside it (PROCESSORS above ctest's -j runs a test alone). Oversubscribed, the cores
# do more work for the same build: the dev tree with ninja's default of 4 jobs on 2 cores took
# 435 s of CPU (224 s wall), with 2 jobs 340 s (172 s wall), measured one after the other without
# ccache on the 2-core CI machine; in the fresh-clone run of c5be6f8, the fictional-rows build
# started beside the other tests took the dev ctest from 750 to 861 s of CPU.
cmake_host_system_information(RESULT refsim_cores QUERY NUMBER_OF_LOGICAL_CORES)
function(refsim_test_uses_every_core test)
  set_tests_properties(${test} PROPERTIES PROCESSORS ${refsim_cores})
endfunction()
