// `ganreg serve` under load (issue #6): wrk (Debian's) on loopback, 50 connections, against
//   1. an authenticated, audited notification-list request (50 rows decrypted, one audit event
//      appended and committed per request), and
//   2. a static file of the same server (the client's style sheet),
// in the same run, printing requests/s and p50/p99 latency of each and their ratio.
// Usage: web_bench [SECONDS=10] [ROWS=2000] [CONNECTIONS=50] [WORKDIR=/tmp]
#include <fmt/format.h>
#include <httplib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include "app/registry.h"
#include "core/clock.h"
#include "synth/synth.h"
#include "web/server.h"
#include "web/tls.h"

namespace {
using namespace ganreg;
namespace fs = std::filesystem;

constexpr char kHeadPw[] = "Hq7#vRm2!pLx";

[[noreturn]] void Die(const std::string& what) {
  fmt::print(stderr, "web_bench: {}\n", what);
  std::exit(1);
}
void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(fmt::format("{}: {}", what, s.ToString()));
}

struct WrkFigures {
  double rps = 0, p50_ms = 0, p99_ms = 0;
  int64_t requests = 0, non_2xx = 0, errors = 0;
  // Less disturbed by other load than the rates: CPU time per request of this process (the
  // server: all its threads) and of wrk, and this process's context switches per request.
  double server_cpu_us = 0, wrk_cpu_us = 0, switches = 0;
  double load = 0;  // the 1-minute load average at the end (the machine may be shared)
};

