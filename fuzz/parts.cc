// Parts: the header (format version, runtime, strategy) and objects of the binary format.
#include "fuzz/parts.h"

#include "model/runtime.h"

namespace refsim::fuzz {

namespace {

constexpr unsigned kWidths[] = {64, 32, 16, 8};

unsigned width_code(unsigned bits) {
  for (unsigned i = 0; i < 4; ++i)
    if (kWidths[i] == bits) return i;
  return 0;
}

}  // namespace

RuntimeSpec read_header(Reader& in) {
  const std::uint8_t version = in.byte("the format version byte");
  if (version != kFormatVersion)
    in.fail(0, "unknown format version " + std::to_string(version) + " (this refsim reads version " +
                   std::to_string(kFormatVersion) + ")");
  RuntimeSpec rt;
  const std::size_t rt_at = in.offset();
  const std::uint8_t b = in.byte("the runtime byte");
  if ((b & 7u) >= count_of<Version>()) in.fail(rt_at, "unknown runtime version " + std::to_string(b & 7u));
  if (b & 0xc0u) in.fail(rt_at, "reserved bits 6-7 of the runtime byte are set");
  rt.version = static_cast<Version>(b & 7u);
  rt.width = Width{kWidths[(b >> 3) & 3u]};
  rt.debug = (b >> 5) & 1u;

  const std::size_t strategy_at = in.offset();
  const std::uint8_t s = in.byte("the strategy byte");
  if ((s & 7u) >= count_of<Strategy>()) in.fail(strategy_at, "unknown strategy " + std::to_string(s & 7u));
  if (s & 0xf0u) in.fail(strategy_at, "reserved bits 4-7 of the strategy byte are set");
  rt.strategy = static_cast<Strategy>(s & 7u);
  if (!strategy_applies(rt.strategy, rt.version))
    in.fail(strategy_at, "strategy \"" + std::string(name_of(rt.strategy)) + "\" does not apply to version \"" +
                             std::string(name_of(rt.version)) + "\"");
  const bool legacy_bit = (s >> 3) & 1u;
  if (rt.strategy == Strategy::PeriodicReset) {
    rt.params.only_if_legacy = legacy_bit;
    const std::size_t period_at = in.offset();
    rt.params.period = in.count(boundary_table(rt), "the period");
    if (rt.params.period == 0) in.fail(period_at, "the period must be at least 1");
  } else if (legacy_bit) {
    in.fail(strategy_at, "only_if_legacy (bit 3) is set for a strategy other than periodic-reset");
  }
  return rt;
}

bool header_expressible(const RuntimeSpec& rt) {
  return Width::valid(rt.width.bits) && strategy_applies(rt.strategy, rt.version) &&
         (rt.strategy != Strategy::PeriodicReset || rt.params.period > 0);
}

void write_header(Writer& out, const RuntimeSpec& rt) {
  out.byte(kFormatVersion);
  out.byte(static_cast<std::uint8_t>(static_cast<unsigned>(rt.version) | (width_code(rt.width.bits) << 3) |
                                     (rt.debug ? 0x20u : 0u)));
  const bool periodic = rt.strategy == Strategy::PeriodicReset;
  out.byte(static_cast<std::uint8_t>(static_cast<unsigned>(rt.strategy) |
                                     (periodic && rt.params.only_if_legacy ? 8u : 0u)));
  if (periodic) out.count(rt.params.period, boundary_table(rt));
}

std::string object_id(Kind kind, const std::vector<ObjectSpec>& earlier) {
  std::size_t same = 0;
  for (const ObjectSpec& o : earlier) same += o.kind == kind;
  const std::string base(name_of(kind));
  return same == 0 ? base : base + "-" + std::to_string(same + 1);
}

ObjectSpec read_object(Reader& in, const RuntimeSpec& rt, const std::vector<ObjectSpec>& earlier) {
  const std::size_t at = in.offset();
  const std::uint8_t b = in.byte("an object's kind byte");
  if ((b & 15u) >= count_of<Kind>()) in.fail(at, "unknown object kind " + std::to_string(b & 15u));
  if (b & 0xc0u) in.fail(at, "reserved bits 6-7 of an object's kind byte are set");
  ObjectSpec o;
  o.kind = static_cast<Kind>(b & 15u);
  o.id = object_id(o.kind, earlier);
  const auto& table = boundary_table(rt);
  if (b & 0x10u) {
    const std::size_t word_at = in.offset();
    o.word = in.count(table, "an object's word");
    if (*o.word > rt.width.mask())
      in.fail(word_at, "the word does not fit a " + std::to_string(rt.width.bits) + "-bit word");
  }
  if (b & 0x20u) {
    const std::size_t refs_at = in.offset();
    const std::uint64_t refs = in.count(table, "an object's refs");
    if (refs > std::uint64_t{INT64_MAX}) in.fail(refs_at, "refs must be at most 2^63-1");
    if (!o.word && o.kind == Kind::Heap && refs > rt.width.mask())
      in.fail(refs_at, "a heap object's word is its refs, which does not fit the word");
    o.refs = static_cast<Int128>(refs);
  }
  return o;
}

void write_object(Writer& out, const ObjectSpec& o, const RuntimeSpec& rt) {
  const bool refs = o.refs != 1;
  out.byte(static_cast<std::uint8_t>(static_cast<unsigned>(o.kind) | (o.word ? 0x10u : 0u) | (refs ? 0x20u : 0u)));
  const auto& table = boundary_table(rt);
  if (o.word) out.count(*o.word, table);
  if (refs) out.count(static_cast<std::uint64_t>(o.refs), table);
}

}  // namespace refsim::fuzz
