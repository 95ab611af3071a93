// Version and width: the parameter of the property suites that run once per version row and word
// width (gtest value-parameterized suites), and its test-name part, e.g. "v3_12_w64".
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "model/names.h"

namespace refsim::props {

struct VersionWidth {
  Version version;
  unsigned width;
};

/// "v3_12_w64": the version's name with '.' and '-' as '_', then the width.
inline std::string version_width_name(const ::testing::TestParamInfo<VersionWidth>& info) {
  std::string v(name_of(info.param.version));
  for (char& c : v)
    if (c == '.' || c == '-') c = '_';
  return "v" + v + "_w" + std::to_string(info.param.width);
}

}  // namespace refsim::props
