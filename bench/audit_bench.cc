// `audit verify` speed: builds a chain of N events in a real store, then verifies it, and prints
// events/s next to the bare BLAKE2b rate over the same bodies (the hash work alone).
// Usage: audit_bench [EVENTS=1000000] [WORKDIR=/tmp]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace {
using namespace ganreg;
namespace fs = std::filesystem;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

[[noreturn]] void Die(const Status& s) {
  fmt::print(stderr, "audit_bench: {}\n", s.ToString());
  std::exit(1);
}
}  // namespace

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::stoll(argv[1]) : 1'000'000;
  const fs::path base = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path();
  const fs::path dir = base / fmt::format("ganreg-audit-bench-{}", ::getpid());
  fs::create_directories(dir);
  if (Status s = crypto::Init(); !s.ok()) Die(s);
  auto db = store::Database::Open(dir / "audit.db", {.create = true});
  if (!db.ok()) Die(db.status());

  auto t0 = std::chrono::steady_clock::now();
  if (Status s = (*db)->Begin(); !s.ok()) Die(s);
  for (int64_t i = 0; i < n; ++i) {
    audit::Event e{0, 1795600000 + i, "staff1", "task-staff", "notification.show",
                   fmt::format("key:{}", 1000000000000000 + i), audit::Outcome::kDone, ""};
    if (auto r = audit::Append(**db, e); !r.ok()) Die(r.status());
  }
  if (Status s = (*db)->Commit(); !s.ok()) Die(s);
  const double append_secs = Seconds(t0);

  auto keys = crypto::SignKeyPair::Generate();
  t0 = std::chrono::steady_clock::now();
  auto report = audit::Verify(**db, keys.public_key, "bench", {});
  const double verify_secs = Seconds(t0);
  if (!report.ok()) Die(report.status());
  if (!report->intact || report->events != n) Die(Status::Internal("chain did not verify"));

  // The hash work alone, over the same bodies held in memory.
  std::vector<std::string> bodies;
  bodies.reserve(static_cast<size_t>(n));
  if (Status s = (*db)->ScanAudit([&](int64_t, std::string_view body, std::string_view) {
        bodies.emplace_back(body);
        return Status::Ok();
      }); !s.ok()) {
    Die(s);
  }
  std::string prev(32, '\0');
  unsigned char h[32];
  t0 = std::chrono::steady_clock::now();
  for (const auto& b : bodies) {
    crypto::Blake2bPair(prev, b, h);
    prev.assign(reinterpret_cast<char*>(h), 32);
  }
  const double hash_secs = Seconds(t0);

  const double verify_rate = static_cast<double>(n) / verify_secs;
  const double hash_rate = static_cast<double>(n) / hash_secs;
  const double append_rate = static_cast<double>(n) / append_secs;
  fmt::print("events               {}\n", n);
  fmt::print("append (1 txn)       {:.0f} events/s\n", append_rate);
  fmt::print("audit verify         {:.0f} events/s ({:.2f} s; goal >= 1,000,000/s)\n", verify_rate,
             verify_secs);
  fmt::print("hash work alone      {:.0f} events/s\n", hash_rate);
  fmt::print("{{\"bench\":\"audit\",\"events\":{},\"append_events_per_s\":{:.0f},"
             "\"verify_events_per_s\":{:.0f},\"hash_only_events_per_s\":{:.0f}}}\n",
             n, append_rate, verify_rate, hash_rate);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
