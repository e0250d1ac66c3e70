// Transfer-package data path against the usual tools, on one file of random bytes, in one run:
// ganreg pack/unpack (WritePackage / ReadPart) next to age, gpg --symmetric, 7z AES-256 and
// openssl enc, each to /dev/null (CPU-bound) and file to file (against cp as the I/O floor), and
// `openssl speed -evp aes-256-gcm` as the per-core limit. Peers missing on the machine are
// reported as such (scripts/bench.sh installs them: age gnupg p7zip-full openssl).
// ganreg and age are measured REPEAT times, interleaved, and the medians reported (the machine may
// be shared); ganreg also with its worker threads off (one core). "→null" for ganreg is the data
// path alone (PartSealer / PartOpener, as WritePackage and ReadPart use them) to /dev/null.
// Besides wall time it reports throughput per CPU-second (user + system time of ganreg's threads,
// or of the age child), which a busy machine disturbs much less: what one dedicated core does.
// Usage: transfer_bench [MIB=1024] [WORKDIR=/tmp] [REPEAT=3] [PEERS=1 (0: ganreg only, to profile)]
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "crypto/crypto.h"
#include "transfer/internal/chunk_pipeline.h"
#include "transfer/internal/format.h"
#include "transfer/package.h"

namespace {
using namespace ganreg;
namespace fs = std::filesystem;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

[[noreturn]] void Die(const Status& s) {
  fmt::print(stderr, "transfer_bench: {}\n", s.ToString());
  std::exit(1);
}

bool Have(const char* tool) {
  return std::system(fmt::format("command -v {} >/dev/null 2>&1", tool).c_str()) == 0;
}

// Runs a shell command and returns its wall time, or -1 if it failed.
double Time(const std::string& cmd) {
  auto t0 = std::chrono::steady_clock::now();
  int rc = std::system(cmd.c_str());
  double s = Seconds(t0);
  return rc == 0 ? s : -1;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

// User + system CPU seconds so far of this process (all threads) or of its waited-for children.
double CpuSeconds(bool children) {
  rusage u{};
  getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

// Runs `f` and returns its wall seconds; adds its CPU seconds (self or children) to `cpu`.
template <typename F>
double Measure(bool children, std::vector<double>* cpu, F&& f) {
  const double c0 = CpuSeconds(children);
  auto t0 = std::chrono::steady_clock::now();
  f();
  const double wall = Seconds(t0);
  cpu->push_back(CpuSeconds(children) - c0);
  return wall;
}

double PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

struct Row {
  std::string name;
  double enc_null = -1, dec_null = -1, enc_file = -1, dec_file = -1;
};

double Median(std::vector<double> v) {
  std::erase_if(v, [](double x) { return x < 0; });
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The sealing data path alone: `input` read straight into the chunk buffers, sealed, hashed and
// written to /dev/null, with `threads` workers (0 = one core).
double SealToNull(const fs::path& input, int threads) {
  const int fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (fd < 0) Die(Status::Unavailable("/dev/null"));
  transfer::internal::ChunkStreamConfig c;
  c.fd = fd;
  c.file_name = "/dev/null";
  c.part_name = "data";
  c.chunk_bytes = transfer::internal::kDefaultChunkBytes;
  c.nonce_prefix = crypto::RandomBytes(transfer::internal::kNoncePrefixBytes);
  c.aad = transfer::internal::ChunkAad(crypto::RandomBytes(16), 0);
  const crypto::SecretBytes key = crypto::SecretBytes::Random(32);
  transfer::PartSource src = transfer::FilePart("data", input, {});
  auto t0 = std::chrono::steady_clock::now();
  auto sealer = transfer::internal::PartSealer::Create(std::move(c), key, threads);
  if (!sealer.ok()) Die(sealer.status());
  Status s = (*sealer)->ReadFrom(src.read);
  if (s.ok()) s = (*sealer)->Finish();
  if (!s.ok()) Die(s);
  (void)(*sealer)->Digest();
  sealer->reset();
  const double t = Seconds(t0);
  ::close(fd);
  return t;
}
}  // namespace

int main(int argc, char** argv) {
  const uint64_t mib = argc > 1 ? std::stoull(argv[1]) : 1024;
  const fs::path base = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path();
  const int repeat = argc > 3 ? std::max(1, std::stoi(argv[3])) : 3;
  const bool with_peers = argc > 4 ? std::stoi(argv[4]) != 0 : true;
  const fs::path dir = base / fmt::format("ganreg-transfer-bench-{}", ::getpid());
  fs::create_directories(dir);
  if (Status s = crypto::Init(); !s.ok()) Die(s);
  const double gb = static_cast<double>(mib) / 1024.0 * 1.073741824;  // GB (10^9 bytes)
  const fs::path input = dir / "input.bin";
  fmt::print("writing {} MiB of random bytes…\n", mib);
  if (Time(fmt::format("head -c {}M /dev/urandom > {}", mib, input.string())) < 0) {
    Die(Status::Unavailable("cannot write the input"));
  }
  const std::string in = input.string(), d = dir.string();
  const std::string pass = "Kq7#vRm2!pLz";  // not containing the key name
  std::ofstream(dir / "pass.txt") << pass << "\n";
  const bool have_age = with_peers && Have("age");
  std::string age_pub;
  if (have_age) {
    Time(fmt::format("age-keygen -o {0}/age.key 2>/dev/null", d));
    age_pub = fmt::format("$(age-keygen -y {0}/age.key)", d);
  }

  // ganreg: the data path only (sign key and recipient made here, no registry).
  auto recipient = crypto::BoxKeyPair::Generate();
  if (Status s = transfer::WriteKeyPair(dir / "sender", "sender-org", pass); !s.ok()) Die(s);
  auto signer = transfer::ReadSecretKey(dir / "sender.key", pass);
  if (!signer.ok()) Die(signer.status());
  transfer::PublicKey to{"bench-recipient", recipient.public_key, signer->public_key.sign_key};
  const fs::path ram = fs::exists("/dev/shm") ? fs::path("/dev/shm") : dir;
  std::vector<double> g_enc, g_dec, g_enc1, g_dec1, g_encf, g_decf, g_ram, a_enc, a_dec, a_encf,
      a_decf, cps, cps_sync, c_enc, c_dec, c_enc1, c_dec1, c_aenc, c_adec;
  for (int rep = 0; rep < repeat; ++rep) {
    fmt::print("round {}/{}…\n", rep + 1, repeat);
    g_enc.push_back(Measure(false, &c_enc, [&] {
      SealToNull(input, transfer::internal::WorkerThreads());
    }));
    g_enc1.push_back(Measure(false, &c_enc1, [&] { SealToNull(input, 0); }));
    const fs::path pkg = dir / fmt::format("out{}.grp", rep);
    auto t0 = std::chrono::steady_clock::now();
    auto m = transfer::WritePackage("bench", 1, 86400, {transfer::FilePart("data", input, {to})},
                                    *signer, pkg);
    if (!m.ok()) Die(m.status());
    g_encf.push_back(Seconds(t0));
    auto reader = transfer::PackageReader::Open(pkg);
    if (!reader.ok()) Die(reader.status());
    auto nowhere = [](std::string_view) { return Status::Ok(); };
    Status s;
    g_dec.push_back(Measure(false, &c_dec, [&] {
      s = (*reader)->ReadPart("data", recipient.public_key, recipient.secret_key, nowhere);
    }));
    if (!s.ok()) Die(s);
    {
      transfer::internal::ScopedWorkerThreads one_core(0);
      g_dec1.push_back(Measure(false, &c_dec1, [&] {
        s = (*reader)->ReadPart("data", recipient.public_key, recipient.secret_key, nowhere);
      }));
      if (!s.ok()) Die(s);
    }
    const int out_fd = ::open((dir / "out.dec").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                              0600);
    t0 = std::chrono::steady_clock::now();
    s = (*reader)->ReadPart("data", recipient.public_key, recipient.secret_key,
                            [&](std::string_view c) {
                              return ::write(out_fd, c.data(), c.size()) ==
                                             static_cast<ssize_t>(c.size())
                                         ? Status::Ok()
                                         : Status::Unavailable("write");
                            });
    ::close(out_fd);
    g_decf.push_back(Seconds(t0));
    if (!s.ok()) Die(s);
    reader->reset();
    fs::remove(pkg);
    // Into RAM (/dev/shm) through the whole writer, as before the data-path figure existed.
    const fs::path ram_out = ram / fmt::format("ganreg-bench-{}.grp", ::getpid());
    t0 = std::chrono::steady_clock::now();
    auto m2 = transfer::WritePackage("bench", 1, 86400, {transfer::FilePart("data", input, {to})},
                                     *signer, ram_out);
    g_ram.push_back(Seconds(t0));
    if (!m2.ok()) Die(m2.status());
    fs::remove(ram_out);
    if (have_age) {
      a_enc.push_back(Measure(true, &c_aenc, [&] {
        Time(fmt::format("age -r {} {} > /dev/null", age_pub, in));
      }));
      a_encf.push_back(Time(fmt::format("age -r {} -o {}/x.age {}", age_pub, d, in)));
      a_dec.push_back(Measure(true, &c_adec, [&] {
        Time(fmt::format("age -d -i {0}/age.key {0}/x.age > /dev/null", d));
      }));
      a_decf.push_back(Time(fmt::format("rm -f {0}/x.dec; age -d -i {0}/age.key -o {0}/x.dec {0}/x.age", d)));
    }
    if (with_peers) {
      cps.push_back(Time(fmt::format("rm -f {0}/x.cp; cp {1} {0}/x.cp", d, in)));
      // A package is fsynced before it is renamed into place; cp followed by sync of the copy is
      // the floor for that.
      cps_sync.push_back(
          Time(fmt::format("rm -f {0}/x.cp; cp {1} {0}/x.cp && sync {0}/x.cp", d, in)));
    }
  }
  Row ganreg{"ganreg", Median(g_enc), Median(g_dec), Median(g_encf), Median(g_decf)};
  Row ganreg1{"ganreg 1 core", Median(g_enc1), Median(g_dec1), -1, -1};
  const double ganreg_rss = PeakRssMiB();

  std::vector<Row> peers;
  if (have_age) peers.push_back({"age", Median(a_enc), Median(a_dec), Median(a_encf), Median(a_decf)});
  // The other peers once (slower; for context).
  if (with_peers && Have("gpg")) {
    std::string g = fmt::format("gpg --batch --yes --quiet --homedir {0} --pinentry-mode loopback "
                                "--passphrase-file {0}/pass.txt --cipher-algo AES256 "
                                "--compress-algo none", d);
    Row r{"gpg --symmetric"};
    r.enc_null = Time(fmt::format("{} --symmetric -o - {} > /dev/null", g, in));
    r.enc_file = Time(fmt::format("{} --symmetric -o {}/x.gpg {}", g, d, in));
    r.dec_null = Time(fmt::format("{} -d {}/x.gpg > /dev/null", g, d));
    r.dec_file = Time(fmt::format("{0} -d -o {1}/x.dec {1}/x.gpg", g, d));
    peers.push_back(r);
  }
  if (with_peers && Have("7z")) {
    Row r{"7z AES-256"};
    r.enc_file = Time(fmt::format("7z a -bso0 -bsp0 -mx=0 -p{} {}/x.7z {}", pass, d, in));
    r.dec_null = Time(fmt::format("7z e -bso0 -bsp0 -so -p{} {}/x.7z > /dev/null", pass, d));
    peers.push_back(r);
  }
  if (with_peers && Have("openssl")) {
    Row r{"openssl enc"};
    std::string o = fmt::format("openssl enc -aes-256-ctr -pbkdf2 -pass pass:{}", pass);
    r.enc_null = Time(fmt::format("{} -in {} > /dev/null", o, in));
    r.enc_file = Time(fmt::format("{} -in {} -out {}/x.ossl", o, in, d));
    r.dec_null = Time(fmt::format("{} -d -in {}/x.ossl > /dev/null", o, d));
    r.dec_file = Time(fmt::format("{0} -d -in {1}/x.ossl -out {1}/x.dec", o, d));
    peers.push_back(r);
  }
  const double cp = Median(cps), cp_sync = Median(cps_sync);
  double gcm_gbps = -1;
  if (Have("openssl")) {
    std::string out = (dir / "speed.txt").string();
    Time(fmt::format("openssl speed -evp aes-256-gcm -bytes 16384 -seconds 2 2>/dev/null | "
                     "tail -1 > {}", out));
    std::ifstream s(out);
    std::string line;
    std::getline(s, line);
    auto k = line.rfind(' ');
    if (k != std::string::npos) {
      std::string v = line.substr(k + 1);
      if (!v.empty() && v.back() == 'k') v.pop_back();
      try {
        gcm_gbps = std::stod(v) * 1000.0 / 1e9;
      } catch (...) {
      }
    }
  }

  auto rate = [&](double s) { return s > 0 ? gb / s : -1; };
  fmt::print("{} MiB; GB/s (higher is better), medians of {} for ganreg, age and cp; file-to-file "
             "also as a multiple of cp's time; load average now: {}\n",
             mib, repeat, LoadAverage());
  fmt::print("{:<16} {:>10} {:>10} {:>10} {:>10}\n", "", "enc→null", "dec→null", "enc file", "dec file");
  for (const Row& r : std::vector<Row>{ganreg, ganreg1}) {
    fmt::print("{:<16} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f}\n", r.name, rate(r.enc_null),
               rate(r.dec_null), rate(r.enc_file), rate(r.dec_file));
  }
  for (const Row& r : peers) {
    fmt::print("{:<16} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f}\n", r.name, rate(r.enc_null),
               rate(r.dec_null), rate(r.enc_file), rate(r.dec_file));
  }
  fmt::print("cp (I/O floor)   {:.2f} GB/s; ganreg enc file = {:.2f}× cp, dec file = {:.2f}× cp\n",
             rate(cp), ganreg.enc_file / cp, ganreg.dec_file / cp);
  fmt::print("cp + sync (floor of a durable write) {:.2f} GB/s; ganreg enc file = {:.2f}× that\n",
             rate(cp_sync), ganreg.enc_file / cp_sync);
  fmt::print("openssl speed aes-256-gcm (one core): {:.2f} GB/s\n", gcm_gbps);
  fmt::print("peak RSS of the ganreg part: {:.1f} MiB\n", ganreg_rss);
  fmt::print("ganreg enc into RAM (/dev/shm, whole writer): {:.2f} GB/s\n", rate(Median(g_ram)));
  // Per CPU-second: what one dedicated core achieves, whatever else the machine runs.
  const double ge = rate(Median(c_enc)), gd = rate(Median(c_dec)), ge1 = rate(Median(c_enc1)),
               gd1 = rate(Median(c_dec1)), ae = rate(Median(c_aenc)), ad = rate(Median(c_adec));
  fmt::print("per CPU-second (GB/s of one dedicated core): ganreg enc {:.2f} (1 core {:.2f}), dec "
             "{:.2f} (1 core {:.2f}); age enc {:.2f}, dec {:.2f}\n",
             ge, ge1, gd, gd1, ae, ad);
  double age_enc = -1, age_dec = -1;
  for (const Row& r : peers) {
    if (r.name == "age") {
      age_enc = rate(r.enc_null);
      age_dec = rate(r.dec_null);
    }
  }
  fmt::print("{{\"bench\":\"transfer\",\"mib\":{},\"repeat\":{},\"load\":\"{}\","
             "\"ganreg_enc_gbps\":{:.3f},\"ganreg_dec_gbps\":{:.3f},"
             "\"ganreg_enc_1core_gbps\":{:.3f},\"ganreg_dec_1core_gbps\":{:.3f},"
             "\"ganreg_enc_ram_gbps\":{:.3f},\"ganreg_enc_cpu_gbps\":{:.3f},"
             "\"ganreg_dec_cpu_gbps\":{:.3f},\"ganreg_enc_1core_cpu_gbps\":{:.3f},"
             "\"ganreg_dec_1core_cpu_gbps\":{:.3f},\"age_enc_cpu_gbps\":{:.3f},"
             "\"age_dec_cpu_gbps\":{:.3f},"
             "\"ganreg_enc_file_gbps\":{:.3f},\"ganreg_dec_file_gbps\":{:.3f},\"age_enc_gbps\":{:.3f},"
             "\"age_dec_gbps\":{:.3f},\"cp_gbps\":{:.3f},\"enc_file_vs_cp\":{:.2f},"
             "\"dec_file_vs_cp\":{:.2f},\"cp_sync_gbps\":{:.3f},\"enc_file_vs_cp_sync\":{:.2f},"
             "\"aes256gcm_core_gbps\":{:.3f},"
             "\"peak_rss_mib\":{:.1f}}}\n",
             mib, repeat, LoadAverage(), rate(ganreg.enc_null), rate(ganreg.dec_null),
             rate(ganreg1.enc_null), rate(ganreg1.dec_null), rate(Median(g_ram)), ge, gd, ge1, gd1,
             ae, ad,
             rate(ganreg.enc_file), rate(ganreg.dec_file), age_enc, age_dec, rate(cp),
             ganreg.enc_file / cp, ganreg.dec_file / cp, rate(cp_sync), ganreg.enc_file / cp_sync,
             gcm_gbps, ganreg_rss);
  // gpg started an agent for its home folder (the work folder); stop it first, or its socket
  // vanishing under remove_all stops the clean-up halfway and leaves gigabytes behind.
  if (with_peers && Have("gpgconf")) {
    Time(fmt::format("gpgconf --homedir {} --kill gpg-agent 2>/dev/null", d));
  }
  std::error_code ec;
  for (int attempt = 0; attempt < 3 && fs::exists(dir); ++attempt) fs::remove_all(dir, ec);
  if (fs::exists(dir)) fmt::print(stderr, "transfer_bench: could not remove {}\n", d);
  return 0;
}
