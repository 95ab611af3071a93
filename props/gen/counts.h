// Counts and words: integers over the full 64-bit range, biased towards the boundaries of the
// runtime they are drawn for, so that generated cases land on and around thresholds, the immortal
// band's edges, zero, the sign and the wrap. They all shrink as plain integers (RapidCheck's binary
// search towards the lower end), which is what makes a shrunk count the exact minimum.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <functional>

#include "model/scenario.h"

namespace refsim::props::gen {

/// A value in [lo, hi] drawn by `pick` (and clamped), shrinking as an integer towards lo.
rc::Gen<std::uint64_t> integer(std::function<std::uint64_t(rc::Random&)> pick, std::uint64_t lo,
                               std::uint64_t hi);

/// Uniform in [lo, hi], whatever RapidCheck's size (rc::gen::inRange scales its range with it).
rc::Gen<std::uint64_t> uniform(std::uint64_t lo, std::uint64_t hi);

/// Uniform in [0, n - 1], shrinking towards 0 (n > 0).
rc::Gen<std::uint64_t> integer_below(std::uint64_t n);

/// Log-uniform in [lo, hi]: a bit length, then a value of that length, so that every magnitude is
/// as likely as any other. Knows nothing of any boundary: the minimum searches use it.
rc::Gen<std::uint64_t> log_uniform(std::uint64_t lo, std::uint64_t hi);

/// A word of the runtime's width: anywhere (one in four), or within 3 of one of its boundaries
/// (with random bits above the modulus of a periodic boundary).
rc::Gen<Word> word(const RuntimeSpec& rt);

/// A count of single operations from the word `from` in one direction, at most `cap`: small (0-8),
/// log-uniform, or the distance to one of the runtime's boundaries plus or minus 2 (sometimes one
/// or two periods further for a periodic boundary).
rc::Gen<std::uint64_t> count(const RuntimeSpec& rt, Word from, bool up, std::uint64_t cap);

}  // namespace refsim::props::gen
