// The ft_engine fuzz target's input format: a few bytes that decode into a free-threaded scenario
// (every byte string decodes; bytes past the end read as 0). docs/SCENARIO-THREADS.md, Fuzzing.
//
//   byte 0        build: version = b & 3 (kFtVersions order), width = {8, 16, 32, 64}[(b >> 2) & 3],
//                 debug = (b >> 4) & 1
//   byte 1        threads = 1 + b % 3, objects = 1 + (b >> 2) % 2
//   4 per object  kind (b % 3: heap, immortal, deferred; deferred on the gh153202 draft, where it is
//                 not modelled: heap),
//                 owner (b % (threads + 1); threads: unowned), refs (b % 16),
//                 start (b & 3: 0 as the kind leaves it, 1 local next to its edge, 2 shared count
//                 next to its edge; the distance (b >> 2) % 4, the shared state (b >> 4) & 3)
//   4 per op      b0: code = b0 % 5 (incref, decref, set_refcnt, refcnt, merge), thread = (b0 >> 3)
//                 % threads, object = (b0 >> 5) % objects; incref/decref: count = 1 + b1 + 256 * b2;
//                 set_refcnt: value = (int8_t)b1; merge: at = b1 % 3 (eval breaker, gc, thread exit);
//                 b3: 0 a single operation; else a repeat of 2 + (b3 >> 2) iterations (2..65) whose
//                 body is this operation and the next (b3 & 3) ones (each of them may open a repeat in
//                 turn, so repeats nest). b3 was reserved and ignored before repeats were added, and
//                 every committed input has 0 there, so none changed meaning.
//
// At most kMaxFtFuzzOps four-byte groups and kMaxFtFuzzSteps single operations in all (the stepwise
// reference runs every one; an incref or decref counts its count, any other operation one, a repeat
// its iterations times its body); a top-level operation (repeat included) past either bound ends the
// list. A thread exit inside a repeat fails ft::check, as in a scenario file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <variant>

#include "model/freethreaded/ft_scenario.h"

namespace refsim::fuzz {

inline constexpr std::size_t kMaxFtFuzzOps = 64;
inline constexpr std::uint64_t kMaxFtFuzzSteps = std::uint64_t{1} << 18;
/// The iterations of a repeat the format can say: 2 + (b3 >> 2).
inline constexpr std::uint64_t kMaxFtFuzzRepeat = 2 + (0xFF >> 2);

/// Whether PATH has an `ft_engine` component (corpus/ft_engine/...): `refsim decode` and
/// `refsim replay` read such files in this format.
bool is_ft_engine_path(const std::filesystem::path& path);

/// The scenario BYTES encode, or why it fails ft::check (e.g. a thread runs after exiting).
std::variant<ft::FtScenario, SpecError> decode_ft(std::span<const std::uint8_t> bytes);

}  // namespace refsim::fuzz
