#include "pilotsim/experiment/CampaignStore.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/core/Names.hpp"
#include "pilotsim/core/Stats.hpp"
#include "pilotsim/core/Version.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <tuple>

namespace pilotsim {
namespace {

// Written in meta.format; a database of another format is refused rather than misread.
constexpr std::string_view kFormat = "pilotsim-campaign-1";

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE factors(factor INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE points(point INTEGER PRIMARY KEY, block INTEGER, matrix TEXT, moved INTEGER,
                    trajectory INTEGER, step INTEGER, delta REAL);
CREATE TABLE point_values(point INTEGER NOT NULL, factor INTEGER NOT NULL, value REAL NOT NULL,
                          PRIMARY KEY(point, factor));
CREATE TABLE runs(point INTEGER NOT NULL, replicate INTEGER NOT NULL, seed INTEGER NOT NULL,
                  status TEXT NOT NULL CHECK(status IN ('pending', 'done')), PRIMARY KEY(point, replicate));
CREATE TABLE results(point INTEGER NOT NULL, replicate INTEGER NOT NULL, outcome TEXT NOT NULL, value REAL,
                     PRIMARY KEY(point, replicate, outcome));
CREATE TABLE series(point INTEGER NOT NULL, replicate INTEGER NOT NULL, month INTEGER NOT NULL,
                    measure TEXT NOT NULL, value REAL, PRIMARY KEY(point, replicate, month, measure));
)sql";
// Points added after the definition by an adaptive method (calibration's candidates). Created when a
// database is opened for writing, so that databases made before it existed stay readable.
constexpr const char* kCandidatesSchema = R"sql(
CREATE TABLE IF NOT EXISTS candidates(point INTEGER PRIMARY KEY, generation INTEGER NOT NULL,
                                      candidate INTEGER NOT NULL, UNIQUE(generation, candidate));
)sql";

const char* matrixName(sensitivity::SaltelliMatrix m) {
  switch (m) {
    case sensitivity::SaltelliMatrix::A:
      return "A";
    case sensitivity::SaltelliMatrix::B:
      return "B";
    case sensitivity::SaltelliMatrix::AB:
      return "AB";
    case sensitivity::SaltelliMatrix::BA:
      return "BA";
    case sensitivity::SaltelliMatrix::None:
      break;
  }
  return "";
}

sensitivity::SaltelliMatrix matrixOf(std::string_view name) {
  if (name == "A") return sensitivity::SaltelliMatrix::A;
  if (name == "B") return sensitivity::SaltelliMatrix::B;
  if (name == "AB") return sensitivity::SaltelliMatrix::AB;
  if (name == "BA") return sensitivity::SaltelliMatrix::BA;
  return sensitivity::SaltelliMatrix::None;
}

const char* typeName(sensitivity::ValueType t) {
  switch (t) {
    case sensitivity::ValueType::Integer:
      return "integer";
    case sensitivity::ValueType::Boolean:
      return "boolean";
    case sensitivity::ValueType::Real:
      break;
  }
  return "real";
}

sensitivity::ValueType typeOf(std::string_view name) {
  if (name == "integer") return sensitivity::ValueType::Integer;
  if (name == "boolean") return sensitivity::ValueType::Boolean;
  return sensitivity::ValueType::Real;
}

// Lists in meta are written one item a line: a calibration's outcome names are statistics with
// arguments, which contain commas. Databases written before that separate items by commas, and an
// outcome key never contains a comma, so a list without a line break is read as comma-separated.
std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  const char separator = text.find('\n') != std::string::npos ? '\n' : ',';
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto at = text.find(separator, start);
    out.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

}  // namespace

/// A prepared statement, finalised on every way out.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const CampaignStore& store) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) throwError(store);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, double v) {
    if (std::isnan(v))
      sqlite3_bind_null(stmt_, i);
    else
      sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  /// True while there is a row.
  bool step(const CampaignStore& store) {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throwError(store);
    return false;
  }
  void run(const CampaignStore& store) {
    step(store);
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL ? kNaN : sqlite3_column_double(stmt_, col);
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
  }

 private:
  [[noreturn]] void throwError(const CampaignStore& store) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

