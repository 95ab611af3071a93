// Compare command: parse the filters into a selection (any unknown name: one `refsim: ` line, exit 2,
// nothing written), compute the report, render it, write --report atomically.
#include "tools/compare_command.h"

#include <filesystem>
#include <ostream>

#include "analysis/render_html.h"
#include "analysis/report.h"
#include "analysis/summary.h"
#include "io/atomic_write.h"
#include "tools/shown.h"

namespace refsim::tools {

namespace {

/// The values of one filter, or the message naming the bad one.
template <class T, class Parse>
std::optional<std::string> parse_list(const std::string& flag, const std::vector<std::string>& names, Parse parse,
                                      const std::string& expected, std::vector<T>& into) {
  if (names.empty()) return std::nullopt;
  into.clear();
  for (const std::string& name : names) {
    const std::optional<T> value = parse(name);
    if (!value) return flag + ": unknown value \"" + name + "\" (expected " + expected + ")";
    if (std::find(into.begin(), into.end(), *value) == into.end()) into.push_back(*value);
  }
  return std::nullopt;
}

template <class E>
std::string all_names() {
  std::string s;
  for (const auto& row : Names<E>::rows) s += (s.empty() ? "" : ", ") + std::string(row.name);
  return s;
}

/// Splits a filter's names between the default build's table and the free-threaded one: NAMES
/// given means each table keeps only its own names (possibly none); any other name is refused.
template <class T, class FtT>
std::optional<std::string> parse_split(const std::string& flag, const std::vector<std::string>& names, std::vector<T>& into,
                                       std::vector<FtT>& ft_into) {
  if (names.empty()) return std::nullopt;
  std::vector<std::string> ours, theirs;
  for (const std::string& name : names) {
    if (parse_name<FtT>(name)) theirs.push_back(name);
    else ours.push_back(name);
  }
  const std::string expected = all_names<T>() + "; free-threaded: " + all_names<FtT>();
  if (auto e = parse_list<FtT>(flag, theirs, parse_name<FtT>, expected, ft_into)) return e;
  if (theirs.empty()) ft_into.clear();
  if (auto e = parse_list<T>(flag, ours, parse_name<T>, expected, into)) return e;
  if (ours.empty()) into.clear();
  return std::nullopt;
}

std::optional<std::string> selection_of(const CompareOptions& o, analysis::Selection& s, analysis::FtSelection& ft) {
  if (auto e = parse_split<Version, ft::FtVersion>("--runtime", o.versions, s.versions, ft.versions)) return e;
  const auto width = [](const std::string& t) -> std::optional<unsigned> {
    if (t == "64") return 64u;
    if (t == "32") return 32u;
    if (t == "16") return 16u;
    if (t == "8") return 8u;
    return std::nullopt;
  };
  if (auto e = parse_list<unsigned>("--width", o.widths, width, "64, 32, 16, 8", s.widths)) return e;
  ft.widths = s.widths;
  const auto flag = [](const std::string& t) -> std::optional<bool> {
    if (t == "false" || t == "release") return false;
    if (t == "true" || t == "debug") return true;
    return std::nullopt;
  };
  if (auto e = parse_list<bool>("--debug", o.debug, flag, "false, true", s.debug)) return e;
  if (!o.debug.empty()) ft.debug = s.debug;
  if (auto e = parse_list<Strategy>("--strategy", o.strategies, parse_name<Strategy>, all_names<Strategy>(), s.strategies))
    return e;
  if (auto e = parse_list<Kind>("--kind", o.kinds, parse_name<Kind>, all_names<Kind>(), s.kinds)) return e;
  if (auto e = parse_split<analysis::Threat, analysis::FtThreat>("--threat", o.threats, s.threats, ft.threats)) return e;
  if (o.rate == 0 || o.rate > (std::uint64_t{1} << 32)) return std::string("--rate: must be between 1 and 2^32");
  s.family.rate = o.rate;
  return std::nullopt;
}

}  // namespace

ExitStatus compare_command(const CompareOptions& options, std::ostream& out, std::ostream& err) {
  analysis::Selection selection = analysis::Selection::headline();
  analysis::FtSelection ft_selection = analysis::FtSelection::all();
  if (const std::optional<std::string> error = selection_of(options, selection, ft_selection)) {
    err << "refsim: compare: " << *error << std::endl;
    return ExitStatus::BadInput;
  }
  const analysis::Report report = analysis::make_report(selection, ft_selection);
  if (options.report) {
    if (auto error = write_atomically(*options.report, analysis::render_json(report).dump(2) + "\n")) {
      err << "refsim: " << shown(*options.report) << ": cannot write the report: " << *error << std::endl;
      return ExitStatus::BadInput;
    }
    if (!options.format_given) return ExitStatus::Ok;
  }
  switch (options.format) {
    case CompareFormat::Text: out << (options.detail ? analysis::render_text(report) : analysis::render_summary(report)); break;
    case CompareFormat::Html: out << analysis::render_html(report); break;
    case CompareFormat::Markdown: out << analysis::render_markdown(report); break;
    case CompareFormat::Json: out << analysis::render_json(report).dump(2) << "\n"; break;
  }
  out.flush();
  return ExitStatus::Ok;
}

}  // namespace refsim::tools
