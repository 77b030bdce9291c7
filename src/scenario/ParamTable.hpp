// The rows of the parameter registry (ParamTable.cpp), apart from the functions that use them.
#pragma once

#include "pilotsim/scenario/ParamRegistry.hpp"

#include <span>

namespace pilotsim::detail {

std::span<const ParamSpec> paramTable();
std::span<const RenamedParam> renamedTable();

}  // namespace pilotsim::detail
