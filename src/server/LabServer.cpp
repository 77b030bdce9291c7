#include "pilotsim/server/LabServer.hpp"

#include "pilotsim/model/Measures.hpp"
#include "pilotsim/server/ApiError.hpp"
#include "pilotsim/server/LabCatalog.hpp"
#include "pilotsim/server/ScenarioRequest.hpp"
#include "pilotsim/server/StaticFiles.hpp"
#include "pilotsim/server/UnitView.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <stdexcept>

namespace pilotsim {
namespace {

// Invalid UTF-8 in a message (an uploaded file's bytes quoted in an error) must not turn a clear 400
// into a failure to answer: such bytes are replaced.
std::string dumpJson(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void sendJson(httplib::Response& res, const Json& body, int status = 200) {
  res.status = status;
  res.set_content(dumpJson(body), "application/json; charset=utf-8");
}

void sendError(httplib::Response& res, const ApiError& e) { sendJson(res, e.body(), e.status()); }

// Bodies are JSON, and only JSON: a browser cannot send that content type to another site without
// asking first (CORS preflight, which this server never grants), so a page elsewhere cannot start
// runs here.
Json parseBody(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    throw ApiError(415, "send the request body as JSON with 'Content-Type: application/json'",
                   {{"content_type", type}});
  try {
    return Json::parse(req.body);
  } catch (const Json::parse_error& e) {
    throw ApiError(400, fmt::format("the request body is not valid JSON: {}", e.what()));
  }
}

Json measureKeys() {
  Json keys = Json::array();
  for (const auto& m : measureTable()) keys.push_back(m.key);
  return keys;
}

Json rowJson(const MonthlyRow& row) {
  Json values = Json::array();
  for (double x : row.values) values.push_back(numberJson(x));
  return {{"month", row.month}, {"values", values}};
}

std::size_t whole(const std::string& text, std::string_view what) {
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw ApiError(400, fmt::format("{} must be a whole number, got '{}'", what, text));
  return std::stoul(text);
}

// An SSE message: one "data:" line (JSON has no raw newlines).
std::string event(std::string_view name, const Json& data, std::optional<std::size_t> id = std::nullopt) {
  std::string out = fmt::format("event: {}\n", name);
  if (id) out += fmt::format("id: {}\n", *id);
  return out + "data: " + dumpJson(data) + "\n\n";
}

}  // namespace

struct LabServer::Impl {
  LabServerOptions options;
  StaticFiles files;
  RunManager manager;
  httplib::Server http;
  std::atomic<int> streams{0};

  explicit Impl(LabServerOptions o)
      : options(std::move(o)),
        files(options.static_dir ? StaticFiles(*options.static_dir) : StaticFiles()),
        manager(options.limits) {}

  // Every route runs through here, so that a thrown ApiError becomes its JSON reply.
  template <typename F>
  httplib::Server::Handler guarded(F f) {
    return [f](const httplib::Request& req, httplib::Response& res) {
      try {
        f(req, res);
      } catch (const ApiError& e) {
        sendError(res, e);
      }
    };
  }

