// Tests of the synthetic notification generator: determinism, layout, injected faults, CP932, and
// an independent check of every clean row against the rules of docs/formats/notification-csv.md.
// Needs the data files of tools/synth-data (GANREG_DATA_DIR or the build's data/ folder).
#include "synth/synth.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/notification.h"
#include "synth/data.h"
#include "synth/util.h"
#include "text/encoding.h"

#ifdef GANREG_SYNTH_TEST_WITH_VALIDATE
#include "validate/notification_reader.h"
#endif

namespace ganreg::synth {
namespace {

namespace fs = std::filesystem;
using model::Item;

constexpr int32_t kToday = 20261125;

// ---- helpers ----

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One CSV record with the physical line it starts on.
struct Record {
  uint64_t line = 0;
  std::vector<std::string> fields;
};

// RFC 4180 reader for the generator's own output (UTF-8, CRLF or LF).
std::vector<Record> ParseCsv(std::string_view s) {
  std::vector<Record> records;
  uint64_t line = 1;
  size_t i = 0;
  if (s.starts_with("\xEF\xBB\xBF")) i = 3;
  while (i < s.size()) {
    Record rec;
    rec.line = line;
    std::string field;
    bool in_quotes = false;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (in_quotes) {
        if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          in_quotes = false;
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      } else if (c == '"') {
        in_quotes = true;
      } else if (c == ',') {
        rec.fields.push_back(std::move(field));
        field.clear();
      } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
        continue;
      } else if (c == '\n') {
        ++i;
        break;
      } else {
        field += c;
      }
    }
    rec.fields.push_back(std::move(field));
    ++line;
    records.push_back(std::move(rec));
  }
  return records;
}

