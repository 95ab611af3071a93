// The built-in catalog's claim with a given id, for the campaign tests.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "campaign/claims_json.h"

namespace refsim::campaign {

/// The catalog's claim `id`; a test failure (and an empty claim) when there is none.
inline const Claim& catalog_claim(const std::string& id) {
  for (const Claim& c : builtin_catalog())
    if (c.id == id) return c;
  static const Claim none;
  ADD_FAILURE() << "no catalog claim " << id;
  return none;
}

}  // namespace refsim::campaign
