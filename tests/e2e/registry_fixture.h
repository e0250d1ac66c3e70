// A fresh registry for end-to-end tests: head1 (head), lead1 (system task lead), staff1 (task
// staff, created on head1's instruction, with the clinical grant), every password changed as the
// rules ask; and helpers to run ganreg as one of them.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "e2e/harness.h"

namespace ganreg::e2e {

class RegistryFixture : public ::testing::Test {
 public:
  // The header of the notification CSV layout (Japanese labels), with CRLF.
  static std::string CsvHeader();

 protected:
  void SetUp() override;

  // Global options for `user` with the password in scratch file `pw`, then `args`.
  std::vector<std::string> As(const std::string& user, const std::string& pw,
                              std::vector<std::string> args) const;
  // Runs ganreg and expects `code` as its exit code.
  RunResult Expect(int code, const std::vector<std::string>& args) const;
  RunResult Head(std::vector<std::string> args) const;
  RunResult Staff(std::vector<std::string> args) const;
  // Records an approved plan, a session attended by `people` and a passing test for each
  // (S-HUM-1), through the CLI as head1.
  void TrainAndPass(const std::vector<std::string>& people) const;
  // The fiscal year (April–March) of today in Japan, as text.
  static std::string FiscalYearNow();
  // The number printed right after `after` in `out` ("training plan #" → 3), 0 if absent.
  static int Number(const std::string& out, const std::string& after);

  Scratch s_;
  std::string reg_;
};

}  // namespace ganreg::e2e
