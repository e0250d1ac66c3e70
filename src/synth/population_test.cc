// Tests of the synthetic population (`ganreg synth population`): the files are reproducible,
// the ground truth accounts for every row and is consistent, rows pass the layout unless their
// truth says they break it, and the generator's rows are the files' rows.
// Needs the data files of tools/synth-data (GANREG_DATA_DIR or the build's data/ folder).
#include "synth/population.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "synth/synth.h"

#ifdef GANREG_SYNTH_TEST_WITH_VALIDATE
#include "validate/death_reader.h"
#include "validate/notification_reader.h"
#endif

namespace ganreg::synth {
namespace {

namespace fs = std::filesystem;
using model::Item;

constexpr int32_t kToday = 20250601;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The files hold no quoted field (no name, place or code has a comma), so a row is its fields.
std::vector<std::vector<std::string>> Rows(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(ReadAll(p));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    std::string field;
    for (char c : line) {
      if (c == ',') {
        fields.push_back(field);
        field.clear();
      } else {
        field.push_back(c);
      }
    }
    fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

class PopulationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ganreg-population-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static PopulationOptions Options(uint64_t notifications, uint64_t seed) {
    PopulationOptions o;
    o.notifications = notifications;
    o.seed = seed;
    o.today = kToday;
    o.data_dir = DefaultDataDir();
    return o;
  }

  fs::path dir_;
};

TEST_F(PopulationTest, SameOptionsGiveTheSameFilesAndAnotherSeedDoesNot) {
  const PopulationOptions o = Options(600, 4);
  auto a = WritePopulation(o, dir_ / "a");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = WritePopulation(o, dir_ / "b");
  ASSERT_TRUE(b.ok());
  PopulationOptions other = o;
  other.seed = 5;
  auto c = WritePopulation(other, dir_ / "c");
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(a->notification_files.size(), 5u);
  for (const char* name : {"truth.csv", "deaths.csv", "notifications-1310000001.csv"}) {
    EXPECT_EQ(ReadAll(dir_ / "a" / name), ReadAll(dir_ / "b" / name)) << name;
    EXPECT_NE(ReadAll(dir_ / "a" / name), ReadAll(dir_ / "c" / name)) << name;
  }
}

// Every row of every file has one truth line; a tumour belongs to one person; a person's rows
// agree on the birth date unless the truth names a date corruption; the counts add up.
TEST_F(PopulationTest, GroundTruthAccountsForEveryRowAndIsConsistent) {
  const PopulationOptions o = Options(3000, 7);
  auto report = WritePopulation(o, dir_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->notifications, 3000u);
  auto truth = Rows(report->truth_file);
  ASSERT_FALSE(truth.empty());
  EXPECT_EQ(truth[0], (std::vector<std::string>{"file", "line", "person", "tumour", "corruption"}));
  std::map<std::string, std::vector<std::vector<std::string>>> files;
  for (const auto& f : report->notification_files) files[f.filename().string()] = Rows(f);
  files["deaths.csv"] = Rows(report->death_file);
  uint64_t lines = 0;
  for (const auto& [name, rows] : files) lines += rows.size() - 1;
  ASSERT_EQ(truth.size() - 1, lines);
  EXPECT_EQ(files["deaths.csv"].size() - 1, report->deaths);

  std::set<std::pair<std::string, std::string>> seen;
  std::map<std::string, std::string> person_of_tumour;
  std::map<std::string, std::set<std::string>> birth_dates;  // person → clean birth dates
  std::set<std::string> persons;
  uint64_t held_back = 0;
  for (size_t i = 1; i < truth.size(); ++i) {
    const auto& t = truth[i];
    ASSERT_EQ(t.size(), 5u);
    EXPECT_TRUE(seen.emplace(t[0], t[1]).second) << "two truth lines for " << t[0] << ":" << t[1];
    const auto& rows = files[t[0]];
    const size_t line = std::stoul(t[1]);
    ASSERT_GE(line, 2u);
    ASSERT_LE(line, rows.size());
    const auto& row = rows[line - 1];
    if (!t[3].empty()) {
      auto [it, inserted] = person_of_tumour.emplace(t[3], t[2]);
      EXPECT_EQ(it->second, t[2]) << "tumour " << t[3] << " of two persons";
    }
    if (t[0] == "deaths.csv") continue;
    persons.insert(t[2]);
    ASSERT_EQ(row.size(), static_cast<size_t>(model::kItemCount));
    if (t[4].find("date_") == std::string::npos) {
      birth_dates[t[2]].insert(row[static_cast<int>(Item::kBirthDate)]);
    }
    if (t[4].find("no_space") != std::string::npos ||
        t[4].find("kana_missing") != std::string::npos ||
        t[4].find("sex_unknown") != std::string::npos) {
      ++held_back;
    }
  }
  for (const auto& [person, dates] : birth_dates) {
    EXPECT_EQ(dates.size(), 1u) << "person " << person << " has several clean birth dates";
  }
  EXPECT_EQ(held_back, report->held_back);
  EXPECT_EQ(persons.size(), report->persons);
  // About two notifications per person, some persons with two tumours.
  EXPECT_GT(report->tumours, report->persons);
  EXPECT_LT(report->persons, 2000u);
}

// The benchmark links what the generator gives; the files must hold exactly that.
TEST_F(PopulationTest, GeneratorRowsAreTheFilesRows) {
  const PopulationOptions o = Options(400, 9);
  auto report = WritePopulation(o, dir_);
  ASSERT_TRUE(report.ok());
  auto generator = PopulationGenerator::Create(o);
  ASSERT_TRUE(generator.ok());
  std::map<std::string, std::vector<std::vector<std::string>>> files;
  for (const auto& f : report->notification_files) files[f.filename().string()] = Rows(f);
  std::map<std::string, size_t> next;
  PopulationNotification n;
  for (uint64_t k = 0; k < (*generator)->notification_count(); ++k) {
    (*generator)->Notification(k, false, &n);
    const std::string file = "notifications-" + (*generator)->hospital_codes()[n.hospital] + ".csv";
    const size_t line = next[file]++ + 1;
    const auto& row = files[file][line];
    for (Item item : {Item::kName, Item::kKanaName, Item::kSex, Item::kBirthDate,
                      Item::kPrefectureCode, Item::kAddress}) {
      EXPECT_EQ(n.row[item], row[static_cast<int>(item)]) << file << " line " << line + 1;
    }
  }
}

// Twins share the family name, birth date and address but neither given name nor its reading.
TEST_F(PopulationTest, TwinsDifferInTheGivenNameAndItsReading) {
  PopulationOptions o = Options(4000, 11);
  o.twin_share = 0.2;
  o.corruption = 0;  // every row as the person's own values
  auto generator = PopulationGenerator::Create(o);
  ASSERT_TRUE(generator.ok());
  std::map<uint32_t, model::NotificationRow> row_of;
  PopulationNotification n;
  for (uint64_t k = 0; k < (*generator)->notification_count(); ++k) {
    (*generator)->Notification(k, false, &n);
    row_of[n.person] = n.row;
  }
  int twins = 0;
  for (const auto& [person, row] : row_of) {
    const uint32_t other = (*generator)->twin_of(person);
    if (other == 0 || !row_of.count(other)) continue;
    ++twins;
    const auto& o_row = row_of[other];
    auto part = [](const std::string& s, bool family) {
      const size_t at = s.find("\u3000") != std::string::npos ? s.find("\u3000") : s.find(' ');
      return family ? s.substr(0, at) : s.substr(at);
    };
    EXPECT_EQ(part(row[Item::kName], true), part(o_row[Item::kName], true));
    EXPECT_NE(part(row[Item::kKanaName], false), part(o_row[Item::kKanaName], false));
    EXPECT_EQ(row[Item::kBirthDate], o_row[Item::kBirthDate]);
  }
  EXPECT_GT(twins, 100);
}

TEST_F(PopulationTest, BadOptionsAreRefused) {
  PopulationOptions o = Options(0, 1);
  EXPECT_EQ(PopulationGenerator::Create(o).status().code(), StatusCode::kInvalidArgument);
  o = Options(10, 1);
  o.hospitals = 0;
  EXPECT_EQ(PopulationGenerator::Create(o).status().code(), StatusCode::kInvalidArgument);
  o = Options(10, 1);
  o.data_dir = dir_ / "none";
  EXPECT_EQ(PopulationGenerator::Create(o).status().code(), StatusCode::kNotFound);
}

#ifdef GANREG_SYNTH_TEST_WITH_VALIDATE
// Intake's validator: a notification row is held back exactly when its truth names a
// corruption that breaks the layout; every death form is valid.
TEST_F(PopulationTest, RowsPassIntakeUnlessTheirTruthBreaksTheLayout) {
  const PopulationOptions o = Options(3000, 12);
  auto report = WritePopulation(o, dir_);
  ASSERT_TRUE(report.ok());
  std::map<std::pair<std::string, uint64_t>, std::string> corruption;
  const auto truth = Rows(report->truth_file);
  for (size_t i = 1; i < truth.size(); ++i) {
    corruption[{truth[i][0], std::stoull(truth[i][1])}] = truth[i][4];
  }
  uint64_t held_back = 0;
  for (const auto& file : report->notification_files) {
    auto reader =
        validate::NotificationReader::Open(file, file.filename().string(), std::nullopt, kToday);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    validate::Row row;
    for (;;) {
      Result<bool> more = (*reader)->Next(&row);
      ASSERT_TRUE(more.ok()) << more.status().ToString();
      if (!*more) break;
      const std::string& c = corruption[{file.filename().string(), row.line}];
      const bool breaks = c.find("no_space") != std::string::npos ||
                          c.find("kana_missing") != std::string::npos ||
                          c.find("sex_unknown") != std::string::npos;
      held_back += !row.issues.empty();
      if (breaks) {
        EXPECT_FALSE(row.issues.empty()) << file.filename() << ":" << row.line << " " << c;
      } else {
        for (const auto& issue : row.issues) {
          ADD_FAILURE() << validate::FormatIssue(file.filename().string(), issue) << " (" << c
                        << ")";
        }
      }
    }
  }
  EXPECT_EQ(held_back, report->held_back);
  auto deaths = validate::ReadDeathFile(report->death_file, "deaths.csv", std::nullopt, kToday);
  ASSERT_TRUE(deaths.ok()) << deaths.status().ToString();
  EXPECT_EQ(deaths->rows.size(), report->deaths);
  for (const auto& row : deaths->rows) {
    for (const auto& issue : row.issues) {
      ADD_FAILURE() << validate::FormatIssue("deaths.csv", issue);
    }
  }
}
#endif

}  // namespace
}  // namespace ganreg::synth
