// A progress line on stderr for long runs: percent of simulated months, replicates done, elapsed
// time and an estimate of the time left.
//
// On a terminal the line is redrawn in place ("\r") at most five times a second. Redirected to a
// file or a CI log it prints a plain line at each new 10% instead, so logs stay short. Style::Off
// prints nothing (--quiet). All members are safe to call from several threads.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace pilotsim {

class Progress {
 public:
  enum class Style { Off, Terminal, Plain };

  /// Off if quiet, Terminal if stderr is a terminal, else Plain.
  static Style detect(bool quiet);

  explicit Progress(Style style, std::FILE* out = stderr);

  /// Start timing a run of `replicates` replicates of `months_per_replicate` months each
  /// (burn-in included).
  void begin(int replicates, std::int64_t months_per_replicate);
  /// Start timing `runs` runs that simulate `total_months` months in all (runs of several
  /// scenarios may differ in length).
  void beginRuns(int runs, std::int64_t total_months);
  /// Count simulated months (any thread).
  void advance(std::int64_t months = 1);
  /// Count one finished replicate (any thread).
  void replicateDone();
  /// Redraw if the line is due; cheap otherwise.
  void refresh();
  /// Draw the last state and end the line, so that what follows starts on a fresh line. Idempotent.
  void finish();

  /// Count "runs" instead of "replicates" and show how many finish per second (campaigns).
  void countRuns();
  /// Count `unit` ("parameter sets"), each made of many runs: begin/beginRuns and replicateDone of the
  /// runs inside are then ignored (the caller's totals stand), their months still move the line, and
  /// itemDone() counts. For work whose runs come in batches, such as a robustness analysis.
  void countItems(std::string unit);
  /// Count one finished item (countItems).
  void itemDone();
  /// End counting items: finish() (which the runs inside an item cannot) and back to counting runs.
  void endItems();

  /// The text of one progress line, e.g. " 42% | 4/10 replicates | 0:12 elapsed | ~0:17 left", or
  /// with `runs`, " 42% | 40/100 runs | 3.3 runs/s | 0:12 elapsed | ~0:17 left".
  static std::string formatLine(double fraction, int replicates_done, int replicates, double elapsed_seconds,
                                bool runs = false);
  /// The same counting `unit`, e.g. " 42% | 4/10 parameter sets | 0:12 elapsed | ~0:17 left".
  static std::string formatLine(double fraction, int done, int total, double elapsed_seconds, std::string_view unit,
                                bool rate);
  /// "0:07", "12:05", "1:02:03".
  static std::string formatDuration(double seconds);

 private:
  void draw(bool final);
  double fraction() const;

  Style style_;
  std::FILE* out_;
  std::atomic<std::int64_t> months_done_{0};
  std::atomic<int> replicates_done_{0};
  std::int64_t months_total_ = 0;
  int replicates_ = 0;
  std::chrono::steady_clock::time_point start_;

  std::mutex draw_mutex_;
  std::chrono::steady_clock::time_point last_draw_;
  int last_decile_ = 0;         // Plain: last 10% step printed
  std::size_t last_width_ = 0;  // Terminal: length of the line on screen
  bool started_ = false;
  bool finished_ = false;
  bool runs_ = false;
  std::string items_;                  // countItems: the unit counted, "" otherwise
  std::atomic<bool> in_items_{false};  // between countItems and endItems
};

/// Ends a progress line (Progress::finish) on every way out of a scope, so that whatever is printed
/// next, an error message included, starts on a fresh line. `progress` may be null.
class FinishProgressOnExit {
 public:
  explicit FinishProgressOnExit(Progress* progress) : progress_(progress) {}
  ~FinishProgressOnExit() {
    if (progress_ != nullptr) progress_->finish();
  }
  FinishProgressOnExit(const FinishProgressOnExit&) = delete;
  FinishProgressOnExit& operator=(const FinishProgressOnExit&) = delete;

 private:
  Progress* progress_;
};

}  // namespace pilotsim
