// Use cases of the office's overview (issue #6): the day's dashboard, the received files and the
// audit-trail viewer. Counts and ids only — nothing here decrypts a part.
#include <fmt/format.h>

#include <algorithm>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "audit/event.h"
#include "model/roles.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;

namespace {

constexpr int64_t kDashboardFiles = 10;
constexpr int64_t kMaxListed = 1000;

ReceivedFile ToReceived(const store::FileRecord& f) {
  ReceivedFile r;
  r.id = f.id;
  r.display_name = f.display_name;
  r.hospital_code = f.hospital_code;
  r.medium = f.medium;
  r.encoding = f.encoding;
  r.received_by = f.received_by;
  r.status = f.status;
  r.reason = f.reason;
  r.received_at = f.received_at;
  r.rows_read = f.rows_read;
  r.rows_accepted = f.rows_accepted;
  r.rows_held = f.rows_held;
  r.bytes = f.bytes;
  return r;
}

}  // namespace

Result<Dashboard> Session::ShowDashboard() {
  return Run<Dashboard>(Action::kDashboard, "dashboard", [&](Work& w) -> Result<Dashboard> {
    Dashboard d;
    d.user = actor_.name;
    d.role = std::string(model::RoleId(actor_.role));
    d.custodian = actor_.custodian;
    GANREG_ASSIGN_OR_RETURN(auto slots, db_.KeySlotsOf(user_id_));
    for (const auto& s : slots) {
      if (s.category != model::CategoryId(model::Category::kAudit)) d.categories.push_back(s.category);
    }
    d.must_change_password = must_change_password_;
    d.password_expires_at = password_expires_at();
    const int64_t now = registry_.clock_->NowSeconds();
    d.password_days_left = (d.password_expires_at - now) / internal::kSecondsPerDay;
    d.recovery_key_not_moved = registry_.recovery_key_not_moved();
    GANREG_ASSIGN_OR_RETURN(d.notifications, db_.CountNotifications());
    GANREG_ASSIGN_OR_RETURN(d.held_rows, db_.CountHeldRows());
    GANREG_ASSIGN_OR_RETURN(d.review_open, db_.CountReviewPairsWithStatus("open"));
    GANREG_ASSIGN_OR_RETURN(auto files, db_.ListFiles(kDashboardFiles));
    for (const auto& f : files) {
      if (f.rows_held > 0) ++d.files_with_held_rows;
      d.recent_files.push_back(ToReceived(f));
    }
    w.detail = fmt::format("held={} review_open={}", d.held_rows, d.review_open);
    return d;
  });
}

Result<std::vector<ReceivedFile>> Session::ListFiles(int64_t limit) {
  limit = std::clamp<int64_t>(limit, 1, kMaxListed);
  return Run<std::vector<ReceivedFile>>(Action::kFileList, "files",
                                        [&](Work& w) -> Result<std::vector<ReceivedFile>> {
    GANREG_ASSIGN_OR_RETURN(auto files, db_.ListFiles(limit));
    std::vector<ReceivedFile> out;
    out.reserve(files.size());
    for (const auto& f : files) out.push_back(ToReceived(f));
    w.detail = fmt::format("files={}", out.size());
    return out;
  });
}

Result<std::vector<AuditEventView>> Session::ListAuditEvents(int64_t before_seq, int64_t limit) {
  limit = std::clamp<int64_t>(limit, 1, kMaxListed);
  return Run<std::vector<AuditEventView>>(
      Action::kAuditList, fmt::format("audit:before:{}", before_seq),
      [&](Work& w) -> Result<std::vector<AuditEventView>> {
        GANREG_ASSIGN_OR_RETURN(auto rows, db_.AuditEventsBefore(before_seq, limit));
        std::vector<AuditEventView> out;
        out.reserve(rows.size());
        for (const auto& [seq, body] : rows) {
          auto e = audit::DecodeEvent(body);
          if (!e.ok()) {
            return Status::DataLoss(fmt::format("audit event {} is damaged: {}", seq,
                                                e.status().message()));
          }
          out.push_back({e->seq, e->time, e->actor, e->role, e->action, e->object,
                         std::string(audit::OutcomeName(e->outcome)), e->detail});
        }
        w.detail = fmt::format("events={}", out.size());
        return out;
      });
}

}  // namespace ganreg::app
