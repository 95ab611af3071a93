# refsim_test_cost(TEST PLAIN SANITIZED): the seconds TEST took in a fresh-clone CI run (2 cores;
# docs/CI-TIME.md), in a plain build and under ASan + UBSan. ctest -j runs the tests of larger cost
# first; on a fresh clone it has no timings of its own yet, and would otherwise start them in the
# order they were added, so that a long test started last runs alone while the other core idles.
# Only the long tests need one: the others fill in around them.
function(refsim_test_cost test plain sanitized)
  if(REFSIM_SANITIZE)
    set_tests_properties(${test} PROPERTIES COST ${sanitized})
  else()
    set_tests_properties(${test} PROPERTIES COST ${plain})
  endif()
endfunction()
