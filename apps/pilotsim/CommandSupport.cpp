#include "CommandSupport.hpp"

#include "Commands.hpp"

#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace pilotsim::cli {

// A lock-free atomic is safe to store to from a signal handler.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

namespace {
extern "C" void onInterrupt(int) { g_interrupted.store(true); }
}  // namespace

InterruptHandler::InterruptHandler() {
  g_interrupted = false;
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  installed_int_ = ::sigaction(SIGINT, &action, &previous_int_) == 0;
  installed_term_ = ::sigaction(SIGTERM, &action, &previous_term_) == 0;
}

InterruptHandler::~InterruptHandler() {
  if (installed_int_) ::sigaction(SIGINT, &previous_int_, nullptr);
  if (installed_term_) ::sigaction(SIGTERM, &previous_term_, nullptr);
}

CLI::Validator wholeNumberIn(std::int64_t lo, std::int64_t hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (ec != std::errc() || ptr != end || value < lo || value > hi) {
          return fmt::format("expected a whole number in [{}, {}], got '{}'", lo, hi, text);
        }
        return {};
      },
      fmt::format("[{}, {}]", lo, hi));
}

CLI::Validator rangeOf(std::string_view key) {
  const ParamSpec* spec = findParam(key);
  if (spec == nullptr) throw std::logic_error(fmt::format("parameter '{}' is not registered", key));
  return wholeNumberIn(static_cast<std::int64_t>(spec->lo), static_cast<std::int64_t>(spec->hi));
}

CLI::Validator nonEmptyPath() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.empty() ? "an empty path; name a file or directory, or leave the option out for the default"
                            : std::string();
      },
      "PATH");
}

std::string shortNumber(double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : "-"; }

std::string commandLine(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ' ';
    out += shellQuote(p);
  }
  return out;
}

void printWarnings(const Scenario& scenario) {
  for (const auto& w : scenario.warnings) fmt::print(stderr, "pilotsim: warning: {}\n", w);
}

void createDatabaseDirectory(const std::filesystem::path& db) {
  std::error_code ec;
  if (db.has_parent_path()) std::filesystem::create_directories(db.parent_path(), ec);
  if (ec)
    throw OutputError(fmt::format("{}: cannot create the directory: {}", db.parent_path().string(), ec.message()));
}

}  // namespace pilotsim::cli
