// Use cases of the office ledgers (issue #4): the inquiry book with its call-back numbers
// (S-INQ-1..6), the portable-media list (S-STO-2) and the disposal record (S-STO-4, S-STO-5,
// STO-P4) with the head's check of disposal contractors' contracts (S-STO-5).
// The rules are ledger/'s pure functions; this file seals, opens, stores and audits.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "crypto/crypto.h"
#include "ledger/disposal.h"
#include "ledger/inquiry.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;

namespace internal {

// Associated data of an inquiry-book entry: its id, kind and every field kept in clear, so that
// a clear flag changed in the file (say "personal" turned off) makes the entry fail to open.
std::string InquiryAd(const store::InquiryEntryRecord& r) {
  return fmt::format("ganreg.inquiry-book.v1/{}/{}/{}/{}/{}/{}/{}/{}/{}", r.id, r.kind, r.ref_id,
                     r.corrects, r.group, r.channel, r.direction, r.personal ? 1 : 0,
                     r.escalated ? 1 : 0);
}

}  // namespace internal

namespace {

using internal::InquiryAd;

constexpr model::Category kBook = model::Category::kLedgers;

Result<ledger::Inquiry> ClearPart(const store::InquiryEntryRecord& r) {
  auto g = ledger::ParseGroup(r.group);
  auto c = ledger::ParseChannel(r.channel);
  if (!g || !c) return Status::DataLoss(fmt::format("inquiry book: entry #{} is damaged", r.id));
  ledger::Inquiry q;
  q.group = *g;
  q.channel = *c;
  q.outbound = r.direction == "outbound";
  q.personal = r.personal;
  q.escalated = r.escalated;
  return q;
}

InquiryView ViewOf(const store::InquiryEntryRecord& r, const ledger::Inquiry& q) {
  InquiryView v;
  v.id = r.id;
  v.at = r.at;
  v.handled_by = r.handled_by;
  v.group = r.group;
  v.channel = r.channel;
  v.direction = r.direction;
  v.personal = r.personal;
  v.escalated = r.escalated;
  v.counterpart = q.counterpart;
  v.content = q.content;
  v.verified_facts = q.verified_facts;
  v.condition = std::string(ledger::ConditionId(q.condition));
  v.urgent = q.urgent;
  v.cases = q.cases;
  v.test_fax_staff = q.test_fax_staff;
  v.may_answer = ledger::WhatMayBeAnswered(q);
  return v;
}

std::vector<std::string> Numbers(const std::vector<store::InquiryContactRecord>& contacts) {
  std::vector<std::string> out;
  for (const auto& c : contacts) out.push_back(c.phone);
  return out;
}

// Which later entry corrects each corrected inquiry-book entry (append-only corrections).
Result<std::map<int64_t, int64_t>> CorrectedBy(store::Database& db) {
  GANREG_ASSIGN_OR_RETURN(auto rows, db.ListInquiryEntries());
  std::map<int64_t, int64_t> out;
  for (const auto& r : rows) {
    if (r.corrects != 0) out[r.corrects] = r.id;
  }
  return out;
}

InquiryContact ContactOf(const store::InquiryContactRecord& r) {
  return {r.id, r.body, r.phone, r.group, r.added_at, r.added_by};
}

// Seals `plaintext` for entry `r` under a fresh data key sealed to the ledgers public key.
Status SealEntry(store::Database& db, store::InquiryEntryRecord& r, std::string_view plaintext) {
  GANREG_ASSIGN_OR_RETURN(auto cat, db.CurrentCategoryKey(model::CategoryId(kBook)));
  crypto::SecretBytes key = crypto::SecretBytes::Random(crypto::kKeyBytes);
  r.category_version = cat.version;
  r.sealed_key = crypto::SealTo(cat.public_key, key.span());
  r.ciphertext = crypto::Encrypt(key, plaintext, InquiryAd(r));
  return Status::Ok();
}

// Opens an entry's sealed part (needs the ledgers grant).
Result<crypto::SecretBytes> OpenEntry(store::Database& db, const crypto::SecretBytes& ck,
                                      const store::InquiryEntryRecord& r) {
  GANREG_ASSIGN_OR_RETURN(auto cat, db.CurrentCategoryKey(model::CategoryId(kBook)));
  if (cat.version != r.category_version) {
    return Status::Unavailable(fmt::format(
        "inquiry #{} is sealed under an older ledgers key; key rotation is not supported yet",
        r.id));
  }
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes key,
                          crypto::OpenSealed(cat.public_key, ck, r.sealed_key));
  return crypto::Decrypt(key, r.ciphertext, InquiryAd(r));
}