std::u32string Cps(std::string_view s) {
  std::u32string out;
  EXPECT_TRUE(internal::DecodeUtf8(s, &out)) << "not UTF-8";
  return out;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsDate(std::string_view s) {
  return s.size() == 8 && IsDigits(s) && internal::IsValidYmd(std::stoi(std::string(s)));
}

int32_t Ymd(std::string_view s) { return std::stoi(std::string(s)); }

// The topography table of docs/formats/notification-csv.md, verbatim, parsed into a set.
constexpr std::string_view kTopography =
    "C00 0–6,8,9 · C01 9 · C02 0–4,8,9 · C03 0,1,9 · C04 0,1,8,9 · C05 0–2,8,9 · C06 0–2,8,9 · "
    "C07 9 · C08 0,1,8,9 · C09 0,1,8,9 · C10 0–4,8,9 · C11 0–3,8,9 · C12 9 · C13 0–2,8,9 · "
    "C14 0,2,8 · C15 0–5,8,9 · C16 0–6,8,9 · C17 0–3,8,9 · C18 0–9 · C19 9 · C20 9 · C21 0–2,8 · "
    "C22 0,1 · C23 9 · C24 0,1,8,9 · C25 0–4,7–9 · C26 0,8,9 · C30 0,1 · C31 0–3,8,9 · "
    "C32 0–3,8,9 · C33 9 · C34 0–3,8,9 · C37 9 · C38 0–4,8 · C39 0,8,9 · C40 0–3,8,9 · "
    "C41 0–4,8,9 · C42 0–4 · C44 0–9 · C47 0–6,8,9 · C48 0–2,8 · C49 0–6,8,9 · C50 0–6,8,9 · "
    "C51 0–2,8,9 · C52 9 · C53 0,1,8,9 · C54 0–3,8,9 · C55 9 · C56 9 · C57 0–4,7–9 · C58 9 · "
    "C60 0–2,8,9 · C61 9 · C62 0,1,9 · C63 0–2,7–9 · C64 9 · C65 9 · C66 9 · C67 0–9 · "
    "C68 0,1,8,9 · C69 0–6,8,9 · C70 0,1,9 · C71 0–9 · C72 0–5,8,9 · C73 9 · C74 0,1,9 · "
    "C75 0–5,8,9 · C76 0–5,7,8 · C77 0–5,8,9 · C80 9";

const std::set<std::string>& Topographies() {
  static const auto* codes = [] {
    auto* set = new std::set<std::string>();
    std::string text(kTopography);
    for (size_t p; (p = text.find("–")) != std::string::npos;) text.replace(p, 3, "-");
    for (size_t p; (p = text.find("·")) != std::string::npos;) text.replace(p, 2, ";");
    std::stringstream groups(text);
    std::string group;
    while (std::getline(groups, group, ';')) {
      std::stringstream g(group);
      std::string code, digits;
      g >> code >> digits;
      std::stringstream parts(digits);
      std::string part;
      while (std::getline(parts, part, ',')) {
        const char lo = part[0];
        const char hi = part.size() == 3 ? part[2] : part[0];
        for (char d = lo; d <= hi; ++d) set->insert(code + "." + d);
      }
    }
    return set;
  }();
  return *codes;
}

bool In(std::string_view v, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// An independent implementation of the layout's item and cross-item rules (the doc, not the
// validator module), so the generator is checked even where src/validate is not built. Returns
// the ids of the items/rules that fail.
std::vector<std::string> CheckRow(const std::vector<std::string>& f, int32_t today) {
  std::vector<std::string> bad;
  if (f.size() != static_cast<size_t>(model::kItemCount)) return {"row"};  // as src/validate
  auto v = [&](Item i) -> const std::string& { return f[static_cast<size_t>(i)]; };
  auto fail = [&](std::string_view id) { bad.emplace_back(id); };

  // 1 medical record number
  {
    const std::u32string cps = Cps(v(Item::kMedicalRecordNo));
    const bool ok =
        !cps.empty() && cps.size() <= 16 && std::all_of(cps.begin(), cps.end(), [](char32_t c) {
          return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 c == '-' || (c >= U'０' && c <= U'９') || (c >= U'Ａ' && c <= U'Ｚ') ||
                 (c >= U'ａ' && c <= U'ｚ') || c == U'－';
        });
    if (!ok) fail("medical_record_no");
  }
  // 2, 3 names: one space, parts 1–10
  auto split_name = [](const std::u32string& cps, std::u32string* a, std::u32string* b) {
    size_t sp = std::u32string::npos;
    for (size_t i = 0; i < cps.size(); ++i) {
      if (cps[i] == U' ' || cps[i] == U'\u3000') {
        if (sp != std::u32string::npos) return false;
        sp = i;
      }
    }
    if (sp == std::u32string::npos) return false;
    *a = cps.substr(0, sp);
    *b = cps.substr(sp + 1);
    return !a->empty() && !b->empty() && a->size() <= 10 && b->size() <= 10;
  };
  {
    std::u32string a, b;
    const bool ok =
        split_name(Cps(v(Item::kKanaName)), &a, &b) &&
        std::all_of(a.begin(), a.end(),
                    [](char32_t c) { return (c >= U'ァ' && c <= U'ヶ') || c == U'ー'; }) &&
        std::all_of(b.begin(), b.end(),
                    [](char32_t c) { return (c >= U'ァ' && c <= U'ヶ') || c == U'ー'; });
    if (!ok) fail("kana_name");
  }
  {
    std::u32string a, b;
    const auto no_ascii_punct = [](char32_t c) {
      return c >= 0x20 && !(c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                                          (c >= 'a' && c <= 'z')));
    };
    const bool ok = split_name(Cps(v(Item::kName)), &a, &b) &&
                    std::all_of(a.begin(), a.end(), no_ascii_punct) &&
                    std::all_of(b.begin(), b.end(), no_ascii_punct);
    if (!ok) fail("name");
  }
  if (!In(v(Item::kSex), {"1", "2"})) fail("sex");
  const bool birth_ok = IsDate(v(Item::kBirthDate)) && Ymd(v(Item::kBirthDate)) >= 18800101 &&
                        Ymd(v(Item::kBirthDate)) <= today;
  if (!birth_ok) fail("birth_date");
  {
    const std::string& p = v(Item::kPrefectureCode);
    const bool ok =
        p.size() == 2 && IsDigits(p) && ((p >= "01" && p <= "47") || p == "88" || p == "99");
    if (!ok) fail("prefecture_code");
  }
  {
    const size_t n = Cps(v(Item::kAddress)).size();
    if (n == 0 || n > 40) fail("address");
  }
  if (!In(v(Item::kLaterality), {"1", "2", "3", "7", "9"})) fail("laterality");
  const bool site_ok = Topographies().count(v(Item::kPrimarySite)) == 1;
  if (!site_ok) fail("primary_site");
  const std::string& m = v(Item::kMorphology);
  const bool morph_ok = m.size() == 6 && IsDigits(m) && m.substr(0, 4) >= "8000" &&
                        m.substr(0, 4) <= "9993" && m[4] >= '0' && m[4] <= '3' && m[5] >= '1' &&
                        m[5] <= '9';
  if (!morph_ok) fail("morphology");
  if (!In(v(Item::kDiagnosingFacility), {"1", "2"})) fail("diagnosing_facility");
  if (!In(v(Item::kTreatingFacility), {"1", "2", "3", "4", "8"})) fail("treating_facility");
  if (!In(v(Item::kBasisOfDiagnosis), {"1", "2", "3", "4", "5", "6", "9"})) {
    fail("basis_of_diagnosis");
  }
  const bool diag_ok = IsDate(v(Item::kDiagnosisDate)) && Ymd(v(Item::kDiagnosisDate)) <= today;
  if (!diag_ok) fail("diagnosis_date");
  if (!In(v(Item::kDiscoveryRoute), {"1", "3", "4", "8", "9"})) fail("discovery_route");
  if (!In(v(Item::kExtentBefore), {"400", "410", "420", "430", "440", "499", "777"})) {
    fail("extent_before_treatment");
  }
  if (!In(v(Item::kExtentAfterSurgery), {"400", "410", "420", "430", "440", "499", "660", "777"})) {
    fail("extent_after_surgery");
  }
  const Item flags[] = {Item::kSurgery,       Item::kScopicSurgery, Item::kEndoscopicTreatment,
                        Item::kRadiotherapy,  Item::kChemotherapy,  Item::kEndocrineTherapy,
                        Item::kOtherTreatment};
  for (Item i : flags) {
    if (!In(v(i), {"1", "2", "9"})) fail(model::Def(i).id);
  }
  if (!In(v(Item::kTreatmentExtent), {"1", "4", "6", "9"})) fail("treatment_extent");
  const std::string& death = v(Item::kDeathDate);
  const bool death_ok = death.empty() || (IsDate(death) && Ymd(death) <= today);
  if (!death_ok) fail("death_date");
  if (Cps(v(Item::kRemarks)).size() > 100) fail("remarks");

  // Cross-item rules.
  if (birth_ok && diag_ok && Ymd(v(Item::kBirthDate)) > Ymd(v(Item::kDiagnosisDate))) fail("X1");
  if (death_ok && !death.empty() &&
      ((diag_ok && Ymd(v(Item::kDiagnosisDate)) > Ymd(death)) ||
       (birth_ok && Ymd(v(Item::kBirthDate)) > Ymd(death)))) {
    fail("X2");
  }
  if (morph_ok) {
    const int cell = std::stoi(m.substr(0, 4));
    static const std::set<int> kNoHistology = {8000, 8001, 8002, 8003, 8004, 8005, 8170, 8720,
                                               8960, 9140, 9350, 9380, 9500, 9510, 9530, 9590,
                                               9732, 9800, 9820, 9860, 9861, 9863};
    if (!In(v(Item::kBasisOfDiagnosis), {"1", "2", "3"}) && kNoHistology.count(cell) == 0) {
      fail("X3");
    }
    if (site_ok && (m[4] == '0' || m[4] == '1')) {
      const std::string& s = v(Item::kPrimarySite);
      const bool cns = s.starts_with("C70") || s.starts_with("C71") || s.starts_with("C72") ||
                       In(s, {"C75.1", "C75.2", "C75.3"});
      if (!cns) fail("X4");
    }
    const bool marrow_type = (cell >= 9731 && cell <= 9734) || (cell >= 9800 && cell <= 9948);
    if (marrow_type && v(Item::kExtentBefore) != "777") fail("X5");
  }
  const bool c42 = In(v(Item::kPrimarySite), {"C42.0", "C42.1"});
  const std::string no_surgery = c42 ? "777" : "660";
  const std::string& tf = v(Item::kTreatingFacility);
  if (In(tf, {"1", "4"}) && v(Item::kExtentAfterSurgery) != no_surgery) fail("R1");
  const bool all2 = v(Item::kSurgery) == "2" && v(Item::kScopicSurgery) == "2" &&
                    v(Item::kEndoscopicTreatment) == "2";
  if (all2 && v(Item::kExtentAfterSurgery) != no_surgery) fail("R2");
  if (In(tf, {"1", "4", "8"})) {
    for (Item i : flags) {
      if (v(i) != "2") {
        fail("R3");
        break;
      }
    }
  }
  const bool any1 = v(Item::kSurgery) == "1" || v(Item::kScopicSurgery) == "1" ||
                    v(Item::kEndoscopicTreatment) == "1";
  if (any1 && !In(v(Item::kTreatmentExtent), {"1", "4", "9"})) fail("R4");
  if (!any1 && v(Item::kTreatmentExtent) != "6") fail("R4");
  return bad;
}

// ---- fixture ----

class SynthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = DefaultDataDir();
    if (!fs::exists(data_dir_ / "names.tsv") || !fs::exists(data_dir_ / "places.tsv") ||
        !fs::exists(data_dir_ / "towns.tsv")) {
      FAIL() << "synthetic data files are missing in " << data_dir_
             << ": run `cd tools/synth-data && npm ci --ignore-scripts && node extract.mjs "
             << data_dir_.string() << "` (or build target ganreg_synth_data, or set "
             << "GANREG_DATA_DIR)";
    }
    std::random_device rd;
    dir_ = fs::temp_directory_path() /
           ("ganreg_synth_test_" + std::to_string(::getpid()) + "_" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  NotificationOptions Options(uint64_t rows, uint64_t seed = 1) const {
    NotificationOptions o;
    o.rows = rows;
    o.seed = seed;
    o.today = kToday;
    o.data_dir = data_dir_;
    return o;
  }

  // Writes a file and returns its path; fails the test on error.
  fs::path Write(const NotificationOptions& o, const std::string& name,
                 GenerationReport* report = nullptr) {
    const fs::path p = dir_ / name;
    Result<GenerationReport> r = WriteNotifications(o, p);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok() && report != nullptr) *report = std::move(r).value();
    return p;
  }

  fs::path data_dir_;
  fs::path dir_;
};

