// Checks the compiled topography table against the list in docs/formats/notification-csv.md,
// code by code, so that the two cannot drift apart.
#include "validate/internal/topography.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace ganreg::validate::internal {
namespace {

// Codes listed in the doc's "Topography codes accepted" section.
std::set<std::string> CodesFromDoc() {
  std::ifstream in(GANREG_NOTIFICATION_CSV_DOC);
  EXPECT_TRUE(in.good()) << GANREG_NOTIFICATION_CSV_DOC;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  size_t start = doc.find("## Topography codes accepted");
  EXPECT_NE(start, std::string::npos);
  size_t end = doc.find("\n## ", start + 1);
  std::string section =
      doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
  start = section.find("\nC00");
  EXPECT_NE(start, std::string::npos);
  section = section.substr(start);
  // Normalise: en dash → '-', middle dot and line breaks → ';'.
  std::string text;
  for (size_t i = 0; i < section.size(); ++i) {
    if (section.compare(i, 3, "\u2013") == 0) {
      text += '-';
      i += 2;
    } else if (section.compare(i, 2, "\u00B7") == 0) {
      text += ';';
      i += 1;
    } else if (section[i] == '\n') {
      text += ';';
    } else {
      text += section[i];
    }
  }
  std::set<std::string> codes;
  std::stringstream groups(text);
  std::string group;
  while (std::getline(groups, group, ';')) {
    size_t c = group.find('C');
    if (c == std::string::npos) continue;
    std::string name = group.substr(c, 3);
    std::string digits = group.substr(c + 3);
    std::stringstream parts(digits);
    std::string part;
    while (std::getline(parts, part, ',')) {
      part.erase(0, part.find_first_not_of(' '));
      part.erase(part.find_last_not_of(' ') + 1);
      if (part.empty()) continue;
      char from = part[0];
      char to = part.size() == 3 && part[1] == '-' ? part[2] : from;
      for (char d = from; d <= to; ++d) codes.insert(name + "." + d);
    }
  }
  return codes;
}

TEST(TopographyTest, TableMatchesTheFormatDocument) {
  std::set<std::string> doc = CodesFromDoc();
  ASSERT_GT(doc.size(), 300u);
  EXPECT_TRUE(doc.count("C18.7"));
  EXPECT_TRUE(doc.count("C80.9"));
  for (int group = 0; group < 100; ++group) {
    for (int d = 0; d < 10; ++d) {
      char code[8];
      std::snprintf(code, sizeof code, "C%02d.%d", group, d);
      EXPECT_EQ(IsTopographyCode(code), doc.count(code) == 1) << code;
    }
  }
}

TEST(TopographyTest, Form) {
  EXPECT_TRUE(IsTopographyCode("C18.7"));
  EXPECT_TRUE(IsTopographyCode("C42.1"));
  EXPECT_FALSE(IsTopographyCode("C39.5"));  // group exists, subsite does not
  EXPECT_FALSE(IsTopographyCode("C35.0"));  // group does not exist
  EXPECT_FALSE(IsTopographyCode("C187"));
  EXPECT_FALSE(IsTopographyCode("c18.7"));
  EXPECT_FALSE(IsTopographyCode("C18.7 "));
  EXPECT_FALSE(IsTopographyCode("Ｃ18.7"));
  EXPECT_FALSE(IsTopographyCode(""));
  EXPECT_TRUE(HasTopographyForm("C39.5"));
  EXPECT_FALSE(HasTopographyForm("C18"));
  EXPECT_FALSE(HasTopographyForm("C18,7"));
}

}  // namespace
}  // namespace ganreg::validate::internal
