// Decode command: read one fuzz input, decode it for its target, print the scenario as JSON.
#include "tools/decode_command.h"

#include <ostream>

#include "fuzz/codec.h"
#include "io/read_file.h"
#include "io/scenario_writer.h"

namespace refsim::tools {

ExitStatus decode_command(const DecodeOptions& options, std::ostream& out, std::ostream& err) {
  const auto target = options.target ? options.target : fuzz::target_from_path(options.file);
  if (!target) {
    err << "refsim: " << options.file
        << ": cannot tell the target from the path; pass --target (engine_equivalence, immortal_safety, "
           "mortal_accounting, scenario_json)"
        << std::endl;
    return ExitStatus::BadInput;
  }
  const FileRead read = read_file(options.file);
  if (!read.ok()) {
    err << "refsim: " << options.file << ": cannot read: " << read.error << std::endl;
    return ExitStatus::BadInput;
  }
  const auto decoded = fuzz::decode(*target, read.octets());
  if (const auto* error = std::get_if<fuzz::DecodeError>(&decoded)) {
    err << "refsim: " << options.file << ": byte " << error->offset << ": " << error->message << std::endl;
    return ExitStatus::BadInput;
  }
  out << scenario_json(std::get<Scenario>(decoded)).dump(2) << "\n";
  return ExitStatus::Ok;
}

}  // namespace refsim::tools