TEST_F(SynthTest, HeaderIsTheJapaneseLabelsAndRowCountIsExact) {
  GenerationReport report;
  const std::string bytes = ReadAll(Write(Options(500), "a.csv", &report));
  EXPECT_EQ(report.rows, 500u);
  EXPECT_TRUE(report.faults.empty());
  const std::vector<Record> recs = ParseCsv(bytes);
  ASSERT_EQ(recs.size(), 501u);
  ASSERT_EQ(recs[0].fields.size(), static_cast<size_t>(model::kItemCount));
  for (int i = 0; i < model::kItemCount; ++i) {
    EXPECT_EQ(recs[0].fields[static_cast<size_t>(i)], model::Items()[static_cast<size_t>(i)].label);
  }
  for (size_t i = 1; i < recs.size(); ++i) {
    EXPECT_EQ(recs[i].fields.size(), static_cast<size_t>(model::kItemCount))
        << "line " << recs[i].line;
  }
  EXPECT_FALSE(bytes.starts_with("\xEF\xBB\xBF"));
}

TEST_F(SynthTest, LineEndingsAreCrlfByDefaultAndLfOnRequest) {
  const std::string crlf = ReadAll(Write(Options(300), "crlf.csv"));
  size_t lf_count = 0;
  for (size_t i = 0; i < crlf.size(); ++i) {
    if (crlf[i] == '\n') {
      ++lf_count;
      ASSERT_GT(i, 0u);
      EXPECT_EQ(crlf[i - 1], '\r') << "bare LF at byte " << i;
    }
  }
  EXPECT_GE(lf_count, 301u);
  EXPECT_TRUE(crlf.ends_with("\r\n"));

  NotificationOptions o = Options(300);
  o.crlf = false;
  const std::string lf = ReadAll(Write(o, "lf.csv"));
  EXPECT_EQ(lf.find('\r'), std::string::npos);
  EXPECT_TRUE(lf.ends_with("\n"));
}

