// Report: everything `refsim compare` prints: the matrix of a selection, the conclusions computed
// from it, the strategy costs and the PEP/header claims, rendered as text, Markdown or JSON.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/claims.h"
#include "analysis/ft_rows.h"
#include "analysis/matrix.h"

namespace refsim::analysis {

struct Report {
  Selection selection;
  std::vector<Row> rows;
  std::vector<std::string> findings;  ///< plain-words conclusions, computed from `rows`
  std::vector<ClaimCheck> claims;  ///< the claims whose rows are in the selection
  std::string filters;  ///< the filter flags that differ from the default selection ("" for it)
  FtSelection ft_selection;
  std::vector<FtRow> free_threaded;  ///< the free-threaded rows of `ft_selection` (analysis/ft_rows.h)
};

/// Computes the matrix of a selection, its conclusions and the claims, and the free-threaded rows.
Report make_report(const Selection& selection, const FtSelection& ft_selection = FtSelection::all());

/// The flags that select `selection` and `ft_selection` where they differ from Selection::headline()
/// and FtSelection::all(), e.g. "--runtime 3.14,3.14t --width 32"; "" for the default selection.
std::string filter_flags(const Selection& selection, const FtSelection& ft_selection = FtSelection::all());

/// The conclusions a set of rows supports, one sentence each.
std::vector<std::string> conclusions(const std::vector<Row>& rows);

/// "1,073,741,825 (1.07 s; 17.9 min)": a threshold's count and its wall time at 1 ns and 1 µs per
/// single operation (the extension's and the core's).
std::string cell(const std::optional<Threshold>& t);
/// "3.14 64-bit release as-shipped" style labels.
std::string design(const RowKey& key);

std::string render_text(const Report& report);
std::string render_markdown(const Report& report);
nlohmann::ordered_json render_json(const Report& report);

}  // namespace refsim::analysis
