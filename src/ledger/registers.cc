// Rules of the take-out register, the maintenance record, the acquisition register and the
// definition updates (see registers.h).
#include "ledger/registers.h"

#include <algorithm>

#include <fmt/format.h>

#include "ledger/rooms.h"

namespace ganreg::ledger {

namespace {
bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
Status Missing(std::string_view ja, std::string_view en) {
  return Status::InvalidArgument(fmt::format("{}が必要です / {} is missing", ja, en));
}
bool Digits(std::string_view s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) {
           return c >= '0' && c <= '9';
         });
}
}  // namespace

Status CheckTakeout(const Takeout& t, const std::vector<std::string>& approvers,
                    const std::vector<std::string>& staff) {
  if (t.kind == "pc") {
    return Status::FailedPrecondition(
        "S-SYS-7: 登録室で使うPCは室外に持ち出せません / PCs used in the room are never taken out");
  }
  if (t.kind != "paper" && t.kind != "usb" && t.kind != "cd-r") {
    return Status::InvalidArgument(
        fmt::format("種類は paper, usb, cd-r / the kind is paper, usb or cd-r, not '{}'", t.kind));
  }
  if (t.what.empty()) return Missing("持ち出す物（--what）", "what is taken out (--what)");
  if (t.reason.empty()) return Missing("理由（--reason）", "the reason (--reason)");
  if (t.quantity <= 0) return Missing("数量（1以上）", "the quantity (at least 1)");
  if (!ParseClock(t.time_out)) {
    return Status::InvalidArgument(
        fmt::format("持出し時刻は HH:MM / the time out is HH:MM, not '{}'", t.time_out));
  }
  if (!Has(staff, t.taken_by)) {
    return Status::FailedPrecondition(fmt::format(
        "STO-3: 持ち出す人（{}）は登録室の職員 / the person taking it out ({}) must be an active "
        "staff account", t.taken_by, t.taken_by));
  }
  if (!Has(approvers, t.approved_by)) {
    return Status::FailedPrecondition(fmt::format(
        "STO-3: 持出しは作業責任者（又は責任者）の承認が必要（{}は承認者ではない） / a take-out "
        "needs the approval of a task lead or the head; '{}' is not one", t.approved_by,
        t.approved_by));
  }
  if (t.approved_by == t.taken_by) {
    return Status::FailedPrecondition(
        "STO-3: 持ち出す本人は承認できません / the person taking it out cannot approve it");
  }
  if (t.due_back < t.date) {
    return Status::FailedPrecondition(
        "S-STO-3: 返却予定日が持出し日より前 / the date due back is before the take-out");
  }
  return Status::Ok();
}

Status CheckTakeoutReturn(int32_t out_date, std::string_view time_out, int64_t quantity,
                          int32_t date, std::string_view time_in, int64_t returned_count) {
  if (!ParseClock(time_in)) {
    return Status::InvalidArgument(
        fmt::format("返却時刻は HH:MM / the time in is HH:MM, not '{}'", time_in));
  }
  if (date < out_date || (date == out_date && std::string(time_in) < std::string(time_out))) {
    return Status::InvalidArgument("返却が持出しより前 / the return is before the take-out");
  }
  if (returned_count < 0 || returned_count > quantity) {
    return Status::InvalidArgument(fmt::format(
        "返却数は0～{} / the count returned is 0 to {} (the quantity taken out)", quantity,
        quantity));
  }
  return Status::Ok();
}

Status CheckMaintenance(const Maintenance& m, const std::vector<std::string>& approvers,
                        const std::vector<std::string>& staff) {
  if (m.worker_kind != "staff" && m.worker_kind != "contractor") {
    return Status::InvalidArgument(fmt::format(
        "作業者の区分は staff, contractor / the worker is staff or contractor, not '{}'",
        m.worker_kind));
  }
  if (m.worker.empty()) return Missing("作業者（--worker）", "the worker (--worker)");
  if (m.work.empty()) return Missing("作業内容（--work）", "the work done (--work)");
  if (m.result.empty()) {
    return Status::FailedPrecondition(
        "S-SYS-6: 作業結果を記録してください / record the result of the work (--result)");
  }
  if (!ParseClock(m.time_from) || !ParseClock(m.time_to) || m.time_to < m.time_from) {
    return Status::InvalidArgument(fmt::format(
        "作業時間は HH:MM–HH:MM / the times are HH:MM to HH:MM, not '{}'–'{}'", m.time_from,
        m.time_to));
  }
  if (!Has(approvers, m.approved_by)) {
    return Status::FailedPrecondition(fmt::format(
        "SYS-R1: 保守作業は作業責任者（又は責任者）の事前承認が必要（{}は承認者ではない） / "
        "maintenance needs the prior approval of a task lead or the head; '{}' is not one",
        m.approved_by, m.approved_by));
  }
  if (!Has(staff, m.witness)) {
    return Status::FailedPrecondition(fmt::format(
        "SYS-R1, PHY-R6: 作業中は職員が立ち会う（{}は職員ではない） / a staff member is present "
        "throughout; '{}' is not an active account", m.witness, m.witness));
  }
  if (m.worker_kind == "contractor") {
    if (m.affiliation.empty()) return Missing("委託先（--affiliation）", "the company (--affiliation)");
    if (!m.nda) {
      return Status::FailedPrecondition(
          "SYS-R1: 委託先の作業は秘密保持契約の確認が必要（--nda） / a contractor works under a "
          "confidentiality agreement, confirmed beforehand (--nda)");
    }
  } else {
    if (!Has(staff, m.worker)) {
      return Status::InvalidArgument(fmt::format(
          "職員の作業者はアカウント名 / a staff worker is an active account, not '{}'", m.worker));
    }
    if (m.witness == m.worker) {
      return Status::FailedPrecondition(
          "PHY-R6: 立会いは作業者以外の職員 / the witness is another staff member than the worker "
          "(two people in critical places)");
    }
  }
  return Status::Ok();
}