TEST_F(SynthTest, BomOnlyWhenAskedAndOnlyForUtf8) {
  NotificationOptions o = Options(10);
  o.bom = true;
  const std::string bytes = ReadAll(Write(o, "bom.csv"));
  EXPECT_TRUE(bytes.starts_with("\xEF\xBB\xBF診療録番号,"));

  o.encoding = text::Encoding::kCp932;
  Result<GenerationReport> r = WriteNotifications(o, dir_ / "bom932.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SynthTest, SameSeedGivesIdenticalBytesAndAnotherSeedDoesNot) {
  NotificationOptions o = Options(2000, 42);
  o.faulty_rows = 30;
  const std::string a = ReadAll(Write(o, "a.csv"));
  const std::string b = ReadAll(Write(o, "b.csv"));
  EXPECT_EQ(a, b);
  o.seed = 43;
  const std::string c = ReadAll(Write(o, "c.csv"));
  EXPECT_NE(a, c);
  // Not just a shuffled header: most data rows differ.
  const std::vector<Record> ra = ParseCsv(a);
  const std::vector<Record> rc = ParseCsv(c);
  size_t same = 0;
  for (size_t i = 1; i < std::min(ra.size(), rc.size()); ++i) same += ra[i].fields == rc[i].fields;
  EXPECT_LT(same, 10u);
}

TEST_F(SynthTest, CleanRowsPassEveryRuleOfTheLayout) {
  const std::vector<Record> recs = ParseCsv(ReadAll(Write(Options(20000, 7), "clean.csv")));
  ASSERT_EQ(recs.size(), 20001u);
  std::map<std::string, int> failures;
  for (size_t i = 1; i < recs.size(); ++i) {
    for (const std::string& id : CheckRow(recs[i].fields, kToday)) {
      if (++failures[id] <= 3) ADD_FAILURE() << "line " << recs[i].line << ": " << id;
    }
  }
  EXPECT_TRUE(failures.empty());
}

TEST_F(SynthTest, NamePartsFitAndDatesAreInRange) {
  const std::vector<Record> recs = ParseCsv(ReadAll(Write(Options(10000, 3), "n.csv")));
  const int32_t first_birth = 19250101;
  const int32_t last_birth = 20101231;
  size_t deaths = 0, male = 0, recent = 0;
  std::set<std::string> mrns;
  for (size_t i = 1; i < recs.size(); ++i) {
    const auto& f = recs[i].fields;
    auto v = [&](Item it) -> const std::string& { return f[static_cast<size_t>(it)]; };
    for (Item it : {Item::kKanaName, Item::kName}) {
      const std::u32string cps = Cps(v(it));
      const size_t sp = cps.find(U'\u3000');
      ASSERT_NE(sp, std::u32string::npos) << "line " << recs[i].line;
      EXPECT_GE(sp, 1u);
      EXPECT_LE(sp, 10u) << "line " << recs[i].line;
      EXPECT_GE(cps.size() - sp - 1, 1u);
      EXPECT_LE(cps.size() - sp - 1, 10u) << "line " << recs[i].line;
    }
    const int32_t birth = Ymd(v(Item::kBirthDate));
    const int32_t diag = Ymd(v(Item::kDiagnosisDate));
    EXPECT_GE(birth, first_birth);
    EXPECT_LE(birth, last_birth);
    EXPECT_LE(birth, diag);
    EXPECT_LE(diag, kToday);
    recent += diag >= 20241125;
    if (!v(Item::kDeathDate).empty()) {
      ++deaths;
      EXPECT_LE(diag, Ymd(v(Item::kDeathDate)));
      EXPECT_LE(Ymd(v(Item::kDeathDate)), kToday);
    }
    male += v(Item::kSex) == "1";
    // Sex-specific sites follow the sex.
    const std::string& site = v(Item::kPrimarySite);
    if (site == "C61.9" || site.starts_with("C62")) {
      EXPECT_EQ(v(Item::kSex), "1");
    }
    if (site.starts_with("C53") || site.starts_with("C54") || site == "C56.9") {
      EXPECT_EQ(v(Item::kSex), "2");
    }
    mrns.insert(v(Item::kMedicalRecordNo));
  }
  const double n = static_cast<double>(recs.size() - 1);
  EXPECT_NEAR(static_cast<double>(deaths) / n, 0.15, 0.07);
  EXPECT_NEAR(static_cast<double>(male) / n, 0.56, 0.03);
  EXPECT_GT(static_cast<double>(recent) / n, 0.6);  // mostly the last two years
  EXPECT_EQ(mrns.size(), recs.size() - 1) << "medical record numbers repeat";
}

TEST_F(SynthTest, AddressesVaryInStyleAndFitTheLimit) {
  const std::vector<Record> recs = ParseCsv(ReadAll(Write(Options(5000, 11), "addr.csv")));
  size_t kanji_numerals = 0, ascii_hyphen = 0, full_width = 0, banchi = 0, no = 0, go = 0;
  for (size_t i = 1; i < recs.size(); ++i) {
    const std::string& a = recs[i].fields[static_cast<size_t>(Item::kAddress)];
    EXPECT_LE(Cps(a).size(), 40u);
    kanji_numerals += a.find("丁目") != std::string::npos;
    ascii_hyphen += a.find('-') != std::string::npos;
    full_width += a.find("－") != std::string::npos;
    banchi += a.find("番地") != std::string::npos;
    no += a.find("の") != std::string::npos;
    go += a.find("号") != std::string::npos;
  }
  for (size_t count : {kanji_numerals, ascii_hyphen, full_width, banchi, no, go}) {
    EXPECT_GT(count, 100u);
  }
}

TEST_F(SynthTest, FaultsAreExactlyKAtTheReportedLines) {
  NotificationOptions o = Options(1200, 5);
  o.faulty_rows = 36;
  GenerationReport report;
  const std::vector<Record> recs = ParseCsv(ReadAll(Write(o, "faults.csv", &report)));
  ASSERT_EQ(report.faults.size(), 36u);
  std::map<uint64_t, const Record*> by_line;
  for (size_t i = 1; i < recs.size(); ++i) by_line[recs[i].line] = &recs[i];
  ASSERT_EQ(recs.size(), 1201u);

  std::map<std::string, int> per_item;
  std::set<uint64_t> fault_lines;
  for (const InjectedFault& fault : report.faults) {
    ASSERT_TRUE(by_line.count(fault.line)) << "no row starts on line " << fault.line;
    EXPECT_TRUE(fault_lines.insert(fault.line).second) << "two faults on line " << fault.line;
    ++per_item[fault.item];
    const std::vector<std::string> bad = CheckRow(by_line[fault.line]->fields, kToday);
    if (fault.item == "row") {
      EXPECT_EQ(by_line[fault.line]->fields.size(), 26u);
    }
    // The reported item fails, and nothing else does.
    EXPECT_EQ(bad, std::vector<std::string>{fault.item})
        << "line " << fault.line << " (" << fault.kind << ")";
  }
  // The full rotation, three times over.
  EXPECT_EQ(per_item.size(), 12u);
  for (const auto& [item, count] : per_item) EXPECT_EQ(count, 3) << item;
  EXPECT_THAT(per_item, ::testing::Contains(::testing::Key("R3")));
  EXPECT_THAT(per_item, ::testing::Contains(::testing::Key("X1")));

  // Every other row is clean.
  for (size_t i = 1; i < recs.size(); ++i) {
    if (fault_lines.count(recs[i].line)) continue;
    EXPECT_THAT(CheckRow(recs[i].fields, kToday), ::testing::IsEmpty()) << "line " << recs[i].line;
  }
  // Faults are spread over the file, not bunched at the start.
  EXPECT_LT(report.faults.front().line, 100u);
  EXPECT_GT(report.faults.back().line, 1100u);
}

TEST_F(SynthTest, FaultsDoNotChangeTheOtherRows) {
  NotificationOptions o = Options(600, 9);
  const std::vector<Record> clean = ParseCsv(ReadAll(Write(o, "clean.csv")));
  o.faulty_rows = 50;
  GenerationReport report;
  const std::vector<Record> faulty = ParseCsv(ReadAll(Write(o, "faulty.csv", &report)));
  ASSERT_EQ(clean.size(), faulty.size());
  std::set<uint64_t> fault_lines;
  for (const auto& f : report.faults) fault_lines.insert(f.line);
  size_t differing = 0;
  for (size_t i = 1; i < clean.size(); ++i) {
    if (clean[i].fields != faulty[i].fields) {
      ++differing;
      EXPECT_TRUE(fault_lines.count(faulty[i].line)) << "row " << i << " changed";
    }
  }
  EXPECT_EQ(differing, 50u);
}

TEST_F(SynthTest, AllRowsFaultyAndNoRowsWork) {
  NotificationOptions o = Options(24);
  o.faulty_rows = 24;
  GenerationReport report;
  const std::vector<Record> recs = ParseCsv(ReadAll(Write(o, "all.csv", &report)));
  ASSERT_EQ(report.faults.size(), 24u);
  for (size_t i = 0; i < 24; ++i) EXPECT_EQ(report.faults[i].line, recs[i + 1].line);

  o.rows = 0;
  o.faulty_rows = 0;
  const std::vector<Record> empty = ParseCsv(ReadAll(Write(o, "empty.csv", &report)));
  EXPECT_EQ(empty.size(), 1u);  // the header only
  EXPECT_EQ(report.rows, 0u);
}

TEST_F(SynthTest, BadOptionsAreRefused) {
  NotificationOptions o = Options(10);
  o.faulty_rows = 11;
  EXPECT_EQ(WriteNotifications(o, dir_ / "x.csv").status().code(), StatusCode::kInvalidArgument);
  o = Options(10);
  o.today = 20260230;
  EXPECT_EQ(WriteNotifications(o, dir_ / "x.csv").status().code(), StatusCode::kInvalidArgument);
  o = Options(10);
  EXPECT_EQ(WriteNotifications(o, dir_ / "no-such-dir" / "x.csv").status().code(),
            StatusCode::kUnavailable);
}

TEST_F(SynthTest, MissingDataNamesTheSetupStep) {
  NotificationOptions o = Options(10);
  o.data_dir = dir_ / "empty-data";
  Result<GenerationReport> r = WriteNotifications(o, dir_ / "x.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("extract.mjs"));
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("names.tsv"));
}

TEST_F(SynthTest, MalformedDataIsRefusedWithItsLine) {
  const fs::path bad = dir_ / "bad-data";
  fs::create_directories(bad);
  fs::copy_file(data_dir_ / "places.tsv", bad / "places.tsv");
  fs::copy_file(data_dir_ / "towns.tsv", bad / "towns.tsv");
  std::ofstream(bad / "names.tsv") << "last\t佐藤\tサトウ\nmale\t太郎\tたろう\n";  // hiragana
  NotificationOptions o = Options(10);
  o.data_dir = bad;
  Result<GenerationReport> r = WriteNotifications(o, dir_ / "x.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("names.tsv:2"));
}

TEST_F(SynthTest, DataFilesAreWithinTheLayoutLimits) {
  Result<internal::SynthData> data = internal::LoadSynthData(data_dir_);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_GE(data->last.items.size(), 400u);
  EXPECT_GE(data->male.items.size(), 1000u);
  EXPECT_GE(data->female.items.size(), 1000u);
  EXPECT_GE(data->places.items.size(), 1700u);
  EXPECT_GE(data->towns.size(), 500u);
  EXPECT_EQ(data->last.items.front().kanji, "佐藤");  // frequency order kept
  // Every name and place has a CP932 form, so no CP932 file can fail half-way.
  std::string all;
  for (const auto* list : {&data->last, &data->male, &data->female}) {
    for (const auto& n : list->items) all += n.kanji + n.katakana;
  }
  for (const auto& p : data->places.items) all += p.municipality;
  for (const auto& t : data->towns) all += t;
  Result<std::string> cp932 = text::Utf8ToCp932(all);
  EXPECT_TRUE(cp932.ok()) << cp932.status().ToString();
}

TEST_F(SynthTest, Cp932OutputDecodesBackToTheUtf8Output) {
  NotificationOptions o = Options(3000, 21);
  o.faulty_rows = 24;
  GenerationReport utf8_report;
  const std::string utf8 = ReadAll(Write(o, "u.csv", &utf8_report));
  o.encoding = text::Encoding::kCp932;
  GenerationReport cp932_report;
  const std::string cp932 = ReadAll(Write(o, "s.csv", &cp932_report));
  EXPECT_NE(utf8, cp932);
  EXPECT_FALSE(text::IsValidUtf8(cp932));  // really CP932, not UTF-8 passed through

  Result<std::unique_ptr<text::Decoder>> dec = text::Decoder::Create(text::Encoding::kCp932);
  ASSERT_TRUE(dec.ok()) << dec.status().ToString();
  std::string decoded;
  // Feed odd-sized chunks so that characters split across chunks are exercised too.
  for (size_t i = 0; i < cp932.size(); i += 4093) {
    const std::string_view chunk = std::string_view(cp932).substr(i, 4093);
    ASSERT_TRUE((*dec)->Decode(chunk, i + 4093 >= cp932.size(), &decoded).ok());
  }
  EXPECT_EQ(decoded, utf8);
  ASSERT_EQ(utf8_report.faults.size(), cp932_report.faults.size());
  for (size_t i = 0; i < utf8_report.faults.size(); ++i) {
    EXPECT_EQ(utf8_report.faults[i].line, cp932_report.faults[i].line);
  }
}

TEST_F(SynthTest, LargeOutputIsWrittenInChunks) {
  // Enough rows to cross several 1 MiB chunks, in CP932 so every chunk goes through ICU.
  NotificationOptions o = Options(30000, 77);
  o.encoding = text::Encoding::kCp932;
  o.faulty_rows = 100;
  GenerationReport report;
  const fs::path p = Write(o, "big.csv", &report);
  EXPECT_EQ(report.rows, 30000u);
  EXPECT_GT(fs::file_size(p), 3u << 20);
}

#ifdef GANREG_SYNTH_TEST_WITH_VALIDATE
// The validator's view: every clean row has no issue, every faulty row an issue naming the
// reported item (a rule's issue is "R3 treating_facility/radiotherapy": its first word).
void CheckWithValidator(const fs::path& file, const GenerationReport& report,
                        std::optional<text::Encoding> declared) {
  std::map<uint64_t, std::string> faults;
  for (const auto& f : report.faults) faults[f.line] = f.item;
  Result<std::unique_ptr<validate::NotificationReader>> reader =
      validate::NotificationReader::Open(file, file.filename().string(), declared, kToday);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  validate::Row row;
  uint64_t rows = 0;
  size_t faults_seen = 0;
  for (;;) {
    Result<bool> more = (*reader)->Next(&row);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ++rows;
    const auto it = faults.find(row.line);
    if (it == faults.end()) {
      for (const auto& issue : row.issues) {
        ADD_FAILURE() << validate::FormatIssue(file.filename().string(), issue);
      }
      continue;
    }
    ++faults_seen;
    const bool named = std::any_of(row.issues.begin(), row.issues.end(), [&](const auto& issue) {
      return issue.item == it->second || issue.item.starts_with(it->second + " ");
    });
    EXPECT_TRUE(named) << "line " << row.line << ": expected an issue on " << it->second;
  }
  EXPECT_EQ(rows, report.rows);
  EXPECT_EQ(faults_seen, report.faults.size());
}

TEST_F(SynthTest, ValidatorAgreesWithTheGenerator) {
  NotificationOptions o = Options(5000, 13);
  o.faulty_rows = 48;
  GenerationReport report;
  const fs::path utf8 = Write(o, "v.csv", &report);
  CheckWithValidator(utf8, report, std::nullopt);
  o.encoding = text::Encoding::kCp932;
  o.crlf = false;
  const fs::path cp932 = Write(o, "v932.csv", &report);
  CheckWithValidator(cp932, report, text::Encoding::kCp932);
}
#endif

}  // namespace
}  // namespace ganreg::synth
