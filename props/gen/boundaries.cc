// Boundaries: the named words of every version, from the families' facts rows.
#include "props/gen/boundaries.h"

#include "props/facts/rows.h"

namespace refsim::props::gen {

namespace {

/// A family's boundaries on this runtime (its facts row's `bounds`).
void family_bounds(const RuntimeSpec& rt, Family family, std::vector<Boundary>& out) {
  const Facts f(rt);
  with_facts_row(family, [&](auto row) { decltype(row)::bounds(f, out); });
}

/// Whether an extension origin's code is the family's and knows immortality: the families whose
/// boundaries the extension code a runtime may run brings (3.12 and 3.14 headers, names.def order).
bool brought_by_extensions(Family family) {
  return with_facts_row(family, [](auto row) {
    using Row = decltype(row);
    if (!Row::kImmortality) return false;
    for (Origin o : values_of<Origin>())
      if (origin_code(o) == Row::kCode) return true;
    return false;
  });
}

}  // namespace

std::vector<Boundary> boundaries(const RuntimeSpec& rt) {
  const Layout& l = layout(rt.width.bits);
  const unsigned n = l.bits;
  std::vector<Boundary> out;
  const Family own = family_of(rt.version);
  family_bounds(rt, own, out);
  const Word sign = Word{1} << (n - 1);
  out.push_back({"zero", 0, n});
  out.push_back({"one", 1, n});
  out.push_back({"signed-max", sign - 1, n});
  out.push_back({"sign", sign, n});
  out.push_back({"all-ones", Width{n}.mask(), n});
  if (l.split) {
    out.push_back({"lo-zero", 0, n / 2});
    out.push_back({"lo-max", l.half_mask, n / 2});
  }
  // The extension code a runtime may run brings its header arithmetic.
  for (Family f : values_of<Family>())
    if (f != own && brought_by_extensions(f)) {
      std::vector<Boundary> ext;
      family_bounds(rt, f, ext);
      for (Boundary& b : ext) out.push_back({"ext-" + b.name, b.value, b.mod_bits});
    }
  return out;
}

Word distance(const Boundary& b, Word word, bool up, Width width) {
  const unsigned bits = b.mod_bits < width.bits ? b.mod_bits : width.bits;
  const Word mask = bits >= 64 ? ~Word{0} : (Word{1} << bits) - 1;
  return (up ? b.value - word : word - b.value) & mask;
}

std::string near_boundary(const std::vector<Boundary>& bounds, Word word, Width width) {
  for (const Boundary& b : bounds)
    if (distance(b, word, true, width) <= 1 || distance(b, word, false, width) <= 1) return b.name;
  return "";
}

std::string landing_tag(const Scenario& scenario, const Outcome& outcome) {
  const std::vector<Boundary> bounds = boundaries(scenario.runtime);
  const Width w = scenario.runtime.width;
  for (const Boundary& b : bounds) {
    const auto near = [&](Word word) {
      return distance(b, word, true, w) <= 1 || distance(b, word, false, w) <= 1;
    };
    for (const Event& e : outcome.events)
      if (near(e.word_after) || near(e.word_before)) return b.name;
    for (const ObjectState& o : outcome.objects)
      if (near(o.word)) return b.name;
  }
  return "no boundary";
}

}  // namespace refsim::props::gen
