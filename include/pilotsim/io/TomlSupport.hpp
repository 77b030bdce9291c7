// What every reader of pilotsim's TOML files (scenarios, claims, sampling designs, campaigns) needs
// to report problems the same way: the line of a node, a value described for a message, a table's
// entries in file order, and parsing that turns a syntax error into a InputError.
#pragma once

#include "pilotsim/core/InputError.hpp"

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pilotsim {

/// The line a node starts on (1-based).
inline int lineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

/// `s` as a TOML basic string, quoted and escaped.
std::string quoteToml(std::string_view s);

/// How a value reads in a message: numbers and booleans as written, text quoted (shortened past 40
/// characters), structures by kind.
std::string describeToml(const toml::node& node);

/// The entries of a table in the order they appear in the file, so that the first problem reported
/// is the first one a reader meets (toml::table itself iterates in key order).
std::vector<std::pair<std::string, const toml::node*>> inFileOrder(const toml::table& table);

/// Parse TOML text; a syntax error becomes a InputError naming `file`, the line and the column.
toml::table parseTomlText(std::string_view text, const std::string& file);

}  // namespace pilotsim
