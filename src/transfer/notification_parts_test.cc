// Notification files split into identity and clinical parts that share only a key number
// (S-TRN-2), packed, and joined again on the registry side exactly as intake reads a CSV.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "crypto/crypto.h"
#include "text/encoding.h"
#include "transfer/internal/bytes.h"
#include "transfer/internal/key_numbers.h"
#include "transfer/internal/notification_stream.h"
#include "transfer/internal/package_file.h"
#include "transfer/package.h"
#include "transfer/test_util.h"
#include "validate/test_rows.h"

namespace ganreg::transfer {
namespace {

using testing::kDay;
using testing::kNow;
using testing::NewKey;
using validate::test_rows::CsvHeader;
using validate::test_rows::CsvLine;
using validate::test_rows::kToday;
using validate::test_rows::ValidRow;

model::NotificationRow Row(int n) {
  model::NotificationRow r = ValidRow();
  r[model::Item::kMedicalRecordNo] = fmt::format("A-{:06}", n);
  r[model::Item::kAddress] = fmt::format("大阪府大阪市中央区試験町{}丁目", n % 9 + 1);
  return r;
}

class NotificationPartsTest : public testing::TempDirTest {
 protected:
  // A file with `rows` valid rows, plus the awkward cases: a quoted remarks field with a comma
  // and a line break (the next row starts two lines later), a blank line, LF and CRLF endings.
  std::filesystem::path WriteCsv(const std::string& name, int rows) {
    std::string csv = CsvHeader();
    for (int i = 0; i < rows; ++i) {
      model::NotificationRow r = Row(i);
      if (i == 1) r[model::Item::kRemarks] = "現住所：北区, 転居\n（\"旧姓\"あり）";
      csv += CsvLine(r, i % 2 == 0 ? "\r\n" : "\n");
      if (i == 2) csv += "\n";
    }
    testing::WriteAll(Path(name), csv);
    return Path(name);
  }

  // Every row as intake's CSV reader gives it.
  std::vector<validate::Row> ReadCsv(const std::filesystem::path& csv) {
    auto reader = validate::NotificationReader::Open(csv, "in.csv", std::nullopt, kToday);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return Drain(**reader);
  }
  static std::vector<validate::Row> Drain(validate::NotificationReader& reader) {
    std::vector<validate::Row> rows;
    for (;;) {
      validate::Row r;
      Result<bool> more = reader.Next(&r);
      EXPECT_TRUE(more.ok()) << more.status().ToString();
      if (!more.ok() || !*more) return rows;
      rows.push_back(std::move(r));
    }
  }

  Result<Manifest> Pack(std::vector<PartSource> parts, const std::filesystem::path& out) {
    for (PartSource& p : parts) p.recipients = {registry_.public_key};
    // Small chunks: records then straddle chunk boundaries.
    internal::WriteOptions small{internal::kMinChunkBytes, crypto::KdfProfile::Minimum()};
    return internal::WritePackageWith(small, "notification", kNow, kNow + 30 * kDay, parts,
                                      hospital_, out);
  }

  std::unique_ptr<PackageReader> Open(const std::filesystem::path& p) {
    auto r = PackageReader::Open(p);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }

  Result<std::unique_ptr<validate::NotificationReader>> Join(PackageReader& a, PackageReader& b) {
    return OpenNotificationParts(a, b, registry_.public_key.box_key, registry_.box_secret,
                                 "from-hospital.grp", kToday);
  }

  SecretKey hospital_ = NewKey("試験病院");
  SecretKey registry_ = NewKey("模擬県がん登録室");
};

TEST_F(NotificationPartsTest, RoundTripReproducesEveryRowsValuesAndLineNumbers) {
  const auto csv = WriteCsv("in.csv", 300);
  Result<NotificationParts> parts = NotificationPartSources(csv, "in.csv", kToday, false);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ(parts->rows, 300u);
  EXPECT_EQ(parts->identity.name, "identity");
  EXPECT_EQ(parts->clinical.name, "clinical");
  auto m = Pack({parts->identity, parts->clinical}, Path("p.grp"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->key_number_scheme, kNotificationKeyNumberScheme);
  EXPECT_EQ(m->parts[0].rows, 300u);
  EXPECT_GT(m->parts[1].bytes, 3u * internal::kMinChunkBytes) << "several chunks";

  auto pkg = Open(Path("p.grp"));
  auto joined = Join(*pkg, *pkg);
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ((*joined)->encoding(), text::Encoding::kUtf8);
  EXPECT_FALSE((*joined)->had_bom());
  const std::vector<validate::Row> want = ReadCsv(csv);
  const std::vector<validate::Row> got = Drain(**joined);
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].line, want[i].line) << "row " << i;
    EXPECT_EQ(got[i].row.values, want[i].row.values) << "row " << i;
    EXPECT_EQ(got[i].raw, want[i].raw) << "row " << i;
    EXPECT_TRUE(got[i].issues.empty()) << "row " << i;
  }
  EXPECT_EQ(got[2].line, 5u) << "the quoted line break moves the next row down";
  EXPECT_EQ(got[3].line, 7u) << "the blank line is skipped but counted";
  validate::Row extra;
  EXPECT_FALSE((*joined)->Next(&extra).value());
}

