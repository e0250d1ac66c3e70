// Transfer-package data path against the usual tools, on one file of random bytes, in one run:
// ganreg pack/unpack (WritePackage / ReadPart) next to age, gpg --symmetric, 7z AES-256 and
// openssl enc, each to /dev/null (CPU-bound) and file to file (against cp as the I/O floor), and
// `openssl speed -evp aes-256-gcm` as the per-core limit. Peers missing on the machine are
// reported as such (scripts/bench.sh installs them: age gnupg p7zip-full openssl).
// Usage: transfer_bench [MIB=1024] [WORKDIR=/tmp]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "crypto/crypto.h"
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

double PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

struct Row {
  std::string name;
  double enc_null = -1, dec_null = -1, enc_file = -1, dec_file = -1;
};
}  // namespace

int main(int argc, char** argv) {
  const uint64_t mib = argc > 1 ? std::stoull(argv[1]) : 1024;
  const fs::path base = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path();
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

  // ganreg: the data path only (sign key and recipient made here, no registry).
  auto recipient = crypto::BoxKeyPair::Generate();
  if (Status s = transfer::WriteKeyPair(dir / "sender", "sender-org", pass); !s.ok()) Die(s);
  auto signer = transfer::ReadSecretKey(dir / "sender.key", pass);
  if (!signer.ok()) Die(signer.status());
  transfer::PublicKey to{"bench-recipient", recipient.public_key, signer->public_key.sign_key};
  Row ganreg{"ganreg"};
  {
    auto t0 = std::chrono::steady_clock::now();
    auto m = transfer::WritePackage("bench", 1, 86400, {transfer::FilePart("data", input, {to})},
                                    *signer, dir / "out.grp");
    if (!m.ok()) Die(m.status());
    ganreg.enc_file = Seconds(t0);
    auto reader = transfer::PackageReader::Open(dir / "out.grp");
    if (!reader.ok()) Die(reader.status());
    t0 = std::chrono::steady_clock::now();
    Status s = (*reader)->ReadPart("data", recipient.public_key, recipient.secret_key,
                                   [](std::string_view) { return Status::Ok(); });
    if (!s.ok()) Die(s);
    ganreg.dec_null = Seconds(t0);
    std::FILE* out = std::fopen((dir / "out.dec").c_str(), "wb");
    t0 = std::chrono::steady_clock::now();
    s = (*reader)->ReadPart("data", recipient.public_key, recipient.secret_key,
                            [&](std::string_view c) {
                              std::fwrite(c.data(), 1, c.size(), out);
                              return Status::Ok();
                            });
    std::fclose(out);
    ganreg.dec_file = Seconds(t0);
    if (!s.ok()) Die(s);
    // "To nowhere": the package writer needs a real file (it renames into place), so it writes
    // into RAM (/dev/shm) where that exists — the CPU-bound figure, plus a memory copy.
    const fs::path ram = fs::exists("/dev/shm") ? fs::path("/dev/shm") : dir;
    const fs::path null_out = ram / fmt::format("ganreg-bench-{}.grp", ::getpid());
    t0 = std::chrono::steady_clock::now();
    auto m2 = transfer::WritePackage("bench", 1, 86400, {transfer::FilePart("data", input, {to})},
                                     *signer, null_out);
    ganreg.enc_null = Seconds(t0);
    if (!m2.ok()) Die(m2.status());
    fs::remove(null_out);
  }
  const double ganreg_rss = PeakRssMiB();

  std::vector<Row> peers;
  if (Have("age")) {
    Time(fmt::format("age-keygen -o {0}/age.key 2>/dev/null", d));
    std::string pub = fmt::format("$(age-keygen -y {0}/age.key)", d);
    Row r{"age"};
    r.enc_null = Time(fmt::format("age -r {} {} > /dev/null", pub, in));
    r.enc_file = Time(fmt::format("age -r {} -o {}/x.age {}", pub, d, in));
    r.dec_null = Time(fmt::format("age -d -i {0}/age.key {0}/x.age > /dev/null", d));
    r.dec_file = Time(fmt::format("age -d -i {0}/age.key -o {0}/x.dec {0}/x.age", d));
    peers.push_back(r);
  }
  if (Have("gpg")) {
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
  if (Have("7z")) {
    Row r{"7z AES-256"};
    r.enc_file = Time(fmt::format("7z a -bso0 -bsp0 -mx=0 -p{} {}/x.7z {}", pass, d, in));
    r.dec_null = Time(fmt::format("7z e -bso0 -bsp0 -so -p{} {}/x.7z > /dev/null", pass, d));
    peers.push_back(r);
  }
  if (Have("openssl")) {
    Row r{"openssl enc"};
    std::string o = fmt::format("openssl enc -aes-256-ctr -pbkdf2 -pass pass:{}", pass);
    r.enc_null = Time(fmt::format("{} -in {} > /dev/null", o, in));
    r.enc_file = Time(fmt::format("{} -in {} -out {}/x.ossl", o, in, d));
    r.dec_null = Time(fmt::format("{} -d -in {}/x.ossl > /dev/null", o, d));
    r.dec_file = Time(fmt::format("{0} -d -in {1}/x.ossl -out {1}/x.dec", o, d));
    peers.push_back(r);
  }
  const double cp = Time(fmt::format("cp {} {}/x.cp", in, d));
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
  fmt::print("{} MiB; GB/s (higher is better); file-to-file also as a multiple of cp's time\n", mib);
  fmt::print("{:<16} {:>10} {:>10} {:>10} {:>10}\n", "", "enc→null", "dec→null", "enc file", "dec file");
  for (const Row& r : std::vector<Row>{ganreg}) {
    fmt::print("{:<16} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f}\n", r.name, rate(r.enc_null),
               rate(r.dec_null), rate(r.enc_file), rate(r.dec_file));
  }
  for (const Row& r : peers) {
    fmt::print("{:<16} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f}\n", r.name, rate(r.enc_null),
               rate(r.dec_null), rate(r.enc_file), rate(r.dec_file));
  }
  fmt::print("cp (I/O floor)   {:.2f} GB/s; ganreg enc file = {:.2f}× cp, dec file = {:.2f}× cp\n",
             rate(cp), ganreg.enc_file / cp, ganreg.dec_file / cp);
  fmt::print("openssl speed aes-256-gcm (one core): {:.2f} GB/s\n", gcm_gbps);
  fmt::print("peak RSS of the ganreg part: {:.1f} MiB\n", ganreg_rss);
  double age_enc = -1, age_dec = -1;
  for (const Row& r : peers) {
    if (r.name == "age") {
      age_enc = rate(r.enc_null);
      age_dec = rate(r.dec_null);
    }
  }
  fmt::print("{{\"bench\":\"transfer\",\"mib\":{},\"ganreg_enc_gbps\":{:.3f},\"ganreg_dec_gbps\":{:.3f},"
             "\"ganreg_enc_file_gbps\":{:.3f},\"ganreg_dec_file_gbps\":{:.3f},\"age_enc_gbps\":{:.3f},"
             "\"age_dec_gbps\":{:.3f},\"cp_gbps\":{:.3f},\"aes256gcm_core_gbps\":{:.3f},"
             "\"peak_rss_mib\":{:.1f}}}\n",
             mib, rate(ganreg.enc_null), rate(ganreg.dec_null), rate(ganreg.enc_file),
             rate(ganreg.dec_file), age_enc, age_dec, rate(cp), gcm_gbps, ganreg_rss);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