// The inquiry entry `r` with its answers, decrypted.
Result<InquiryView> Decrypted(store::Database& db, const crypto::SecretBytes& ck,
                              const store::InquiryEntryRecord& r) {
  GANREG_ASSIGN_OR_RETURN(auto clear, ClearPart(r));
  GANREG_ASSIGN_OR_RETURN(auto plain, OpenEntry(db, ck, r));
  GANREG_ASSIGN_OR_RETURN(auto q, ledger::DecodeInquiry(plain.view(), clear));
  InquiryView v = ViewOf(r, q);
  v.corrects = r.corrects;
  // Answers given to this entry and to every earlier version it corrects, in order.
  std::vector<store::InquiryEntryRecord> answers;
  for (int64_t id = r.id; id != 0;) {
    GANREG_ASSIGN_OR_RETURN(auto some, db.AnswersOf(id));
    answers.insert(answers.begin(), some.begin(), some.end());
    if (id == r.id) {
      id = r.corrects;
    } else {
      GANREG_ASSIGN_OR_RETURN(auto earlier, db.FindInquiryEntry(id));
      id = earlier.corrects;
    }
  }
  const auto corrected_by = internal::CorrectedBy(answers);  // answer → the one correcting it
  for (const auto& a : answers) {
    GANREG_ASSIGN_OR_RETURN(auto ap, OpenEntry(db, ck, a));
    GANREG_ASSIGN_OR_RETURN(auto ans, ledger::DecodeAnswer(ap.view()));
    auto it = corrected_by.find(a.id);
    v.answers.push_back({a.id, a.at, a.handled_by, ans.text, ans.callback_to, ans.verified_facts,
                         a.corrects, it == corrected_by.end() ? 0 : it->second});
  }
  return v;
}

}  // namespace

Result<InquiryContact> Session::AddInquiryContact(std::string_view body, std::string_view phone,
                                                  std::string_view group) {
  return Run<InquiryContact>(Action::kInquiryContactAdd, fmt::format("inquiry-contact:{}", body),
                             [&](Work& w) -> Result<InquiryContact> {
    if (body.empty()) return Status::InvalidArgument("相手先がありません / the body is missing");
    if (ledger::NormalisePhone(phone).size() < 6) {
      return Status::InvalidArgument(
          fmt::format("電話番号が不正です / '{}' is not a phone number", phone));
    }
    if (!ledger::ParseGroup(group)) {
      return Status::InvalidArgument(
          fmt::format("問合せ者の区分はア〜オ / the inquirer group is one of ア–オ, not '{}'",
                      group));
    }
    store::InquiryContactRecord r{0, std::string(body), std::string(phone), std::string(group),
                                  registry_.clock_->NowSeconds(), actor_.name};
    auto id = db_.InsertInquiryContact(r);
    if (!id.ok() && id.status().code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("この番号は登録済みです / that number is registered already "
                                   "for the body");
    }
    GANREG_RETURN_IF_ERROR(id.status());
    r.id = *id;
    w.detail = fmt::format("group={}", group);  // a body's number: no personal information
    return ContactOf(r);
  });
}