TEST_F(NotificationPartsTest, ACp932FileArrivesAsTheSameUtf8Values) {
  std::string utf8 = CsvHeader();
  for (int i = 0; i < 5; ++i) utf8 += CsvLine(Row(i));
  testing::WriteAll(Path("sjis.csv"), text::Utf8ToCp932(utf8).value());
  auto parts = NotificationPartSources(Path("sjis.csv"), "sjis.csv", kToday, false);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_TRUE(Pack({parts->identity, parts->clinical}, Path("p.grp")).ok());
  auto pkg = Open(Path("p.grp"));
  auto got = Drain(*Join(*pkg, *pkg).value());
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[4].row.values, Row(4).values);
}

TEST_F(NotificationPartsTest, EachPartHoldsOnlyItsOwnItemsAndTheSameKeyNumbers) {
  const auto csv = WriteCsv("in.csv", 50);
  auto parts = NotificationPartSources(csv, "in.csv", kToday, false);
  ASSERT_TRUE(Pack({parts->identity, parts->clinical}, Path("p.grp")).ok());
  auto pkg = Open(Path("p.grp"));
  const std::string id = testing::ReadPartToString(*pkg, "identity", registry_).value();
  const std::string cl = testing::ReadPartToString(*pkg, "clinical", registry_).value();
  EXPECT_NE(id.find("試験 太郎"), std::string::npos);
  EXPECT_EQ(id.find("C18.7"), std::string::npos);
  EXPECT_NE(cl.find("814032"), std::string::npos);
  EXPECT_EQ(cl.find("試験 太郎"), std::string::npos) << "no identity item in the clinical part";
  EXPECT_EQ(cl.find("19500415"), std::string::npos) << "no birth date in the clinical part";

  // Parse both parts' records as the format document describes them.
  auto keys = [](const std::string& plain) {
    std::vector<std::string> out;
    size_t at = internal::kRowsHeaderBytes;
    while (at < plain.size()) {
      const uint32_t len = internal::GetU32Be(plain.data() + at);
      out.push_back(plain.substr(at + 12, 16));
      at += 4 + len;
    }
    EXPECT_EQ(at, plain.size());
    return out;
  };
  const std::vector<std::string> ki = keys(id), kc = keys(cl);
  EXPECT_EQ(ki, kc);
  EXPECT_EQ(ki.size(), 50u);
  EXPECT_EQ(std::set<std::string>(ki.begin(), ki.end()).size(), 50u) << "unique in the file";
  for (const std::string& k : ki) EXPECT_TRUE(internal::IsKeyNumber(k)) << k;

  // A second split of the same file draws a new seed: other key numbers.
  auto again = NotificationPartSources(csv, "in.csv", kToday, false);
  ASSERT_TRUE(Pack({again->identity}, Path("q.grp")).ok());
  auto q = Open(Path("q.grp"));
  EXPECT_NE(keys(testing::ReadPartToString(*q, "identity", registry_).value()), ki);
}

TEST_F(NotificationPartsTest, PartsThatTravelInTwoPackagesStillPair) {
  const auto csv = WriteCsv("in.csv", 40);
  auto parts = NotificationPartSources(csv, "in.csv", kToday, false);
  ASSERT_TRUE(Pack({parts->identity}, Path("identity.grp")).ok());
  ASSERT_TRUE(Pack({parts->clinical}, Path("clinical.grp")).ok());
  auto a = Open(Path("identity.grp"));
  auto b = Open(Path("clinical.grp"));
  auto joined = Join(*a, *b);
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(Drain(**joined).size(), 40u);
}

