// Decode command: read one fuzz input, decode it for its target, print the scenario as JSON.
#include "tools/decode_command.h"

#include <fstream>
#include <iterator>
#include <ostream>
#include <vector>

#include "fuzz/codec.h"
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
  std::ifstream file(options.file, std::ios::binary);
  if (!file) {
    err << "refsim: " << options.file << ": cannot read the file" << std::endl;
    return ExitStatus::BadInput;
  }
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const auto decoded = fuzz::decode(*target, bytes);
  if (const auto* error = std::get_if<fuzz::DecodeError>(&decoded)) {
    err << "refsim: " << options.file << ": byte " << error->offset << ": " << error->message << std::endl;
    return ExitStatus::BadInput;
  }
  out << scenario_json(std::get<Scenario>(decoded)).dump(2) << "\n";
  return ExitStatus::Ok;
}

}  // namespace refsim::tools