void Statement::throwError(const CampaignStore& store) const {
  const int code = sqlite3_errcode(db_);
  if (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY)
    throw OutputError(
        fmt::format("{}: cannot write the campaign database: {}", store.path().string(), sqlite3_errmsg(db_)));
  throw InputError(store.path().string(), 0, "",
                   fmt::format("not a pilotsim campaign database, or a damaged one: {}", sqlite3_errmsg(db_)));
}

CampaignStore::CampaignStore(const std::filesystem::path& path, Mode mode) : path_(path) {
  const bool exists = std::filesystem::exists(path);
  if (mode == Mode::ReadOnly && !exists) throw InputError(path.string(), 0, "", "no such campaign database");
  if (mode == Mode::ReadWrite) lock_ = std::make_unique<CampaignLock>(path);
  const int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw OutputError(fmt::format("{}: cannot open the campaign database: {}", path.string(), why));
  }
  sqlite3_busy_timeout(db_, 5000);
  try {
    // The first read tells a database from any other file ("file is not a database").
    bool empty = false;
    {
      Statement check(db_, "SELECT count(*) FROM sqlite_master", *this);
      check.step(*this);
      empty = check.integer(0) == 0;
    }  // finalised: an open statement would hold a read transaction
    if (empty && mode == Mode::ReadWrite) {
      // The write-ahead log lets readers (export, analyze) work while a campaign writes, and a
      // process killed mid-transaction leaves the last commit intact.
      exec("PRAGMA journal_mode=WAL");
      exec("BEGIN");
      exec(kSchema);
      exec("COMMIT");
    } else if (empty) {
      fail("not a pilotsim campaign database (it is empty)");
    } else if (meta("format") != kFormat && !(meta("format").empty() && !defined())) {
      fail(fmt::format("not a pilotsim campaign database (format \"{}\", expected \"{}\")", meta("format"), kFormat));
    }
    if (!empty) checkIntegrity();
    if (mode == Mode::ReadWrite) {
      exec("PRAGMA synchronous=NORMAL");
      exec(kCandidatesSchema);
    }
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

CampaignStore::~CampaignStore() { sqlite3_close(db_); }

// A damaged page may never be read by the queries a resume needs ("2560 runs already done"), and show
// only at export; SQLite's quick_check reads every page, which costs well under a second for a
// campaign of 10,000 runs (docs/reliability.md).
void CampaignStore::checkIntegrity() const {
  std::string problems;
  int count = 0;
  try {
    Statement check(db_, "PRAGMA quick_check(5)", *this);
    while (check.step(*this)) {
      const std::string row = check.text(0);
      if (row == "ok") break;
      problems += (count++ == 0 ? "" : "; ") + row;
    }
  } catch (const InputError& e) {
    problems = e.what();
  }
  if (!problems.empty())
    fail(
        fmt::format("the campaign database is damaged (SQLite's quick_check: {}); its runs cannot be trusted. "
                    "Restore it from a copy, or delete it (or pass another --db) to run the campaign again",
                    shortened(problems, 300)));
}

void CampaignStore::fail(const std::string& what) const { throw InputError(path_.string(), 0, "", what); }

void CampaignStore::exec(const char* sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error != nullptr ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    const int code = sqlite3_errcode(db_);
    if (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY || code == SQLITE_CANTOPEN)
      throw OutputError(fmt::format("{}: cannot write the campaign database: {}", path_.string(), why));
    fail(fmt::format("not a pilotsim campaign database, or a damaged one: {}", why));
  }
}

std::string CampaignStore::meta(std::string_view key) const {
  Statement q(db_, "SELECT value FROM meta WHERE key = ?", *this);
  q.bind(1, key);
  return q.step(*this) ? q.text(0) : std::string();
}