TEST_F(NotificationPartsTest, PartsFromDifferentSplitsDoNotPair) {
  const auto csv = WriteCsv("in.csv", 10);
  auto first = NotificationPartSources(csv, "in.csv", kToday, false);
  auto second = NotificationPartSources(csv, "in.csv", kToday, false);
  ASSERT_TRUE(Pack({first->identity}, Path("a.grp")).ok());
  ASSERT_TRUE(Pack({second->clinical}, Path("b.grp")).ok());
  auto a = Open(Path("a.grp"));
  auto b = Open(Path("b.grp"));
  auto joined = Join(*a, *b);
  EXPECT_EQ(joined.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(joined.status().message().find("parts do not pair"), std::string::npos)
      << joined.status().message();

  // Different files with different row counts are refused before anything is decrypted.
  const auto other = WriteCsv("other.csv", 11);
  auto third = NotificationPartSources(other, "other.csv", kToday, false);
  ASSERT_TRUE(Pack({third->clinical}, Path("c.grp")).ok());
  auto c = Open(Path("c.grp"));
  EXPECT_EQ(Join(*a, *c).status().code(), StatusCode::kDataLoss);
}

TEST_F(NotificationPartsTest, RecordsThatDoNotPairRowForRowAreDataLoss) {
  // Plaintext built by hand: same pairing id and counts, but row 2's key numbers differ.
  const std::string pairing(16, 'p');
  auto part = [&](model::Part p, uint64_t second_key) {
    std::string s = internal::EncodeRowsHeader(p, pairing, 2);
    internal::AppendRecord(2, internal::kKeyNumberMin + 1, model::EncodePart(Row(1), p), &s);
    internal::AppendRecord(3, second_key, model::EncodePart(Row(2), p), &s);
    return s;
  };
  auto joined =
      internal::ReadNotificationStreams(std::make_unique<testing::MemoryStream>(part(
                                            model::Part::kIdentity, internal::kKeyNumberMin + 2)),
                                        std::make_unique<testing::MemoryStream>(part(
                                            model::Part::kClinical, internal::kKeyNumberMin + 3)),
                                        2, "x.grp", kToday);
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  validate::Row r;
  EXPECT_TRUE((*joined)->Next(&r).value());
  EXPECT_EQ(r.row.values, Row(1).values);
  Result<bool> second = (*joined)->Next(&r);
  EXPECT_EQ(second.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(second.status().message().find("row 2 has a different line or key number"),
            std::string::npos)
      << second.status().message();
}

TEST_F(NotificationPartsTest, DamagedPlaintextIsDataLossNeverACrash) {
  const std::string pairing(16, 'p');
  std::string id = internal::EncodeRowsHeader(model::Part::kIdentity, pairing, 1);
  std::string cl = internal::EncodeRowsHeader(model::Part::kClinical, pairing, 1);
  internal::AppendRecord(2, internal::kKeyNumberMin,
                         model::EncodePart(Row(1), model::Part::kIdentity), &id);
  internal::AppendRecord(2, internal::kKeyNumberMin,
                         model::EncodePart(Row(1), model::Part::kClinical), &cl);
  auto read_all = [&](const std::string& a, const std::string& b) -> Status {
    auto joined = internal::ReadNotificationStreams(std::make_unique<testing::MemoryStream>(a),
                                                    std::make_unique<testing::MemoryStream>(b), 1,
                                                    "x", kToday);
    if (!joined.ok()) return joined.status();
    validate::Row r;
    for (;;) {
      Result<bool> more = (*joined)->Next(&r);
      if (!more.ok()) return more.status();
      if (!*more) return Status::Ok();
    }
  };
  ASSERT_TRUE(read_all(id, cl).ok());
  EXPECT_EQ(read_all(cl, id).code(), StatusCode::kDataLoss) << "parts the wrong way round";
  for (size_t n = 0; n < id.size(); ++n) {
    EXPECT_EQ(read_all(id.substr(0, n), cl).code(), StatusCode::kDataLoss) << "cut at " << n;
  }
  for (size_t i = 0; i < id.size(); ++i) {
    std::string bad = id;
    bad[i] = static_cast<char>(bad[i] ^ 0x40);
    Status s = read_all(bad, cl);
    // A changed item value is not damage the record framing can see: it arrives as that value
    // (in a package, the AEAD has refused such a change long before).
    if (i >= internal::kRowsHeaderBytes + 4 + 8 + 16 + 1) continue;
    EXPECT_EQ(s.code(), StatusCode::kDataLoss) << "byte " << i;
  }
}

TEST_F(NotificationPartsTest, AnInvalidFileIsRejectedListingEveryProblem) {
  std::string csv = CsvHeader();
  csv += CsvLine(Row(1));
  model::NotificationRow bad = Row(2);
  bad[model::Item::kSex] = "3";
  bad[model::Item::kPrimarySite] = "C99.9";
  csv += CsvLine(bad);
  model::NotificationRow bad2 = Row(3);
  bad2[model::Item::kBirthDate] = "20991301";
  csv += CsvLine(bad2);
  testing::WriteAll(Path("bad.csv"), csv);

  auto parts = NotificationPartSources(Path("bad.csv"), "bad.csv", kToday, false);
  ASSERT_EQ(parts.status().code(), StatusCode::kRejected);
  std::vector<std::string> expected;
  auto reader =
      validate::NotificationReader::Open(Path("bad.csv"), "bad.csv", std::nullopt, kToday);
  for (const validate::Row& r : Drain(**reader)) {
    for (const validate::Issue& i : r.issues)
      expected.push_back(validate::FormatIssue("bad.csv", i));
  }
  ASSERT_GE(expected.size(), 3u);
  for (const std::string& e : expected) {
    EXPECT_NE(parts.status().message().find(e), std::string::npos) << e;
  }
  EXPECT_NE(parts.status().message().find("2 of 3 rows have problems"), std::string::npos)
      << parts.status().message();
  EXPECT_EQ(parts.status().message().find("20991301"), std::string::npos)
      << "identity values are never quoted";

  // With allow_invalid the rows travel and the registry finds the same problems.
  auto allowed = NotificationPartSources(Path("bad.csv"), "bad.csv", kToday, true);
  ASSERT_TRUE(allowed.ok()) << allowed.status().ToString();
  ASSERT_TRUE(Pack({allowed->identity, allowed->clinical}, Path("p.grp")).ok());
  auto pkg = Open(Path("p.grp"));
  std::vector<std::string> seen;
  for (const validate::Row& r : Drain(*Join(*pkg, *pkg).value())) {
    for (const validate::Issue& i : r.issues) seen.push_back(validate::FormatIssue("bad.csv", i));
  }
  EXPECT_EQ(seen, expected);
}

TEST_F(NotificationPartsTest, FileLevelProblemsAreRejectedAsIntakeRejectsThem) {
  testing::WriteAll(Path("other.csv"), "氏名,住所\r\nx,y\r\n");
  EXPECT_EQ(NotificationPartSources(Path("other.csv"), "other.csv", kToday, true).status().code(),
            StatusCode::kRejected);
  testing::WriteAll(Path("empty.csv"), "");
  EXPECT_EQ(NotificationPartSources(Path("empty.csv"), "empty.csv", kToday, true).status().code(),
            StatusCode::kRejected);
  EXPECT_EQ(NotificationPartSources(Path("none.csv"), "none.csv", kToday, true).status().code(),
            StatusCode::kNotFound);
}

TEST_F(NotificationPartsTest, AHeaderOnlyFileTravelsAsZeroRows) {
  testing::WriteAll(Path("h.csv"), CsvHeader());
  auto parts = NotificationPartSources(Path("h.csv"), "h.csv", kToday, false);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->rows, 0u);
  ASSERT_TRUE(Pack({parts->identity, parts->clinical}, Path("p.grp")).ok());
  auto pkg = Open(Path("p.grp"));
  EXPECT_TRUE(Drain(*Join(*pkg, *pkg).value()).empty());
}

TEST_F(NotificationPartsTest, AFileChangedBeforePackingAbortsThePackage) {
  const auto csv = WriteCsv("in.csv", 20);
  auto parts = NotificationPartSources(csv, "in.csv", kToday, false);
  ASSERT_TRUE(parts.ok());
  std::string text = testing::ReadAll(csv);
  text.replace(text.find("A-000007"), 8, "A-000070");  // still valid, but not what was checked
  testing::WriteAll(csv, text);
  auto m = Pack({parts->identity, parts->clinical}, Path("p.grp"));
  EXPECT_EQ(m.status().code(), StatusCode::kAborted);
  EXPECT_NE(m.status().message().find("changed while it was being packed"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(Path("p.grp")));
}

TEST_F(NotificationPartsTest, RowsAppendedAfterValidationAbortThePackage) {
  const auto csv = WriteCsv("in.csv", 5);
  auto parts = NotificationPartSources(csv, "in.csv", kToday, false);
  ASSERT_TRUE(parts.ok());
  testing::WriteAll(csv, testing::ReadAll(csv) + CsvLine(Row(99)));
  EXPECT_EQ(Pack({parts->identity}, Path("p.grp")).status().code(), StatusCode::kAborted);
  EXPECT_FALSE(std::filesystem::exists(Path("p.grp")));
}

TEST_F(NotificationPartsTest, OnlyTheRecipientCanJoinTheParts) {
  const auto csv = WriteCsv("in.csv", 3);
  auto parts = NotificationPartSources(csv, "in.csv", kToday, false);
  ASSERT_TRUE(Pack({parts->identity, parts->clinical}, Path("p.grp")).ok());
  auto pkg = Open(Path("p.grp"));
  SecretKey other = NewKey("other");
  auto joined = OpenNotificationParts(*pkg, *pkg, other.public_key.box_key, other.box_secret,
                                      "p.grp", kToday);
  EXPECT_EQ(joined.status().code(), StatusCode::kPermissionDenied);
}

TEST(RenderCsvLineTest, QuotesOnlyWhatNeedsQuoting) {
  model::NotificationRow r;
  r[model::Item::kMedicalRecordNo] = "A1";
  r[model::Item::kRemarks] = "a,\"b\"\nc";
  EXPECT_EQ(internal::RenderCsvLine(r), "A1" + std::string(25, ',') + ",\"a,\"\"b\"\"\nc\"");
}

}  // namespace
}  // namespace ganreg::transfer
