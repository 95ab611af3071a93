#!/bin/bash -eu
# ClusterFuzzLite build script for refsim: the OSS-Fuzz script (fuzz/oss-fuzz/build.sh) builds every
# target, the claims target among them with claims.known, so that a ClusterFuzzLite crash of `claims`
# is a counterexample to a catalog claim that corpus/claims does not record yet. Run from the refsim
# checkout (WORKDIR $SRC/refsim) or with SRC_DIR set; tested by fuzz/cfl_delegation_test.cmake (fuzz_cfl_build),
# and the OSS-Fuzz script it runs by fuzz/oss_fuzz_test.cmake (fuzz_oss_build).
src=${SRC_DIR:-$PWD}
exec bash "$src/fuzz/oss-fuzz/build.sh"