std::string_view AcquisitionKindLabel(std::string_view kind) {
  if (kind == "notification") return "(ア) 届出票・遡り調査票 notification and follow-back forms";
  if (kind == "death") return "(イ) 死亡者情報票 death information forms";
  if (kind == "address-change") return "(ウ) 住所異動確認調査票 address-change confirmation forms";
  if (kind == "linkage-file") {
    return "(エ) 検診受診者・研究対象者ファイル screening or research-subject files";
  }
  return "?";
}

Status CheckAcquisition(const Acquisition& a, const std::vector<std::string>& staff) {
  if (AcquisitionKindLabel(a.kind) == "?") {
    return Status::InvalidArgument(fmt::format(
        "種類は notification, death, address-change, linkage-file (S-ACQ-2) / unknown kind '{}'",
        a.kind));
  }
  if (a.medium != "electronic" && a.medium != "paper") {
    return Status::InvalidArgument(fmt::format(
        "媒体は electronic, paper (S-ACQ-4) / the medium is electronic or paper, not '{}'",
        a.medium));
  }
  if (a.route == "post" || a.route == "fax" || a.route == "email") {
    return Status::FailedPrecondition(fmt::format(
        "S-TRN-1, S-TRN-4: {}での受領は不可（オンライン、配達記録の残る方法、職員の運搬のみ） / "
        "not by {}: online, a delivery that leaves a record, or carried by staff", a.route,
        a.route));
  }
  if (a.route != "online" && a.route != "tracked-delivery" && a.route != "hand-carried") {
    return Status::InvalidArgument(fmt::format(
        "経路は online, tracked-delivery, hand-carried / unknown route '{}'", a.route));
  }
  if (a.source.empty()) return Missing("送付元（--source）", "the body it came from (--source)");
  if (a.count <= 0) return Missing("件数（1以上）", "the count (at least 1)");
  if (a.storage.empty()) return Missing("保管場所（--storage）", "where it is kept (--storage)");
  if (a.route == "online" && a.medium == "paper") {
    return Status::InvalidArgument("紙はオンラインでは届きません / paper does not come online");
  }
  if (a.route == "tracked-delivery" && a.tracking.empty()) {
    return Status::FailedPrecondition(
        "S-TRN-1: 媒体・紙は配達記録の残る方法で：追跡番号を記録（--tracking） / media and paper "
        "come by a means that leaves a delivery record: give the tracking number");
  }
  if (a.route == "hand-carried") {
    int n = 0;
    for (const auto& c : a.carriers) {
      if (!Has(staff, c)) {
        return Status::InvalidArgument(fmt::format(
            "運搬者はアカウント名 / a carrier is an active account, not '{}'", c));
      }
      ++n;
    }
    if (n < 2) {
      return Status::FailedPrecondition(
          "S-TRN-5: 職員による運搬は2名以上 / staff carry personal information two or more "
          "together (--carriers A,B)");
    }
  }
  return Status::Ok();
}

