#include "cli/serve_commands.h"

#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "web/server.h"
#include "web/tls.h"

namespace ganreg::cli {

namespace {

// "HOST:PORT", "[::1]:PORT" or "PORT".
Status ParseListen(const std::string& listen, std::string* host, int* port) {
  std::string_view s = listen, p = s;
  if (size_t colon = s.rfind(':'); colon != std::string_view::npos) {
    std::string_view h = s.substr(0, colon);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    *host = std::string(h);
    p = s.substr(colon + 1);
  }
  auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), *port);
  if (ec != std::errc() || ptr != p.data() + p.size() || *port < 0 || *port > 65535 ||
      host->empty()) {
    return Status::InvalidArgument(
        fmt::format("--listen '{}': give HOST:PORT, e.g. 127.0.0.1:8443", listen));
  }
  return Status::Ok();
}

}  // namespace

Status EnsureCertificate(const std::string& registry_dir) {
  const auto cert = web::DefaultCertificateFile(registry_dir);
  std::error_code ec;
  if (std::filesystem::exists(cert, ec)) return Status::Ok();
  GANREG_RETURN_IF_ERROR(
      web::MakeSelfSignedCertificate(cert, web::DefaultKeyFile(registry_dir)));
  fmt::print("TLS 証明書 self-signed certificate for localhost: {}\n"
             "  (for real use give `ganreg serve` your office's certificate with --cert, --key)\n",
             cert.string());
  return Status::Ok();
}

void AddServeCommands(CLI::App& app, Globals& g, int& rc) {
  auto* serve = app.add_subcommand("serve", "serve the registry to browsers over HTTPS");
  static std::string listen = "127.0.0.1:8443", cert, key;
  static int64_t idle_minutes = 15;
  static bool quiet = false;
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8443)");
  serve->add_option("--cert", cert, "TLS certificate chain, PEM (default REGISTRY/tls/server.crt)");
  serve->add_option("--key", key, "its private key, PEM (default REGISTRY/tls/server.key)");
  serve->add_option("--idle-timeout", idle_minutes, "minutes without use before a session ends");
  serve->add_flag("--quiet", quiet, "no access log on standard output");
  serve->callback([&] {
    if (g.registry.empty()) {
      rc = Fail(Status::InvalidArgument("give --registry DIR (or GANREG_REGISTRY)"));
      return;
    }
    web::ServerOptions o;
    o.registry_dir = g.registry;
    if (Status s = ParseListen(listen, &o.host, &o.port); !s.ok()) {
      rc = Fail(s);
      return;
    }
    if (idle_minutes < 1 || idle_minutes > 24 * 60) {
      rc = Fail(Status::InvalidArgument("--idle-timeout is 1 to 1440 minutes"));
      return;
    }
    o.idle_timeout_seconds = idle_minutes * 60;
    o.cert_file = cert;
    o.key_file = key;
    if (!quiet) {
      o.access_log = [](const std::string& line) {
        std::fputs((line + "\n").c_str(), stdout);
        std::fflush(stdout);
      };
    }
    if (cert.empty() && key.empty()) {
      if (Status s = EnsureCertificate(g.registry); !s.ok()) {
        rc = Fail(s);
        return;
      }
    }
    // SIGINT and SIGTERM stop the server cleanly: blocked here, before any server thread
    // starts, and taken by one thread that waits for them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    auto server = web::Server::Create(o, Clock::System());
    if (!server.ok()) {
      rc = Fail(server.status());
      return;
    }
    auto port = (*server)->Bind();
    if (!port.ok()) {
      rc = Fail(port.status());
      return;
    }
    fmt::print("ganreg serve: {} ({})\n  止めるには Ctrl-C / stop with Ctrl-C\n", (*server)->url(),
               g.registry);
    std::fflush(stdout);
    web::Server* raw = server->get();
    std::thread waiter([&stop_signals, raw] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      raw->Stop();
    });
    Status served = (*server)->Serve();
    pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if the server stopped itself
    waiter.join();
    fmt::print("ganreg serve: stopped\n");
    rc = served.ok() ? kExitOk : Fail(served);
  });
}

}  // namespace ganreg::cli
