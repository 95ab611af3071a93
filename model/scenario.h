// Scenario: a validated simulation input (runtime, objects, operation tree), independent of JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/names.h"
#include "model/width.h"

namespace refsim {

/// Strategy parameters (runtime.strategy_params).
struct StrategyParams {
  std::uint64_t period = 1000000;  ///< periodic-reset: reset after every step that is a multiple
  bool only_if_legacy = false;     ///< periodic-reset: only once an ext-3.11 operation has run
};

struct RuntimeSpec {
  Version version = Version::V3_14;
  Width width{64};
  bool debug = false;
  Strategy strategy = Strategy::AsShipped;
  StrategyParams params;
};

struct ObjectSpec {
  std::string id;
  Kind kind = Kind::Heap;
  std::optional<Word> word;  ///< explicit initial word, else the kind's
  Int128 refs = 1;           ///< logical count at the start
};

enum class OpCode { Incref, Decref, SetRefcnt, Gc, Repeat };

struct Op {
  OpCode code = OpCode::Incref;
  std::size_t obj = 0;          ///< index into Scenario::objects (incref, decref, set_refcnt)
  Origin by = Origin::Core;
  std::uint64_t count = 1;      ///< incref/decref repetitions, or repeat iterations
  Word value = 0;               ///< set_refcnt
  std::vector<Op> body;         ///< repeat
};

struct Scenario {
  std::string name;
  RuntimeSpec runtime;
  std::vector<ObjectSpec> objects;
  std::vector<Op> ops;
};

/// A problem with a scenario: the JSON path it concerns and a message.
struct SpecError {
  std::string path;
  std::string message;
};

/// Checks what the model needs beyond well-formed input: width, a strategy that applies to the
/// version, parameters, words that fit, object indices, and at most 2^64-1 single operations.
std::optional<SpecError> check(const Scenario& scenario);

/// Number of single operations the scenario expands to, saturated at UINT64_MAX + 1 (as 128-bit).
unsigned __int128 expanded_steps(const std::vector<Op>& ops);

}  // namespace refsim