  void routes();
  void stream(const httplib::Request& req, httplib::Response& res);
};

void LabServer::Impl::routes() {
  http.set_payload_max_length(options.max_body);
  // One thread per connection; streams hold theirs for as long as they are open, so there are
  // enough for every stream plus ordinary requests.
  const int threads = options.max_streams + 8;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };

  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const ApiError& e) {
      sendError(res, e);
    } catch (const std::exception& e) {
      sendJson(res, {{"error", fmt::format("internal error: {}", e.what())}}, 500);
    } catch (...) {
      sendJson(res, {{"error", "internal error"}}, 500);
    }
  });
  // Errors httplib finds itself (no route, body too large, bad request line) get a JSON body too.
  const std::size_t max_body = options.max_body;
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([max_body](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message;
        switch (res.status) {
          case 404:
            message = fmt::format("no such path: {} {}", req.method, req.path);
            break;
          case 413:
            message = fmt::format("request body too large: the limit is {} bytes", max_body);
            break;
          default:
            message = fmt::format("HTTP {}", res.status);
        }
        sendJson(res, {{"error", message}}, res.status);
        return httplib::Server::HandlerResponse::Handled;
      }));

  http.Get("/api/presets", guarded([](const auto&, auto& res) { sendJson(res, presetsJson()); }));
  http.Get(R"(/api/presets/([A-Za-z0-9_.-]+))",
           guarded([](const auto& req, auto& res) { sendJson(res, presetJson(req.matches[1].str())); }));
  http.Get("/api/params", guarded([](const auto&, auto& res) { sendJson(res, parametersJson()); }));
  http.Get("/api/measures", guarded([](const auto&, auto& res) { sendJson(res, measuresJson()); }));
  http.Get("/api/limits", guarded([this](const auto&, auto& res) {
             Json l = limitsJson(manager.limits());
             l["max_body"] = options.max_body;
             l["max_streams"] = options.max_streams;
             sendJson(res, l);
           }));

  http.Post("/api/validate", guarded([this](const auto& req, auto& res) {
              const Scenario s = resolveScenarioRequest(parseBody(req));
              Json out = {{"valid", true},
                          {"name", s.name},
                          {"base", s.base},
                          {"description", s.description},
                          {"values", parameterValuesJson(s.params)},
                          {"toml", toToml(s)}};
              try {
                out["size"] = manager.checkSize(s);
                out["within_limits"] = true;
              } catch (const ApiError& e) {
                out["within_limits"] = false;
                out["limit_error"] = e.what();
              }
              sendJson(res, out);
            }));

  http.Post("/api/runs", guarded([this](const auto& req, auto& res) {
              const Json body = parseBody(req);
              Scenario s = resolveScenarioRequest(body);
              std::string label = s.name;
              if (body.contains("label")) {
                if (!body["label"].is_string()) throw ApiError(400, "\"label\" must be a string");
                label = body["label"].get<std::string>();
              }
              long pace = 0;
              if (body.contains("pace_ms")) {
                if (!body["pace_ms"].is_number_integer())
                  throw ApiError(400, "\"pace_ms\" must be a whole number of milliseconds");
                pace = body["pace_ms"].get<long>();
              }
              const auto run = manager.submit(std::move(s), std::move(label), std::chrono::milliseconds(pace));
              res.set_header("Location", "/api/runs/" + run->id());
              sendJson(res, run->statusJson(), 202);
            }));
  http.Get("/api/runs", guarded([this](const auto&, auto& res) {
             Json out = Json::array();
             for (const auto& run : manager.list()) out.push_back(run->statusJson());
             sendJson(res, out);
           }));

  const std::string run_path = R"(/api/runs/(r[0-9]+))";
  http.Get(run_path, guarded([this](const auto& req, auto& res) {
             sendJson(res, manager.find(req.matches[1].str())->statusJson());
           }));
  http.Delete(run_path, guarded([this](const auto& req, auto& res) {
                manager.remove(req.matches[1].str());
                sendJson(res, {{"id", req.matches[1].str()}, {"removed", true}});
              }));
  http.Post(run_path + "/(pause|resume|stop)", guarded([this](const auto& req, auto& res) {
              auto run = manager.find(req.matches[1].str());
              const std::string action = req.matches[2].str();
              if (action == "pause")
                run->pause();
              else if (action == "resume")
                run->resume();
              else
                run->stop();
              sendJson(res, run->statusJson());
            }));
  http.Get(run_path + "/results", guarded([this](const auto& req, auto& res) {
             auto run = manager.find(req.matches[1].str());
             const std::size_t from = req.has_param("from") ? whole(req.get_param_value("from"), "from") : 0;
             Json mean = Json::array();
             for (const auto& row : run->meanRows(from)) mean.push_back(rowJson(row));
             Json replicates = Json::array();
             for (const auto& rows : run->replicateRows()) {
               Json one = Json::array();
               for (std::size_t i = from; i < rows.size(); ++i) one.push_back(rowJson(rows[i]));
               replicates.push_back(std::move(one));
             }
             Json out = run->statusJson();
             out["from"] = from;
             out["measures"] = measureKeys();
             out["mean"] = std::move(mean);
             out["replicate_rows"] = std::move(replicates);
             sendJson(res, out);
           }));
  http.Get(run_path + "/scenario.toml", guarded([this](const auto& req, auto& res) {
             auto run = manager.find(req.matches[1].str());
             res.set_header("Content-Disposition",
                            fmt::format("attachment; filename=\"{}.toml\"", run->scenario().name));
             res.set_content(toToml(run->scenario()), "application/toml; charset=utf-8");
           }));
  http.Get(run_path + "/units", guarded([this](const auto& req, auto& res) {
             auto run = manager.find(req.matches[1].str());
             const auto view = run->unitView();
             if (!view)
               throw ApiError(409, "no unit view yet: the run has not simulated its first year",
                              {{"status", toString(run->progress().status)}});
             sendJson(res, unitViewJson(*view));
           }));
  http.Get(run_path + R"(/units/([0-9]+))", guarded([this](const auto& req, auto& res) {
             auto run = manager.find(req.matches[1].str());
             const auto view = run->unitView();
             if (!view) throw ApiError(409, "no unit view yet: the run has not simulated its first year");
             sendJson(res, unitPilotsJson(*view, static_cast<std::uint32_t>(whole(req.matches[2].str(), "unit"))));
           }));
  http.Get(run_path + "/stream", [this](const auto& req, auto& res) {
    try {
      stream(req, res);
    } catch (const ApiError& e) {
      sendError(res, e);
    }
  });

  // Anything else under /api/ is a mistake in a script, not a page to look for.
  http.Get(R"(/api/.*)", guarded([](const auto& req, auto&) {
             throw ApiError(404, fmt::format("no such API path: {}; see docs/api.md", req.path));
           }));
  http.Get(R"(/.*)", guarded([this](const auto& req, auto& res) {
             const auto file = files.get(req.path);
             if (!file) throw ApiError(404, fmt::format("no such file: {}", req.path));
             res.set_content(file->body, file->content_type);
           }));
}

