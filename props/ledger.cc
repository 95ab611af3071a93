// Ledger: the model, its commands and the scenario they build.
#include "props/ledger.h"

#include <algorithm>

#include "props/gen/counts.h"
#include "props/gen/runtime.h"

namespace refsim::props::ledger {

namespace {

std::uint64_t cap64(U128 v) { return v > UINT64_MAX ? UINT64_MAX : static_cast<std::uint64_t>(v); }

/// Takes `count` from the held counts, the earliest takers first (which taker does not matter to
/// the word, only to the story).
void release_from(Ledger& m, Origin taker, U128 count) {
  U128& first = m.held[static_cast<std::size_t>(taker)];
  const U128 own = std::min(first, count);
  first -= own;
  count -= own;
  for (U128& h : m.held) {
    const U128 part = std::min(h, count);
    h -= part;
    count -= part;
  }
}

std::uint64_t draw_count(const Space& space, const Ledger& model, bool up, std::uint64_t cap) {
  if (!space.aim) return *gen::log_uniform(1, std::max<std::uint64_t>(1, cap));
  // Aim the logical count (which is the word while the code stays paired) at the boundaries.
  const Word nominal = static_cast<Word>(model.outstanding()) & space.runtime.width.mask();
  return std::max<std::uint64_t>(1, *gen::count(space.runtime, nominal, up, cap));
}

}  // namespace

U128 Ledger::outstanding() const {
  U128 total = 0;
  for (U128 h : held) total += h;
  return total;
}

// --- Sut -----------------------------------------------------------------------------------------

Sut::Sut(const Space& space) : space_(&space), outstanding_(static_cast<U128>(space.initial_refs)) {
  scenario_.name = "ledger";
  scenario_.runtime = space.runtime;
  scenario_.objects.push_back({"obj", space.kind, std::nullopt, space.initial_refs});
}

void Sut::append(OpCode code, Origin by, std::uint64_t count) {
  if (count == 0) return;
  if (!scenario_.ops.empty()) {
    Op& last = scenario_.ops.back();
    if (last.code == code && last.by == by && U128{last.count} + count <= UINT64_MAX) {
      last.count += count;
      return;
    }
  }
  scenario_.ops.push_back(Op{.code = code, .obj = 0, .by = by, .count = count});
}

void Sut::incref(Origin by, std::uint64_t count) {
  append(OpCode::Incref, by, count);
  outstanding_ += count;
  last_taker_ = by;
}

Origin Sut::closer() const {
  if (last_releaser_) return *last_releaser_;
  if (last_taker_)
    for (Origin o : space_->origins)
      if (o != *last_taker_) return o;
  return Origin::Core;
}

void Sut::decref(Origin by, std::uint64_t count) {
  append(OpCode::Decref, by, count);
  outstanding_ -= count;
  last_releaser_ = by;
}

Scenario Sut::closed() const {
  Sut copy = *this;
  U128 left = outstanding_;
  while (left > 0) {
    const std::uint64_t part = cap64(left);
    copy.decref(closer(), part);
    left -= part;
  }
  return copy.scenario_;
}

// --- commands ------------------------------------------------------------------------------------

Take::Take(const Ledger& model, const std::shared_ptr<const Space>& s) : space(s) {
  by = *gen::origin(s->origins);
  const U128 room = s->peak_limit > model.outstanding() ? s->peak_limit - model.outstanding() : 0;
  count = draw_count(*s, model, true, cap64(std::min<U128>(s->cap, room)));
}

std::uint64_t Take::effective(const Ledger& model) const {
  const U128 room = space->peak_limit > model.outstanding() ? space->peak_limit - model.outstanding() : 0;
  return cap64(std::min<U128>({count, room, space->cap}));
}

void Take::checkPreconditions(const Ledger& model) const { RC_PRE(effective(model) > 0u); }

void Take::apply(Ledger& model) const {
  model.held[static_cast<std::size_t>(by)] += effective(model);
  model.peak = std::max(model.peak, model.outstanding());
}

void Take::run(const Ledger& model, Sut& sut) const {
  sut.incref(by, effective(model));
  if (sut.space().after_each) sut.space().after_each(sut);
}

void Take::show(std::ostream& os) const { os << "take " << count << " by " << name_of(by); }

Release::Release(const Ledger& model, const std::shared_ptr<const Space>& s) : space(s) {
  taker = *gen::origin(s->origins);
  by = *gen::origin(s->origins);
  const U128 left = model.outstanding();
  count = draw_count(*s, model, false, cap64(std::min<U128>(s->cap, left > 1 ? left - 1 : 1)));
}

std::uint64_t Release::effective(const Ledger& model) const {
  const U128 left = model.outstanding();
  return left > 1 ? cap64(std::min<U128>(count, left - 1)) : 0;
}

void Release::checkPreconditions(const Ledger& model) const { RC_PRE(effective(model) > 0u); }

void Release::apply(Ledger& model) const { release_from(model, taker, effective(model)); }

void Release::run(const Ledger& model, Sut& sut) const {
  sut.decref(by, effective(model));
  if (sut.space().after_each) sut.space().after_each(sut);
}

void Release::show(std::ostream& os) const {
  os << "release " << count << " taken by " << name_of(taker) << ", by " << name_of(by);
}

// --- running -------------------------------------------------------------------------------------

Scenario paired_scenario(const std::shared_ptr<const Space>& space, double length_scale) {
  Ledger initial;
  initial.held[static_cast<std::size_t>(Origin::Core)] = static_cast<U128>(space->initial_refs);
  initial.peak = initial.outstanding();
  const auto commands = *rc::gen::scale(
      length_scale, rc::state::gen::commands(initial, [space](const Ledger& model) {
        return rc::state::gen::execOneOfWithArgs<Take, Release>()(model, space);
      }));
  Sut sut(*space);
  rc::state::runAll(commands, initial, sut);
  return sut.closed();
}

bool uses(const Scenario& scenario, Origin origin) {
  return std::any_of(scenario.ops.begin(), scenario.ops.end(), [&](const Op& op) { return op.by == origin; });
}

}  // namespace refsim::props::ledger
