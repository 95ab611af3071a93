# fuzz_cfl_build: .clusterfuzzlite/build.sh builds exactly what fuzz/oss-fuzz/build.sh builds, which
# fuzz_oss_build checks with a real build. Here the ClusterFuzzLite script runs against a scratch
# copy of the tree whose fuzz/oss-fuzz/build.sh is a stand-in that records how it was started, and
# the test checks that it ran, once, with the build environment ClusterFuzzLite gives (CC, CXX,
# CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE, OUT) passed through unchanged and its status returned: a
# second build of the libraries would test the same script again (docs/CI-TIME.md).
# Usage: cmake -DSOURCE=<tree> -DSCRATCH=<dir> -P cfl_delegation_test.cmake
set(tree ${SCRATCH}/tree)
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${tree}/fuzz/oss-fuzz ${tree}/.clusterfuzzlite ${SCRATCH}/out)
file(COPY ${SOURCE}/.clusterfuzzlite/build.sh DESTINATION ${tree}/.clusterfuzzlite)
set(record ${SCRATCH}/record.txt)
file(WRITE ${tree}/fuzz/oss-fuzz/build.sh
  "echo \"ran \$CC|\$CXX|\$CFLAGS|\$CXXFLAGS|\$LIB_FUZZING_ENGINE|\$OUT\" >> ${record}\nexit 7\n")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env CC=cc-x CXX=cxx-y "CFLAGS=-O1 -a" "CXXFLAGS=-O1 -b"
          "LIB_FUZZING_ENGINE=-fsanitize=fuzzer" OUT=${SCRATCH}/out
          bash ${tree}/.clusterfuzzlite/build.sh
  WORKING_DIRECTORY ${tree}
  RESULT_VARIABLE status)
if(NOT status EQUAL 7)
  message(FATAL_ERROR ".clusterfuzzlite/build.sh exited ${status}, not the OSS-Fuzz script's status 7")
endif()
file(STRINGS ${record} lines)
set(expected "ran cc-x|cxx-y|-O1 -a|-O1 -b|-fsanitize=fuzzer|${SCRATCH}/out")
if(NOT lines STREQUAL expected)
  message(FATAL_ERROR ".clusterfuzzlite/build.sh did not run fuzz/oss-fuzz/build.sh once with the build's environment:\n"
                      "got: ${lines}\nwanted: ${expected}")
endif()
message(STATUS "fuzz_cfl_build: .clusterfuzzlite/build.sh runs fuzz/oss-fuzz/build.sh with the build's environment")
