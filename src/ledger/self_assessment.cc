// The self-assessment checklist (S-CHK-1) as data, the evaluation of each item from the records,
// and the rules for answers and the sign-off. Items are in ganreg's own words.
#include "ledger/self_assessment.h"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "ledger/disposal.h"
#include "ledger/people.h"

namespace ganreg::ledger {

namespace {

constexpr std::string_view kOrg = "1 組織的安全管理措置 Organisational measures";
constexpr std::string_view kHum = "2 人的安全管理措置 Human measures";
constexpr std::string_view kTec = "3 技術的安全管理措置 Technical measures";
constexpr std::string_view kPhy = "4 物理的安全管理措置・入退室 Physical measures and entry";
constexpr std::string_view kAcq = "5 取得・移送 Acquisition and transport";
constexpr std::string_view kSto = "6 保管・消去・廃棄 Storage, deletion and disposal";
constexpr std::string_view kSys = "7 システム管理 System management";
constexpr std::string_view kInq = "8 問合せ対応 Inquiries";
constexpr std::string_view kPrc = "9 入力・加工・匿名化 Input, processing and anonymization";

using E = Evidence;

// The checklist. Adding an item: give it the next number of its section, the rule ids it checks,
// and an evidence rule only where ganreg's own records decide it.
constexpr std::array kItems = {
    ChecklistItem{"1-01", kOrg, "登録室責任者、作業ごとの作業責任者及び作業担当者が定められているか",
                  "Are the registry head, a task lead for each task and the task staff designated?",
                  "S-ROLE-1", E::kRoles},
    ChecklistItem{"1-02", kOrg, "作業分担表（処理してよい情報の範囲）が定められ、それが守られているか",
                  "Is there a work-assignment table (the information each person may process), and "
                  "is it kept to?", "S-ROLE-3", E::kWorkAssignment},
    ChecklistItem{"1-03", kOrg, "毎年9月に自己点検を行い、その結果により手順を見直しているか",
                  "Is the self-assessment run every September and are procedures revised by its "
                  "results?", "S-CHK-1", E::kRevisions},
    ChecklistItem{"1-04", kOrg, "4～5年ごとに外部機関の監査を受け、結果を総括責任者に報告しているか（No. 10）",
                  "Is the room audited by an outside body every 4-5 years and the result reported "
                  "to the governor's officer? (No. 10)", "ORG-6", E::kExternalAudit},
    ChecklistItem{"1-05", kOrg, "事故の際、責任者から知事及び国がんへ、知事から厚生労働省へ報告し、経過を記録しているか",
                  "Are incidents reported head → governor and NCC → ministry, with each step "
                  "recorded?", "S-INC-1", E::kIncidentsClosed},
    ChecklistItem{"1-06", kOrg, "緊急連絡網があり、作成・更新日が記載されているか",
                  "Is there an emergency contact network that carries its creation or update date?",
                  "S-INC-2", E::kContactNetwork},
    ChecklistItem{"1-07", kOrg, "窓口組織が登録室以外の場合、登録室と同じ安全管理措置を講じているか",
                  "Where the window organisation is another body, does it apply the same measures?",
                  "S-ROLE-2", E::kPerson},
    ChecklistItem{"2-01", kHum, "責任者が年1回以上の研修と試験を計画し、承認しているか",
                  "Has the head planned and approved training with a test, at least yearly?",
                  "S-HUM-1, S-HUM-3", E::kTrainingPlan},
    ChecklistItem{"2-02", kHum, "全職員（委託先従事者を含む）が今年度の研修を受け、試験に合格しているか（不合格者は再試験）",
                  "Has everyone (contractors included) been trained this fiscal year and passed the "
                  "test, with retests for those who failed?", "S-HUM-1", E::kTrainingPassed},
    ChecklistItem{"2-03", kHum, "研修内容に法令上の守秘義務・本マニュアル・手順、各人の役割と責任、退職後の守秘を含むか",
                  "Does the curriculum cover the statutory duties, the manual and procedures, each "
                  "person's role, and confidentiality after leaving?", "S-HUM-2", E::kTrainingPlan},
    ChecklistItem{"2-04", kHum, "新任者及び退職者に責任者が説明しているか",
                  "Does the head brief new staff and leavers?", "S-HUM-3", E::kBriefings},
    ChecklistItem{"3-01", kTec, "パスワードは8文字以上で英字・数字・記号を混在させ、推測されにくく、本人が設定しているか",
                  "Are passwords at least 8 characters of letters, digits and symbols, not "
                  "guessable, and set by their holders?", "S-PWD-1, S-PWD-3", E::kInitialPasswords},
    ChecklistItem{"3-02", kTec, "パスワードを60日以内に変更し、以前のものを再使用していないか",
                  "Are passwords changed within 60 days and never reused?", "S-PWD-2",
                  E::kPasswordAge},
    ChecklistItem{"3-03", kTec, "パスワードをホワイトボードや付箋など他人の目に触れる所に掲示していないか（No. 28）",
                  "Are passwords never posted where others can see them (whiteboard, sticky "
                  "note)? (No. 28)", "S-PWD-3", E::kPerson},
    ChecklistItem{"3-04", kTec, "管理者パスワードを知るのは責任者とシステム管理の作業責任者の2名のみか",
                  "Do only the head and the system task lead know the administrator password?",
                  "S-SYS-1", E::kCustodians},
    ChecklistItem{"3-05", kTec, "利用者登録は責任者の指示により作業責任者が行っているか",
                  "Are users registered by a task lead on the head's instruction?", "S-SYS-2",
                  E::kRegistration},
    ChecklistItem{"3-06", kTec, "毎年4月及び人事異動の際に利用者IDと利用者の対応を確認しているか",
                  "Is every user ID checked against its holder each April and at personnel "
                  "changes?", "S-SYS-3", E::kIdAudit},
    ChecklistItem{"3-07", kTec, "退職者のID及びパスワードを削除しているか",
                  "Are leavers' IDs and passwords deleted?", "S-PWD-4", E::kPerson},
    ChecklistItem{"3-08", kTec, "操作の記録（監査証跡）が改ざんされていないことを確認しているか",
                  "Is the audit trail of operations confirmed free of tampering?", "TEC-9",
                  E::kAuditChain},
    ChecklistItem{"4-01", kPhy, "キーボックスの開閉を全て記録し、終業時に鍵の本数を確認しているか",
                  "Is every opening and locking of the key box recorded, and are keys counted at "
                  "the end of each day?", "S-STO-1, S-ENT-1", E::kKeyCounts},
    ChecklistItem{"4-02", kPhy, "入退室管理簿を更新し、作業責任者がおおむね毎月点検しているか",
                  "Is the entry/exit log kept and checked by the task lead about monthly?",
                  "S-ENT-1", E::kEntryChecks},
    ChecklistItem{"4-03", kPhy, "外来者（清掃員を含む）は誓約書を提出し、作業責任者の承認を得て、職員が付き添っているか",
                  "Do visitors (cleaners too) give the pledge, get a task lead's approval and stay "
                  "escorted?", "S-ENT-1, PHY-2", E::kVisitors},
    ChecklistItem{"4-04", kPhy, "無人時は施錠し、ネットワーク終端装置を施錠保管し、PCを室外に持ち出していないか",
                  "Is the room locked when unattended, the network terminating device locked "
                  "away, and no PC taken out?", "S-ENT-1, S-SYS-7", E::kPerson},
    ChecklistItem{"5-01", kAcq, "病院からはオンラインで受け取り、媒体・紙は配達記録の残る方法と未使用の媒体によっているか",
                  "Are files received online, and media or paper only by tracked delivery on "
                  "unused media?", "S-ACQ-1, S-TRN-1", E::kDeliveries},
    ChecklistItem{"5-02", kAcq, "配送物等受渡簿に受領と発送を記録し、配送物は登録室内で開封しているか",
                  "Are receipts and dispatches recorded in the hand-over book, and deliveries "
                  "opened inside the room?", "S-ACQ-5, S-TRN-5", E::kHandover},
    ChecklistItem{"5-03", kAcq, "取得する情報の種類ごとに記録簿（電子・紙の別）を備え、記入しているか",
                  "Is a register kept for each kind of information acquired, naming the medium?",
                  "S-ACQ-2, S-ACQ-4", E::kAcquisitions},
    ChecklistItem{"5-04", kAcq, "個人識別情報とがん情報を分離・暗号化し、同じキー番号で移送しているか",
                  "Are identifying and cancer information separated, encrypted and sent with the "
                  "same key number?", "S-TRN-2, S-TRN-3", E::kPerson},
    ChecklistItem{"5-05", kAcq, "職員が運搬する際は施錠できる鞄で、2名以上で直行しているか",
                  "Do staff carrying material use a locked bag, go directly, two or more together?",
                  "S-TRN-5", E::kPerson},
    ChecklistItem{"5-06", kAcq, "個人情報を通常のインターネットや電子メールの添付で送っていないか",
                  "Is personal information never sent over the ordinary internet or as e-mail "
                  "attachments?", "S-TRN-4", E::kPerson},
    ChecklistItem{"6-01", kSto, "個人情報の資料を使用時以外は施錠したキャビネットに保管しているか",
                  "Is personal-information material kept in locked cabinets except while in use?",
                  "S-STO-1", E::kPerson},
    ChecklistItem{"6-02", kSto, "個人情報を含む可搬媒体の一覧（受領日・廃棄日）を備え、保管期間を過ぎた媒体がないか",
                  "Is the list of portable media (received and disposed dates) kept, with no "
                  "medium past its period?", "S-STO-2", E::kMediaList},
    ChecklistItem{"6-03", kSto, "資料の室外への持出しと返却を管理台帳に記録し、紛失や戻し忘れを防いでいるか（No. 58, 59）",
                  "Are take-out and return recorded in a register, and loss or failure to return "
                  "prevented? (Nos. 58, 59)", "S-STO-3, STO-3, STO-4", E::kTakeouts},
    ChecklistItem{"6-04", kSto, "廃棄は指定の場所で、室外では複数人で、委託では職員立会いで行い、記録しているか",
                  "Is disposal done in designated places, by several staff outside the room or "
                  "attended throughout when contracted, and recorded?", "S-STO-4", E::kDisposals},
    ChecklistItem{"6-05", kSto, "裁断の幅・面積が基準を満たし、溶解業者の契約に守秘条項があることを責任者が確認しているか",
                  "Do shredders meet the strip and particle limits, and has the head checked the "
                  "dissolution contract's confidentiality clause?", "S-STO-5",
                  E::kDisposalContracts},
    ChecklistItem{"7-01", kSys, "病院定義・市町村定義の変更を速やかに更新し、その更新を記録しているか",
                  "Are hospital and municipality definitions updated promptly and each update "
                  "recorded?", "S-SYS-4", E::kDefinitions},
    ChecklistItem{"7-02", kSys, "データベースサーバに直接触れる保守作業の作業者・作業内容・結果を記録しているか",
                  "Is maintenance touching the database server recorded with worker, work and "
                  "result?", "S-SYS-6", E::kMaintenance},
    ChecklistItem{"7-03", kSys, "障害の際、症状と契機となった操作を国がんに報告しているか",
                  "Are faults reported to the NCC with the symptom and the triggering operation?",
                  "S-SYS-5", E::kPerson},
    ChecklistItem{"8-01", kInq, "個人情報に関わる問合せを全て問合せ記録に記入し、回答を記録しているか",
                  "Is every inquiry about personal information entered in the inquiry book with its "
                  "answer?", "S-INQ-5", E::kInquiries},
    ChecklistItem{"8-02", kInq, "電話の問合せにその場で答えず、事前に確認した番号へ責任者の承認のもとで折り返しているか（No. 91）",
                  "Are phone inquiries never answered on the spot, and called back only to numbers "
                  "confirmed beforehand, with the head's approval? (No. 91)", "S-INQ-3, S-INQ-4",
                  E::kPerson},
    ChecklistItem{"8-03", kInq, "情報の利用者（法第21条第8項）からの問合せに原則として答えていないか（No. 89）",
                  "Are inquiries from data users (Act Art. 21(8)) in principle not answered? "
                  "(No. 89)", "S-INQ-2", E::kPerson},
    ChecklistItem{"8-04", kInq, "病院等への電話・FAXによる照会を、定められた条件を満たす場合に限っているか",
                  "Are phone or FAX inquiries to hospitals made only when the set conditions hold?",
                  "S-INQ-6", E::kPerson},
    ChecklistItem{"9-01", kPrc, "国のシステム以外への一時的な入力は、審査整理のため作業責任者の指示による場合に限っているか",
                  "Is temporary entry into other software done only for review and consolidation, "
                  "on the task lead's instruction?", "S-INP-1", E::kPerson},
    ChecklistItem{"9-02", kPrc, "作業ファイルは都道府県フォルダに置き、他のPCの作業ファイルは終業時に完全に消去しているか",
                  "Are work files kept in the prefecture folder, and those on other PCs deleted "
                  "completely at the end of the day?", "S-PRC-1", E::kPerson},
    ChecklistItem{"9-03", kPrc, "匿名化の方法を審議会等の意見に従い、データの規模と目的に応じて選んでいるか（No. 55）",
                  "Is the anonymization method chosen by the review council's opinion, for the "
                  "data's size and purpose? (No. 55)", "S-ANO-1", E::kPerson},
};

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

Prefill Met(std::string note) { return {true, Finding::kMet, std::move(note)}; }
Prefill NotMet(std::string note) { return {true, Finding::kNotMet, std::move(note)}; }
Prefill Ask(std::string note) { return {false, Finding::kNeedsAnswer, std::move(note)}; }
Prefill CountOrAsk(int64_t n, std::string_view what_ja, std::string_view what_en) {
  if (n > 0) {
    return Met(fmt::format("期間中{}件の{}（各記録は入力時に規則を確認済み） / {} {} in the period, "
                           "each checked against the rules at entry", n, what_ja, n, what_en));
  }
  return Ask(fmt::format("期間中の{}の記録なし：実施の有無を回答 / no {} recorded in the period: "
                         "answer whether there were any", what_ja, what_en));
}

std::vector<const DueFacts::Account*> Active(const DueFacts& f) {
  std::vector<const DueFacts::Account*> out;
  for (const auto& a : f.accounts) {
    if (!a.disabled) out.push_back(&a);
  }
  return out;
}

}  // namespace

std::span<const ChecklistItem> Checklist() { return kItems; }

const ChecklistItem* FindChecklistItem(std::string_view no) {
  for (const auto& i : kItems) {
    if (i.no == no) return &i;
  }
  return nullptr;
}

int32_t PeriodStart(int64_t year) { return static_cast<int32_t>((year - 1) * 10000 + 901); }

std::string_view FindingId(Finding f) {
  switch (f) {
    case Finding::kMet: return "met";
    case Finding::kNotMet: return "not-met";
    case Finding::kNeedsAnswer: return "needs-answer";
  }
  return "?";
}

std::optional<Finding> ParseFinding(std::string_view id) {
  for (auto f : {Finding::kMet, Finding::kNotMet, Finding::kNeedsAnswer}) {
    if (FindingId(f) == id) return f;
  }
  return std::nullopt;
}

std::string_view AnswerStatusId(AnswerStatus s) {
  switch (s) {
    case AnswerStatus::kNone: return "";
    case AnswerStatus::kMet: return "met";
    case AnswerStatus::kNotMet: return "not-met";
    case AnswerStatus::kNotApplicable: return "not-applicable";
  }
  return "?";
}

std::optional<AnswerStatus> ParseAnswerStatus(std::string_view id) {
  for (auto s : {AnswerStatus::kNone, AnswerStatus::kMet, AnswerStatus::kNotMet,
                 AnswerStatus::kNotApplicable}) {
    if (AnswerStatusId(s) == id) return s;
  }
  return std::nullopt;
}

Prefill Evaluate(const ChecklistItem& item, const AssessmentFacts& f) {
  const DueFacts& d = f.due;
  const int32_t april_first = static_cast<int32_t>(f.year * 10000 + 401);
  const int32_t april_end = static_cast<int32_t>(f.year * 10000 + 430);
  const int32_t since = PeriodStart(f.year);
  switch (item.evidence) {
    case Evidence::kPerson:
      return Ask("担当者の回答が必要 / needs a person's answer");
    case Evidence::kRoles: {
      std::vector<std::string> heads, leads;
      for (const auto& a : f.accounts) {
        if (a.disabled) continue;
        if (a.role == "head") heads.push_back(a.name);
        if (a.role == "task-lead") leads.push_back(a.name);
      }
      std::string note = fmt::format("責任者 head: {}; 作業責任者 task leads: {}",
                                     heads.empty() ? "-" : Join(heads),
                                     leads.empty() ? "-" : Join(leads));
      return heads.empty() || leads.empty() ? NotMet(note + " — 未指定 not designated")
                                            : Met(note);
    }
    case Evidence::kWorkAssignment:
      if (f.grants > 0) {
        return Met(fmt::format("作業分担表＝権限付与 {}件（user list） / the table is the grants: {} "
                               "held by staff (user list); reading is enforced by keys",
                               f.grants, f.grants));
      }
      return Ask("職員への権限付与なし：分担の実態を回答 / no grants held by staff: answer how the "
                 "work is assigned");
    case Evidence::kCustodians: {
      std::vector<std::string> c;
      bool head = false;
      for (const auto& a : f.accounts) {
        if (a.disabled || !a.custodian) continue;
        c.push_back(a.name);
        if (a.role == "head") head = true;
      }
      std::string note = fmt::format("管理者 custodians: {}", Join(c));
      return c.size() <= 2 && head ? Met(note) : NotMet(note);
    }
    case Evidence::kRegistration: {
      std::vector<std::string> heads, bad;
      for (const auto& a : f.accounts) {
        if (a.role == "head") heads.push_back(a.name);
      }
      auto is_head = [&](const std::string& n) {
        return std::find(heads.begin(), heads.end(), n) != heads.end();
      };
      for (const auto& a : f.accounts) {
        if (a.role == "head") continue;
        const bool ok = a.role == "task-lead" ? is_head(a.created_by) : is_head(a.instructed_by);
        if (!ok) bad.push_back(a.name);
      }
      if (bad.empty()) {
        return Met(fmt::format("全{}件のアカウントが責任者の指示により作成 / every account ({}) was "
                               "created by or on the instruction of the head",
                               f.accounts.size(), f.accounts.size()));
      }
      return NotMet(fmt::format("指示の記録なし no head's instruction recorded: {}", Join(bad)));
    }
    case Evidence::kInitialPasswords: {
      std::vector<std::string> bad;
      for (const auto* a : Active(d)) {
        if (a->must_change) bad.push_back(a->name);
      }
      if (bad.empty()) {
        return Met("全員が本人設定のパスワード（規則は設定時にganregが確認） / every password was "
                   "set by its holder; ganreg checks the rules when it is set");
      }
      return NotMet(fmt::format("初期パスワードのまま still the initial password: {}", Join(bad)));
    }
    case Evidence::kPasswordAge: {
      std::vector<std::string> bad;
      for (const auto* a : Active(d)) {
        if (a->password_expires < d.today) bad.push_back(a->name);
      }
      if (bad.empty()) {
        return Met("60日を超えたパスワードなし、再使用はganregが拒否 / no password older than 60 "
                   "days; ganreg refuses reuse");
      }
      return NotMet(fmt::format("60日超 older than 60 days: {}", Join(bad)));
    }
    case Evidence::kIdAudit: {
      std::optional<int32_t> in_april, later, latest;
      for (int32_t a : d.id_audit_dates) {
        if (a >= april_first && a <= april_end) in_april = a;
        if (a > april_end) later = a;
        if (!latest || a > *latest) latest = a;
      }
      if (d.last_personnel_change != 0 && (!latest || *latest < d.last_personnel_change) &&
          d.last_personnel_change > april_first) {
        return NotMet(fmt::format("人事異動（{}）後の照合なし / no user-ID audit after the personnel "
                                  "change of {}", FormatDate(d.last_personnel_change),
                                  FormatDate(d.last_personnel_change)));
      }
      if (in_april) {
        return Met(fmt::format("4月の照合 {} / the April audit on {}", FormatDate(*in_april),
                               FormatDate(*in_april)));
      }
      if (d.registry_created > april_end) {
        return Met("登録室の開設が4月以降、異動後の照合は記録済み / the registry began after April; "
                   "audits after personnel changes are recorded");
      }
      if (later) {
        return NotMet(fmt::format("4月の照合なし（{}に実施） / no audit in April (one on {})",
                                  FormatDate(*later), FormatDate(*later)));
      }
      return NotMet(fmt::format("{}年4月の照合なし / no user-ID audit in April {}", f.year,
                                f.year));
    }
    case Evidence::kTrainingPlan:
      if (std::find(d.approved_plan_years.begin(), d.approved_plan_years.end(), f.year) !=
          d.approved_plan_years.end()) {
        return Met(fmt::format("{}年度の計画を責任者が承認（内容3項目はganregが確認） / the head "
                               "approved a plan for fiscal year {}; ganreg checks it covers the "
                               "three topics", f.year, f.year));
      }
      return NotMet(fmt::format("{}年度の承認済み計画なし / no approved plan for fiscal year {}",
                                f.year, f.year));
    case Evidence::kTrainingPassed: {
      std::vector<std::string> bad;
      int64_t n = 0;
      for (const auto* a : Active(d)) {
        if (a->role == "head") continue;
        ++n;
        if (!a->last_pass || *a->last_pass < april_first) bad.push_back(a->name);
      }
      if (bad.empty()) {
        return Met(fmt::format("{}名全員が{}年度に合格 / all {} staff passed in fiscal year {}", n,
                               f.year, n, f.year));
      }
      return NotMet(fmt::format("今年度の合格なし no pass this fiscal year: {}", Join(bad)));
    }
    case Evidence::kBriefings: {
      std::vector<std::string> bad;
      for (const auto& a : d.accounts) {
        if (a.role == "head") continue;
        if (a.disabled ? !a.briefed_leaver : !a.briefed_new) bad.push_back(a.name);
      }
      if (bad.empty()) return Met("新任者・退職者全員に説明の記録 / every briefing recorded");
      return NotMet(fmt::format("説明の記録なし no briefing recorded: {}", Join(bad)));
    }
    case Evidence::kAuditChain:
      if (f.audit_intact) {
        return Met(fmt::format("監査証跡 {}件を検証、改ざんなし / the chain of {} events and its "
                               "checkpoints verify", f.audit_events, f.audit_events));
      }
      return NotMet(fmt::format("監査証跡の破損 the audit trail does not verify: {}",
                                f.audit_problem));
    case Evidence::kIncidentsClosed: {
      if (d.incidents.empty()) {
        return Met(fmt::format("事故{}件、報告の経過はすべて記録済み / {} incident(s), every "
                               "reporting chain recorded", f.incidents, f.incidents));
      }
      std::vector<std::string> open;
      for (const auto& i : d.incidents) open.push_back(fmt::format("#{}", i.id));
      return NotMet(fmt::format("未完了の事故 incidents with steps missing: {}", Join(open)));
    }
    case Evidence::kRevisions: {
      // Last September's results: each action decided for an unmet item carried out as a
      // recorded revision. A first assessment in ganreg has no such record: a person answers.
      auto prev = std::find_if(d.signed_assessments.begin(), d.signed_assessments.end(),
                               [&](const auto& a) { return a.year == f.year - 1; });
      if (prev == d.signed_assessments.end()) {
        return Ask(fmt::format("{}年の署名済み自己点検の記録なし、担当者の回答が必要 / no signed "
                               "self-assessment of {} in ganreg: needs a person's answer",
                               f.year - 1, f.year - 1));
      }
      if (!prev->unrevised.empty()) {
        return NotMet(fmt::format("{}年の改善措置のうち手順の改訂が未記録 / {}: actions with no "
                                  "revision recorded: {}", f.year - 1, f.year - 1,
                                  Join(prev->unrevised)));
      }
      return Met(fmt::format("{}年の不適項目{}件の改善措置はすべて手順の改訂を記録 / {}: all {} "
                             "action(s) carried out as recorded revisions", f.year - 1,
                             prev->actions.size(), f.year - 1, prev->actions.size()));
    }
    case Evidence::kExternalAudit: {
      const DueFacts::ExternalAudit* last = nullptr;
      for (const auto& a : d.external_audits) {
        if (last == nullptr || a.date > last->date) last = &a;
      }
      if (last == nullptr) {
        if (AddMonths(d.registry_created, 12 * kExternalAuditYears) > d.today) {
          return Met(fmt::format("外部監査の記録なし（記録開始 {} から5年以内） / none recorded; "
                                 "the records began on {}, less than 5 years ago",
                                 FormatDate(d.registry_created), FormatDate(d.registry_created)));
        }
        return NotMet("5年以内の外部監査の記録なし / no external audit recorded in 5 years");
      }
      if (AddMonths(last->date, 12 * kExternalAuditYears) < d.today) {
        return NotMet(fmt::format("最後の外部監査 {}（5年超） / the last external audit, {}, is "
                                  "more than 5 years ago", FormatDate(last->date),
                                  FormatDate(last->date)));
      }
      if (last->reported == 0) {
        return NotMet(fmt::format("外部監査 {}（{}）の総括責任者への報告が未記録 / the report of "
                                  "the audit of {} to the governor's officer is not recorded",
                                  FormatDate(last->date), last->auditor, FormatDate(last->date)));
      }
      return Met(fmt::format("外部監査 {}（{}）、報告 {} / audited on {} by {}, reported on {}",
                             FormatDate(last->date), last->auditor, FormatDate(last->reported),
                             FormatDate(last->date), last->auditor, FormatDate(last->reported)));
    }
    case Evidence::kContactNetwork:
      if (d.has_contact_network) {
        return Met(fmt::format("更新日 {} / updated on {}", f.contact_network_updated,
                               f.contact_network_updated));
      }
      return NotMet("緊急連絡網の記録なし / no emergency contact network recorded");
    case Evidence::kKeyCounts: {
      if (f.keybox_entries == 0) {
        return Ask("期間中のキーボックスの記録なし：管理方法を回答 / no key-box entries in the "
                   "period: answer how the key box is kept");
      }
      std::vector<std::string> days;
      for (int32_t day : d.keybox_open_days_without_count) {
        if (day >= since) days.push_back(FormatDate(day));
      }
      if (days.empty() && !d.keybox_open_now) {
        return Met(fmt::format("{}件の記録、開けた日はすべて本数確認済み / {} entries; keys counted on "
                               "every day the box was opened", f.keybox_entries,
                               f.keybox_entries));
      }
      return NotMet(fmt::format("本数確認のない日 days without a key count: {}{}",
                                days.empty() ? "-" : Join(days),
                                d.keybox_open_now ? "; 開いたまま the box is open" : ""));
    }
    case Evidence::kEntryChecks: {
      if (!d.first_entry_month) {
        return Ask("入退室管理簿の記録なし：外来者の有無を回答 / no entry-log entries: answer "
                   "whether there were visitors");
      }
      std::vector<std::string> missing;
      int y = std::stoi(d.first_entry_month->substr(0, 4));
      int m = std::stoi(d.first_entry_month->substr(5, 2));
      const int ty = d.today / 10000, tm = d.today / 100 % 100;
      for (; y * 12 + m < ty * 12 + tm; m == 12 ? (m = 1, ++y) : ++m) {
        const std::string month = fmt::format("{:04}-{:02}", y, m);
        if ((y * 10000 + m * 100 + 1) < since) continue;
        if (std::find(d.checked_months.begin(), d.checked_months.end(), month) ==
            d.checked_months.end()) {
          missing.push_back(month);
        }
      }
      if (missing.empty()) {
        return Met("記録のある各月を作業責任者が点検済み / the task lead checked every month of the "
                   "log");
      }
      return NotMet(fmt::format("点検のない月 months not checked: {}", Join(missing)));
    }
    case Evidence::kVisitors:
      return CountOrAsk(f.visits, "外来者の入室", "visitors' entries (pledge, approval, escort)");
    case Evidence::kMediaList: {
      std::vector<std::string> late;
      for (const auto& m : d.media) {
        if (!m.disposed && AddDays(m.received, kMediumKeepDays) < d.today) late.push_back(m.id);
      }
      if (!late.empty()) {
        return NotMet(fmt::format("保管期間を過ぎた媒体 media kept past their period: {}",
                                  Join(late)));
      }
      if (f.media == 0) {
        return Ask("一覧に媒体なし：保有の有無を回答 / no medium listed: answer whether any is held");
      }
      return Met(fmt::format("{}件の媒体、期間超過なし / {} media listed, none past its period",
                             f.media, f.media));
    }
    case Evidence::kDisposals:
      return CountOrAsk(f.disposals, "廃棄", "disposals");
    case Evidence::kDisposalContracts:
      // S-STO-5: each shredding entry met the limits when it was recorded (refused otherwise);
      // a contractor's disposal names a contract whose clause the head checked (entries from
      // before ganreg recorded the contract carry none).
      if (!f.contractor_unchecked.empty()) {
        return NotMet(fmt::format("守秘義務条項を責任者が確認した契約のない委託廃棄 contractor "
                                  "disposals with no contract checked by the head: {}",
                                  Join(f.contractor_unchecked)));
      }
      if (f.disposals == 0) {
        return Ask("期間中の廃棄の記録なし：裁断機と委託契約を回答 / no disposal in the period: "
                   "answer for the shredders and the contractor's contract");
      }
      return Met(fmt::format("廃棄{}件（裁断は記録時に基準を確認）、委託{}件はすべて責任者が守秘義務"
                             "条項を確認した契約による / {} disposals (shredding checked against "
                             "the limits at entry); the {} by a contractor all under a contract "
                             "whose confidentiality clause the head checked", f.disposals,
                             f.contractor_disposals, f.disposals, f.contractor_disposals));
    case Evidence::kTakeouts:
      if (!f.takeouts_late.empty()) {
        return NotMet(fmt::format("期限までに返却されていない not returned by the date due: {}",
                                  Join(f.takeouts_late)));
      }
      return CountOrAsk(f.takeouts, "持出し（すべて返却済み）",
                        "take-outs, each returned in time");
    case Evidence::kInquiries:
      if (f.inquiries_unanswered > 0) {
        return NotMet(fmt::format("回答未記録の問合せ {}件 / {} inquiries without a recorded answer",
                                  f.inquiries_unanswered, f.inquiries_unanswered));
      }
      return CountOrAsk(f.inquiries, "問合せ（すべて回答記録あり）", "inquiries, each answered");
    case Evidence::kHandover:
      return CountOrAsk(f.handover, "受領・発送", "receipts and dispatches");
    case Evidence::kDeliveries: {
      std::vector<std::string> missing;
      for (const auto& h : d.untracked_handover) {
        if (h.date >= since) missing.push_back(fmt::format("#{}", h.id));
      }
      if (!missing.empty()) {
        return NotMet(fmt::format("配送方法の記録がない受渡し hand-overs without their delivery "
                                  "record: {}", Join(missing)));
      }
      if (f.handover == 0) {
        return Ask("期間中の受渡しなし：受渡しの方法を回答 / no hand-overs in the period: answer "
                   "how deliveries travel");
      }
      return Met(fmt::format("受渡し{}件（うち媒体・紙{}件は配送方法・追跡番号又は2名運搬を記録、未使用媒体を"
                             "確認） / {} hand-overs; the {} on media or paper recorded with a tracked "
                             "service or two carriers, unused media confirmed", f.handover,
                             f.handover_media, f.handover, f.handover_media));
    }
    case Evidence::kAcquisitions:
      return CountOrAsk(f.acquisitions, "取得", "acquisitions");
    case Evidence::kMaintenance:
      return CountOrAsk(f.maintenance, "保守作業", "maintenance works");
    case Evidence::kDefinitions:
      return CountOrAsk(f.definition_updates, "定義更新", "definition updates");
  }
  return Ask("");
}

Status CheckAnswer(const ChecklistItem& item, const Prefill& prefill, AnswerStatus status,
                   std::string_view note, std::string_view action) {
  if (prefill.from_records) {
    const bool same = (status == AnswerStatus::kMet && prefill.finding == Finding::kMet) ||
                      (status == AnswerStatus::kNotMet && prefill.finding == Finding::kNotMet);
    if (status != AnswerStatus::kNone && !same) {
      return Status::FailedPrecondition(fmt::format(
          "S-CHK-1: 項目{}は記録から判定されます（{}）。回答で上書きできません。該当の台帳に記録してください "
          "/ item {} is decided by the records ({}): an answer cannot override them — record the "
          "fact in its ledger", item.no, FindingId(prefill.finding), item.no,
          FindingId(prefill.finding)));
    }
    if (note.empty() && action.empty()) {
      return Status::InvalidArgument(fmt::format(
          "項目{}: 注記か改善措置を指定 / item {}: give a note or the action decided", item.no,
          item.no));
    }
  } else {
    if (status == AnswerStatus::kNone) {
      return Status::InvalidArgument(fmt::format(
          "項目{}: 回答（met, not-met, not-applicable）を指定 / item {}: give the answer (met, "
          "not-met, not-applicable)", item.no, item.no));
    }
    if (note.empty()) {
      return Status::FailedPrecondition(fmt::format(
          "S-CHK-1: 項目{}の回答には根拠の注記が必要 / item {}: an answer needs an evidence note "
          "(what shows it)", item.no, item.no));
    }
  }
  const bool not_met = status == AnswerStatus::kNotMet ||
                       (prefill.from_records && prefill.finding == Finding::kNotMet);
  if (not_met && action.empty() && status != AnswerStatus::kNone) {
    return Status::FailedPrecondition(fmt::format(
        "S-CHK-1: 項目{}は不適：改善措置（手順の見直し）を指定 / item {} is not met: give the action "
        "decided (--action); procedures are revised by the results", item.no, item.no));
  }
  return Status::Ok();
}

std::string ItemState::Result() const {
  if (answer == AnswerStatus::kNotApplicable) return "not-applicable";
  if (prefill.from_records) return std::string(FindingId(prefill.finding));
  if (answer == AnswerStatus::kMet) return "met";
  if (answer == AnswerStatus::kNotMet) return "not-met";
  return "needs-answer";
}

Status CheckSignOff(const std::vector<ItemState>& items) {
  std::vector<std::string> unanswered, no_action;
  for (const auto& s : items) {
    const std::string r = s.Result();
    if (r == "needs-answer") unanswered.push_back(std::string(s.item->no));
    if (r == "not-met" && s.action.empty()) no_action.push_back(std::string(s.item->no));
  }
  if (unanswered.empty() && no_action.empty()) return Status::Ok();
  std::string why;
  if (!unanswered.empty()) {
    why += fmt::format("未回答 unanswered: {}", Join(unanswered));
  }
  if (!no_action.empty()) {
    why += fmt::format("{}改善措置のない不適 not met without an action: {}",
                       why.empty() ? "" : "; ", Join(no_action));
  }
  return Status::FailedPrecondition(fmt::format(
      "S-CHK-1: 署名できません（全項目の回答と不適項目の改善措置が必要） / cannot sign: every item "
      "needs a result and every unmet one the action decided — {}", why));
}

Status CheckRevision(const ProcedureRevision& r, const std::vector<ItemState>& states,
                     const std::vector<std::string>& heads, int32_t started, int32_t today) {
  if (r.items.empty() || r.procedure.empty() || r.change.empty()) {
    return Status::InvalidArgument(
        "改訂には対象項目・手順・変更内容が必要 / a revision needs the items it answers, the "
        "procedure and what changed");
  }
  for (const auto& no : r.items) {
    auto it = std::find_if(states.begin(), states.end(),
                           [&](const ItemState& s) { return s.item->no == no; });
    if (it == states.end()) {
      return Status::InvalidArgument(fmt::format(
          "チェックリストに項目{}はありません / no checklist item '{}'", no, no));
    }
    // S-CHK-1: procedures are revised by the results — a revision answers an action decided.
    if (it->action.empty()) {
      return Status::FailedPrecondition(fmt::format(
          "S-CHK-1: {}年の自己点検で項目{}に改善措置が決定されていません（self-assessment answer "
          "--action） / item {} has no action decided in the self-assessment of {}", r.year, no,
          no, r.year));
    }
  }
  // S-CHK-1: the head runs the evaluation and revises the procedures.
  if (std::find(heads.begin(), heads.end(), r.decided_by) == heads.end()) {
    return Status::FailedPrecondition(fmt::format(
        "S-CHK-1: 手順の改訂は登録室責任者が決定します（{}は責任者ではない） / procedures are "
        "revised by the registry head; '{}' is not an active head", r.decided_by, r.decided_by));
  }
  if (r.decided_on < started || r.decided_on > today) {
    return Status::FailedPrecondition(fmt::format(
        "S-CHK-1: 決定日{}は自己点検の開始日{}から今日まで / the decision date {} must fall "
        "between the assessment's start ({}) and today", FormatDate(r.decided_on),
        FormatDate(started), FormatDate(r.decided_on), FormatDate(started)));
  }
  return Status::Ok();
}

namespace {
std::string ResultLabel(const std::string& r) {
  // Japanese and English on lines of their own: the column stays narrow and a label is never
  // broken inside a word.
  if (r == "met") return "○ 適\nmet";
  if (r == "not-met") return "× 不適\nnot met";
  if (r == "not-applicable") return "－ 該当なし\nn/a";
  return "未回答\nneeds an answer";
}
}  // namespace

report::Document AssessmentDocument(const AssessmentReport& r) {
  report::Document doc(fmt::format("安全管理措置 自己点検報告書 {}年9月 / Self-assessment report, "
                                   "September {}", r.year, r.year),
                       r.registry);
  std::map<std::string, int> counts;
  for (const auto& s : r.items) ++counts[s.Result()];
  doc.KeyValues({
      {"点検年 year", std::to_string(r.year)},
      {"開始 started", fmt::format("{} {}", r.started_at, r.started_by)},
      {"記録の評価 records evaluated", r.evaluated_at},
      {"責任者の署名 head's sign-off",
       r.signed_by.empty() ? "未署名（下書き） NOT SIGNED — draft"
                           : fmt::format("{} {}", r.signed_at, r.signed_by)},
      {"結果 results",
       fmt::format("適 met {} / 不適 not met {} / 該当なし n/a {} / 未回答 unanswered {} (全{}項目 "
                   "of {} items)", counts["met"], counts["not-met"], counts["not-applicable"],
                   counts["needs-answer"], r.items.size(), r.items.size())},
  });
  doc.Paragraph("根拠：「記録から」はganregの台帳から自動判定、「回答」は担当者の回答 / Source: "
                "\"records\" = decided from ganreg's ledgers; \"answer\" = a person's answer.");
  std::string_view section;
  std::vector<std::vector<std::string>> rows;
  std::vector<report::Shade> shades;
  auto flush = [&] {
    if (section.empty()) return;
    doc.Heading(section);
    doc.Table({"No.", "点検項目 item", "規則 rules", "結果 result", "根拠 source",
               "記録・回答 evidence", "改善措置 action"},
              std::move(rows), std::move(shades));
    rows.clear();
    shades.clear();
  };
  for (const auto& s : r.items) {
    if (s.item->section != section) {
      flush();
      section = s.item->section;
    }
    std::string evidence = s.prefill.from_records ? s.prefill.note : s.note;
    if (s.prefill.from_records && !s.note.empty()) evidence += " — " + s.note;
    if (!s.answered_by.empty()) evidence += fmt::format("（回答 answered by {}）", s.answered_by);
    rows.push_back({std::string(s.item->no),
                    fmt::format("{} / {}", s.item->text_ja, s.item->text_en),
                    std::string(s.item->rules), ResultLabel(s.Result()),
                    s.prefill.from_records ? "記録から\nrecords" : "回答\nanswer", evidence,
                    s.action});
    const std::string result = s.Result();
    shades.push_back(result == "not-met"        ? report::Shade::kAlert
                     : result == "needs-answer" ? report::Shade::kAttention
                                                : report::Shade::kNone);
  }
  flush();
  std::vector<std::vector<std::string>> actions;
  std::vector<report::Shade> action_shades;
  for (const auto& s : r.items) {
    if (s.action.empty()) continue;
    std::string revised;
    for (const auto& rev : r.revisions) {
      std::string_view items = rev.items;
      bool answers = false;
      for (size_t start = 0; start <= items.size();) {
        size_t comma = items.find(',', start);
        if (items.substr(start, comma == std::string_view::npos ? comma : comma - start) ==
            s.item->no) {
          answers = true;
        }
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      if (answers) {
        revised += fmt::format("{}#{} {}", revised.empty() ? "" : ", ", rev.id, rev.decided_on);
      }
    }
    const bool open = revised.empty() && s.Result() == "not-met";
    actions.push_back({std::string(s.item->no), ResultLabel(s.Result()), s.action,
                       revised.empty() ? (open ? "未記録 not recorded" : "-") : revised});
    action_shades.push_back(open ? report::Shade::kAttention : report::Shade::kNone);
  }
  doc.Heading("決定した改善措置 Actions decided");
  doc.Table({"No.", "結果 result", "改善措置 action", "手順の改訂 revision"}, std::move(actions),
            std::move(action_shades));
  // S-CHK-1: the procedures revised by the results.
  std::vector<std::vector<std::string>> revisions;
  for (const auto& rev : r.revisions) {
    revisions.push_back({fmt::format("#{}", rev.id), rev.decided_on, rev.items, rev.procedure,
                         rev.change, rev.decided_by});
  }
  doc.Heading("手順の改訂 Procedure revisions (S-CHK-1)");
  doc.Table({"No.", "決定日 decided", "項目 items", "手順 procedure", "変更内容 change",
             "決定者 decided by"},
            std::move(revisions));
  return doc;
}

}  // namespace ganreg::ledger
