// Ledger layout (mortal_accounting): header, one object, then takes and releases; and the paired
// scenario a ledger stands for.
#include <algorithm>

#include "fuzz/layouts.h"
#include "fuzz/parts.h"

namespace refsim::fuzz {

namespace {

constexpr unsigned kRelease = 0x01;
constexpr unsigned kStepHasCount = 0x10;
using U128 = unsigned __int128;

}  // namespace

LedgerProgram read_ledger_layout(Reader& in) {
  LedgerProgram ledger;
  const Header header = read_header(in);
  ledger.runtime = header.runtime;
  ledger.object = read_object(in, header, {});
  while (!in.done()) {
    const std::size_t at = in.offset();
    const std::uint8_t b = in.byte("a ledger step");
    if (b & 0xe0u) in.fail(at, "reserved bits 5-7 of a ledger step are set");
    if (ledger.steps.size() >= kMaxOps) in.fail(at, "more than " + std::to_string(kMaxOps) + " ledger steps");
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
    const auto origin = static_cast<std::size_t>(step.by);
    if (!row_expressible(kOriginField, origin)) return std::nullopt;
    out.byte(static_cast<std::uint8_t>((step.take ? 0u : kRelease) | (field_value(kOriginField, origin) << 1) |
                                       (step.count != 1 ? kStepHasCount : 0u)));
    out.row_extension(kOriginField, origin);
    if (step.count != 1) out.count(step.count, table);
  }
  return out.take();
}

Scenario ledger_scenario(const LedgerProgram& ledger) {
  Scenario s;
  s.runtime = ledger.runtime;
  s.objects = {ledger.object};
  s.objects[0].id = object_id(ledger.object.kind, {});
  U128 held = static_cast<U128>(ledger.object.refs);
  std::optional<Origin> last_taker, last_releaser;
  for (const LedgerStep& step : ledger.steps) {
    // A release never exceeds what is held: each reference is released exactly once.
    const std::uint64_t n = step.take ? step.count : static_cast<std::uint64_t>(std::min<U128>(step.count, held));
    if (n == 0) continue;
    Op op;
    op.code = step.take ? OpCode::Incref : OpCode::Decref;
    op.by = step.by;
    op.count = n;
    s.ops.push_back(op);
    if (step.take) {
      held += n;
      last_taker = step.by;
    } else {
      held -= n;
      last_releaser = step.by;
    }
  }
  const Origin closer = last_releaser ? *last_releaser : last_taker ? *last_taker : Origin::Core;
  while (held > 0) {
    Op op;
    op.code = OpCode::Decref;
    op.by = closer;
    op.count = static_cast<std::uint64_t>(std::min<U128>(held, ~std::uint64_t{0}));
    held -= op.count;
    s.ops.push_back(op);
  }
  return s;
}

}  // namespace refsim::fuzz
