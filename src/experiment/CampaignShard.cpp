#include "pilotsim/experiment/CampaignShard.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"

#include <fmt/format.h>

#include <charconv>

namespace pilotsim {
namespace {

constexpr int kMaxShards = 100000;

bool parseCount(std::string_view text, int& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string describe(const CampaignShard& s) {
  return s.sharded() ? fmt::format("shard {} of the campaign (--shard {})", s.text(), s.text())
                     : std::string("the whole campaign (no --shard)");
}

}  // namespace

std::string CampaignShard::text() const { return sharded() ? fmt::format("{}/{}", index, count) : std::string(); }

bool CampaignShard::holdsRow(std::size_t row, std::size_t rows) const {
  if (!sharded()) return true;
  const auto n = static_cast<std::size_t>(count);
  const auto i = static_cast<std::size_t>(index - 1);
  return row >= i * rows / n && row < (i + 1) * rows / n;
}

CampaignShard parseShard(std::string_view text, const std::string& source) {
  const auto slash = text.find('/');
  CampaignShard s;
  if (slash == std::string_view::npos || !parseCount(text.substr(0, slash), s.index) ||
      !parseCount(text.substr(slash + 1), s.count) || s.count < 1 || s.count > kMaxShards || s.index < 1 ||
      s.index > s.count)
    throw InputError(source, 0, "",
                     fmt::format("expected i/N with whole numbers 1 <= i <= N <= {} (shard i of N, counted from 1: "
                                 "--shard 1/4 ... --shard 4/4), got '{}'",
                                 kMaxShards, text));
  return s;
}

void checkShardFits(const CampaignShard& shard, std::size_t points, const std::string& source) {
  if (!shard.sharded() || static_cast<std::size_t>(shard.count) <= points) return;
  throw InputError(source, 0, "",
                   fmt::format("--shard {}: the campaign has {} design points and a shard holds whole points; use at "
                               "most {} shards",
                               shard.text(), points, points));
}

void checkSameShard(const CampaignStore& store, const CampaignShard& stored, const CampaignShard& requested) {
  if (stored == requested) return;
  throw InputError(store.path().string(), 0, "",
                   fmt::format("the database holds {}, not {}; a database keeps the shard it was started with. "
                               "Resume it with {}, or start a new database with --db",
                               describe(stored), describe(requested),
                               stored.sharded() ? "--shard " + stored.text() : std::string("no --shard")));
}

}  // namespace pilotsim
