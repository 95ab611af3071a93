// Names: the enums of refsim's tables (names.def) with their contract names and descriptions.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace refsim {

/// Which arithmetic a header or runtime version uses; several versions share one.
enum class Family {
#define REFSIM_FAMILY(id, name, label, traits, desc) id,
#include "model/names.def"
#undef REFSIM_FAMILY
};
/// The arithmetic one piece of compiled code uses (model/semantics/step.h).
enum class Arith {
#define REFSIM_ARITH(id, name, traits, desc) id,
#include "model/names.def"
#undef REFSIM_ARITH
};

enum class Version {
#define REFSIM_VERSION(id, name, family, desc) id,
#include "model/names.def"
#undef REFSIM_VERSION
};
enum class Origin {
#define REFSIM_ORIGIN(id, name, code, desc) id,
#include "model/names.def"
#undef REFSIM_ORIGIN
};
enum class Kind {
#define REFSIM_KIND(id, name, desc) id,
#include "model/names.def"
#undef REFSIM_KIND
};
enum class Strategy {
#define REFSIM_STRATEGY(id, name, desc) id,
#include "model/names.def"
#undef REFSIM_STRATEGY
};
enum class EventKind {
#define REFSIM_EVENT(id, name, desc) id,
#include "model/names.def"
#undef REFSIM_EVENT
};
enum class Action {
#define REFSIM_ACTION(id, name, desc) id,
#include "model/names.def"
#undef REFSIM_ACTION
};

/// One row of a name table.
template <class E>
struct NameRow {
  E value;
  std::string_view name;
  std::string_view description;
};

template <class E> struct Names;  // specialised below: Names<E>::rows

template <> struct Names<Family> {
  static constexpr NameRow<Family> rows[] = {
#define REFSIM_FAMILY(id, name, label, traits, desc) {Family::id, name, desc},
#include "model/names.def"
#undef REFSIM_FAMILY
  };
};
template <> struct Names<Arith> {
  static constexpr NameRow<Arith> rows[] = {
#define REFSIM_ARITH(id, name, traits, desc) {Arith::id, name, desc},
#include "model/names.def"
#undef REFSIM_ARITH
  };
};
template <> struct Names<Version> {
  static constexpr NameRow<Version> rows[] = {
#define REFSIM_VERSION(id, name, family, desc) {Version::id, name, desc},
#include "model/names.def"
#undef REFSIM_VERSION
  };
};
template <> struct Names<Origin> {
  static constexpr NameRow<Origin> rows[] = {
#define REFSIM_ORIGIN(id, name, code, desc) {Origin::id, name, desc},
#include "model/names.def"
#undef REFSIM_ORIGIN
  };
};
template <> struct Names<Kind> {
  static constexpr NameRow<Kind> rows[] = {
#define REFSIM_KIND(id, name, desc) {Kind::id, name, desc},
#include "model/names.def"
#undef REFSIM_KIND
  };
};
template <> struct Names<Strategy> {
  static constexpr NameRow<Strategy> rows[] = {
#define REFSIM_STRATEGY(id, name, desc) {Strategy::id, name, desc},
#include "model/names.def"
#undef REFSIM_STRATEGY
  };
};
template <> struct Names<EventKind> {
  static constexpr NameRow<EventKind> rows[] = {
#define REFSIM_EVENT(id, name, desc) {EventKind::id, name, desc},
#include "model/names.def"
#undef REFSIM_EVENT
  };
};
template <> struct Names<Action> {
  static constexpr NameRow<Action> rows[] = {
#define REFSIM_ACTION(id, name, desc) {Action::id, name, desc},
#include "model/names.def"
#undef REFSIM_ACTION
  };
};

/// The contract name of a value ("3.14", "ext-3.11", "small-int", ...).
template <class E>
constexpr std::string_view name_of(E value) {
  for (const auto& row : Names<E>::rows)
    if (row.value == value) return row.name;
  return "?";
}

/// The description of a value (the help text).
template <class E>
constexpr std::string_view description_of(E value) {
  for (const auto& row : Names<E>::rows)
    if (row.value == value) return row.description;
  return "?";
}

/// The value with that contract name, if any.
template <class E>
constexpr std::optional<E> parse_name(std::string_view name) {
  for (const auto& row : Names<E>::rows)
    if (row.name == name) return row.value;
  return std::nullopt;
}

/// Every value of a table, in table order.
template <class E>
constexpr std::size_t count_of() {
  return std::size(Names<E>::rows);
}

/// Every value of a table, in table order: a list that a new row joins without an edit.
template <class E>
constexpr std::array<E, count_of<E>()> values_of() {
  std::array<E, count_of<E>()> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = Names<E>::rows[i].value;
  return out;
}

/// The code origin rows name for the runtime's own code: core runs the runtime's core code.
inline constexpr std::optional<Arith> kRuntimeCode = std::nullopt;

/// The arithmetic an origin's compiled code uses, or nothing for core (the runtime's own code,
/// which follows the version, debug build and strategy: Runtime::code).
constexpr std::optional<Arith> origin_code(Origin origin) {
  switch (origin) {
#define REFSIM_ORIGIN(id, name, code, desc) \
  case Origin::id:                          \
    return code;
#include "model/names.def"
#undef REFSIM_ORIGIN
  }
  return kRuntimeCode;
}

/// A family's label: the versions it covers, as finding signatures name them ("3.12-3.13").
constexpr std::string_view family_label(Family family) {
  switch (family) {
#define REFSIM_FAMILY(id, name, label, traits, desc) \
  case Family::id:                                   \
    return label;
#include "model/names.def"
#undef REFSIM_FAMILY
  }
  return "?";
}

constexpr Family family_of(Version v) {
  switch (v) {
#define REFSIM_VERSION(id, name, family, desc) \
  case Version::id:                            \
    return family;
#include "model/names.def"
#undef REFSIM_VERSION
  }
  return Family::V311;
}

}  // namespace refsim
