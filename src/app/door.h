// The door's mechanism, shared by the files that implement use cases: permission check, one
// transaction, one audit event. Included only by src/app/*.cc.
#pragma once

#include <fmt/format.h>

#include "app/registry.h"
#include "audit/audit_log.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;

// What a use case tells the door about its outcome.
struct Session::Work {
  audit::Outcome outcome = audit::Outcome::kDone;
  std::string object;
  std::string detail;
};

template <class T, class F>
Result<T> Session::Run(Action action, std::string object, F&& work) {
  Status allowed = access::Authorize(actor_, action);
  if (allowed.ok() && must_change_password_ && action != Action::kUserChangeOwnPassword) {
    allowed = Status::FailedPrecondition(
        "the password must be changed first (expired after 60 days, or set by another person): "
        "run `ganreg user passwd`");
  }
  if (!allowed.ok()) {
    GANREG_RETURN_IF_ERROR(RecordRefusal(action, object, allowed));
    return allowed;
  }
  // Inside a group commit (Registry::RunGrouped) the use case is a savepoint of the group's
  // transaction; otherwise it is its own transaction.
  const bool grouped = db_.in_transaction();
  GANREG_RETURN_IF_ERROR(grouped ? db_.Savepoint("door") : db_.Begin());
  Work w;
  w.object = object;
  Result<T> result = work(w);
  if (!result.ok()) {
    if (grouped) {
      (void)db_.RollbackToSavepoint("door");
    } else {
      db_.Rollback();
    }
    // The refusal or failure is itself an event, recorded in its own transaction.
    Status recorded = RecordRefusal(action, w.object, result.status());
    if (!recorded.ok()) return recorded;
    return result;
  }
  audit::Event e{0, registry_.clock_->NowSeconds(), actor_.name,
                 std::string(model::RoleId(actor_.role)), std::string(access::ActionId(action)),
                 w.object, w.outcome, w.detail};
  auto seq = audit::Append(db_, e);
  Status s = seq.ok() ? MaybeCheckpoint(*seq) : seq.status();
  if (s.ok()) s = grouped ? db_.ReleaseSavepoint("door") : db_.Commit();
  if (!s.ok()) {
    if (grouped) {
      (void)db_.RollbackToSavepoint("door");
    } else {
      db_.Rollback();
    }
    return s;
  }
  return result;
}

}  // namespace ganreg::app
