// Intake throughput: N synthetic rows through the real intake use case (parse, validate, split,
// encrypt, store, audit) next to a bare SQLite insert of N rows of the same size, same run.
// Both are measured REPEAT times, interleaved (bare, intake, bare, intake, …), each intake on a
// file of its own, and the medians are reported, so that load from other processes on the
// machine falls on both figures alike.
// Usage: intake_bench [ROWS=1000000] [WORKDIR=/tmp] [REPEAT=3]
#include <malloc.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/registry.h"
#include "crypto/crypto.h"
#include "store/database.h"
#include "synth/synth.h"

namespace {
using namespace ganreg;
namespace fs = std::filesystem;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// CPU time of the whole process (all threads, user + system), in seconds.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

// Wall and CPU seconds of one measured run.
struct Timing {
  double wall = 0, cpu = 0;
};

// Peak resident memory since the last ResetPeakRss (Linux: VmHWM, reset through
// /proc/self/clear_refs), so that each intake is measured on its own and the bare insert's page
// cache is not counted; the whole process's peak where that is not available.
void ResetPeakRss() {
  if (FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
    std::fputs("5", f);
    std::fclose(f);
  }
}
double PeakRssMiB() {
  if (FILE* f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f) != nullptr) {
      if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    }
    std::fclose(f);
    if (kib >= 0) return static_cast<double>(kib) / 1024.0;
  }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

[[noreturn]] void Die(const Status& s) {
  fmt::print(stderr, "intake_bench: {}\n", s.ToString());
  std::exit(1);
}

fs::path MakeFile(const fs::path& dir, uint64_t rows, uint64_t seed) {
  synth::NotificationOptions o;
  o.rows = rows;
  o.seed = seed;
  o.today = JapanDate(Clock::System().NowSeconds());
  o.data_dir = synth::DefaultDataDir();
  fs::path p = dir / fmt::format("bench-{}-{}.csv", rows, seed);
  auto r = synth::WriteNotifications(o, p);
  if (!r.ok()) Die(r.status());
  return p;
}

Timing TimeIntake(app::Session& s, const fs::path& file, uint64_t rows) {
  const double cpu0 = CpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  auto r = s.Intake({file, "1310000001", "online", std::nullopt, ""});
  Timing t{Seconds(t0), CpuSeconds() - cpu0};
  if (!r.ok()) Die(r.status());
  if (r->rows_accepted != static_cast<int64_t>(rows)) {
    Die(Status::Internal(fmt::format("accepted {} of {} rows (duplicate={} rejected={} {})",
                                     r->rows_accepted, rows, r->duplicate, r->rejected, r->reason)));
  }
  return t;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

Timing TimeBareInsert(const fs::path& dir, uint64_t rows, size_t row_bytes) {
  std::error_code ec;
  for (const char* f : {"baseline.db", "baseline.db-wal", "baseline.db-shm"}) fs::remove(dir / f, ec);
  auto db = store::Database::Open(dir / "baseline.db", {.create = true});
  if (!db.ok()) Die(db.status());
  if (Status s = (*db)->CreateBaselineTable(); !s.ok()) Die(s);
  std::string payload = crypto::RandomBytes(row_bytes);
  const double cpu0 = CpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  if (Status s = (*db)->Begin(); !s.ok()) Die(s);
  for (uint64_t i = 1; i <= rows; ++i) {
    payload[i % payload.size()] = static_cast<char>(i);
    if (Status s = (*db)->InsertBaselineRow(static_cast<int64_t>(i), payload); !s.ok()) Die(s);
  }
  if (Status s = (*db)->Commit(); !s.ok()) Die(s);
  return {Seconds(t0), CpuSeconds() - cpu0};
}
}  // namespace

