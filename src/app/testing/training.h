// Test fixture helper: records, through the door, an approved training plan, a session
// attended by `people` and a passing test for each — the record S-HUM-1 asks for before a
// personal-information grant. For tests only; `head` must be the head's session.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/registry.h"
#include "core/clock.h"

namespace ganreg::app::test_support {

inline Status RecordPassedTraining(Session& head, int64_t now,
                                   const std::vector<std::string>& people) {
  const int32_t today = JapanDate(now);
  const int64_t fiscal_year = today / 100 % 100 >= 4 ? today / 10000 : today / 10000 - 1;
  auto plan = head.AddTrainingPlan({fiscal_year, "fixture training plan", "rules,roles,after-leaving", 70});
  if (!plan.ok()) return plan.status();
  auto approved = head.ApproveTrainingPlan(plan->id);
  if (!approved.ok()) return approved.status();
  auto session = head.RecordTrainingSession(
      {plan->id, "", "head1", "rules, roles, confidentiality after leaving", people, {}});
  if (!session.ok()) return session.status();
  for (const auto& p : people) {
    auto test = head.RecordTrainingTest({session->id, p, 90, 0, 0});
    if (!test.ok()) return test.status();
  }
  return Status::Ok();
}

}  // namespace ganreg::app::test_support
