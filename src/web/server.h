// `ganreg serve`: the registry's use cases over HTTPS for the browser client and for scripts.
// Every /api/ route calls the one door (app::Session), so the web has exactly the CLI's
// permission checks and audit trail. docs/web.md describes the security measures and
// docs/openapi.yaml the routes.
//
//   web::ServerOptions o{.registry_dir = dir, .port = 8443};
//   auto server = web::Server::Create(o, Clock::System());
//   (*server)->Bind();      // the port, also when 0 asked for any free one
//   (*server)->Serve();     // until Stop() from another thread
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace ganreg::web {

struct ServerOptions {
  std::filesystem::path registry_dir;
  std::string host = "127.0.0.1";
  int port = 8443;                      // 0: any free port (Bind() tells which)
  std::filesystem::path cert_file;      // default: DIR/tls/server.crt (made by init)
  std::filesystem::path key_file;       // default: DIR/tls/server.key
  int64_t idle_timeout_seconds = 15 * 60;      // a session unused this long is ended
  int64_t max_session_seconds = 10 * 60 * 60;  // and every session after a working day
  size_t max_upload_bytes = size_t{512} << 20;  // a notification file or package
  size_t max_json_bytes = size_t{64} << 10;     // any other request body
  int login_attempts_per_minute = 10;           // per client address; more get 429
  int threads = 64;                             // connections served at once (keep-alive)
  // One line per request (time, client, method, path without query, status, user, ms).
  // Never personal data: paths carry key numbers and ids only. Default: none.
  std::function<void(const std::string&)> access_log;
};

class Server {
 public:
  // kNotFound if the registry folder is not a registry; kUnavailable if the certificate or
  // its key cannot be read.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options, const Clock& clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port. kUnavailable if the address is taken.
  Result<int> Bind();
  // Serves until Stop(). Call Bind() first.
  Status Serve();
  // Stops serving (from any thread); Serve() returns.
  void Stop();
  // "https://HOST:PORT/"
  std::string url() const;

  // What the executor (the one thread that runs use cases) did so far: for benchmarks.
  struct Stats {
    int64_t jobs = 0;          // requests that reached the app layer
    int64_t groups = 0;        // group commits (one store transaction, one sync each)
    double cpu_seconds = 0;    // the executor thread's CPU time
    double busy_seconds = 0;   // wall time spent running jobs and committing
    int64_t sessions = 0;      // live sessions after the last sweep of expired ones
  };
  Stats stats() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ganreg::web