Result<std::vector<InquiryContact>> Session::ListInquiryContacts() {
  return Run<std::vector<InquiryContact>>(Action::kInquiryContactList, "inquiry-contacts",
                                          [&](Work& w) -> Result<std::vector<InquiryContact>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListInquiryContacts());
    std::vector<InquiryContact> out;
    for (const auto& r : rows) out.push_back(ContactOf(r));
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

Result<RecordedInquiry> Session::RecordInquiry(const InquiryRequest& req) {
  return Run<RecordedInquiry>(Action::kInquiryRecord, "inquiry",
                              [&](Work& w) -> Result<RecordedInquiry> {
    auto group = ledger::ParseGroup(req.group);
    if (!group) {
      return Status::InvalidArgument(fmt::format(
          "問合せ者の区分はア〜オ / the inquirer group is one of ア–オ (S-INQ-1), not '{}'",
          req.group));
    }
    auto channel = ledger::ParseChannel(req.channel);
    if (!channel) {
      return Status::InvalidArgument(fmt::format(
          "経路は letter, email, phone, fax / the channel is letter, email, phone or fax, not "
          "'{}'", req.channel));
    }
    ledger::Inquiry q;
    q.group = *group;
    q.channel = *channel;
    q.outbound = req.outbound;
    q.personal = req.personal;
    q.escalated = req.escalated;
    q.counterpart = req.counterpart;
    q.content = req.content;
    q.verified_facts = req.verified_facts;
    if (!req.condition.empty()) {
      auto c = ledger::ParseCondition(req.condition);
      if (!c) {
        return Status::InvalidArgument(fmt::format(
            "条件は known-staff, registered-contact-few-cases, identified / unknown condition "
            "'{}'", req.condition));
      }
      q.condition = *c;
    }
    q.urgent = req.urgent;
    q.cases = req.cases;
    q.test_fax_staff = req.test_fax_staff;
    GANREG_ASSIGN_OR_RETURN(auto contacts, db_.InquiryContactsOf(req.counterpart));
    GANREG_RETURN_IF_ERROR(ledger::CheckInquiry(q, Numbers(contacts)));
    if (req.corrects != 0) {
      GANREG_ASSIGN_OR_RETURN(auto old, db_.FindInquiryEntry(req.corrects));
      if (old.kind != "inquiry") {
        return Status::InvalidArgument(fmt::format(
            "#{}は問合せではありません / entry #{} is not an inquiry", old.id, old.id));
      }
      GANREG_ASSIGN_OR_RETURN(auto corrected, CorrectedBy(db_));
      if (auto it = corrected.find(old.id); it != corrected.end()) {
        return Status::FailedPrecondition(fmt::format(
            "#{}は#{}で訂正済み / entry #{} was corrected already by #{}: correct that one",
            old.id, it->second, old.id, it->second));
      }
    }

    store::InquiryEntryRecord r;
    GANREG_ASSIGN_OR_RETURN(r.id, db_.NextInquiryEntryId());
    r.at = registry_.clock_->NowSeconds();
    r.handled_by = actor_.name;
    r.kind = "inquiry";
    r.corrects = req.corrects;
    r.group = req.group;
    r.channel = req.channel;
    r.direction = req.outbound ? "outbound" : "inbound";
    r.personal = req.personal;
    r.escalated = req.escalated;
    GANREG_RETURN_IF_ERROR(SealEntry(db_, r, ledger::EncodeInquiry(q)));
    GANREG_RETURN_IF_ERROR(db_.InsertInquiryEntry(r));
    w.object = fmt::format("inquiry:{}", r.id);
    // Clear metadata only: the counterpart and the content stay sealed (S-INQ-5).
    w.detail = fmt::format("group={} channel={} direction={} personal={} escalated={} "
                           "corrects={}", r.group, r.channel, r.direction, r.personal ? 1 : 0,
                           r.escalated ? 1 : 0, r.corrects);
    return RecordedInquiry{r.id, ledger::WhatMayBeAnswered(q)};
  });
}

Result<int64_t> Session::AnswerInquiry(const InquiryAnswerRequest& req) {
  return Run<int64_t>(Action::kInquiryAnswer, fmt::format("inquiry:{}", req.inquiry_id),
                      [&](Work& w) -> Result<int64_t> {
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, CategoryKey(kBook));
    GANREG_ASSIGN_OR_RETURN(auto entry, db_.FindInquiryEntry(req.inquiry_id));
    if (entry.kind != "inquiry") {
      return Status::InvalidArgument(fmt::format(
          "#{}は問合せではなく回答です / entry #{} is an answer, not an inquiry", entry.id,
          entry.id));
    }
    GANREG_ASSIGN_OR_RETURN(auto corrected, CorrectedBy(db_));
    if (auto it = corrected.find(entry.id); it != corrected.end()) {
      return Status::FailedPrecondition(fmt::format(
          "#{}は#{}で訂正済み / inquiry #{} was corrected by #{}: answer that one", entry.id,
          it->second, entry.id, it->second));
    }
    GANREG_ASSIGN_OR_RETURN(auto clear, ClearPart(entry));
    GANREG_ASSIGN_OR_RETURN(auto plain, OpenEntry(db_, *ck, entry));
    GANREG_ASSIGN_OR_RETURN(auto q, ledger::DecodeInquiry(plain.view(), clear));
    ledger::Answer a{req.answer, req.callback_to, req.verified_facts};
    GANREG_ASSIGN_OR_RETURN(auto contacts, db_.InquiryContactsOf(q.counterpart));
    // The S-INQ rules hold for a corrected answer as for the first one.
    GANREG_RETURN_IF_ERROR(ledger::CheckAnswer(q, a, Numbers(contacts)));
    if (req.corrects != 0) {
      // Append-only: the corrected answer stays; the correction names it and counts instead.
      GANREG_ASSIGN_OR_RETURN(auto old, db_.FindInquiryEntry(req.corrects));
      if (old.kind != "answer") {
        return Status::InvalidArgument(fmt::format(
            "#{}は回答ではありません / entry #{} is not an answer", old.id, old.id));
      }
      bool of_this_inquiry = false;  // answers this inquiry or a version it corrects
      for (int64_t id = entry.id; id != 0 && !of_this_inquiry;) {
        of_this_inquiry = old.ref_id == id;
        GANREG_ASSIGN_OR_RETURN(auto version, db_.FindInquiryEntry(id));
        id = version.corrects;
      }
      if (!of_this_inquiry) {
        return Status::InvalidArgument(fmt::format(
            "回答#{}は問合せ#{}への回答ではありません / answer #{} does not answer inquiry #{}",
            old.id, entry.id, old.id, entry.id));
      }
      if (auto it = corrected.find(old.id); it != corrected.end()) {
        return Status::FailedPrecondition(fmt::format(
            "回答#{}は#{}で訂正済み / answer #{} was corrected already by #{}: correct that one",
            old.id, it->second, old.id, it->second));
      }
    }

    store::InquiryEntryRecord r;
    GANREG_ASSIGN_OR_RETURN(r.id, db_.NextInquiryEntryId());
    r.at = registry_.clock_->NowSeconds();
    r.handled_by = actor_.name;
    r.kind = "answer";
    r.ref_id = entry.id;
    r.corrects = req.corrects;
    r.group = entry.group;
    r.channel = entry.channel;
    r.direction = entry.direction;
    r.personal = entry.personal;
    r.escalated = entry.escalated;
    GANREG_RETURN_IF_ERROR(SealEntry(db_, r, ledger::EncodeAnswer(a)));
    GANREG_RETURN_IF_ERROR(db_.InsertInquiryEntry(r));
    w.detail = fmt::format("answer={} callback={} corrects={}", r.id,
                           a.callback_to.empty() ? 0 : 1, r.corrects);
    return r.id;
  });
}

