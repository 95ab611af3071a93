// Ledger layout (mortal_accounting): header, one object, then takes and releases; and the paired
// scenario a ledger stands for.
#include <algorithm>
#include <map>
#include <optional>
#include <span>

#include "fuzz/layouts.h"
#include "fuzz/pairing.h"
#include "fuzz/parts.h"
#include "model/op_support.h"

namespace refsim::fuzz {

namespace {

constexpr unsigned kRelease = 0x01;
constexpr unsigned kStepHasCount = 0x10;
constexpr unsigned kLoopStep = 0x20;  // format 3 on: the interpreter loop's step
using U128 = unsigned __int128;

/// The loop's 3-bit code of an act (its place in kLoopTakes or kLoopReleases).
unsigned loop_code(LoopAct act) {
  const auto& table = loop_takes(act) ? std::span<const LoopAct>(kLoopTakes) : std::span<const LoopAct>(kLoopReleases);
  return static_cast<unsigned>(std::find(table.begin(), table.end(), act) - table.begin());
}

LedgerStep read_loop_step(Reader& in, const Header& header, std::uint8_t b, std::size_t at) {
  LedgerStep step;
  step.take = !(b & kRelease);
  const unsigned code = (b >> 1) & 7u;
  const std::span<const LoopAct> table = step.take ? std::span<const LoopAct>(kLoopTakes) : std::span<const LoopAct>(kLoopReleases);
  if (code >= table.size())
    in.fail(at, std::string("unknown loop ") + (step.take ? "take " : "release ") + std::to_string(code));
  step.loop = table[code];
  if (!(b & kStepHasCount)) return step;
  if (!loop_has_number(step.loop)) in.fail(at, "a stack reference's opening carries no count");
  const std::size_t number_at = in.offset();
  step.count = in.count(*header.boundaries, "a count");
  if ((step.loop == LoopAct::Dup || step.loop == LoopAct::Close) && step.count == 0)
    in.fail(number_at, "a stack reference's depth is at least 1");
  if (step.loop == LoopAct::RefcntAdd && (step.count == 0 || step.count > refcnt_add_max(header.runtime.width)))
    in.fail(number_at, "n must be between 1 and 2^" + std::to_string(header.runtime.width.bits - 2));
  return step;
}

}  // namespace

LedgerProgram read_ledger_layout(Reader& in) {
  LedgerProgram ledger;
  const Header header = read_header(in);
  ledger.format = header.format;
  ledger.runtime = header.runtime;
  ledger.object = read_object(in, header, {});
  const bool loop_steps = header.format >= 3;
  while (!in.done()) {
    const std::size_t at = in.offset();
    const std::uint8_t b = in.byte("a ledger step");
    if (b & (loop_steps ? 0xc0u : 0xe0u))
      in.fail(at, loop_steps ? "reserved bits 6-7 of a ledger step are set" : "reserved bits 5-7 of a ledger step are set");
    if (ledger.steps.size() >= kMaxOps) in.fail(at, "more than " + std::to_string(kMaxOps) + " ledger steps");
    if (b & kLoopStep) {
      ledger.steps.push_back(read_loop_step(in, header, b, at));
      continue;
    }
    LedgerStep step;
    step.take = !(b & kRelease);
    step.by = static_cast<Origin>(in.row(kOriginField, (b >> 1) & 7u, count_of<Origin>(), at));
    if (b & kStepHasCount) step.count = in.count(*header.boundaries, "a count");
    ledger.steps.push_back(step);
  }
  return ledger;
}

std::optional<std::vector<std::uint8_t>> write_ledger_layout(const LedgerProgram& ledger) {
  const ObjectSpec& o = ledger.object;
  if (!header_expressible(ledger.runtime) || ledger.steps.size() > kMaxOps || o.refs < 0 ||
      o.refs > Int128{INT64_MAX} || (o.word && *o.word > ledger.runtime.width.mask()))
    return std::nullopt;
  Writer out;
  write_header(out, ledger.runtime);
  write_object(out, o, ledger.runtime);
  const Boundaries& table = current_boundaries(ledger.runtime);
  for (const LedgerStep& step : ledger.steps) {
    const bool counted = step.count != 1;
    if (step.loop != LoopAct::None) {
      if (step.take != loop_takes(step.loop) || step.by != Origin::Core || (counted && !loop_has_number(step.loop)) ||
          ((step.loop == LoopAct::Dup || step.loop == LoopAct::Close) && step.count == 0) ||
          (step.loop == LoopAct::RefcntAdd && (step.count == 0 || step.count > refcnt_add_max(ledger.runtime.width))))
        return std::nullopt;
      out.byte(static_cast<std::uint8_t>(kLoopStep | (step.take ? 0u : kRelease) | (loop_code(step.loop) << 1) |
                                         (counted ? kStepHasCount : 0u)));
    } else {
      const auto origin = static_cast<std::size_t>(step.by);
      if (!row_expressible(kOriginField, origin)) return std::nullopt;
      out.byte(static_cast<std::uint8_t>((step.take ? 0u : kRelease) | (field_value(kOriginField, origin) << 1) |
                                         (counted ? kStepHasCount : 0u)));
      out.row_extension(kOriginField, origin);
    }
    if (counted) out.count(step.count, table);
  }
  return out.take();
}

Scenario ledger_scenario(const LedgerProgram& ledger) {
  Scenario s;
  s.runtime = ledger.runtime;
  s.objects = {ledger.object};
  s.objects[0].id = object_id(ledger.object.kind, {});
  LedgerPairing pairing(s, static_cast<U128>(ledger.object.refs), ledger.format >= 3);
  for (const LedgerStep& step : ledger.steps) pairing.step(step);
  pairing.finish();
  return s;
}

std::optional<LedgerProgram> ledger_of(const Scenario& s) {
  if (s.objects.size() != 1) return std::nullopt;
  LedgerProgram ledger{s.runtime, s.objects[0], {}};
  std::vector<std::size_t> open;  // slots, in the order they were opened
  auto depth = [&](std::size_t slot) -> std::optional<std::uint64_t> {
    const auto it = std::find(open.begin(), open.end(), slot);
    if (it == open.end()) return std::nullopt;
    return static_cast<std::uint64_t>(open.end() - it);
  };
  for (const Op& op : s.ops) {
    LedgerStep step{op.code == OpCode::Incref, op.by, op.count};
    if (op.code != OpCode::Incref && op.code != OpCode::Decref) {
      const std::optional<LoopAct> act = loop_act_of(op.code);
      if (!act) return std::nullopt;  // set_refcnt, gc, repeat: no ledger has them
      step = {loop_takes(*act), Origin::Core, 1, *act};
      if (*act == LoopAct::StealRelease) step.count = op.count;
      if (*act == LoopAct::RefcntAdd) {
        if (op.count != 1) return std::nullopt;
        step.count = op.value;
      }
      if (*act == LoopAct::Dup || *act == LoopAct::Close) {
        const auto d = depth(op.ref);
        if (!d) return std::nullopt;
        step.count = *d;
        if (*act == LoopAct::Close) open.erase(open.end() - static_cast<std::ptrdiff_t>(*d));
      }
      if (opens_stack_ref(op.code) || *act == LoopAct::Dup) open.push_back(*act == LoopAct::Dup ? op.ref_to : op.ref);
    }
    ledger.steps.push_back(step);
  }
  // The ledger says it only if it stands for exactly these operations (nothing cut, dropped or
  // added at the end), names aside: its stack references may sit in other slots than the decoder
  // would give them, one for one.
  const std::vector<Op> ops = ledger_scenario(ledger).ops;
  if (ops.size() != s.ops.size()) return std::nullopt;
  std::map<std::size_t, std::size_t> slot;  // the scenario's open slot -> the ledger's
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Op &a = ops[i], &b = s.ops[i];
    if (a.code != b.code || a.obj != b.obj || a.by != b.by || a.count != b.count || a.value != b.value ||
        !b.body.empty())
      return std::nullopt;
    const bool uses = b.code == OpCode::StackDup || b.code == OpCode::StackClose;
    if (uses && (!slot.count(b.ref) || slot[b.ref] != a.ref)) return std::nullopt;
    if (b.code == OpCode::StackClose) slot.erase(b.ref);
    if (b.code == OpCode::StackDup) slot[b.ref_to] = a.ref_to;
    if (opens_stack_ref(b.code)) slot[b.ref] = a.ref;
  }
  return ledger;
}

}  // namespace refsim::fuzz
