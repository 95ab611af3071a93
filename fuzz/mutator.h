// Mutator: structure-aware mutation and cross-over of binary inputs. Edits the decoded program
// with named mutations (insert, erase, swap, origin, count, wrap in repeat, the runtime's fields,
// objects), draws counts and words from the runtime's boundaries and their neighbours, repairs
// what check() would reject, then encodes it again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "fuzz/target.h"

namespace refsim::fuzz {

/// A mutated copy of `input`, at most `max_size` bytes, chosen by `seed` alone. Nullopt when the
/// input does not decode (the caller falls back to byte-level mutation) or for scenario_json.
/// `sequence`, if given, receives the names of the mutations applied, each followed by '-'
/// ("OpCount-RuntimeWidth-"), as libFuzzer's "MS:" lines name its own.
std::optional<std::vector<std::uint8_t>> mutate(Target target, std::span<const std::uint8_t> input,
                                                std::size_t max_size, std::uint64_t seed,
                                                std::string* sequence = nullptr);

/// A child of two inputs: one's runtime and objects, a prefix of one's operations (or ledger
/// steps) and a suffix of the other's. Nullopt when either does not decode.
std::optional<std::vector<std::uint8_t>> cross_over(Target target, std::span<const std::uint8_t> a,
                                                    std::span<const std::uint8_t> b, std::size_t max_size,
                                                    std::uint64_t seed);

}  // namespace refsim::fuzz