Result<std::vector<InquiryView>> Session::ListInquiries() {
  return Run<std::vector<InquiryView>>(Action::kInquiryList, "ledger:inquiry",
                                       [&](Work& w) -> Result<std::vector<InquiryView>> {
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, CategoryKey(kBook));
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListInquiryEntries());
    GANREG_ASSIGN_OR_RETURN(auto corrected, CorrectedBy(db_));
    std::vector<InquiryView> out;
    for (const auto& r : rows) {
      // The current version of each inquiry; the versions it corrects stay for `show`.
      if (r.kind != "inquiry" || corrected.count(r.id) != 0) continue;
      GANREG_ASSIGN_OR_RETURN(auto v, Decrypted(db_, *ck, r));
      out.push_back(std::move(v));
    }
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

Result<InquiryView> Session::ShowInquiry(int64_t id) {
  return Run<InquiryView>(Action::kInquiryShow, fmt::format("inquiry:{}", id),
                          [&](Work&) -> Result<InquiryView> {
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, CategoryKey(kBook));
    GANREG_ASSIGN_OR_RETURN(auto r, db_.FindInquiryEntry(id));
    if (r.kind != "inquiry") {
      return Status::NotFound(fmt::format("#{}は問合せではありません / entry #{} is not an "
                                          "inquiry (it answers #{})", id, id, r.ref_id));
    }
    GANREG_ASSIGN_OR_RETURN(auto v, Decrypted(db_, *ck, r));
    GANREG_ASSIGN_OR_RETURN(auto corrected, CorrectedBy(db_));
    if (auto it = corrected.find(r.id); it != corrected.end()) v.corrected_by = it->second;
    return v;
  });
}