double CpuSeconds(const rusage& u) {
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double ToMs(double value, const std::string& unit) {
  if (unit == "us") return value / 1000.0;
  if (unit == "s") return value * 1000.0;
  return value;  // ms
}

WrkFigures RunWrk(const std::string& url, const std::string& cookie, int seconds, int connections) {
  std::string cmd = fmt::format("wrk -t2 -c{} -d{}s --latency {} '{}' 2>&1", connections, seconds,
                                cookie.empty() ? "" : fmt::format("-H 'Cookie: {}'", cookie), url);
  rusage self0{}, self1{}, child0{}, child1{};
  getrusage(RUSAGE_SELF, &self0);
  getrusage(RUSAGE_CHILDREN, &child0);
  std::string out;
  {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    if (!pipe) Die("cannot run wrk (apt-get install wrk)");
    std::array<char, 4096> buf;
    while (size_t n = fread(buf.data(), 1, buf.size(), pipe.get())) out.append(buf.data(), n);
  }  // pclose waits for wrk, whose CPU time then counts among the children's
  getrusage(RUSAGE_SELF, &self1);
  getrusage(RUSAGE_CHILDREN, &child1);
  WrkFigures f;
  std::smatch m;
  if (std::regex_search(out, m, std::regex(R"(Requests/sec:\s+([0-9.]+))")))
    f.rps = std::stod(m[1]);
  if (std::regex_search(out, m, std::regex(R"(\s50%\s+([0-9.]+)(us|ms|s))"))) {
    f.p50_ms = ToMs(std::stod(m[1]), m[2]);
  }
  if (std::regex_search(out, m, std::regex(R"(\s99%\s+([0-9.]+)(us|ms|s))"))) {
    f.p99_ms = ToMs(std::stod(m[1]), m[2]);
  }
  if (std::regex_search(out, m, std::regex(R"((\d+) requests in)"))) f.requests = std::stoll(m[1]);
  if (std::regex_search(out, m, std::regex(R"(Non-2xx or 3xx responses:\s+(\d+))"))) {
    f.non_2xx = std::stoll(m[1]);
  }
  if (std::regex_search(out, m, std::regex(R"(Socket errors:.*?(\d+)\s+timeout)"))) {
    f.errors = std::stoll(m[1]);
  }
  if (f.rps == 0) Die("wrk printed no rate:\n" + out);
  if (f.requests > 0) {
    const double n = static_cast<double>(f.requests);
    f.server_cpu_us = (CpuSeconds(self1) - CpuSeconds(self0)) * 1e6 / n;
    f.wrk_cpu_us = (CpuSeconds(child1) - CpuSeconds(child0)) * 1e6 / n;
    f.switches =
        static_cast<double>(self1.ru_nvcsw + self1.ru_nivcsw - self0.ru_nvcsw - self0.ru_nivcsw) /
        n;
  }
  double load[1] = {0};
  if (getloadavg(load, 1) == 1) f.load = load[0];
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::stoi(argv[1]) : 10;
  const int rows = argc > 2 ? std::stoi(argv[2]) : 2000;
  const int connections = argc > 3 ? std::stoi(argv[3]) : 50;
  const fs::path base = argc > 4 ? fs::path(argv[4]) : fs::temp_directory_path();
  const fs::path dir = base / fmt::format("ganreg-web-bench-{}", ::getpid());
  const fs::path reg = dir / "reg";
  const Clock& clock = Clock::System();

  auto init = app::InitRegistry({reg, "模擬県がん登録室", "head1", kHeadPw, "minimum", {}}, clock);
  if (!init.ok()) Die(init.status().ToString());
  Check(web::MakeSelfSignedCertificate(web::DefaultCertificateFile(reg), web::DefaultKeyFile(reg)),
        "certificate");
  {
    auto registry = app::Registry::Open(reg, clock);
    if (!registry.ok()) Die(registry.status().ToString());
    auto head = (*registry)->Login("head1", kHeadPw);
    if (!head.ok()) Die(head.status().ToString());
    synth::NotificationOptions so;
    so.rows = static_cast<uint64_t>(rows);
    so.today = 20261125;
    so.data_dir = synth::DefaultDataDir();
    auto w = synth::WriteNotifications(so, dir / "rows.csv");
    if (!w.ok()) Die(w.status().ToString());
    auto r = (*head)->Intake({dir / "rows.csv", "1310000011", "online", {}, ""});
    if (!r.ok()) Die(r.status().ToString());
  }

  web::ServerOptions o;
  o.registry_dir = reg;
  o.port = 0;
  o.threads = connections + 8;
  o.idle_timeout_seconds = 3600;
  auto server = web::Server::Create(o, clock);
  if (!server.ok()) Die(server.status().ToString());
  auto port = (*server)->Bind();
  if (!port.ok()) Die(port.status().ToString());
  std::thread serving([&] { (void)(*server)->Serve(); });

  httplib::SSLClient client("127.0.0.1", *port);
  client.enable_server_certificate_verification(false);
  auto login =
      client.Post("/api/login", fmt::format(R"({{"user":"head1","password":"{}"}})", kHeadPw),
                  "application/json");
  if (!login || login->status != 200) Die("login failed");
  const std::string set = login->get_header_value("Set-Cookie");
  const std::string cookie = set.substr(0, set.find(';'));
  const std::string origin = fmt::format("https://127.0.0.1:{}", *port);

  fmt::print("web_bench: {} rows, {} connections, {} s each, wrk -t2 on loopback (TLS)\n", rows,
             connections, seconds);
  const web::Server::Stats before = (*server)->stats();
  WrkFigures api = RunWrk(origin + "/api/notifications?limit=50", cookie, seconds, connections);
  const web::Server::Stats after = (*server)->stats();
  const int64_t jobs = after.jobs - before.jobs;
  const double cpu_us = jobs ? (after.cpu_seconds - before.cpu_seconds) * 1e6 / jobs : 0;
  const double busy_us = jobs ? (after.busy_seconds - before.busy_seconds) * 1e6 / jobs : 0;
  const double group =
      after.groups > before.groups ? static_cast<double>(jobs) / (after.groups - before.groups) : 0;
  WrkFigures stat = RunWrk(origin + "/static/app.css", "", seconds, connections);
  (*server)->Stop();
  serving.join();
  std::error_code ec;
  fs::remove_all(dir, ec);

  const double ratio = stat.rps > 0 ? api.rps / stat.rps : 0;
  fmt::print(
      "  authenticated notification list (50 rows, audited): {:>9.0f} req/s  p50 {:.2f} ms  "
      "p99 {:.2f} ms  ({} requests, non-2xx {})\n",
      api.rps, api.p50_ms, api.p99_ms, api.requests, api.non_2xx);
  fmt::print(
      "  static file (app.css):                              {:>9.0f} req/s  p50 {:.2f} ms  "
      "p99 {:.2f} ms  ({} requests, non-2xx {})\n",
      stat.rps, stat.p50_ms, stat.p99_ms, stat.requests, stat.non_2xx);
  fmt::print(
      "  per request: server process {:.0f} µs CPU (static {:.0f}), wrk {:.0f} µs CPU (static "
      "{:.0f}), {:.1f} context switches (static {:.1f}); load average {:.1f} / {:.1f}\n",
      api.server_cpu_us, stat.server_cpu_us, api.wrk_cpu_us, stat.wrk_cpu_us, api.switches,
      stat.switches, api.load, stat.load);
  fmt::print("  ratio {:.2f} (goal ≥ 0.25), authenticated p99 {:.1f} ms (goal < 50 ms)\n", ratio,
             api.p99_ms);
  fmt::print(
      "  executor (the one thread that runs use cases): {:.0f} µs CPU and {:.0f} µs wall per "
      "request, {:.1f} requests per group commit\n",
      cpu_us, busy_us, group);
  fmt::print(
      "{{\"bench\":\"web\",\"connections\":{},\"seconds\":{},\"rows\":{},"
      "\"api_rps\":{:.1f},\"api_p50_ms\":{:.3f},\"api_p99_ms\":{:.3f},\"api_non_2xx\":{},"
      "\"static_rps\":{:.1f},\"static_p50_ms\":{:.3f},\"static_p99_ms\":{:.3f},"
      "\"static_non_2xx\":{},\"ratio\":{:.3f},\"executor_cpu_us_per_request\":{:.1f},"
      "\"executor_wall_us_per_request\":{:.1f},\"requests_per_group\":{:.1f},"
      "\"api_server_cpu_us_per_request\":{:.1f},\"static_server_cpu_us_per_request\":{:.1f},"
      "\"api_wrk_cpu_us_per_request\":{:.1f},\"static_wrk_cpu_us_per_request\":{:.1f},"
      "\"api_switches_per_request\":{:.2f},\"static_switches_per_request\":{:.2f},"
      "\"api_load\":{:.2f},\"static_load\":{:.2f}}}\n",
      connections, seconds, rows, api.rps, api.p50_ms, api.p99_ms, api.non_2xx, stat.rps,
      stat.p50_ms, stat.p99_ms, stat.non_2xx, ratio, cpu_us, busy_us, group, api.server_cpu_us,
      stat.server_cpu_us, api.wrk_cpu_us, stat.wrk_cpu_us, api.switches, stat.switches, api.load,
      stat.load);
  return 0;
}