int main(int argc, char** argv) {
  const uint64_t rows = argc > 1 ? std::stoull(argv[1]) : 1'000'000;
  const fs::path base = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path();
  const int repeat = argc > 3 ? std::max(1, std::stoi(argv[3])) : 3;
  const fs::path dir = base / fmt::format("ganreg-intake-bench-{}", ::getpid());
  fs::create_directories(dir);
  if (Status s = crypto::Init(); !s.ok()) Die(s);

  fmt::print("generating {} + {} × {} synthetic rows…\n", rows / 10, repeat, rows);
  fs::path small = MakeFile(dir, rows / 10, 1);
  std::vector<fs::path> large;
  for (int i = 0; i < repeat; ++i) large.push_back(MakeFile(dir, rows, 2 + static_cast<uint64_t>(i)));
  const size_t row_bytes = fs::file_size(large.front()) / rows;

  auto init = app::InitRegistry({dir / "reg", "ベンチ県がん登録室", "head1", "Hq7#vRm2!pLx",
                                 "minimum", {}}, Clock::System());
  if (!init.ok()) Die(init.status());
  auto reg = app::Registry::Open(dir / "reg", Clock::System());
  if (!reg.ok()) Die(reg.status());
  auto session = (*reg)->Login("head1", "Hq7#vRm2!pLx");
  if (!session.ok()) Die(session.status());

  ResetPeakRss();
  double small_secs = TimeIntake(**session, small, rows / 10).wall;
  double rss_small = PeakRssMiB();
  double rss_large = 0;
  std::vector<double> intake_secs, bare_secs, intake_cpu, bare_cpu;
  for (int i = 0; i < repeat; ++i) {
    Timing b = TimeBareInsert(dir, rows, row_bytes);
    malloc_trim(0);  // the closed baseline store's page cache goes back to the system
    ResetPeakRss();
    Timing t = TimeIntake(**session, large[i], rows);
    rss_large = std::max(rss_large, PeakRssMiB());
    bare_secs.push_back(b.wall);
    bare_cpu.push_back(b.cpu);
    intake_secs.push_back(t.wall);
    intake_cpu.push_back(t.cpu);
  }

  const double secs = Median(intake_secs);
  const double intake_rate = static_cast<double>(rows) / secs;
  const double bare_rate = static_cast<double>(rows) / Median(bare_secs);
  fmt::print("rows                 {} (median of {} runs each, interleaved)\n", rows, repeat);
  fmt::print("row size             {} bytes (CSV, UTF-8)\n", row_bytes);
  fmt::print("intake               {:.0f} rows/s ({:.2f} s; {} rows: {:.0f} rows/s)\n", intake_rate,
             secs, rows / 10, static_cast<double>(rows / 10) / small_secs);
  fmt::print("bare SQLite insert   {:.0f} rows/s ({:.2f} s)\n", bare_rate, Median(bare_secs));
  fmt::print("ratio                {:.2f} (goal >= 0.50)\n", intake_rate / bare_rate);
  // CPU per row (all threads): what the work costs, less sensitive than wall time to other
  // load on the machine; intake runs on up to three threads, the bare insert on one.
  const double intake_cpu_us = Median(intake_cpu) * 1e6 / static_cast<double>(rows);
  const double bare_cpu_us = Median(bare_cpu) * 1e6 / static_cast<double>(rows);
  fmt::print("CPU per row          intake {:.2f} µs (all threads), bare insert {:.2f} µs\n",
             intake_cpu_us, bare_cpu_us);
  fmt::print("peak RSS of intake   {:.1f} MiB for {} rows, {:.1f} MiB for {} rows (SQLite page "
             "cache up to {} MiB of it)\n",
             rss_small, rows / 10, rss_large, rows, store::Database::Options{}.cache_mebibytes);
  fmt::print("{{\"bench\":\"intake\",\"rows\":{},\"repeat\":{},\"row_bytes\":{},"
             "\"intake_rows_per_s\":{:.0f},\"bare_insert_rows_per_s\":{:.0f},\"ratio\":{:.3f},"
             "\"intake_cpu_us_per_row\":{:.3f},\"bare_cpu_us_per_row\":{:.3f},"
             "\"peak_rss_mib_small\":{:.1f},\"peak_rss_mib\":{:.1f}}}\n",
             rows, repeat, row_bytes, intake_rate, bare_rate, intake_rate / bare_rate, intake_cpu_us,
             bare_cpu_us, rss_small, rss_large);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