// ---------------------------------------------------------------- media and disposals

namespace {
MediumInfo MediumOf(const store::MediumRecord& r) {
  return {r.id, r.kind, r.received, r.disposed, r.added_at, r.added_by};
}
DisposalEntry DisposalOf(const store::DisposalRecord& r) {
  DisposalEntry e;
  e.id = r.id;
  e.at = r.at;
  e.date = r.date;
  e.recorded_by = r.recorded_by;
  e.item = r.item;
  e.medium_id = r.medium_id;
  e.method = r.method;
  e.strip_width_mm = r.strip_width_mm;
  e.particle_mm2 = r.particle_mm2;
  e.combined_with = r.combined_with;
  e.place = r.place;
  e.witnesses = r.witnesses;
  e.staff_present = r.staff_present;
  e.corrects = r.corrects;
  e.time = r.time;
  e.approved_by = r.approved_by;
  e.certificate = r.certificate;
  return e;
}
DisposalContractView ContractOf(const store::DisposalContractRecord& r) {
  DisposalContractView v;
  v.id = r.id;
  v.at = r.at;
  v.contractor = r.contractor;
  v.ref = r.ref;
  v.clause = r.clause;
  v.checked_by = r.checked_by;
  v.checked_on = r.checked_on;
  v.valid_until = r.valid_until;
  v.corrects = r.corrects;
  return v;
}
ledger::DisposalContract ToRule(const store::DisposalContractRecord& r) {
  ledger::DisposalContract c;
  c.contractor = r.contractor;
  c.ref = r.ref;
  c.confidentiality_clause = r.clause;
  c.checked_by = r.checked_by;
  c.checked_on = ledger::ParseDate(r.checked_on).value_or(0);
  c.valid_until = ledger::ParseDate(r.valid_until).value_or(0);
  return c;
}
// The current check of each contract reference: its latest row that no later row corrects.
std::map<std::string, store::DisposalContractRecord> CurrentContracts(
    const std::vector<store::DisposalContractRecord>& rows) {
  const auto corrected = internal::CorrectedBy(rows);
  std::map<std::string, store::DisposalContractRecord> out;
  for (const auto& r : rows) {
    if (corrected.count(r.id) == 0) out[r.ref] = r;  // by id: a later row wins
  }
  return out;
}
std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (n.empty()) continue;
    if (!out.empty()) out += ',';
    out += n;
  }
  return out;
}
}  // namespace