bool CampaignStore::defined() const {
  Statement q(db_, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'", *this);
  q.step(*this);
  if (q.integer(0) == 0) return false;
  return meta("format") == kFormat;
}

void CampaignStore::define(const CampaignDefinition& d, const sensitivity::Design& design) {
  exec("BEGIN IMMEDIATE");
  try {
    Statement meta(db_, "INSERT INTO meta(key, value) VALUES(?, ?)", *this);
    const std::pair<const char*, std::string> entries[] = {
        {"format", std::string(kFormat)},
        {"program_version", d.program_version},
        {"model_version", std::to_string(kModelVersion)},
        {"command", d.command},
        {"campaign_file", d.campaign_file},
        {"campaign_text", d.campaign_text},
        {"base_scenario", d.base_toml},
        {"replicates", std::to_string(d.replicates)},
        {"seed", std::to_string(d.seed)},
        {"method", d.method.empty() ? std::string(sensitivity::methodName(design.method)) : d.method},
        {"outcomes", joined(d.outcomes)},
        {"series_measures", joined(d.series_measures)},
    };
    for (const auto& [k, v] : entries) meta.bind(1, std::string_view(k)).bind(2, v).run(*this);
    if (d.shard.sharded()) meta.bind(1, std::string_view("shard")).bind(2, d.shard.text()).run(*this);
    Statement factor(db_, "INSERT INTO factors(factor, name, type) VALUES(?, ?, ?)", *this);
    for (std::size_t i = 0; i < design.factorCount(); ++i)
      factor.bind(1, static_cast<std::int64_t>(i))
          .bind(2, design.factors[i])
          .bind(3, std::string_view(typeName(design.types[i])))
          .run(*this);
    Statement point(db_, "INSERT INTO points VALUES(?, ?, ?, ?, ?, ?, ?)", *this);
    Statement value(db_, "INSERT INTO point_values VALUES(?, ?, ?)", *this);
    Statement run(db_, "INSERT INTO runs VALUES(?, ?, ?, 'pending')", *this);
    for (std::size_t r = 0; r < design.runCount(); ++r) {
      const auto& dr = design.runs[r];
      point.bind(1, dr.run).bind(2, dr.block).bind(3, std::string_view(matrixName(dr.matrix)));
      point.bind(4, static_cast<std::int64_t>(dr.factor)).bind(5, static_cast<std::int64_t>(dr.trajectory));
      point.bind(6, static_cast<std::int64_t>(dr.step)).bind(7, dr.delta).run(*this);
      const auto row = design.row(r);
      for (std::size_t i = 0; i < row.size(); ++i)
        value.bind(1, dr.run).bind(2, static_cast<std::int64_t>(i)).bind(3, row[i]).run(*this);
      if (!d.shard.holdsRow(r, design.runCount())) continue;
      for (int rep = 0; rep < d.replicates; ++rep)
        run.bind(1, dr.run).bind(2, static_cast<std::int64_t>(rep)).bind(3, d.seed).run(*this);
    }
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

CampaignDefinition CampaignStore::definition() const {
  CampaignDefinition d;
  d.campaign_file = meta("campaign_file");
  d.campaign_text = meta("campaign_text");
  d.base_toml = meta("base_scenario");
  d.program_version = meta("program_version");
  d.command = meta("command");
  d.replicates = std::atoi(meta("replicates").c_str());
  d.seed = std::atoll(meta("seed").c_str());
  d.outcomes = split(meta("outcomes"));
  d.series_measures = split(meta("series_measures"));
  if (const std::string shard = meta("shard"); !shard.empty())
    d.shard = parseShard(shard, path_.string() + " (meta.shard)");
  return d;
}

std::vector<RunKey> CampaignStore::pendingRuns() const {
  Statement q(db_, "SELECT point, replicate FROM runs WHERE status = 'pending' ORDER BY point, replicate", *this);
  std::vector<RunKey> out;
  while (q.step(*this)) out.push_back({q.integer(0), static_cast<std::uint32_t>(q.integer(1))});
  return out;
}

std::int64_t CampaignStore::runCount() const {
  Statement q(db_, "SELECT count(*) FROM runs", *this);
  q.step(*this);
  return q.integer(0);
}

std::int64_t CampaignStore::doneCount() const {
  Statement q(db_, "SELECT count(*) FROM runs WHERE status = 'done'", *this);
  q.step(*this);
  return q.integer(0);
}

void CampaignStore::saveRuns(std::span<const RunOutput> runs) {
  if (runs.empty()) return;
  const CampaignDefinition d = definition();
  exec("BEGIN IMMEDIATE");
  try {
    Statement done(db_, "UPDATE runs SET status = 'done' WHERE point = ? AND replicate = ? AND status = 'pending'",
                   *this);
    Statement result(db_, "INSERT INTO results VALUES(?, ?, ?, ?)", *this);
    Statement series(db_, "INSERT INTO series VALUES(?, ?, ?, ?, ?)", *this);
    for (const auto& r : runs) {
      done.bind(1, r.key.point).bind(2, static_cast<std::int64_t>(r.key.replicate)).run(*this);
      if (sqlite3_changes(db_) != 1)
        fail(fmt::format("run {} replicate {} is not pending: stored twice, or not part of this campaign", r.key.point,
                         r.key.replicate));
      for (std::size_t k = 0; k < r.outcomes.size() && k < d.outcomes.size(); ++k)
        result.bind(1, r.key.point)
            .bind(2, static_cast<std::int64_t>(r.key.replicate))
            .bind(3, d.outcomes[k])
            .bind(4, r.outcomes[k])
            .run(*this);
      const std::size_t m = d.series_measures.size();
      for (std::size_t i = 0; m > 0 && i < r.series.size(); ++i) {
        series.bind(1, r.key.point)
            .bind(2, static_cast<std::int64_t>(r.key.replicate))
            .bind(3, static_cast<std::int64_t>(i / m));
        series.bind(4, d.series_measures[i % m]).bind(5, r.series[i]).run(*this);
      }
    }
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::int64_t CampaignStore::copyDoneRuns(const std::filesystem::path& shard) {
  {
    Statement attach(db_, "ATTACH DATABASE ? AS shard", *this);
    attach.bind(1, std::string_view(shard.string())).run(*this);
  }
  std::int64_t copied = 0;
  exec("BEGIN IMMEDIATE");
  try {
    exec(
        "UPDATE runs SET status = 'done' WHERE status = 'pending' AND EXISTS (SELECT 1 FROM shard.runs s WHERE "
        "s.point = runs.point AND s.replicate = runs.replicate AND s.status = 'done')");
    copied = sqlite3_changes(db_);
    Statement count(db_, "SELECT count(*) FROM shard.runs WHERE status = 'done'", *this);
    count.step(*this);
    if (count.integer(0) != copied)
      fail(fmt::format("{}: {} of its done runs are not pending in the merged campaign", shard.string(),
                       count.integer(0) - copied));
    exec(
        "INSERT INTO results SELECT r.point, r.replicate, r.outcome, r.value FROM shard.results r JOIN shard.runs s "
        "ON s.point = r.point AND s.replicate = r.replicate WHERE s.status = 'done'");
    exec(
        "INSERT INTO series SELECT r.point, r.replicate, r.month, r.measure, r.value FROM shard.series r JOIN "
        "shard.runs s ON s.point = r.point AND s.replicate = r.replicate WHERE s.status = 'done'");
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(db_, "DETACH DATABASE shard", nullptr, nullptr, nullptr);
    throw;
  }
  exec("DETACH DATABASE shard");
  return copied;
}

std::vector<std::int64_t> CampaignStore::addCandidates(std::span<const CandidatePoint> candidates) {
  const CampaignDefinition d = definition();
  std::vector<std::int64_t> points;
  exec("BEGIN IMMEDIATE");
  try {
    std::int64_t next = 1;
    {
      Statement last(db_, "SELECT coalesce(max(point), 0) FROM points", *this);
      last.step(*this);
      next = last.integer(0) + 1;
    }
    Statement point(db_, "INSERT INTO points(point) VALUES(?)", *this);
    Statement tag(db_, "INSERT INTO candidates VALUES(?, ?, ?)", *this);
    Statement value(db_, "INSERT INTO point_values VALUES(?, ?, ?)", *this);
    Statement run(db_, "INSERT INTO runs VALUES(?, ?, ?, 'pending')", *this);
    for (const auto& c : candidates) {
      const std::int64_t p = next++;
      point.bind(1, p).run(*this);
      tag.bind(1, p).bind(2, static_cast<std::int64_t>(c.generation)).bind(3, c.candidate).run(*this);
      for (std::size_t i = 0; i < c.values.size(); ++i)
        value.bind(1, p).bind(2, static_cast<std::int64_t>(i)).bind(3, c.values[i]).run(*this);
      for (int rep = 0; rep < d.replicates; ++rep)
        run.bind(1, p).bind(2, static_cast<std::int64_t>(rep)).bind(3, c.seed).run(*this);
      points.push_back(p);
    }
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return points;
}

std::vector<CandidatePoint> CampaignStore::candidates() const {
  std::vector<CandidatePoint> out;
  std::map<std::int64_t, std::size_t> index;
  {
    Statement q(db_, "SELECT point, generation, candidate FROM candidates ORDER BY generation, candidate", *this);
    while (q.step(*this)) {
      index[q.integer(0)] = out.size();
      out.push_back({q.integer(0), static_cast<int>(q.integer(1)), q.integer(2), {}});
    }
  }
  Statement v(db_,
              "SELECT point_values.point, value FROM point_values JOIN candidates ON candidates.point = "
              "point_values.point ORDER BY point_values.point, factor",
              *this);
  while (v.step(*this)) out[index.at(v.integer(0))].values.push_back(v.real(1));
  return out;
}

std::map<std::int64_t, std::vector<std::vector<double>>> CampaignStore::pointResults() const {
  const CampaignDefinition def = definition();
  std::map<std::string, std::size_t> outcome;
  for (std::size_t k = 0; k < def.outcomes.size(); ++k) outcome[def.outcomes[k]] = k;
  const auto reps = static_cast<std::size_t>(std::max(def.replicates, 1));
  std::map<std::int64_t, std::vector<std::vector<double>>> out;
  Statement q(db_, "SELECT point, replicate, outcome, value FROM results", *this);
  while (q.step(*this)) {
    const auto k = outcome.find(q.text(2));
    const auto rep = static_cast<std::size_t>(q.integer(1));
    if (k == outcome.end() || rep >= reps)
      fail("results name an outcome or replicate that is not part of the campaign");
    auto& cell = out[q.integer(0)];
    if (cell.empty()) cell.assign(def.outcomes.size(), std::vector<double>(reps, kNaN));
    cell[k->second][rep] = q.real(3);
  }
  return out;
}

void CampaignStore::checkHoldsDesign() const {
  if (meta("method").starts_with("abc-"))
    fail(
        fmt::format("this database holds a calibration (pilotsim calibrate), which has no design to export, analyse "
                    "or report: run its calibrate command again with --db {} to write its files (it runs nothing "
                    "that is stored)",
                    path_.string()));
}

sensitivity::Design CampaignStore::design() const {
  checkHoldsDesign();
  sensitivity::Design d;
  if (!sensitivity::parseMethodName(meta("method"), d.method))
    fail(fmt::format("unknown design method \"{}\"", meta("method")));
  Statement f(db_, "SELECT name, type FROM factors ORDER BY factor", *this);
  while (f.step(*this)) {
    d.factors.push_back(f.text(0));
    d.types.push_back(typeOf(f.text(1)));
  }
  Statement p(db_, "SELECT point, block, matrix, moved, trajectory, step, delta FROM points ORDER BY point", *this);
  while (p.step(*this)) {
    sensitivity::DesignRun r;
    r.run = p.integer(0);
    r.block = p.integer(1);
    r.matrix = matrixOf(p.text(2));
    r.factor = static_cast<int>(p.integer(3));
    r.trajectory = static_cast<int>(p.integer(4));
    r.step = static_cast<int>(p.integer(5));
    r.delta = p.real(6);
    d.runs.push_back(r);
  }
  d.values.assign(d.runs.size() * d.factors.size(), kNaN);
  std::map<std::int64_t, std::size_t> row;
  for (std::size_t i = 0; i < d.runs.size(); ++i) row[d.runs[i].run] = i;
  Statement v(db_, "SELECT point, factor, value FROM point_values", *this);
  while (v.step(*this)) {
    const auto it = row.find(v.integer(0));
    const auto factor = static_cast<std::size_t>(v.integer(1));
    if (it == row.end() || factor >= d.factors.size()) fail("point_values names a point or factor that does not exist");
    d.values[it->second * d.factors.size() + factor] = v.real(2);
  }
  for (double x : d.values)
    if (std::isnan(x)) fail("a design point is missing a factor value");
  sensitivity::checkDesignStructure(d, path_.string());
  return d;
}

std::vector<std::vector<std::vector<double>>> CampaignStore::results() const {
  const CampaignDefinition def = definition();
  const sensitivity::Design d = design();
  std::map<std::int64_t, std::size_t> row;
  for (std::size_t i = 0; i < d.runs.size(); ++i) row[d.runs[i].run] = i;
  std::map<std::string, std::size_t> outcome;
  for (std::size_t k = 0; k < def.outcomes.size(); ++k) outcome[def.outcomes[k]] = k;
  const auto reps = static_cast<std::size_t>(std::max(def.replicates, 1));
  std::vector<std::vector<std::vector<double>>> out(
      d.runs.size(), std::vector<std::vector<double>>(def.outcomes.size(), std::vector<double>(reps, kNaN)));
  Statement q(db_, "SELECT point, replicate, outcome, value FROM results", *this);
  while (q.step(*this)) {
    const auto r = row.find(q.integer(0));
    const auto k = outcome.find(q.text(2));
    const auto rep = static_cast<std::size_t>(q.integer(1));
    if (r == row.end() || k == outcome.end() || rep >= reps)
      fail("results name a run or outcome that is not part of the campaign");
    out[r->second][k->second][rep] = q.real(3);
  }
  return out;
}

std::vector<CampaignStore::SeriesRow> CampaignStore::seriesRows() const {
  const CampaignDefinition def = definition();
  std::map<std::string, int> measure;
  for (std::size_t k = 0; k < def.series_measures.size(); ++k) measure[def.series_measures[k]] = static_cast<int>(k);
  std::vector<SeriesRow> out;
  Statement q(db_, "SELECT point, replicate, month, measure, value FROM series ORDER BY point, replicate, month",
              *this);
  while (q.step(*this)) {
    const auto m = measure.find(q.text(3));
    if (m == measure.end()) fail("series name a measure that is not part of the campaign");
    out.push_back(
        {q.integer(0), static_cast<std::uint32_t>(q.integer(1)), static_cast<int>(q.integer(2)), m->second, q.real(4)});
  }
  std::stable_sort(out.begin(), out.end(), [](const SeriesRow& a, const SeriesRow& b) {
    return std::tie(a.point, a.replicate, a.month, a.measure) < std::tie(b.point, b.replicate, b.month, b.measure);
  });
  return out;
}

std::vector<std::pair<RunKey, bool>> CampaignStore::runStatus() const {
  Statement q(db_, "SELECT point, replicate, status FROM runs ORDER BY point, replicate", *this);
  std::vector<std::pair<RunKey, bool>> out;
  while (q.step(*this)) out.push_back({{q.integer(0), static_cast<std::uint32_t>(q.integer(1))}, q.text(2) == "done"});
  return out;
}

}  // namespace pilotsim
