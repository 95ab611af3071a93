// FtObserve: reads the free-threaded probe's records into an FtObservation. The probe prints an
// object's fields when what the events are made of changed; the events are read off those changes
// here (see ft_observe.cc for which change is which event).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "verify/ft_observation.h"

namespace refsim::verify {

/// Reads the records and the child's other output lines; `ended` is how the child ended ("" when
/// it exited with status 0); `ssize_bits` the build's Py_ssize_t width (ob_ref_shared: 64 or 32).
/// The reason when the probe did not start. Exposed for tests.
std::variant<FtObservation, std::string> read_ft_records(const std::vector<std::string>& lines, std::size_t objects,
                                                         const std::string& ended, unsigned ssize_bits = 64);

}  // namespace refsim::verify
