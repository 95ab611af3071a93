// Parts: the header (format version, runtime, strategy) and objects of the binary format.
#include "fuzz/parts.h"

#include "model/runtime.h"

namespace refsim::fuzz {

namespace {

unsigned width_code(unsigned bits) {
  for (unsigned i = 0; i < std::size(kWidths); ++i)
    if (kWidths[i] == bits) return i;
  return 0;
}

/// The boundary references a format version spells counts with: version 3 kept version 2's.
std::uint8_t references_of(std::uint8_t format) { return format == 1 ? 1 : 2; }

}  // namespace

Header read_header(Reader& in) {
  const std::uint8_t format = in.byte("the format version byte");
  if (format < kOldestFormatVersion || format > kFormatVersion)
    in.fail(0, "unknown format version " + std::to_string(format) + " (this refsim reads versions " +
                   std::to_string(kOldestFormatVersion) + " to " + std::to_string(kFormatVersion) + ")");
  RuntimeSpec rt;
  const std::size_t rt_at = in.offset();
  const std::uint8_t b = in.byte("the runtime byte");
  if (b & 0xc0u) in.fail(rt_at, "reserved bits 6-7 of the runtime byte are set");
  rt.version = static_cast<Version>(in.row(kVersionField, b & 7u, count_of<Version>(), rt_at));
  rt.width = Width{kWidths[(b >> 3) & 3u]};
  rt.debug = (b >> 5) & 1u;

  const std::size_t strategy_at = in.offset();
  const std::uint8_t s = in.byte("the strategy byte");
  if (s & 0xf0u) in.fail(strategy_at, "reserved bits 4-7 of the strategy byte are set");
  rt.strategy = static_cast<Strategy>(in.row(kStrategyField, s & 7u, count_of<Strategy>(), strategy_at));
  if (!strategy_applies(rt.strategy, rt.version))
    in.fail(strategy_at, "strategy \"" + std::string(name_of(rt.strategy)) + "\" does not apply to version \"" +
                             std::string(name_of(rt.version)) + "\"");
  const Boundaries& boundaries = Boundaries::of(references_of(format), rt);
  const bool legacy_bit = (s >> 3) & 1u;
  if (rt.strategy == Strategy::PeriodicReset) {
    rt.params.only_if_legacy = legacy_bit;
    const std::size_t period_at = in.offset();
    rt.params.period = in.count(boundaries, "the period");
    if (rt.params.period == 0) in.fail(period_at, "the period must be at least 1");
  } else if (legacy_bit) {
    in.fail(strategy_at, "only_if_legacy (bit 3) is set for a strategy other than periodic-reset");
  }
  return {format, rt, &boundaries};
}

const Boundaries& current_boundaries(const RuntimeSpec& runtime) {
  return Boundaries::of(references_of(kFormatVersion), runtime);
}

bool header_expressible(const RuntimeSpec& rt) {
  return Width::valid(rt.width.bits) && strategy_applies(rt.strategy, rt.version) &&
         (rt.strategy != Strategy::PeriodicReset || rt.params.period > 0) &&
         row_expressible(kVersionField, static_cast<std::size_t>(rt.version)) &&
         row_expressible(kStrategyField, static_cast<std::size_t>(rt.strategy));
}

void write_header(Writer& out, const RuntimeSpec& rt) {
  const auto version = static_cast<std::size_t>(rt.version);
  const auto strategy = static_cast<std::size_t>(rt.strategy);
  out.byte(kFormatVersion);
  out.byte(static_cast<std::uint8_t>(field_value(kVersionField, version) | (width_code(rt.width.bits) << 3) |
                                     (rt.debug ? 0x20u : 0u)));
  out.row_extension(kVersionField, version);
  const bool periodic = rt.strategy == Strategy::PeriodicReset;
  out.byte(static_cast<std::uint8_t>(field_value(kStrategyField, strategy) |
                                     (periodic && rt.params.only_if_legacy ? 8u : 0u)));
  out.row_extension(kStrategyField, strategy);
  if (periodic) out.count(rt.params.period, current_boundaries(rt));
}

std::string object_id(Kind kind, const std::vector<ObjectSpec>& earlier) {
  std::size_t same = 0;
  for (const ObjectSpec& o : earlier) same += o.kind == kind;
  const std::string base(name_of(kind));
  return same == 0 ? base : base + "-" + std::to_string(same + 1);
}

ObjectSpec read_object(Reader& in, const Header& header, const std::vector<ObjectSpec>& earlier) {
  const RuntimeSpec& rt = header.runtime;
  const std::size_t at = in.offset();
  const std::uint8_t b = in.byte("an object's kind byte");
  if (b & 0xc0u) in.fail(at, "reserved bits 6-7 of an object's kind byte are set");
  ObjectSpec o;
  o.kind = static_cast<Kind>(in.row(kKindField, b & 15u, count_of<Kind>(), at));
  o.id = object_id(o.kind, earlier);
  const Boundaries& table = *header.boundaries;
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
  const auto kind = static_cast<std::size_t>(o.kind);
  out.byte(static_cast<std::uint8_t>(field_value(kKindField, kind) | (o.word ? 0x10u : 0u) | (refs ? 0x20u : 0u)));
  out.row_extension(kKindField, kind);
  const Boundaries& table = current_boundaries(rt);
  if (o.word) out.count(*o.word, table);
  if (refs) out.count(static_cast<std::uint64_t>(o.refs), table);
}

}  // namespace refsim::fuzz
