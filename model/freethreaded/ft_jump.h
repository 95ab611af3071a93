// The fast engine's cells: how many single operations of a counted incref or decref change one field
// by one each and raise no event, from a given state. The step after them is run by the single-step
// code (the stepwise reference), so every event and its fields come from the same place.
//
// u is the shared count as an unsigned (width - 2)-bit number, h = 2^(width - 3) its sign bit,
// L = all ones (immortal). "k" is the number of quiet steps; 0 means: take one single step.
//
//   state                         op                  k                 each quiet step
//   freed                         any                 0 (use-after-free)
//   local == L                    incref, decref      unbounded         nothing (ignored)
//   owner                         incref              L - 1 - local     local + 1
//   not owner                     incref              (h - 1 - u) mod 2^(w-2)   shared + 1 << 2
//   owner, local >= 1             decref              local - 1         local - 1
//   owner, local == 0             decref              0 (wrap or _Py_NegativeRefcount)
//   not owner, state 0/1/2        decref              u                 shared - 1 << 2
//   not owner, merged, release    decref              u - 1 (u >= 1)    shared - 1 << 2
//   not owner, merged, debug      decref              u - 1 (1 <= u < h)  shared - 1 << 2
//
// Why they are quiet: at state 0/1 the queue happens at u == 0; at state 2 the count goes negative at
// u == 0; merged frees at u == 1 and (debug) stops below zero; the owner's increment reaches L at
// L - 1 and its decrement merges at 1; another thread's increment turns the count negative at h - 1.
//
// The gh-153202 draft (L = UINT8_MAX, c the signed int32 shared count from cmin to cmax, m the immortal
// minimum): the owner's path has no immortality check, the others' returns on an immortal object.
//
//   state                         op                  k                 each quiet step
//   owner                         incref              L - local         local + 1
//   owner                         decref              as above
//   not owner, immortal           incref, decref      unbounded         nothing (ignored)
//   not owner                     incref              m - 1 - c         shared + 1 << 2
//   not owner, c > 0              decref              c (merged: c - 1) shared - 1 << 2
//   not owner, c == 0             decref              0 (queue, negative or free)
//   not owner, c < 0              decref              c - cmin (merged debug: 0)
//
// At local == L the owner's increment spills: shared + L << 2, local 1. A spill and the L - 1 quiet
// increments after it are one cycle (shared + L << 2, ledger + L); the cycles are quiet while the count
// stays below m (crossing it is immortality) or, from m on, at most cmax (then it wraps negative).
#pragma once

#include <cstdint>

#include "model/freethreaded/ft_outcome.h"

namespace refsim::ft {

/// Quiet steps of an incref (UP) or decref by thread CALLER from state S; UINT64_MAX = unbounded.
std::uint64_t quiet_steps(const FtBuild& b, const FtObjState& s, Tid caller, bool up);

/// Applies K quiet steps (K at most quiet_steps): the field changes by K, the ledger by +/-K.
void apply_quiet(const FtBuild& b, FtObjState& s, Tid caller, bool up, std::uint64_t k);

/// The draft: whole quiet spill cycles an owner incref can take from local == L (0 otherwise).
std::uint64_t spill_cycles(const FtBuild& b, const FtObjState& s, Tid caller);

/// Applies CYCLES spill cycles (at most spill_cycles): shared + CYCLES * L << 2, the ledger + CYCLES * L.
void apply_spill_cycles(const FtBuild& b, FtObjState& s, std::uint64_t cycles);

}  // namespace refsim::ft
