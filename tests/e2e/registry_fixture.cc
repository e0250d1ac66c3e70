// The shared end-to-end registry.
#include "e2e/registry_fixture.h"

#include "core/clock.h"
#include "model/notification.h"

namespace ganreg::e2e {
namespace {
constexpr char kHeadPw[] = "Hq7#vRm2!pLx";
constexpr char kLeadInit[] = "Tz4$kWn8?cVb";
constexpr char kLeadPw[] = "Lx8%hQz3@wNe";
constexpr char kStaffInit[] = "Ms3&yPq6*dGh";
constexpr char kStaffPw[] = "Rb9!uEt5^nJf";
}  // namespace

void RegistryFixture::SetUp() {
  reg_ = (s_ / "reg").string();
  for (auto [file, pw] : {std::pair{"head.pw", kHeadPw}, {"lead-init.pw", kLeadInit},
                          {"lead.pw", kLeadPw}, {"staff-init.pw", kStaffInit},
                          {"staff.pw", kStaffPw}}) {
    s_.Write(file, pw);
  }
  Expect(0, {"init", "--registry", reg_, "--head", "head1", "--password-file",
             (s_ / "head.pw").string(), "--kdf-profile", "minimum"});
  Expect(0, As("head1", "head.pw", {"user", "add", "lead1", "--role", "task-lead",
                                    "--system-lead", "--initial-password-file",
                                    (s_ / "lead-init.pw").string()}));
  Expect(0, As("lead1", "lead-init.pw", {"user", "passwd", "--new-password-file",
                                         (s_ / "lead.pw").string()}));
  Expect(0, As("lead1", "lead.pw", {"user", "add", "staff1", "--role", "task-staff",
                                    "--instructed-by", "head1", "--initial-password-file",
                                    (s_ / "staff-init.pw").string()}));
  Expect(0, As("staff1", "staff-init.pw", {"user", "passwd", "--new-password-file",
                                           (s_ / "staff.pw").string()}));
  // S-HUM-1: no personal-information grant without a passed training test.
  TrainAndPass({"staff1"});
  Expect(0, As("head1", "head.pw", {"user", "grant", "staff1", "notification-clinical"}));
}

std::string RegistryFixture::FiscalYearNow() {
  const int32_t today = JapanDate(Clock::System().NowSeconds());
  return std::to_string(today / 100 % 100 >= 4 ? today / 10000 : today / 10000 - 1);
}

int RegistryFixture::Number(const std::string& out, const std::string& after) {
  auto at = out.find(after);
  return at == std::string::npos ? 0 : std::stoi(out.substr(at + after.size()));
}

void RegistryFixture::TrainAndPass(const std::vector<std::string>& people) const {
  RunResult plan = Expect(0, As("head1", "head.pw",
                                {"training", "plan", "add", "--year", FiscalYearNow(), "--title",
                                 "4月研修", "--covers", "rules,roles,after-leaving",
                                 "--pass-mark", "80"}));
  const std::string plan_id = std::to_string(Number(plan.out, "training plan #"));
  Expect(0, As("head1", "head.pw", {"training", "plan", "approve", plan_id}));
  std::string attendees;
  for (const auto& p : people) attendees += (attendees.empty() ? "" : ",") + p;
  RunResult session = Expect(0, As("head1", "head.pw",
                                   {"training", "session", "--plan", plan_id, "--trainer",
                                    "head1", "--content", "個人情報の規程・役割・退職後の守秘義務",
                                    "--attendees", attendees}));
  const std::string session_id = std::to_string(Number(session.out, "training session #"));
  for (const auto& p : people) {
    Expect(0, As("head1", "head.pw", {"training", "test", "--session", session_id, "--person", p,
                                      "--score", "90"}));
  }
}

std::vector<std::string> RegistryFixture::As(const std::string& user, const std::string& pw,
                                             std::vector<std::string> args) const {
  std::vector<std::string> all = {"--registry", reg_, "--user", user, "--password-file",
                                  (s_ / pw).string()};
  all.insert(all.end(), args.begin(), args.end());
  return all;
}

RunResult RegistryFixture::Expect(int code, const std::vector<std::string>& args) const {
  RunResult r = Ganreg(args);
  EXPECT_EQ(r.exit_code, code) << r.all();
  return r;
}

RunResult RegistryFixture::Head(std::vector<std::string> args) const {
  return Ganreg(As("head1", "head.pw", std::move(args)));
}

RunResult RegistryFixture::Staff(std::vector<std::string> args) const {
  return Ganreg(As("staff1", "staff.pw", std::move(args)));
}

std::string RegistryFixture::CsvHeader() {
  std::string h;
  for (const auto& d : model::Items()) h += (h.empty() ? "" : ",") + std::string(d.label);
  return h + "\r\n";
}

}  // namespace ganreg::e2e