Result<MediumInfo> Session::AddMedium(std::string_view id, std::string_view kind,
                                      std::string_view received) {
  return Run<MediumInfo>(Action::kMediaAdd, fmt::format("medium:{}", id),
                         [&](Work& w) -> Result<MediumInfo> {
    if (id.empty()) return Status::InvalidArgument("媒体IDがありません / the medium id is missing");
    if (!ledger::ParseMediumKind(kind)) {
      return Status::InvalidArgument(fmt::format(
          "媒体の種類は usb, cd-r, paper-file / the kind is usb, cd-r or paper-file, not '{}'",
          kind));
    }
    auto date = ledger::ParseDate(received);
    if (!date) {
      return Status::InvalidArgument(fmt::format(
          "受領日は YYYY-MM-DD / the received date is YYYY-MM-DD, not '{}'", received));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    if (*date > JapanDate(now)) {
      return Status::InvalidArgument("受領日が未来です / the received date is in the future");
    }
    store::MediumRecord r{std::string(id), std::string(kind), ledger::FormatDate(*date), now,
                          actor_.name, ""};
    Status s = db_.InsertMedium(r);
    if (s.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists(fmt::format(
          "媒体{}は登録済みです / medium '{}' is listed already (S-STO-2)", id, id));
    }
    GANREG_RETURN_IF_ERROR(s);
    w.detail = fmt::format("kind={} received={}", r.kind, r.received);
    return MediumOf(r);
  });
}

Result<std::vector<MediumInfo>> Session::ListMedia() {
  return Run<std::vector<MediumInfo>>(Action::kMediaList, "ledger:media",
                                      [&](Work& w) -> Result<std::vector<MediumInfo>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListMedia());
    std::vector<MediumInfo> out;
    for (const auto& r : rows) out.push_back(MediumOf(r));
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

Result<DisposalEntry> Session::RecordDisposal(const DisposalRequest& req) {
  return Run<DisposalEntry>(Action::kDisposalRecord, "disposal",
                            [&](Work& w) -> Result<DisposalEntry> {
    auto method = ledger::ParseMethod(req.method);
    if (!method) {
      return Status::InvalidArgument(fmt::format(
          "方法は shred, dissolve, incinerate, erase-software, physical-destroy / unknown "
          "method '{}'", req.method));
    }
    auto place = ledger::ParsePlace(req.place);
    if (!place) {
      return Status::InvalidArgument(fmt::format(
          "場所は room, designated-outside, contractor / unknown place '{}'", req.place));
    }
    auto combined = ledger::ParseCombined(req.combined_with);
    if (!combined) {
      return Status::InvalidArgument(fmt::format(
          "併用は dissolution, incineration / unknown --combined-with '{}'", req.combined_with));
    }
    const int64_t now = registry_.clock_->NowSeconds();
    int32_t date = JapanDate(now);
    if (!req.date.empty()) {
      auto d = ledger::ParseDate(req.date);
      if (!d) {
        return Status::InvalidArgument(
            fmt::format("日付は YYYY-MM-DD / the date is YYYY-MM-DD, not '{}'", req.date));
      }
      if (*d > date) return Status::InvalidArgument("日付が未来です / the date is in the future");
      date = *d;
    }
    ledger::Disposal d;
    d.item = req.item;
    d.method = *method;
    d.strip_width_mm = req.strip_width_mm;
    d.particle_mm2 = req.particle_mm2;
    d.combined_with = *combined;
    d.place = *place;
    d.witnesses = req.witnesses;
    d.date = date;
    d.time = req.time;
    d.stored_material = !req.medium_id.empty() || req.acquisition != 0;  // STO-P4
    d.approved_by = req.approved_by;
    d.certificate = req.certificate;
    int64_t contract_id = 0;
    std::optional<store::DisposalContractRecord> contract;
    if (!req.contract.empty()) {
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListDisposalContracts());
      auto current = CurrentContracts(rows);
      auto it = current.find(req.contract);
      if (it == current.end()) {
        // S-STO-5: only a contract the head checked counts.
        return Status::FailedPrecondition(fmt::format(
            "S-STO-5: 契約{}の守秘義務条項の確認が記録されていない / no head's check of contract "
            "'{}' is recorded (ganreg disposal contract check)", req.contract, req.contract));
      }
      contract = it->second;
      contract_id = it->second.id;
      d.contract = ToRule(it->second);
    }
    GANREG_ASSIGN_OR_RETURN(auto users, db_.ListUsers());
    std::vector<std::string> staff, approvers;
    for (const auto& u : users) {
      if (u.disabled_at != 0) continue;
      staff.push_back(u.name);
      if (u.role == "head" || u.role == "task-lead") approvers.push_back(u.name);
    }
    GANREG_RETURN_IF_ERROR(ledger::CheckDisposal(d, staff, approvers));
    if (req.corrects != 0) {
      // A correction is a new entry naming the one it corrects; that one is never changed.
      GANREG_ASSIGN_OR_RETURN(auto old, db_.FindDisposal(req.corrects));
      if (!old) {
        return Status::NotFound(fmt::format("訂正対象の記録#{}がありません / no disposal entry "
                                            "#{} to correct", req.corrects, req.corrects));
      }
      GANREG_ASSIGN_OR_RETURN(auto all, db_.ListDisposals());
      for (const auto& e : all) {
        if (e.corrects == req.corrects) {
          return Status::FailedPrecondition(fmt::format(
              "記録#{}は#{}で訂正済み / entry #{} was corrected already by #{}: correct that "
              "one", req.corrects, e.id, req.corrects, e.id));
        }
      }
    }
    if (!req.medium_id.empty()) {
      GANREG_ASSIGN_OR_RETURN(auto medium, db_.FindMedium(req.medium_id));
      if (!medium) {
        return Status::NotFound(fmt::format(
            "媒体{}は可搬媒体リストにありません / medium '{}' is not in the portable-media list "
            "(S-STO-2)", req.medium_id, req.medium_id));
      }
      // The entry being corrected no longer counts as the medium's disposal.
      const bool corrected_is_its_disposal = [&]() -> bool {
        if (req.corrects == 0) return false;
        auto old = db_.FindDisposal(req.corrects);
        return old.ok() && old->has_value() && (*old)->medium_id == req.medium_id;
      }();
      if (!medium->disposed.empty() && !corrected_is_its_disposal) {
        return Status::FailedPrecondition(fmt::format(
            "S-STO-2: 媒体{}は{}に廃棄済み / medium '{}' was disposed of on {}", req.medium_id,
            medium->disposed, req.medium_id, medium->disposed));
      }
      if (ledger::FormatDate(date) < medium->received) {
        return Status::InvalidArgument(fmt::format(
            "廃棄日が受領日より前です / the disposal date is before the medium was received ({})",
            medium->received));
      }
    }
    store::DisposalRecord r;
    r.at = now;
    r.date = ledger::FormatDate(date);
    r.recorded_by = actor_.name;
    r.item = req.item;
    r.medium_id = req.medium_id;
    r.method = req.method;
    r.strip_width_mm = req.strip_width_mm;
    r.particle_mm2 = req.particle_mm2;
    r.combined_with = req.combined_with;
    r.place = req.place;
    r.witnesses = Join(req.witnesses);
    r.corrects = req.corrects;
    r.time = req.time;
    r.approved_by = req.approved_by;
    r.contract_id = contract_id;
    r.certificate = req.certificate;
    if (*place == ledger::DisposalPlace::kContractor) {
      // S-STO-4: who of the staff was present throughout, as the rule found them.
      std::vector<std::string> present;
      for (const auto& n : req.witnesses) {
        if (std::find(staff.begin(), staff.end(), n) != staff.end()) present.push_back(n);
      }
      r.staff_present = Join(present);
    }
    if (req.acquisition != 0) {  // S-STO-3, F-7: material disposed of at the end of its period
      GANREG_ASSIGN_OR_RETURN(auto acquisitions, db_.ListAcquisitions());
      if (std::none_of(acquisitions.begin(), acquisitions.end(),
                       [&](const auto& a) { return a.id == req.acquisition; })) {
        return Status::NotFound(fmt::format("取得記録#{}がありません / no acquisition #{}",
                                            req.acquisition, req.acquisition));
      }
    }
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertDisposal(r));
    if (req.acquisition != 0) {
      Status linked = db_.InsertAcquisitionDisposal({req.acquisition, r.id, now});
      if (linked.code() == StatusCode::kAlreadyExists) {
        return Status::FailedPrecondition(fmt::format(
            "S-STO-3: 取得#{}は廃棄済み / acquisition #{} was disposed of already",
            req.acquisition, req.acquisition));
      }
      GANREG_RETURN_IF_ERROR(linked);
    }
    w.object = fmt::format("disposal:{}", r.id);
    w.detail = fmt::format("method={} place={} medium={} acquisition={} approved_by={} "
                           "contract={} corrects={}", r.method, r.place,
                           r.medium_id.empty() ? "-" : r.medium_id, req.acquisition,
                           r.approved_by.empty() ? "-" : r.approved_by, r.contract_id,
                           r.corrects);
    DisposalEntry e = DisposalOf(r);
    e.acquisition = req.acquisition;
    if (contract) {
      e.contract = contract->ref;
      e.contractor = contract->contractor;
      e.clause_checked_by = contract->checked_by;
    }
    return e;
  });
}

