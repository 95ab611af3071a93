// Decode command: read one fuzz input, decode it for its target, print the scenario as JSON.
#include "tools/decode_command.h"

#include <ostream>

#include "fuzz/codec.h"
#include "fuzz/ft_codec.h"
#include "io/ft_scenario_writer.h"
#include "io/read_file.h"
#include "io/scenario_writer.h"
#include "tools/shown.h"

namespace refsim::tools {
namespace {

ExitStatus decode_ft_engine(const DecodeOptions& options, std::ostream& out, std::ostream& err) {
  const FileRead read = read_file(options.file);
  if (!read.ok()) {
    err << "refsim: " << shown(options.file) << ": cannot read: " << read.error << std::endl;
    return ExitStatus::BadInput;
  }
  const auto decoded = fuzz::decode_ft(read.octets());
  if (const auto* error = std::get_if<SpecError>(&decoded)) {
    err << "refsim: " << shown(options.file) << ": stands for no free-threaded scenario: " << error->path << ": "
        << error->message << std::endl;
    return ExitStatus::BadInput;
  }
  out << ft_scenario_json(std::get<ft::FtScenario>(decoded)).dump(2) << "\n";
  return ExitStatus::Ok;
}

}  // namespace

ExitStatus decode_command(const DecodeOptions& options, std::ostream& out, std::ostream& err) {
  if (options.ft_engine || (!options.target && fuzz::is_ft_engine_path(options.file)))
    return decode_ft_engine(options, out, err);
  const auto target = options.target ? options.target : fuzz::target_from_path(options.file);
  if (!target) {
    err << "refsim: " << shown(options.file)
        << ": cannot tell the target from the path; pass --target (engine_equivalence, immortal_safety, "
           "mortal_accounting, scenario_json, ft_engine)"
        << std::endl;
    return ExitStatus::BadInput;
  }
  const FileRead read = read_file(options.file);
  if (!read.ok()) {
    err << "refsim: " << shown(options.file) << ": cannot read: " << read.error << std::endl;
    return ExitStatus::BadInput;
  }
  const auto decoded = fuzz::decode(*target, read.octets());
  if (const auto* error = std::get_if<fuzz::DecodeError>(&decoded)) {
    err << "refsim: " << shown(options.file) << ": byte " << error->offset << ": " << error->message << std::endl;
    return ExitStatus::BadInput;
  }
  out << scenario_json(std::get<Scenario>(decoded)).dump(2) << "\n";
  return ExitStatus::Ok;
}

}  // namespace refsim::tools
