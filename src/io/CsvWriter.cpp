#include "pilotsim/io/CsvWriter.hpp"

#include "pilotsim/io/OutputDirectory.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <iterator>

namespace pilotsim {
namespace {

// Rows are formatted into a buffer and handed to stdio in large blocks: a national run writes
// millions of pilot rows, and one fwrite per field would dominate the run time.
constexpr std::size_t kFlushBytes = 1 << 16;

std::string osReason(int err) { return std::strerror(err); }

}  // namespace

CsvWriter::CsvWriter(const std::filesystem::path& file) : path_(file) {
  file_ = std::fopen(file.c_str(), "wb");
  if (file_ == nullptr) {
    throw OutputError(fmt::format("cannot create '{}': {}", file.string(), osReason(errno)));
  }
  buffer_.reserve(kFlushBytes + 4096);
}

CsvWriter::CsvWriter() = default;

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

CsvWriter& CsvWriter::header(std::initializer_list<std::string_view> names) {
  return header(std::span<const std::string_view>(names.begin(), names.size()));
}

CsvWriter& CsvWriter::header(std::span<const std::string_view> names) {
  for (auto name : names) field(name);
  endRow();
  // endRow counted the header as a data row.
  --rows_;
  return *this;
}

std::string CsvWriter::quote(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void CsvWriter::separator() {
  if (row_started_) buffer_.push_back(',');
  row_started_ = true;
}

CsvWriter& CsvWriter::field(std::string_view text) {
  separator();
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    buffer_.append(text);
  } else {
    buffer_.append(quote(text));
  }
  return *this;
}

CsvWriter& CsvWriter::field(double value) {
  separator();
  if (!std::isnan(value)) fmt::format_to(std::back_inserter(buffer_), "{}", value);
  return *this;
}

CsvWriter& CsvWriter::field(bool value) {
  separator();
  buffer_.push_back(value ? '1' : '0');
  return *this;
}

CsvWriter& CsvWriter::signedField(std::int64_t value) {
  separator();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
  return *this;
}

CsvWriter& CsvWriter::unsignedField(std::uint64_t value) {
  separator();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
  return *this;
}

CsvWriter& CsvWriter::missing() {
  separator();
  return *this;
}

CsvWriter& CsvWriter::endRow() {
  buffer_.push_back('\n');
  row_started_ = false;
  ++rows_;
  flushIfFull();
  return *this;
}

void CsvWriter::flushIfFull() {
  if (file_ != nullptr && buffer_.size() >= kFlushBytes) flush();
}

void CsvWriter::flush() {
  if (file_ == nullptr || buffer_.empty()) return;
  errno = 0;
  const std::size_t written = std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
  if (written != buffer_.size()) {
    const int err = errno;
    throw OutputError(
        fmt::format("cannot write '{}': {}", path_.string(), err != 0 ? osReason(err) : std::string("short write")));
  }
  buffer_.clear();
}

void CsvWriter::close() {
  if (file_ == nullptr) return;
  flush();
  std::FILE* f = file_;
  file_ = nullptr;
  // fclose flushes stdio's own buffer: a full disk often shows only here.
  errno = 0;
  if (std::fclose(f) != 0) {
    throw OutputError(fmt::format("cannot write '{}': {}", path_.string(), osReason(errno)));
  }
}

}  // namespace pilotsim
