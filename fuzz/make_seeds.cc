// Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/): small synthetic packages
// sealed to the fixed fuzz key, notification-part plaintexts and CSV files. Invented data only.
//   make_seeds FUZZ_DIR
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "crypto/crypto.h"
#include "fuzz_common.h"
#include "text/encoding.h"
#include "transfer/internal/package_file.h"
#include "transfer/package.h"
#include "validate/test_rows.h"

namespace {

using namespace ganreg;  // NOLINT: a tool, not a library
namespace fs = std::filesystem;

void Write(const fs::path& p, std::string_view data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}
std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "make_seeds: %s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

std::string Csv(int rows) {
  using validate::test_rows::CsvHeader;
  using validate::test_rows::CsvLine;
  std::string csv = CsvHeader();
  for (int i = 0; i < rows; ++i) {
    model::NotificationRow r = validate::test_rows::ValidRow();
    r[model::Item::kMedicalRecordNo] = "A-00000" + std::to_string(i);
    if (i == 1) r[model::Item::kRemarks] = "現住所：試験市, 転居\n（旧姓あり）";
    csv += CsvLine(r, i % 2 == 0 ? "\r\n" : "\n");
  }
  return csv;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_seeds FUZZ_DIR\n");
    return 2;
  }
  const fs::path dir = argv[1];
  const fs::path pkg_dir = dir / "corpus" / "package_reader";
  const fs::path csv_dir = dir / "corpus" / "csv_reader";
  fs::create_directories(pkg_dir);
  fs::create_directories(csv_dir);
  const fs::path tmp = fs::temp_directory_path() / ("ganreg-seeds-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  Check(crypto::Init(), "init");

  const crypto::SecretBytes box_secret = fuzz::FuzzBoxSecret();
  transfer::PublicKey fuzz_key{"fuzz recipient", crypto::BoxPublicKeyOf(box_secret),
                               crypto::SignKeyPair::Generate().public_key};
  Result<transfer::SecretKey> sender = transfer::GenerateKeyPair("試験病院");
  Check(sender.status(), "key");
  const int64_t now = 1795600000;
  transfer::internal::WriteOptions small{transfer::internal::kMinChunkBytes,
                                         crypto::KdfProfile::Minimum()};

  // 1. A notification package: identity and clinical parts of a 3-row file.
  const std::string csv = Csv(3);
  Write(tmp / "in.csv", csv);
  Result<transfer::NotificationParts> parts =
      transfer::NotificationPartSources(tmp / "in.csv", "in.csv", fuzz::kFuzzToday, false);
  Check(parts.status(), "split");
  parts->identity.recipients = {fuzz_key};
  parts->clinical.recipients = {fuzz_key};
  Check(transfer::internal::WritePackageWith(small, "notification", now, now + 86400,
                                             {parts->identity, parts->clinical}, *sender,
                                             tmp / "n.grp")
            .status(),
        "notification package");
  // The selector byte 0 picks the package path of the target (a "\x00" literal would be empty).
  Write(pkg_dir / "notification_package", std::string(1, '\0') + Read(tmp / "n.grp"));

  // 2. A generic package: a multi-chunk part and a part that also has a passphrase wrap.
  transfer::PartSource extract;
  extract.name = "extract";
  extract.recipients = {fuzz_key};
  extract.produce = [](const std::function<Status(std::string_view)>& emit) {
    std::string data;
    for (int i = 0; i < 9000; ++i) data.push_back(static_cast<char>('a' + i % 26));
    return emit(data);
  };
  transfer::PartSource note = extract;
  note.name = "note";
  note.passphrase = "Kq7#vRm2!pLx";
  note.produce = [](const std::function<Status(std::string_view)>& emit) {
    return emit("synthetic note");
  };
  Check(transfer::internal::WritePackageWith(small, "extract", now, now + 86400, {extract, note},
                                             *sender, tmp / "e.grp")
            .status(),
        "extract package");
  Write(pkg_dir / "extract_package", std::string(1, '\0') + Read(tmp / "e.grp"));
  // The same in format version 1, which readers still accept.
  transfer::internal::WriteOptions small_v1 = small;
  small_v1.version = 1;
  Check(transfer::internal::WritePackageWith(small_v1, "extract", now, now + 86400,
                                             {extract, note}, *sender, tmp / "e1.grp")
            .status(),
        "extract package v1");
  Write(pkg_dir / "extract_package_v1", std::string(1, '\0') + Read(tmp / "e1.grp"));

  // 3. The two plaintexts of package 1, for the record reader.
  Result<std::unique_ptr<transfer::PackageReader>> reader =
      transfer::PackageReader::Open(tmp / "n.grp");
  Check(reader.status(), "open");
  std::string plain[2];
  const char* names[2] = {"identity", "clinical"};
  for (int i = 0; i < 2; ++i) {
    Check((*reader)->ReadPart(names[i], fuzz_key.box_key, box_secret,
                              [&](std::string_view d) {
                                plain[i].append(d);
                                return Status::Ok();
                              }),
          "read");
  }
  std::string seed = "\x01\x03";
  seed.push_back(static_cast<char>(plain[0].size() >> 8));
  seed.push_back(static_cast<char>(plain[0].size() & 0xff));
  Write(pkg_dir / "notification_plaintext", seed + plain[0] + plain[1]);

  // CSV seeds: valid (Japanese and English headers, CP932), a broken quote, invalid rows.
  Write(csv_dir / "valid_utf8.csv", csv);
  Write(csv_dir / "valid_bom.csv", "\xEF\xBB\xBF" + csv);
  Write(csv_dir / "valid_cp932.csv", text::Utf8ToCp932(csv).value());
  std::string english = validate::test_rows::CsvHeader(true) +
                        validate::test_rows::CsvLine(validate::test_rows::ValidRow());
  Write(csv_dir / "english_header.csv", english);
  Write(csv_dir / "broken_quote.csv", english + "\"A-1,\"x\"y,2\n\"unterminated");
  model::NotificationRow bad = validate::test_rows::ValidRow();
  bad[model::Item::kSex] = "3";
  bad[model::Item::kTreatingFacility] = "1";
  bad[model::Item::kDeathDate] = "20240230";
  Write(csv_dir / "invalid_rows.csv", english + validate::test_rows::CsvLine(bad) + "a,b,c\n");
  fs::remove_all(tmp);
  return 0;
}
