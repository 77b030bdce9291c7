#include "pilotsim/experiment/Progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <unistd.h>

namespace pilotsim {
namespace {

using Clock = std::chrono::steady_clock;
// Five redraws a second look live without flooding a slow terminal (or an ssh link).
constexpr auto kRedrawInterval = std::chrono::milliseconds(200);

}  // namespace

Progress::Style Progress::detect(bool quiet) {
  if (quiet) return Style::Off;
  return ::isatty(STDERR_FILENO) ? Style::Terminal : Style::Plain;
}

Progress::Progress(Style style, std::FILE* out) : style_(style), out_(out) {}

void Progress::begin(int replicates, std::int64_t months_per_replicate) {
  beginRuns(replicates, static_cast<std::int64_t>(replicates) * months_per_replicate);
}

void Progress::beginRuns(int runs, std::int64_t total_months) {
  std::lock_guard lock(draw_mutex_);
  if (in_items_ && started_) return;  // the runs of one item: the caller's totals stand
  replicates_ = runs;
  months_total_ = total_months;
  months_done_ = 0;
  replicates_done_ = 0;
  start_ = Clock::now();
  last_draw_ = start_ - kRedrawInterval;
  last_decile_ = 0;
  last_width_ = 0;
  started_ = true;
  finished_ = false;
}

void Progress::advance(std::int64_t months) { months_done_.fetch_add(months, std::memory_order_relaxed); }

void Progress::replicateDone() {
  if (!in_items_) replicates_done_.fetch_add(1, std::memory_order_relaxed);
}

void Progress::countItems(std::string unit) {
  std::lock_guard lock(draw_mutex_);
  items_ = std::move(unit);
  in_items_ = true;
}

void Progress::endItems() {
  {
    std::lock_guard lock(draw_mutex_);
    in_items_ = false;
  }
  finish();
}

void Progress::itemDone() {
  replicates_done_.fetch_add(1, std::memory_order_relaxed);
  refresh();
}

double Progress::fraction() const {
  if (months_total_ <= 0) return 0;
  const double f =
      static_cast<double>(months_done_.load(std::memory_order_relaxed)) / static_cast<double>(months_total_);
  return std::clamp(f, 0.0, 1.0);
}

std::string Progress::formatDuration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

void Progress::countRuns() {
  std::lock_guard lock(draw_mutex_);
  runs_ = true;
}

std::string Progress::formatLine(double fraction, int replicates_done, int replicates, double elapsed_seconds,
                                 bool runs) {
  return formatLine(fraction, replicates_done, replicates, elapsed_seconds, runs ? "runs" : "replicates", runs);
}

std::string Progress::formatLine(double fraction, int done, int total, double elapsed_seconds, std::string_view unit,
                                 bool rate) {
  std::string line = fmt::format("{:3}% | {}/{} {}", static_cast<int>(std::floor(fraction * 100)), done, total, unit);
  if (rate && elapsed_seconds > 0)
    line += fmt::format(" | {:.{}f} {}/s", done / elapsed_seconds, done < 10 * elapsed_seconds ? 2 : 1, unit);
  line += fmt::format(" | {} elapsed", formatDuration(elapsed_seconds));
  // The first moments are mostly set-up; an estimate from them would jump around.
  if (fraction >= 0.01 && fraction < 1) {
    line += fmt::format(" | ~{} left", formatDuration(elapsed_seconds * (1 - fraction) / fraction));
  }
  return line;
}

void Progress::refresh() {
  if (style_ == Style::Off) return;
  std::unique_lock lock(draw_mutex_, std::try_to_lock);
  // Another thread is drawing right now; its line is as fresh as ours would be.
  if (!lock.owns_lock() || !started_ || finished_) return;
  if (style_ == Style::Terminal) {
    if (Clock::now() - last_draw_ < kRedrawInterval) return;
  } else {
    const int decile = static_cast<int>(std::floor(fraction() * 10));
    // 100% waits for finish(), when the replicate count is final too.
    if (decile <= last_decile_ || decile >= 10) return;
  }
  draw(false);
}

void Progress::finish() {
  if (style_ == Style::Off) return;
  std::lock_guard lock(draw_mutex_);
  if (!started_ || finished_ || in_items_) return;
  draw(true);
  finished_ = true;
}

void Progress::draw(bool final) {
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double f = fraction();
  const int done = replicates_done_.load(std::memory_order_relaxed);
  const std::string line = items_.empty() ? formatLine(f, done, replicates_, elapsed, runs_)
                                          : formatLine(f, done, replicates_, elapsed, items_, false);
  last_draw_ = now;
  if (style_ == Style::Terminal) {
    // Pad over the remains of a longer previous line instead of relying on terminal escapes.
    const std::size_t pad = last_width_ > line.size() ? last_width_ - line.size() : 0;
    fmt::print(out_, "\r{}{:{}}{}", line, "", pad, final ? "\n" : "");
    last_width_ = line.size();
  } else {
    const int decile = static_cast<int>(std::floor(f * 10));
    // A plain log gets a line per new 10% step only, the final call included.
    if (decile <= last_decile_) return;
    last_decile_ = decile;
    fmt::print(out_, "{}\n", line);
  }
  std::fflush(out_);
}

}  // namespace pilotsim
