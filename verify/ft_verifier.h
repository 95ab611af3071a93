// FtVerifier: verify_all's half for a free-threaded interpreter. Plans every scenario (refusing
// what cannot run faithfully), builds the free-threaded probe, then per scenario: runs it in a
// fresh child, runs the model from the real starting fields, compares, checks the expect block.
#pragma once

#include <chrono>
#include <string>
#include <variant>
#include <vector>

#include "verify/verifier.h"

namespace refsim::verify {

/// RESULT holds the interpreter already asked (free-threaded, its headers present); START is when
/// verify_all began. The reason when a scenario cannot be verified faithfully or the probe cannot
/// be built or run; nothing has run on the interpreter then, except its queries.
std::variant<VerifyResult, std::string> verify_free_threaded(const VerifyOptions& options, VerifyResult result,
                                                             const std::vector<Input>& inputs, const ProgressLine& progress,
                                                             std::chrono::steady_clock::time_point start);

}  // namespace refsim::verify
