// The lab's HTTP API through a real socket: a LabServer on an ephemeral loopback port in this
// process, and httplib's client. Covers the catalog, validation errors, bounded bodies, runs and
// their stream, the unit view, and the served files (embedded and --static, with traversal).
#include "ServerTestSupport.hpp"

#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/server/LabServer.hpp"
#include "pilotsim/server/ScenarioRequest.hpp"

#include <gtest/gtest.h>

#include <httplib.h>
#include <cmath>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

namespace pilotsim {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

class LabServerTest : public ::testing::Test {
 protected:
  void start(LabServerOptions options = {}) {
    options.port = 0;
    options.max_body = 64 * 1024;
    options.limits.max_running = 1;
    options.limits.max_queued = 2;
    options.limits.sweep_every = 20ms;
    options.heartbeat = 100ms;
    server_ = std::make_unique<LabServer>(options);
    const int port = server_->bind();
    thread_ = std::thread([this] { server_->listen(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port);
    client_->set_read_timeout(20s);
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  httplib::Result post(const std::string& path, const Json& body) {
    return client_->Post(path.c_str(), body.dump(), "application/json");
  }
  static Json json(const httplib::Result& r) { return Json::parse(r->body); }
  Json smallRun(int months, int replicates = 1) {
    return {{"preset", "county"},
            {"set", {{"run.burn_in", 0}, {"run.months", months}, {"run.replicates", replicates}}}};
  }
  std::string waitUntilEnded(const std::string& id) {
    std::string status;
    test::waitFor([&] {
      status = json(client_->Get(("/api/runs/" + id).c_str()))["status"];
      return status == "finished" || status == "stopped" || status == "failed";
    });
    return status;
  }

  std::unique_ptr<LabServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(LabServerTest, CatalogListsPresetsEveryParameterInAGroupAndMeasures) {
  start();
  const auto presets = json(client_->Get("/api/presets"));
  EXPECT_EQ(presets.size(), presetNames().size());
  EXPECT_FALSE(presets[0]["description_zh"].get<std::string>().empty());
  const auto params = json(client_->Get("/api/params"));
  std::set<std::string> groups;
  for (const auto& g : params["groups"]) groups.insert(g["id"]);
  for (const char* g : {"drivers", "couplings", "reform_a", "reform_b", "reform_c", "mechanisms"})
    EXPECT_TRUE(groups.count(g)) << g;
  ASSERT_EQ(params["params"].size(), paramRegistry().size());
  for (const auto& p : params["params"]) EXPECT_TRUE(groups.count(p["group"]) || p["group"] == "model") << p["key"];
  const auto upper = std::find_if(params["params"].begin(), params["params"].end(),
                                  [](const Json& p) { return p["key"] == "drivers.upper_pull"; });
  EXPECT_EQ((*upper)["group"], "drivers");
  const auto preset = json(client_->Get("/api/presets/reform-all"));
  EXPECT_EQ(preset["values"].size(), paramRegistry().size());
  EXPECT_EQ(client_->Get("/api/presets/nope")->status, 404);
  EXPECT_FALSE(json(client_->Get("/api/measures")).empty());
}

// The page labels each parameter in the language it is shown in: a Chinese page showed English units
// ("试点数量控制 (pilots)") while the catalog gave only the English unit and meaning (issue 15).
TEST_F(LabServerTest, CatalogGivesEachParametersUnitAndMeaningInBothLanguages) {
  start();
  const auto params = json(client_->Get("/api/params"));
  for (const auto& p : params["params"]) {
    const ParamSpec* spec = findParam(p["key"].get<std::string>());
    ASSERT_NE(spec, nullptr) << p["key"];
    // value(): a missing field fails the expectation instead of reading past the object.
    EXPECT_EQ(p.value("unit_zh", std::string("(missing)")), std::string(spec->unit_zh)) << p["key"];
    EXPECT_EQ(p.value("meaning_zh", std::string("(missing)")), std::string(spec->meaning_zh)) << p["key"];
  }
  const auto cap = std::find_if(params["params"].begin(), params["params"].end(),
                                [](const Json& p) { return p["key"] == "regulation.number_control"; });
  ASSERT_NE(cap, params["params"].end());
  EXPECT_EQ((*cap)["unit"], "pilots");
  EXPECT_EQ(cap->value("unit_zh", std::string("(missing)")), "个");
}

TEST_F(LabServerTest, InvalidInputGetsA4xxWithAClearJsonError) {
  start();
  auto r = post("/api/validate", {{"preset", "baseline"}, {"set", {{"drivers.upper_pull", 5}}}});
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json(r)["key"], "drivers.upper_pull");
  EXPECT_NE(json(r)["error"].get<std::string>().find("[0, 3]"), std::string::npos);
  r = post("/api/validate", {{"toml", "name = \"x\"\n[drivers]\nupper_pul = 1\n"}, {"filename", "mine.toml"}});
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json(r)["file"], "mine.toml");
  EXPECT_EQ(json(r)["line"], 3);
  EXPECT_EQ(post("/api/validate", {{"preset", "nope"}})->status, 400);
  EXPECT_EQ(post("/api/validate", {{"preset", "baseline"}, {"toml", ""}})->status, 400);
  EXPECT_EQ(post("/api/validate", {{"preset", "baseline"}, {"colour", "red"}})->status, 400);
  r = client_->Post("/api/validate", "{not json", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(json(r)["error"].get<std::string>().find("not valid JSON"), std::string::npos);
  r = client_->Post("/api/runs", "preset=baseline", "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 415);
  // Bodies are bounded: 64 kB in this test.
  r = post("/api/validate", {{"toml", std::string(100 * 1024, '#')}});
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(json(r)["error"].get<std::string>().find("too large"), std::string::npos);
  r = client_->Get("/api/runs/r999");
  EXPECT_EQ(r->status, 404);
  EXPECT_TRUE(json(r).contains("error"));
  EXPECT_EQ(client_->Get("/api/nothing")->status, 404);
  EXPECT_EQ(post("/api/runs", {{"preset", "national"}, {"set", {{"run.replicates", 100}}}})->status, 422);
  EXPECT_EQ(post("/api/runs", {{"preset", "county"}, {"pace_ms", -1}})->status, 400);
}

// Finding 2 of issue 14: a JSON number too large for a double (1e400, or 400 digits) made the JSON
// parser throw out_of_range, which left as a 500 "internal error". It is the client's mistake: a
// 400 that names where the number is and what is allowed.
TEST_F(LabServerTest, NumbersTooLargeForADoubleAreA400NamingTheKey) {
  start();
  for (const std::string& number : {std::string("1e400"), std::string("-1e400"), "1" + std::string(400, '0')}) {
    auto r = client_->Post("/api/validate", R"({"preset": "baseline", "set": {"drivers.upper_pull": )" + number + "}}",
                           "application/json");
    ASSERT_EQ(r->status, 400) << number << ": " << r->body;
    EXPECT_EQ(json(r)["key"], "drivers.upper_pull") << r->body;
    EXPECT_EQ(json(r)["path"], "/set/drivers.upper_pull") << r->body;
    EXPECT_NE(json(r)["error"].get<std::string>().find("drivers.upper_pull"), std::string::npos) << r->body;
    EXPECT_NE(json(r)["error"].get<std::string>().find("1.7976931348623157e+308"), std::string::npos) << r->body;
  }
  // Top-level fields and list elements are named too.
  auto r = client_->Post("/api/runs", R"({"preset": "county", "pace_ms": 1e999})", "application/json");
  ASSERT_EQ(r->status, 400) << r->body;
  EXPECT_EQ(json(r)["key"], "pace_ms");
  r = client_->Post("/api/validate", R"({"preset": "county", "set": {"structure.branching": [2, 1e400]}})",
                    "application/json");
  ASSERT_EQ(r->status, 400) << r->body;
  EXPECT_EQ(json(r)["path"], "/set/structure.branching/1");
}

// Finding 3 of issue 14: media types are case-insensitive and may carry parameters (RFC 9110
// s8.3.1), so "APPLICATION/JSON; charset=utf-8" is JSON; it got a 415. Other types still get 415.
TEST_F(LabServerTest, JsonContentTypeIsCaseInsensitiveAndMayHaveParameters) {
  start();
  const std::string body = R"({"preset": "county"})";
  for (const char* type : {"APPLICATION/JSON", "Application/Json; charset=utf-8", "application/json;charset=UTF-8",
                           "application/json ; charset=\"utf-8\""}) {
    const auto r = client_->Post("/api/validate", body, type);
    EXPECT_EQ(r->status, 200) << type << ": " << r->body.substr(0, 200);
  }
  for (const char* type : {"application/jsonp", "text/plain; application/json", "application/json-seq", "text/json"}) {
    const auto r = client_->Post("/api/validate", body, type);
    EXPECT_EQ(r->status, 415) << type << ": " << r->body.substr(0, 200);
  }
}

TEST_F(LabServerTest, ValidateReturnsTomlThatLoadsToTheSameParameters) {
  start();
  const auto r = json(post(
      "/api/validate",
      {{"preset", "reform-all"},
       {"set", {{"regulation.number_control", 4}, {"structure.preset", "custom"}, {"structure.branching", {2, 3}}}}}));
  ASSERT_TRUE(r["valid"].get<bool>());
  EXPECT_TRUE(r["within_limits"].get<bool>());
  const Scenario back = loadScenarioText(r["toml"].get<std::string>(), "exported.toml");
  EXPECT_EQ(back.params.regulation.number_control, 4);
  EXPECT_EQ(parameterValuesJson(back.params), r["values"]);
}

TEST_F(LabServerTest, ARunMatchesSimulationRunAndStreamsEveryMonth) {
  start();
  auto created = post("/api/runs", smallRun(30, 2));
  ASSERT_EQ(created->status, 202);
  const std::string id = json(created)["id"];
  // The stream: every month once, in order, then "end".
  std::string events;
  const auto streamed = client_->Get(("/api/runs/" + id + "/stream").c_str(), [&](const char* data, std::size_t n) {
    events.append(data, n);
    return true;
  });
  ASSERT_EQ(streamed->status, 200);
  EXPECT_EQ(streamed->get_header_value("Content-Type"), "text/event-stream");
  int months = 0;
  for (std::size_t at = events.find("event: month"); at != std::string::npos; at = events.find("event: month", at + 1))
    ++months;
  EXPECT_EQ(months, 30);
  EXPECT_NE(events.find("event: end"), std::string::npos);
  EXPECT_NE(events.find("\"status\":\"finished\""), std::string::npos);

  const auto results = json(client_->Get(("/api/runs/" + id + "/results").c_str()));
  ASSERT_EQ(results["replicate_rows"].size(), 2u);
  Scenario s = test::smallScenario(30, 2);
  const RunResult expected = Simulation::run(s.params, 1);
  const int k = static_cast<int>(Measure::PseudoShare);
  // A share with nothing to count (no pilots yet) is NaN, sent as JSON null.
  for (std::size_t m = 0; m < expected.monthly.size(); ++m) {
    const auto& v = results["replicate_rows"][1][m]["values"][k];
    if (v.is_null()) {
      EXPECT_TRUE(std::isnan(expected.monthly[m].values[k])) << m;
    } else {
      EXPECT_EQ(v.get<double>(), expected.monthly[m].values[k]) << m;
    }
  }
  // Resuming a stream after month 25 sends only what follows.
  httplib::Headers after{{"Last-Event-ID", "25"}};
  events.clear();
  client_->Get(("/api/runs/" + id + "/stream").c_str(), after, [&](const char* data, std::size_t n) {
    events.append(data, n);
    return true;
  });
  EXPECT_EQ(events.find("\"month\":25,"), std::string::npos);
  EXPECT_NE(events.find("\"month\":26,"), std::string::npos);
  // The run's scenario as TOML reproduces it.
  const auto toml = client_->Get(("/api/runs/" + id + "/scenario.toml").c_str());
  ASSERT_EQ(toml->status, 200);
  EXPECT_EQ(parameterValuesJson(loadScenarioText(toml->body, "run.toml").params), parameterValuesJson(s.params));
}

TEST_F(LabServerTest, UnitViewListsTheHierarchyAndAUnitsPilots) {
  start();
  const std::string id = json(post("/api/runs", smallRun(24)))["id"];
  ASSERT_EQ(waitUntilEnded(id), "finished");
  const auto view = json(client_->Get(("/api/runs/" + id + "/units").c_str()));
  EXPECT_EQ(view["units"]["superior"].size(), 12u);
  EXPECT_EQ(view["units"]["satisfaction"].size(), 12u);
  EXPECT_EQ(view["superiors"][0]["unit_end"], 12);
  int with_pilots = -1;
  for (std::size_t u = 0; u < 12; ++u)
    if (view["units"]["pilots"][u].get<double>() > 0) with_pilots = static_cast<int>(u);
  ASSERT_GE(with_pilots, 0);
  const auto unit = json(client_->Get(("/api/runs/" + id + "/units/" + std::to_string(with_pilots)).c_str()));
  EXPECT_FALSE(unit["pilots"].empty());
  EXPECT_TRUE(unit["pilots"][0].contains("domain_zh"));
  EXPECT_EQ(client_->Get(("/api/runs/" + id + "/units/12").c_str())->status, 404);
}

TEST_F(LabServerTest, ControlEndpointsPauseResumeAndStop) {
  start();
  const std::string id = json(post("/api/runs", {{"preset", "county"}, {"pace_ms", 20}}))["id"];
  EXPECT_EQ(client_->Post(("/api/runs/" + id + "/pause").c_str())->status, 200);
  ASSERT_TRUE(test::waitFor([&] { return json(client_->Get(("/api/runs/" + id).c_str()))["status"] == "paused"; }));
  EXPECT_EQ(client_->Post(("/api/runs/" + id + "/resume").c_str())->status, 200);
  EXPECT_EQ(client_->Post(("/api/runs/" + id + "/stop").c_str())->status, 200);
  EXPECT_EQ(waitUntilEnded(id), "stopped");
  const auto again = client_->Post(("/api/runs/" + id + "/pause").c_str());
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(client_->Delete(("/api/runs/" + id).c_str())->status, 200);
  EXPECT_EQ(client_->Get(("/api/runs/" + id).c_str())->status, 404);
}

TEST_F(LabServerTest, EmbeddedPageAndChartLibraryAreServedAndTraversalIsRefused) {
  start();
  const auto page = client_->Get("/");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("lab.js"), std::string::npos);
  EXPECT_EQ(client_->Get("/vendor/echarts.min.js")->status, 200);
  EXPECT_EQ(client_->Get("/missing.html")->status, 404);
  EXPECT_EQ(client_->Get("/../../etc/passwd")->status, 400);
  EXPECT_EQ(client_->Get("/%2e%2e/%2e%2e/etc/passwd")->status, 400);
}

TEST_F(LabServerTest, StaticFolderServesOnlyWhatIsInside) {
  const fs::path base = fs::temp_directory_path() / ("pilotsim-static-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "site");
  std::ofstream(base / "site" / "index.html") << "<p>dev page</p>";
  std::ofstream(base / "secret.txt") << "secret";
  fs::create_symlink(base / "secret.txt", base / "site" / "link.txt");
  LabServerOptions options;
  options.static_dir = base / "site";
  start(options);
  EXPECT_EQ(client_->Get("/")->body, "<p>dev page</p>");
  EXPECT_EQ(client_->Get("/../secret.txt")->status, 400);
  EXPECT_EQ(client_->Get("/%2E%2E/secret.txt")->status, 400);
  EXPECT_EQ(client_->Get("/a\\..\\..\\secret.txt")->status, 400);
  const auto link = client_->Get("/link.txt");
  EXPECT_EQ(link->status, 403);
  EXPECT_EQ(link->body.find("secret\""), std::string::npos);
  EXPECT_EQ(client_->Get("/vendor/echarts.min.js")->status, 200);
  fs::remove_all(base);
}

}  // namespace
}  // namespace pilotsim
