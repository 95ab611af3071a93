// Origin threats: the table of threats (Names<Threat>, analysis/threat.h) with a pair of rows,
// "unpaired ext-X decrefs / increfs", for every extension origin of model/names.def whose code no
// earlier origin runs (ext-3.12, ext-3.14; ext-3.13 runs 3.12's code), so that a new origin's threats
// appear without an edit. The ext-3.11 pair, whose code (the legacy full-word one) every other threat
// combines with the core's, leads the table with its own text. Names and descriptions are built
// here at compile time from the origin's name: "ext-3.12" gives "ext312-decref" and "unpaired
// decrefs by an extension built with 3.12 headers".
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "model/names.h"

namespace refsim::analysis {

/// A name or description built at compile time (static storage, so a string_view may point in).
struct ThreatText {
  char chars[96]{};
  std::size_t size = 0;

  constexpr void append(std::string_view s) {
    for (char c : s) chars[size++] = c;
  }
  constexpr std::string_view view() const { return {chars, size}; }
};

/// "ext312-decref": the origin's name without its '-' and '.', then the operation.
constexpr ThreatText threat_name(std::string_view origin, bool decref) {
  ThreatText t;
  for (char c : origin)
    if (c != '-' && c != '.') t.append(std::string_view(&c, 1));
  t.append(decref ? "-decref" : "-incref");
  return t;
}

/// "unpaired decrefs by an extension built with 3.12 headers": the origin's name after "ext-".
constexpr ThreatText threat_description(std::string_view origin, bool decref) {
  ThreatText t;
  t.append(decref ? "unpaired decrefs" : "unpaired increfs");
  t.append(" by an extension built with ");
  t.append(origin.substr(origin.find('-') + 1));
  t.append(" headers");
  return t;
}

template <Origin O, bool Decref>
inline constexpr ThreatText kThreatName = threat_name(name_of(O), Decref);
template <Origin O, bool Decref>
inline constexpr ThreatText kThreatDescription = threat_description(name_of(O), Decref);

/// Whether an origin gets its own pair of derived rows: an extension origin (not core), not the
/// legacy full-word code (ext-3.11, whose rows lead the table), and no earlier origin runs its code.
constexpr bool has_derived_threats(Origin origin) {
  const std::optional<Arith> code = origin_code(origin);
  if (!code || *code == Arith::Full311) return false;
  for (Origin earlier : values_of<Origin>()) {
    if (earlier == origin) return true;
    if (origin_code(earlier) == code) return false;
  }
  return true;
}

/// Every origin's candidate pair, in names.def order.
inline constexpr NameRow<Threat> kOriginThreatRows[] = {
#define REFSIM_ORIGIN(id, name, code, desc)                                                          \
  {Threat::id##Decref, kThreatName<Origin::id, true>.view(), kThreatDescription<Origin::id, true>.view()}, \
      {Threat::id##Incref, kThreatName<Origin::id, false>.view(), kThreatDescription<Origin::id, false>.view()},
#include "model/names.def"
#undef REFSIM_ORIGIN
};

constexpr std::size_t derived_threat_count() {
  std::size_t n = 0;
  for (Origin o : values_of<Origin>()) n += has_derived_threats(o) ? 2 : 0;
  return n;
}

/// The table: `leading` rows, the derived pairs, then `last`.
template <std::size_t N>
constexpr std::array<NameRow<Threat>, N + derived_threat_count() + 1> threat_rows(const NameRow<Threat> (&leading)[N],
                                                                                  NameRow<Threat> last) {
  std::array<NameRow<Threat>, N + derived_threat_count() + 1> out{};
  std::size_t i = 0;
  for (const NameRow<Threat>& row : leading) out[i++] = row;
  for (const NameRow<Threat>& row : kOriginThreatRows)
    if (has_derived_threats(counted(row.value)->first)) out[i++] = row;
  out[i] = last;
  return out;
}

}  // namespace refsim::analysis