void LabServer::Impl::stream(const httplib::Request& req, httplib::Response& res) {
  auto run = manager.find(req.matches[1].str());
  std::size_t from = 0;
  // EventSource reconnects by itself and says what it saw last; continue after that.
  if (req.has_header("Last-Event-ID"))
    from = whole(req.get_header_value("Last-Event-ID"), "Last-Event-ID") + 1;
  else if (req.has_param("from"))
    from = whole(req.get_param_value("from"), "from");
  if (streams.fetch_add(1) >= options.max_streams) {
    streams.fetch_sub(1);
    throw ApiError(503,
                   fmt::format("{} progress streams are open already (the limit); poll /api/runs/{}/results instead",
                               options.max_streams, run->id()));
  }
  struct Cursor {
    std::size_t next;
    std::optional<RunStatus> status;
    bool ended = false;
  };
  auto cursor = std::make_shared<Cursor>(Cursor{from, std::nullopt});
  const auto heartbeat = options.heartbeat;
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider(
      "text/event-stream",
      [run, cursor, heartbeat](std::size_t, httplib::DataSink& sink) {
        if (cursor->ended) {
          sink.done();
          return true;
        }
        run->touch();
        const RunProgress p = run->waitForChange(cursor->next, cursor->status.value_or(RunStatus::Queued),
                                                 cursor->status ? heartbeat : std::chrono::milliseconds(0));
        std::string out;
        for (const auto& row : run->meanRows(cursor->next)) {
          out += event("month", rowJson(row), cursor->next);
          ++cursor->next;
        }
        if (!cursor->status || *cursor->status != p.status || out.size() > 0) {
          cursor->status = p.status;
          out += event("status", run->statusJson());
        }
        if (isTerminal(p.status) && cursor->next >= run->progress().rows) {
          out += event("end", run->statusJson());
          cursor->ended = true;
        }
        // Comment lines keep the connection visibly alive; a failed write means the client left.
        if (out.empty()) out = ": keep-alive\n\n";
        return sink.write(out.data(), out.size());
      },
      [this](bool) { streams.fetch_sub(1); });
}

LabServer::LabServer(LabServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) { impl_->routes(); }

LabServer::~LabServer() { stop(); }

int LabServer::bind() {
  const auto& o = impl_->options;
  if (o.port == 0) {
    const int port = impl_->http.bind_to_any_port(o.host);
    if (port < 0)
      throw std::runtime_error(fmt::format("cannot listen on {}: no free port, or not a local address", o.host));
    return port;
  }
  if (!impl_->http.bind_to_port(o.host, o.port))
    throw std::runtime_error(
        fmt::format("cannot listen on {}:{}: the port is in use or the address is not local", o.host, o.port));
  return o.port;
}

bool LabServer::listen() { return impl_->http.listen_after_bind(); }

void LabServer::stop() {
  if (impl_->http.is_running()) impl_->http.stop();
}

RunManager& LabServer::runs() { return impl_->manager; }

}  // namespace pilotsim
