// The browser lab's HTTP server (`pilotsim serve`): the page, and the JSON API it uses, which
// scripts can use too (docs/api.md). Routes translate HTTP to the RunManager, the catalog and the
// scenario loader and back; every error leaves as a 4xx (or 5xx) with {"error": "...", ...}.
//
// The HTTP library (cpp-httplib) stays inside the implementation, so that users of this header do
// not need its headers.
#pragma once

#include "pilotsim/server/RunManager.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace pilotsim {

struct LabServerOptions {
  /// Loopback by default: the lab runs simulations for whoever can reach it.
  std::string host = "127.0.0.1";
  /// 0: any free port (bind() says which).
  int port = 8080;
  /// Serve the page from this folder instead of from memory (page development).
  std::optional<std::filesystem::path> static_dir;
  /// Largest request body accepted (413 above). Scenario TOML with every parameter is about 10 kB.
  std::size_t max_body = 1 << 20;
  /// Progress streams open at once (503 above); each holds one of the server's threads.
  int max_streams = 8;
  /// How often an open stream sends something even when nothing changed, so that a client that
  /// went away is noticed and the run is kept alive while one listens.
  std::chrono::milliseconds heartbeat{1000};
  RunLimits limits;
};

class LabServer {
 public:
  /// Throws std::runtime_error for a static folder that cannot be served.
  explicit LabServer(LabServerOptions options);
  ~LabServer();
  LabServer(const LabServer&) = delete;
  LabServer& operator=(const LabServer&) = delete;

  /// Bind the listening socket; returns the port (useful with port 0). Throws std::runtime_error if
  /// the address cannot be bound (in use, not local, ...).
  int bind();
  /// Serve until stop() (call bind() first). Returns false if the server failed.
  bool listen();
  /// Make listen() return; safe from any thread, including a signal-watching one.
  void stop();

  RunManager& runs();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pilotsim
