// End to end, issue #5 (S-ACQ-2 イ): synthetic notifications and the deaths of some of those
// people plus invented ones, `death intake` (a faulty row held back, exit 6; the same file again
// adds nothing), `link` linking deaths, `followback list` per hospital, the export refused to task
// staff and written for the head, an answer recorded as DCO.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "e2e/harness.h"
#include "e2e/registry_fixture.h"

namespace ganreg::e2e {
namespace {

class DeathTest : public RegistryFixture {};

TEST_F(DeathTest, IntakeLinkAndFollowBack) {
  const auto notif = s_ / "h1.csv";
  const auto deaths = s_ / "deaths.csv";
  Expect(0, {"synth", "notifications", "--rows", "40", "--seed", "11", "--out", notif.string()});
  Expect(0, As("head1", "head.pw",
               {"intake", notif.string(), "--from", "1310000001", "--medium", "online"}));
  RunResult synth = Expect(
      0, {"synth", "deaths", "--notified", notif.string(), "--notified-deaths", "10",
          "--invented", "12", "--cancer-percent", "100", "--hospital", "1310000009",
          "--faulty-rows", "1", "--seed", "3", "--out", deaths.string()});
  EXPECT_NE(synth.out.find("23 synthetic death forms"), std::string::npos) << synth.out;

  RunResult in = Head({"death", "intake", deaths.string(), "--from", "131016", "--medium", "usb"});
  ASSERT_EQ(in.exit_code, 6) << in.all();
  EXPECT_NE(in.out.find("accepted 22 + 保留 held back 1"), std::string::npos) << in.out;
  EXPECT_NE(in.out.find("underlying_cause"), std::string::npos) << in.out;
  RunResult dup = Head({"intake-deaths", deaths.string(), "--from", "131016", "--medium", "usb"});
  EXPECT_EQ(dup.exit_code, 0) << dup.all();
  EXPECT_NE(dup.out.find("nothing added"), std::string::npos) << dup.out;
  RunResult bad = Head({"death", "intake", deaths.string(), "--from", "131017", "--medium", "usb"});
  EXPECT_EQ(bad.exit_code, 2) << bad.all();

  RunResult link = Head({"link"});
  ASSERT_EQ(link.exit_code, 0) << link.all();
  EXPECT_NE(link.out.find("死亡票 deaths 22"), std::string::npos) << link.out;

  // Every invented person died of cancer and was never notified; those who died in hospital
  // (1310000009, the only one given) are followed back there.
  RunResult list = Head({"followback", "list", "--hospital", "1310000009"});
  ASSERT_EQ(list.exit_code, 0) << list.all();
  EXPECT_NE(list.out.find("医療機関 hospital 1310000009"), std::string::npos) << list.out;
  const int cases = Number(list.out, "hospital 1310000009 (");
  EXPECT_GE(cases, 1) << list.out;  // 70 % of deaths are in a hospital

  RunResult denied = Staff({"followback", "export", "--hospital", "1310000009", "--out",
                            (s_ / "x.csv").string()});
  EXPECT_EQ(denied.exit_code, 3) << denied.all();
  RunResult exported = Head({"followback", "export", "--hospital", "1310000009", "--out",
                             (s_ / "fb.txt").string(), "--format", "text"});
  ASSERT_EQ(exported.exit_code, 0) << exported.all();
  std::ifstream page(s_ / "fb.txt");
  const std::string text((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("遡り調査依頼"), std::string::npos);

  const int death = Number(list.out, "death ");
  ASSERT_GT(death, 0) << list.out;
  RunResult answer = Head({"followback", "answer", std::to_string(death), "dco", "--note", "記録なし"});
  EXPECT_EQ(answer.exit_code, 0) << answer.all();
  RunResult dco = Head({"followback", "list", "--status", "dco"});
  EXPECT_NE(dco.out.find("DCO"), std::string::npos) << dco.out;
  RunResult all = Head({"death", "list"});
  EXPECT_EQ(all.exit_code, 0) << all.all();
}

}  // namespace
}  // namespace ganreg::e2e