Result<std::vector<DisposalEntry>> Session::ListDisposals() {
  return Run<std::vector<DisposalEntry>>(Action::kDisposalList, "ledger:disposal",
                                         [&](Work& w) -> Result<std::vector<DisposalEntry>> {
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListDisposals());
    GANREG_ASSIGN_OR_RETURN(auto links, db_.ListAcquisitionDisposals());
    GANREG_ASSIGN_OR_RETURN(auto contracts, db_.ListDisposalContracts());
    std::map<int64_t, const store::DisposalContractRecord*> contract_by_id;
    for (const auto& c : contracts) contract_by_id[c.id] = &c;
    const auto corrected_by = internal::CorrectedBy(rows);
    std::vector<DisposalEntry> out;
    for (const auto& r : rows) {
      out.push_back(DisposalOf(r));
      DisposalEntry& e = out.back();
      for (const auto& l : links) {
        if (l.disposal_id == r.id) e.acquisition = l.acquisition_id;
      }
      if (auto it = contract_by_id.find(r.contract_id); it != contract_by_id.end()) {
        e.contract = it->second->ref;
        e.contractor = it->second->contractor;
        e.clause_checked_by = it->second->checked_by;
      }
      if (auto it = corrected_by.find(r.id); it != corrected_by.end()) e.corrected_by = it->second;
    }
    w.detail = fmt::format("entries={}", out.size());
    return out;
  });
}

