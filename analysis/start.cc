// Start: the family's object, with 3.11's None at its measured refcount.
#include "analysis/start.h"

namespace refsim::analysis {

ObjectSpec family_object(const RuntimeSpec& runtime, Kind kind) {
  ObjectSpec object{std::string(refsim::name_of(kind)), kind, std::nullopt, 1};
  const bool fits = kNone311Refcnt < (Word{1} << (runtime.width.bits - 1));
  if (runtime.version == Version::V3_11 && kind == Kind::None && fits) {
    object.word = kNone311Refcnt;
    object.refs = kNone311Refcnt;
  }
  return object;
}

}  // namespace refsim::analysis
