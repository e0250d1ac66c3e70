// S-PWD-1..3: length, character mix, and guessable passwords refused with the reason.
#include "access/password_policy.h"

#include <gtest/gtest.h>

namespace ganreg::access {
namespace {

class PasswordPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto p = PasswordPolicy::Load(PasswordPolicy::DefaultListPath());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    policy_ = std::move(p).value();
  }
  std::string Why(std::string_view pw) {
    Status s = policy_.Check(pw, {"yamada", "Yamada Hanako", "試験県がん登録室"});
    return s.ok() ? "ok" : s.message();
  }
  PasswordPolicy policy_;
};

TEST_F(PasswordPolicyTest, ListIsLoaded) { EXPECT_GT(policy_.common_count(), 1000u); }

TEST_F(PasswordPolicyTest, AcceptsAStrongMixedPassword) {
  EXPECT_EQ(Why("Kq7#vRm2!pLx"), "ok");
  EXPECT_EQ(Why("hoshi-Zora84"), "ok");
}

TEST_F(PasswordPolicyTest, RefusesShortPasswords) {
  EXPECT_NE(Why("aB3#xy").find("shorter than 8"), std::string::npos);
}

TEST_F(PasswordPolicyTest, RefusesPasswordsWithoutTheThreeKinds) {
  EXPECT_NE(Why("onlyletterslong").find("mix"), std::string::npos);
  EXPECT_NE(Why("letters12345x").find("mix"), std::string::npos);
  EXPECT_NE(Why("letters#$%&xx").find("mix"), std::string::npos);
}

TEST_F(PasswordPolicyTest, RefusesCommonPasswordsAndTheirVariants) {
  EXPECT_NE(Why("P@ssw0rd1!").find("common"), std::string::npos);
  EXPECT_NE(Why("Password#2026").find("common"), std::string::npos);
  EXPECT_NE(Why("Dragon!99#").find("common"), std::string::npos);
}

TEST_F(PasswordPolicyTest, RefusesTheUsersOwnIdOrName) {
  EXPECT_NE(Why("Yamada#2026").find("user's id"), std::string::npos);
  EXPECT_NE(Why("x9!yamAda").find("user's id"), std::string::npos);
}

TEST_F(PasswordPolicyTest, RefusesKeyboardRunsAndRepetition) {
  EXPECT_NE(Why("Zx!9qwer7m").find("keyboard"), std::string::npos);
  EXPECT_NE(Why("Zx!9abcd7m").find("keyboard"), std::string::npos);
  EXPECT_NE(Why("Zx!9aaa7mk").find("repeats"), std::string::npos);
}

}  // namespace
}  // namespace ganreg::access
