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
#include <cctype>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

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

// Answer, then drop the connection: for a request whose body is not read to its end (refused
// before or while reading it). httplib 0.11.4 keeps every connection open for a next request and
// would parse the unread rest of the body as requests. The reply says "Connection: close" (httplib
// writes that when the request carries it; its Request object is not const, only the handler's
// view of it) and goes out through a content provider that reports failure once the whole reply
// is written, which is what makes httplib close the socket.
void sendErrorAndClose(const httplib::Request& req, httplib::Response& res, const ApiError& e) {
  const_cast<httplib::Request&>(req).set_header("Connection", "close");
  auto text = std::make_shared<const std::string>(dumpJson(e.body()));
  res.status = e.status();
  res.body.clear();
  res.set_content_provider(text->size(), "application/json; charset=utf-8",
                           [text](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             sink.write(text->data() + offset, length);
                             return false;  // written; now close
                           });
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string tooLargeMessage(std::size_t max_body) {
  return fmt::format("request body too large: the limit is {} bytes", max_body);
}

// What is wrong with a request's framing, found from its headers before httplib reads any body:
// a Content-Length over the limit (refused without reading it), a method this API does not have
// but whose body httplib would read whole (PUT, PATCH, PRI), a body on a method that takes none
// (httplib does not read it and would parse it as the next request), a transfer coding other than
// chunked. Bodies of POST requests are read by the routes themselves (readBody).
std::optional<ApiError> framingProblem(const httplib::Request& req, std::size_t max_body) {
  const std::string& m = req.method;
  if (m != "GET" && m != "HEAD" && m != "POST" && m != "DELETE" && m != "OPTIONS")
    return ApiError(405, fmt::format("method {} is not used by this server; the API uses GET, POST and DELETE", m),
                    {{"method", m}});
  if (req.has_header("Transfer-Encoding")) {
    const std::string coding = req.get_header_value("Transfer-Encoding");
    if (m != "POST")
      return ApiError(400, fmt::format("a {} request takes no body here (it has Transfer-Encoding: {})", m, coding));
    if (lower(trimmed(coding)) != "chunked")
      return ApiError(501,
                      fmt::format("Transfer-Encoding '{}' is not supported; send the body with Content-Length "
                                  "or 'Transfer-Encoding: chunked'",
                                  coding),
                      {{"transfer_encoding", coding}});
  }
  if (req.has_header("Content-Length")) {
    const std::string length = req.get_header_value("Content-Length");
    if (length.empty() || length.size() > 19 ||
        !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return ApiError(400, fmt::format("Content-Length must be a whole number of bytes, got '{}'", length));
    const unsigned long long bytes = std::stoull(length);
    if (bytes > max_body) return ApiError(413, tooLargeMessage(max_body), {{"limit", max_body}});
    if (bytes > 0 && m != "POST" && m != "DELETE")
      return ApiError(400, fmt::format("a {} request takes no body here (it has Content-Length: {})", m, length));
  }
  return std::nullopt;
}

// The body of a POST, read through httplib's ContentReader so that no more than `max_body` bytes
// are ever held. httplib 0.11.4 applies set_payload_max_length only to a body with a
// Content-Length; a chunked body (or one with no length, read until the client closes) it reads
// whole into Request::body, which is how a 100 MB chunked body took the server to 892 MB. Here
// the receiver refuses the chunk that would pass the limit, and reading stops there. The limit
// counts the bytes after any Content-Encoding is undone, so a compressed body cannot grow past it
// either. Throws ApiError (413, 400, 415) when the body is not read to its end.
std::string readBody(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader,
                     std::size_t max_body) {
  // Neither length nor chunked coding: no body (RFC 9112 s6.3), as `curl -X POST` sends it; httplib
  // would wait for the client to close the connection.
  if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) return {};
  std::string body;
  bool too_large = false;
  const bool complete = reader([&](const char* data, std::size_t n) {
    if (n > max_body - body.size()) {
      too_large = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  // httplib sets 413 itself when a Content-Length is over the limit (framingProblem saw it first).
  if (too_large || res.status == 413) throw ApiError(413, tooLargeMessage(max_body), {{"limit", max_body}});
  if (!complete) {
    if (res.status == 415)
      throw ApiError(415, fmt::format("Content-Encoding '{}' is not supported; send the body uncompressed",
                                      req.get_header_value("Content-Encoding")));
    throw ApiError(400,
                   "the request body could not be read: a malformed chunked encoding, or the client stopped "
                   "sending before the end");
  }
  return body;
}

// RFC 9110 s8.3.1: type and subtype are case-insensitive, and parameters (charset=...) may follow.
bool isJsonMediaType(std::string_view value) {
  return lower(trimmed(value.substr(0, value.find(';')))) == "application/json";
}

// JSON Pointer (RFC 6901) of where the parser is, kept through nlohmann's parse callback, so that an
// error in a value can say which one.
class JsonPosition {
 public:
  bool operator()(int, Json::parse_event_t event, Json& parsed) {
    using E = Json::parse_event_t;
    switch (event) {
      case E::object_start:
        steps_.push_back({false, "", 0});
        break;
      case E::array_start:
        steps_.push_back({true, "", 0});
        break;
      case E::key:
        if (!steps_.empty() && parsed.is_string()) steps_.back().key = parsed.get<std::string>();
        break;
      case E::object_end:
      case E::array_end:
        if (!steps_.empty()) steps_.pop_back();
        next();
        break;
      case E::value:
        next();
        break;
    }
    return true;
  }
  std::string pointer() const {
    std::string out;
    for (const auto& s : steps_) {
      out += '/';
      if (s.array) {
        out += std::to_string(s.index);
        continue;
      }
      for (char c : s.key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    }
    return out;
  }
  /// The innermost object key (the parameter key of a "set" entry, a field at the top level).
  std::string key() const {
    for (auto s = steps_.rbegin(); s != steps_.rend(); ++s)
      if (!s->array) return s->key;
    return {};
  }

 private:
  void next() {
    if (!steps_.empty() && steps_.back().array) ++steps_.back().index;
  }
  struct Step {
    bool array;
    std::string key;
    std::size_t index;
  };
  std::vector<Step> steps_;
};

// Bodies are JSON, and only JSON: a browser cannot send that content type to another site without
// asking first (CORS preflight, which this server never grants), so a page elsewhere cannot start
// runs here. Upper-case or with parameters it is still that type, for browsers as for us.
Json parseBody(const httplib::Request& req, const std::string& body) {
  const std::string type = req.get_header_value("Content-Type");
  if (!isJsonMediaType(type))
    throw ApiError(415, "send the request body as JSON with 'Content-Type: application/json'",
                   {{"content_type", type}});
  // The callback is copied by nlohmann; the copy reads and writes the position through the pointer.
  auto position = std::make_shared<JsonPosition>();
  try {
    return Json::parse(body, [position](int depth, Json::parse_event_t event, Json& parsed) {
      return (*position)(depth, event, parsed);
    });
  } catch (const Json::parse_error& e) {
    throw ApiError(400, fmt::format("the request body is not valid JSON: {}", e.what()));
  } catch (const Json::out_of_range& e) {
    // 1e400, or a whole number of 400 digits: nlohmann refuses numbers a double cannot hold
    // ("number overflow parsing '1e400'").
    const std::string what = e.what();
    const auto open = what.find("parsing '");
    const std::string number = open == std::string::npos ? "" : what.substr(open + 9, what.rfind('\'') - open - 9);
    const std::string where = position->pointer();
    Json details = {{"path", where}};
    if (!position->key().empty()) details["key"] = position->key();
    throw ApiError(400,
                   fmt::format("the number {}at {} is too large: JSON numbers here must be at most {} in magnitude",
                               number.empty() ? "" : number + " ", where.empty() ? "the top level" : where,
                               std::numeric_limits<double>::max()),
                   std::move(details));
  } catch (const Json::exception& e) {
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

  // Routes that take a body (every POST): the body is read here, bounded (readBody), and a
  // request whose body cannot be read to its end is answered and its connection closed.
  template <typename F>
  httplib::Server::HandlerWithContentReader withBody(F f) {
    return [this, f](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
      std::string body;
      try {
        body = readBody(req, res, reader, options.max_body);
      } catch (const ApiError& e) {
        sendErrorAndClose(req, res, e);
        return;
      }
      try {
        f(req, body, res);
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
  // Bodies: refused from their headers where possible (before httplib reads a byte), and, when a
  // client asks first (Expect: 100-continue), before it sends one.
  const std::size_t max_body = options.max_body;
  http.set_pre_routing_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    const auto problem = framingProblem(req, max_body);
    if (!problem) return httplib::Server::HandlerResponse::Unhandled;
    sendErrorAndClose(req, res, *problem);
    return httplib::Server::HandlerResponse::Handled;
  });
  http.set_expect_100_continue_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    const auto problem = framingProblem(req, max_body);
    if (!problem) return 100;
    sendErrorAndClose(req, res, *problem);
    return problem->status();
  });
  // Errors httplib finds itself (no route, body too large, bad request line) get a JSON body too.
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([max_body](const httplib::Request& req, httplib::Response& res) {
        // A reply made already stays as it is. One sent by a content provider (sendErrorAndClose) is
        // "Handled": after an Expect: 100-continue that is what makes httplib write its Content-Length.
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (res.has_header("Content-Type")) return httplib::Server::HandlerResponse::Handled;
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

  http.Post("/api/validate", withBody([this](const auto& req, const std::string& body, auto& res) {
              const Scenario s = resolveScenarioRequest(parseBody(req, body));
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

  http.Post("/api/runs", withBody([this](const auto& req, const std::string& text, auto& res) {
              const Json body = parseBody(req, text);
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
  http.Post(run_path + "/(pause|resume|stop)", withBody([this](const auto& req, const std::string&, auto& res) {
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

  // Any other POST: its body is read (bounded) like the others', then 404. Without a route of its
  // own httplib would read it whole first.
  http.Post(R"(/.*)", withBody([](const auto& req, const std::string&, auto&) {
              throw ApiError(404, fmt::format("no such path: {} {}", req.method, req.path));
            }));

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
