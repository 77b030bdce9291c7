// The name of the machine this process runs on, for messages that must say where another process
// is (the holder of a campaign database's lock, the node of an MPI rank).
#pragma once

#include <string>

namespace pilotsim {

/// gethostname(2), or "?" if the system does not say.
std::string hostName();

}  // namespace pilotsim
