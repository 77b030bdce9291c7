#include "pilotsim/model/Records.hpp"

namespace pilotsim {

std::string_view toString(Origin o) {
  switch (o) {
    case Origin::Spontaneous:
      return "spontaneous";
    case Origin::Designated:
      return "designated";
    case Origin::Adoption:
      return "adoption";
    case Origin::Restart:
      return "restart";
  }
  return "?";
}

std::string_view toString(PilotStatus s) {
  switch (s) {
    case PilotStatus::Active:
      return "active";
    case PilotStatus::Symbolic:
      return "symbolic";
    case PilotStatus::Failed:
      return "failed";
    case PilotStatus::Interrupted:
      return "interrupted";
    case PilotStatus::Abandoned:
      return "abandoned";
    case PilotStatus::Institutionalised:
      return "institutionalised";
  }
  return "?";
}

std::string_view toString(AdoptionStyle s) {
  switch (s) {
    case AdoptionStyle::None:
      return "none";
    case AdoptionStyle::Adapt:
      return "adapt";
    case AdoptionStyle::CopyRename:
      return "copy_rename";
  }
  return "?";
}

}  // namespace pilotsim
