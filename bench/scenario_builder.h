// Scenario builder: the few scenario shapes the engine benchmarks run, built in code (no JSON).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/scenario.h"

namespace refsim::bench {

/// A runtime of this version and width, release build, as shipped.
inline RuntimeSpec runtime_of(Version version, unsigned bits) {
  RuntimeSpec spec;
  spec.version = version;
  spec.width = Width{bits};
  return spec;
}

inline ObjectSpec object_of(std::string id, Kind kind, Int128 refs = 1) {
  ObjectSpec object;
  object.id = std::move(id);
  object.kind = kind;
  object.refs = refs;
  return object;
}

/// `pairs` core incref/decref pairs on one heap object (count 1 each: no stretch to jump over).
inline Scenario pairs_scenario(Version version, unsigned bits, int pairs) {
  Scenario s{.name = "pairs", .runtime = runtime_of(version, bits), .objects = {object_of("obj", Kind::Heap)}};
  for (int i = 0; i < pairs; ++i) {
    s.ops.push_back(leaf(OpCode::Incref, 0, Origin::Core));
    s.ops.push_back(leaf(OpCode::Decref, 0, Origin::Core));
  }
  return s;
}

/// One operation with a count on one object.
inline Scenario one_op_scenario(RuntimeSpec runtime, ObjectSpec object, Op op) {
  return Scenario{.name = "one-op", .runtime = runtime, .objects = {std::move(object)}, .ops = {std::move(op)}};
}

/// A repeat block of `count` iterations of {core incref, ext-3.11 decref} on a heap object.
inline Scenario exchange_scenario(Version version, unsigned bits, std::uint64_t count) {
  Op block = repeat(count, {leaf(OpCode::Incref, 0, Origin::Core), leaf(OpCode::Decref, 0, Origin::Ext311)});
  return one_op_scenario(runtime_of(version, bits), object_of("obj", Kind::Heap), std::move(block));
}

}  // namespace refsim::bench