Result<DisposalContractView> Session::CheckDisposalContract(const DisposalContractRequest& req) {
  return Run<DisposalContractView>(Action::kDisposalContractCheck, "disposal-contract",
                                   [&](Work& w) -> Result<DisposalContractView> {
    const int32_t today = JapanDate(registry_.clock_->NowSeconds());
    ledger::DisposalContract c;
    c.contractor = req.contractor;
    c.ref = req.ref;
    c.confidentiality_clause = req.confidentiality_clause;
    c.checked_by = actor_.name;
    c.checked_on = today;
    if (!req.checked_on.empty()) {
      auto d = ledger::ParseDate(req.checked_on);
      if (!d) {
        return Status::InvalidArgument(fmt::format(
            "確認日は YYYY-MM-DD / the check's date is YYYY-MM-DD, not '{}'", req.checked_on));
      }
      c.checked_on = *d;
    }
    if (!req.valid_until.empty()) {
      auto d = ledger::ParseDate(req.valid_until);
      if (!d) {
        return Status::InvalidArgument(fmt::format(
            "契約の終了日は YYYY-MM-DD / the contract's end is YYYY-MM-DD, not '{}'",
            req.valid_until));
      }
      c.valid_until = *d;
    }
    GANREG_ASSIGN_OR_RETURN(auto users, db_.ListUsers());
    std::vector<std::string> heads;
    for (const auto& u : users) {
      if (u.disabled_at == 0 && u.role == "head") heads.push_back(u.name);
    }
    GANREG_RETURN_IF_ERROR(ledger::CheckDisposalContract(c, heads, today));
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListDisposalContracts());
    auto current = CurrentContracts(rows);
    if (req.corrects != 0) {
      // A correction is a new row naming the one it corrects; that one is never changed.
      GANREG_RETURN_IF_ERROR(internal::CheckCorrects(rows, req.corrects));
      auto old = std::find_if(rows.begin(), rows.end(),
                              [&](const auto& r) { return r.id == req.corrects; });
      current.erase(old->ref);
    }
    if (auto it = current.find(req.ref); it != current.end()) {
      return Status::AlreadyExists(fmt::format(
          "契約{}は#{}で記録済み / contract '{}' is recorded already (#{}): correct it with "
          "--corrects", req.ref, it->second.id, req.ref, it->second.id));
    }
    store::DisposalContractRecord r;
    r.at = registry_.clock_->NowSeconds();
    r.contractor = req.contractor;
    r.ref = req.ref;
    r.clause = true;
    r.checked_by = actor_.name;
    r.checked_on = ledger::FormatDate(c.checked_on);
    r.valid_until = c.valid_until ? ledger::FormatDate(c.valid_until) : "";
    r.corrects = req.corrects;
    GANREG_ASSIGN_OR_RETURN(r.id, db_.InsertDisposalContract(r));
    w.object = fmt::format("disposal-contract:{}", r.id);
    w.detail = fmt::format("checked_on={} valid_until={} corrects={}", r.checked_on,
                           r.valid_until.empty() ? "-" : r.valid_until, r.corrects);
    return ContractOf(r);
  });
}

Result<std::vector<DisposalContractView>> Session::ListDisposalContracts() {
  return Run<std::vector<DisposalContractView>>(
      Action::kDisposalContractList, "ledger:disposal-contracts",
      [&](Work& w) -> Result<std::vector<DisposalContractView>> {
        GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListDisposalContracts());
        const auto corrected_by = internal::CorrectedBy(rows);
        std::vector<DisposalContractView> out;
        for (const auto& r : rows) {
          out.push_back(ContractOf(r));
          if (auto it = corrected_by.find(r.id); it != corrected_by.end()) {
            out.back().corrected_by = it->second;
          }
        }
        w.detail = fmt::format("entries={}", out.size());
        return out;
      });
}

}  // namespace ganreg::app