Status CheckDelivery(const DeliveryRoute& d, const std::vector<std::string>& staff) {
  if (d.medium == "online") {
    return Status::FailedPrecondition(
        "S-ACQ-1: オンラインの受渡しに配送方法はありません / an online hand-over has no delivery to "
        "record");
  }
  static constexpr std::string_view kTracked[] = {"letter-pack", "registered-mail",
                                                  "specified-record-mail", "yu-pack"};
  const bool tracked = std::find(std::begin(kTracked), std::end(kTracked), d.method) !=
                       std::end(kTracked);
  if (!tracked && d.method != "hand-carried") {
    return Status::FailedPrecondition(fmt::format(
        "S-TRN-1: 媒体・紙は配達記録の残る方法（レターパック、書留、特定記録郵便、ゆうパック）か職員の"
        "運搬のみ / media and paper travel only by letter-pack, registered-mail, "
        "specified-record-mail, yu-pack or hand-carried, not '{}'", d.method));
  }
  if (tracked && d.tracking.empty()) {
    return Status::FailedPrecondition(
        "S-TRN-1: 追跡番号を記録してください / record the tracking number (--tracking)");
  }
  if (d.method == "hand-carried") {
    for (const auto& c : d.carriers) {
      if (!Has(staff, c)) {
        return Status::InvalidArgument(
            fmt::format("運搬者はアカウント名 / a carrier is an active account, not '{}'", c));
      }
    }
    if (d.carriers.size() < 2) {
      return Status::FailedPrecondition(
          "S-TRN-5: 職員による運搬は2名以上 / staff carry personal information two or more "
          "together (--carriers A,B)");
    }
  }
  if (d.direction == "dispatch" && d.medium != "paper" && !d.unused_medium) {
    return Status::FailedPrecondition(
        "S-TRN-1: 送付には未使用の媒体を使う：確認して --unused-medium / media sent out are "
        "unused: confirm it with --unused-medium");
  }
  if (d.direction == "receipt" && !d.opened_in_room) {
    return Status::FailedPrecondition(
        "S-ACQ-5: 配送物は登録室内で開封する：確認して --opened-in-room / deliveries are opened "
        "inside the registry room: confirm it with --opened-in-room");
  }
  return Status::Ok();
}

Status CheckDefinitionUpdate(const DefinitionUpdate& d) {
  if (d.kind == "hospital") {
    if (!Digits(d.code, 10)) {
      return Status::InvalidArgument(fmt::format(
          "病院は10桁の医療機関コード / a hospital is a 10-digit institution code, not '{}'",
          d.code));
    }
  } else if (d.kind == "municipality") {
    if (!Digits(d.code, 6)) {
      return Status::InvalidArgument(fmt::format(
          "市町村は6桁の地方公共団体コード / a municipality is a 6-digit local-government code, "
          "not '{}'", d.code));
    }
  } else {
    return Status::InvalidArgument(fmt::format(
        "種類は hospital, municipality / the kind is hospital or municipality, not '{}'", d.kind));
  }
  if (d.change != "add" && d.change != "change" && d.change != "remove") {
    return Status::InvalidArgument(
        fmt::format("変更は add, change, remove / the change is add, change or remove, not '{}'",
                    d.change));
  }
  if (d.description.empty()) return Missing("変更内容（--description）", "what changed");
  if (d.source.empty()) return Missing("根拠（--source）", "where the change came from");
  if (d.applied_on < d.changed_on) {
    return Status::FailedPrecondition(
        "S-SYS-4: 更新日が変更日より前 / the update is dated before the change it applies");
  }
  return Status::Ok();
}

Status CheckExternalAudit(const ExternalAudit& a, int32_t today) {
  if (a.auditor.empty()) return Missing("監査機関（--auditor）", "the outside body that audited");
  if (a.findings.empty()) return Missing("監査結果（--findings）", "the findings");
  if (a.date > today) {
    return Status::FailedPrecondition(
        "ORG-6: 監査日が未来 / the audit is dated in the future");
  }
  // ORG-6: the head reports the result of the audit to the governor's officer.
  if (a.reported_on != 0 && (a.reported_on < a.date || a.reported_on > today)) {
    return Status::FailedPrecondition(
        "ORG-6: 総括責任者への報告日は監査日から今日まで / the report to the governor's officer "
        "falls between the audit and today");
  }
  return Status::Ok();
}

Status CheckRetentionRule(const RetentionRule& r) {
  if (AcquisitionKindLabel(r.kind) == "?") {
    return Status::InvalidArgument(fmt::format(
        "種類は notification, death, address-change, linkage-file (S-ACQ-2) / unknown kind '{}'",
        r.kind));
  }
  if (r.medium != "electronic" && r.medium != "paper") {
    return Status::InvalidArgument(fmt::format(
        "媒体は electronic, paper (S-ACQ-2: 電子と紙は別) / the medium is electronic or paper, "
        "not '{}'", r.medium));
  }
  if (r.months < 1 || r.months > 600) {
    return Status::InvalidArgument(fmt::format(
        "保存期間は1～600か月 / the retention period is 1 to 600 months, not {}", r.months));
  }
  if (r.place.empty()) return Missing("保管場所（--place）", "where it is kept");
  if (r.method.empty()) return Missing("保管方法（--method）", "how it is kept");
  return Status::Ok();
}

}  // namespace ganreg::ledger
