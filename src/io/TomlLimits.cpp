#include "pilotsim/io/TomlLimits.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/InputFile.hpp"

#include <fmt/format.h>

#include <vector>

namespace pilotsim {
namespace {

bool isBareKeyChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// A lexer just good enough to tell keys from values: it skips strings (all four kinds) and comments,
// and knows whether it is reading a key (at the start of a line, in a [header], after '{' or ',' in
// an inline table) or a value (after '=', inside an array).
class LimitScanner {
 public:
  LimitScanner(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  void run() {
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '\n') {
        ++line_;
        ++i_;
        // A line break ends a key/value pair unless an array spans lines (inline tables cannot).
        if (nesting_.empty()) startKey();
        continue;
      }
      if (c == '#') {
        while (i_ < text_.size() && text_[i_] != '\n') ++i_;
        continue;
      }
      if (c == '"' || c == '\'') {
        const std::size_t length = skipString(c);
        if (inKey_) keyPart(length);
        continue;
      }
      if (inKey_ && isBareKeyChar(c)) {
        std::size_t length = 0;
        while (i_ < text_.size() && isBareKeyChar(text_[i_])) ++i_, ++length;
        keyPart(length);
        continue;
      }
      ++i_;
      switch (c) {
        case '.':
          if (inKey_) ++dots_;
          break;
        case '=':
          inKey_ = false;
          break;
        case '[':
          if (inKey_)
            startKey();  // a [table] or [[array of tables]] header: its name is a key
          else
            open(false);
          break;
        case '{':
          if (!inKey_) {
            open(true);
            startKey();
          }
          break;
        case ']':  // the end of an array, or of a [header]
        case '}':
          if (!nesting_.empty() && nesting_.back() == (c == '}')) nesting_.pop_back();
          inKey_ = false;
          break;
        case ',':
          if (!nesting_.empty() && nesting_.back()) startKey();  // the next pair of an inline table
          break;
        default:
          break;
      }
    }
  }

 private:
  void startKey() {
    inKey_ = true;
    dots_ = 0;
  }

  void keyPart(std::size_t length) {
    if (length > kMaxKeyBytes)
      throw InputError(
          file_, line_, "",
          fmt::format("a key longer than {} characters ({}); pilotsim's keys are short names", kMaxKeyBytes, length));
    if (dots_ + 1 > kMaxKeyParts)
      throw InputError(file_, line_, "",
                       fmt::format("a key or [table] name of more than {} dotted parts; pilotsim's keys have at "
                                   "most 3 (section.name)",
                                   kMaxKeyParts));
  }

  void open(bool inlineTable) {
    nesting_.push_back(inlineTable);
    if (nesting_.size() > kMaxValueNesting)
      throw InputError(file_, line_, "",
                       fmt::format("lists and inline tables nested more than {} deep", kMaxValueNesting));
  }

  // Skips a string starting at i_ with `quote` and returns the length of its content. A string left
  // open is left to the parser to report: the rest of the text is skipped.
  std::size_t skipString(char quote) {
    const bool multiline = text_.substr(i_, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''");
    const std::size_t start = i_ + (multiline ? 3 : 1);
    std::size_t j = start;
    while (j < text_.size()) {
      const char c = text_[j];
      if (c == '\\' && quote == '"') {
        if (j + 1 < text_.size() && text_[j + 1] == '\n') ++line_;
        j += 2;
        continue;
      }
      if (c == '\n') {
        if (!multiline) break;
        ++line_;
      }
      if (c == quote && (!multiline || text_.substr(j, 3) == text_.substr(i_, 3))) break;
      ++j;
    }
    const std::size_t length = j - start;
    // Past the closing quotes; a multi-line string may end with up to two more quotes of content.
    i_ = std::min(text_.size(), j + (multiline ? 3 : 1));
    while (multiline && i_ < text_.size() && text_[i_] == quote) ++i_;
    return length;
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t i_ = 0;
  int line_ = 1;
  bool inKey_ = true;
  std::size_t dots_ = 0;
  std::vector<bool> nesting_;  // true: inline table, false: array
};

}  // namespace

void checkTomlLimits(std::string_view text, const std::string& file) {
  if (text.size() > kMaxTomlBytes)
    throw InputError(
        file, 0, "",
        fmt::format("a TOML text of {} bytes; pilotsim reads at most {} MiB", text.size(), kMaxTomlBytes >> 20));
  LimitScanner(text, file).run();
}

}  // namespace pilotsim
