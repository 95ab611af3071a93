// Inline pairs: kPairs incref+decref pairs of inline C code on objects in memory, the loop every
// inline-C baseline of bench/ runs (pair/inline, strategy/*).
#pragma once

#include <benchmark/benchmark.h>

namespace refsim::bench {

constexpr int kPairs = 256;
/// Pairs go round this many objects, so that consecutive operations on one word do not wait for
/// each other's store (the cost measured is the code's, not store-to-load forwarding).
constexpr int kObjects = 8;

/// The objects' addresses escape and memory is clobbered after every operation, so each incref and
/// decref is its own load, test and store, as in an interpreter where other code runs between them
/// (else the compiler folds ++ and -- into one test).
template <class O, void (*Inc)(O&), void (*Dec)(O&)>
void inline_pairs(O (&objects)[kObjects]) {
  for (int i = 0; i < kPairs; ++i) {
    O& o = objects[i % kObjects];
    Inc(o);
    benchmark::ClobberMemory();
    Dec(o);
    benchmark::ClobberMemory();
  }
}

}  // namespace refsim::bench
