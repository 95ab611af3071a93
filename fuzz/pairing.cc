// Pairing: see pairing.h.
#include "fuzz/pairing.h"

#include <algorithm>
#include <string>

#include "fuzz/parts.h"

namespace refsim::fuzz {

using U128 = unsigned __int128;

std::size_t lowest_free_slot(const std::vector<std::size_t>& open) {
  std::size_t slot = 0;
  while (std::find(open.begin(), open.end(), slot) != open.end()) ++slot;
  return slot;
}

LedgerPairing::LedgerPairing(Scenario& s, U128 refs, bool drops_when_gone)
    : s_(s), drops_when_gone_(drops_when_gone), held_(refs) {}

void LedgerPairing::step(const LedgerStep& step) {
  if (drops_when_gone_ && !alive()) return;  // the object is gone
  switch (step.loop) {
    case LoopAct::None: return code_step(step);
    case LoopAct::New:
    case LoopAct::NewMortal: open(*loop_op(step.loop)); return;
    case LoopAct::Steal:
      if (held_ == 0) return;
      if (open(OpCode::StackSteal)) --held_;
      return;
    case LoopAct::Dup: {
      if (open_.empty()) return;
      const std::size_t from = open_[depth_index(step.count)];
      if (open(OpCode::StackDup)) {
        s_.ops.back().ref_to = s_.ops.back().ref;
        s_.ops.back().ref = from;
      }
      return;
    }
    case LoopAct::RefcntAdd:
      s_.ops.push_back(leaf(OpCode::RefcntAdd, 0, Origin::Core, 1, step.count));
      held_ += step.count;
      return;
    case LoopAct::Close:
      if (!open_.empty()) close(depth_index(step.count));
      return;
    case LoopAct::StealRelease: return release(OpCode::StealRelease, Origin::Core, step.count);
  }
}

void LedgerPairing::finish(std::uint64_t max_count, Origin fallback) {
  while (!open_.empty()) close(open_.size() - 1);
  const OpCode code = closer_ ? closer_->first : OpCode::Decref;
  const Origin by = closer_ ? closer_->second : last_taker_.value_or(fallback);
  while (held_ > 0) release(code, by, max_count);
  for (std::size_t r = 0; r < slots_; ++r) s_.refs.push_back("r" + std::to_string(r));
}

void LedgerPairing::code_step(const LedgerStep& step) {
  if (step.take) {
    if (step.count == 0) return;
    s_.ops.push_back(leaf(OpCode::Incref, 0, step.by, step.count));
    held_ += step.count;
    last_taker_ = step.by;
  } else {
    release(OpCode::Decref, step.by, step.count);
  }
}

/// Releases up to `count` held references (a release never exceeds what is held).
void LedgerPairing::release(OpCode code, Origin by, std::uint64_t count) {
  const auto n = static_cast<std::uint64_t>(std::min<U128>(count, held_));
  if (n == 0) return;
  s_.ops.push_back(leaf(code, 0, by, n));
  held_ -= n;
  closer_ = {code, by};
}

/// Opens a stack reference in the lowest free slot; false when all eight are open.
bool LedgerPairing::open(OpCode code) {
  if (open_.size() == kMaxStackRefs) return false;
  const std::size_t slot = lowest_free_slot(open_);
  Op op = leaf(code, 0, Origin::Core);
  op.ref = slot;
  s_.ops.push_back(op);
  open_.push_back(slot);
  slots_ = std::max(slots_, slot + 1);
  return true;
}

void LedgerPairing::close(std::size_t index) {
  Op op = leaf(OpCode::StackClose, 0, Origin::Core);
  op.ref = open_[index];
  s_.ops.push_back(op);
  open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(index));
}

/// The index in open_ of the reference `depth` places from the most recent (1: the most recent;
/// deeper than what is open: the oldest).
std::size_t LedgerPairing::depth_index(std::uint64_t depth) const {
  return open_.size() - static_cast<std::size_t>(std::min<std::uint64_t>(std::max<std::uint64_t>(depth, 1), open_.size()));
}

}  // namespace refsim::fuzz
