#include "pilotsim/core/HostName.hpp"

#include <unistd.h>

namespace pilotsim {

std::string hostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "?";
  return name;
}

}  // namespace pilotsim
