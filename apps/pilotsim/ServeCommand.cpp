// `pilotsim serve`: the browser lab. Starts the lab's HTTP server (pilotsim::LabServer), prints the
// address, and serves until Ctrl-C. Everything but option parsing lives in the library
// (src/server), where the tests reach it.
#include "CommandSupport.hpp"
#include "Commands.hpp"

#include "pilotsim/server/LabServer.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

namespace pilotsim::cli {
namespace {

struct ServeOptions {
  int port = 8080;
  std::string host = "127.0.0.1";
  std::string static_dir;
  int max_running = 2;
};

bool isLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int serveCommand(const ServeOptions& o) {
  LabServerOptions options;
  options.host = o.host;
  options.port = o.port;
  if (!o.static_dir.empty()) options.static_dir = o.static_dir;
  options.limits.max_running = o.max_running;
  LabServer server = [&]() -> LabServer {
    try {
      return LabServer(options);
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
  }();
  int port = 0;
  try {
    port = server.bind();
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  if (!isLoopback(o.host)) {
    fmt::print(stderr,
               "pilotsim: warning: listening on {}: anyone who can reach this address can run simulations here\n",
               o.host);
  }
  // The first line is the address, alone, so that a script (or the browser tests) can read it.
  const std::string shown = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  fmt::print("http://{}:{}/\n", shown, port);
  fmt::print("pilotsim lab (试点实验室): open the address above in a browser; Ctrl-C stops the server\n");
  std::fflush(stdout);

  // Ctrl-C only sets a flag (a signal handler can do no more); this thread turns it into stop().
  InterruptHandler interrupt_handler;
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    while (!done && !g_interrupted) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  const bool ok = server.listen();
  done = true;
  watcher.join();
  if (g_interrupted) {
    fmt::print("pilotsim lab stopped\n");
    return 0;  // Ctrl-C is how a server is meant to end
  }
  if (!ok) throw std::runtime_error(fmt::format("the server on {}:{} stopped with an error", o.host, port));
  return 0;
}

}  // namespace

CommandFn addServeCommand(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Start the browser lab: a local web page to change levers, run and compare scenarios");
  cmd->add_option("--port", o->port, "Port to listen on (0: any free port; the address is printed)")
      ->check(wholeNumberIn(0, 65535))
      ->capture_default_str();
  cmd->add_option("--host", o->host, "Address to listen on (loopback by default; others can reach any other)")
      ->capture_default_str();
  cmd->add_option("--static", o->static_dir,
                  "Serve the page from this folder instead of from memory (page development)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--max-running", o->max_running, "Runs simulated at once; more wait in a queue")
      ->check(wholeNumberIn(1, 64))
      ->capture_default_str();
  return [o] { return serveCommand(*o); };
}

}  // namespace pilotsim::cli
