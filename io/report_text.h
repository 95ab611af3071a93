// Report text: a report document (report_json's output) rendered for people, for `--format text`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/report_json.h"

namespace refsim {

/// Events shown in full; longer lists show the first and last kEventsAtEachEnd with a count of
/// the elided ones between (the JSON report keeps them all).
inline constexpr std::size_t kEventsShownInFull = 20;
inline constexpr std::size_t kEventsAtEachEnd = 8;

/// Renders one report entry: scenario, runtime, outcome, steps, the events and final objects as
/// tables, and the result of its `expect` member.
std::string report_text(const nlohmann::ordered_json& report);

/// The closing lines of `refsim run --format text`: scenarios run, crashed and survived, expects
/// held, failed and absent.
std::string summary_text(const RunSummary& summary);

/// A decimal number with thousands separators ("1,879,048,192"; "-12,345").
std::string with_separators(std::string_view digits);

/// `text` with control characters (and backslashes) escaped as \n, \t, \xNN, \\, the C1 controls and
/// the bidirectional formatting characters as \uNNNN, and bytes that are not UTF-8 as \xNN: names
/// from scenario files cannot move the cursor, forge lines or reorder what is shown.
std::string printable(std::string_view text);

/// "1 step", "2 steps", "1,879,048,192 steps": `count` (digits) with separators and the noun.
std::string counted(std::string_view count, std::string_view noun);

}  // namespace refsim
