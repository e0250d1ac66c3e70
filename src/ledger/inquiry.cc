// The inquiry rules (S-INQ-2..6) and the encoding of an entry's encrypted part.
#include "ledger/inquiry.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ganreg::ledger {

std::string_view GroupId(InquirerGroup g) {
  switch (g) {
    case InquirerGroup::kA: return "ア";
    case InquirerGroup::kI: return "イ";
    case InquirerGroup::kU: return "ウ";
    case InquirerGroup::kE: return "エ";
    case InquirerGroup::kO: return "オ";
  }
  return "?";
}

std::optional<InquirerGroup> ParseGroup(std::string_view id) {
  for (auto g : {InquirerGroup::kA, InquirerGroup::kI, InquirerGroup::kU, InquirerGroup::kE,
                 InquirerGroup::kO}) {
    if (GroupId(g) == id) return g;
  }
  return std::nullopt;
}

std::string_view ChannelId(Channel c) {
  switch (c) {
    case Channel::kLetter: return "letter";
    case Channel::kEmail: return "email";
    case Channel::kPhone: return "phone";
    case Channel::kFax: return "fax";
  }
  return "?";
}

std::optional<Channel> ParseChannel(std::string_view id) {
  for (auto c : {Channel::kLetter, Channel::kEmail, Channel::kPhone, Channel::kFax}) {
    if (ChannelId(c) == id) return c;
  }
  return std::nullopt;
}

std::string_view ConditionId(OutboundCondition c) {
  switch (c) {
    case OutboundCondition::kNone: return "";
    case OutboundCondition::kKnownStaff: return "known-staff";
    case OutboundCondition::kRegisteredContactFewCases: return "registered-contact-few-cases";
    case OutboundCondition::kIdentified: return "identified";
  }
  return "?";
}

std::optional<OutboundCondition> ParseCondition(std::string_view id) {
  for (auto c : {OutboundCondition::kKnownStaff, OutboundCondition::kRegisteredContactFewCases,
                 OutboundCondition::kIdentified}) {
    if (ConditionId(c) == id) return c;
  }
  return std::nullopt;
}

std::string NormalisePhone(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

namespace {
bool NeverAboutPersonal(InquirerGroup g) {
  return g == InquirerGroup::kI || g == InquirerGroup::kU || g == InquirerGroup::kE;
}
// Group ア, or group オ escalated to be treated as ア (S-INQ-2).
bool TreatedAsA(const Inquiry& q) {
  return q.group == InquirerGroup::kA || (q.group == InquirerGroup::kO && q.escalated);
}
bool Registered(const std::vector<std::string>& numbers, std::string_view number) {
  const std::string n = NormalisePhone(number);
  if (n.empty()) return false;
  return std::any_of(numbers.begin(), numbers.end(),
                     [&](const std::string& r) { return NormalisePhone(r) == n; });
}
Status Refuse(std::string_view rule, std::string_view ja, std::string_view en) {
  return Status::FailedPrecondition(fmt::format("{}: {} / {}", rule, ja, en));
}
}  // namespace

std::string WhatMayBeAnswered(const Inquiry& q) {
  if (q.outbound) {
    return "照会（登録室から）: 個人情報は S-INQ-6 の条件の下でのみ / outbound inquiry: personal "
           "information only under the S-INQ-6 conditions";
  }
  std::string how = q.channel == Channel::kPhone
                        ? "その場で回答せず、登録済みの番号へ折り返す (S-INQ-3) / never on the "
                          "spot: call back to the number registered for the body (S-INQ-3)"
                        : "文書・電子メールで回答 (S-INQ-3) / answer in writing (S-INQ-3)";
  if (NeverAboutPersonal(q.group)) {
    return fmt::format("グループ{}: 個人情報については回答しない (S-INQ-2) / group {}: never "
                       "answered about personal information (S-INQ-2); {}",
                       GroupId(q.group), GroupId(q.group), how);
  }
  if (q.group == InquirerGroup::kO && !q.escalated) {
    return fmt::format("グループオ: 原則回答しない。名簿との照合で個人を識別しうる情報はアとして扱う"
                       "判断が必要 (S-INQ-2) / group オ: in principle not answered about "
                       "personal information; only if escalated and treated as group ア "
                       "(S-INQ-2); {}", how);
  }
  return fmt::format("グループア{}: 個人情報は本人確認の事実を記録したうえで回答 (S-INQ-2, "
                     "S-INQ-4) / group ア{}: personal information only with the verification "
                     "facts recorded (S-INQ-2, S-INQ-4); {}",
                     q.group == InquirerGroup::kO ? "（オから）" : "",
                     q.group == InquirerGroup::kO ? " (escalated オ)" : "", how);
}

Status CheckInquiry(const Inquiry& q, const std::vector<std::string>& body_numbers) {
  if (q.counterpart.empty()) {
    return Status::InvalidArgument("問合せの相手先がありません / the counterpart is missing (S-INQ-5)");
  }
  if (q.content.empty()) {
    return Status::InvalidArgument("問合せの内容がありません / the content is missing (S-INQ-5)");
  }
  if (q.escalated && q.group != InquirerGroup::kO) {
    return Status::InvalidArgument(
        "エスカレーションはグループオのみ / only a group オ inquiry is escalated (S-INQ-2)");
  }
  if (!q.outbound) return Status::Ok();
  // S-INQ-6: the registry never contacts patients or families directly.
  if (q.group == InquirerGroup::kE) {
    return Refuse("S-INQ-6", "患者・家族へ直接連絡しない",
                  "no direct contact with patients or families");
  }
  if (q.channel != Channel::kPhone && q.channel != Channel::kFax) return Status::Ok();
  if (q.condition == OutboundCondition::kNone) {
    return Refuse("S-INQ-6", "電話・FAXによる照会は条件（--condition）の記録が必要",
                  "an outbound phone or FAX inquiry needs one of the conditions recorded "
                  "(--condition known-staff|registered-contact-few-cases|identified)");
  }
  if (!q.urgent) {
    return Refuse("S-INQ-6", "電話・FAXは緊急または電話の方が明確な場合のみ",
                  "phone or FAX only when urgent or clearer by phone (--urgent)");
  }
  if (q.condition == OutboundCondition::kRegisteredContactFewCases) {
    if (body_numbers.empty()) {
      return Refuse("S-INQ-6", "相手先に届出済みの問合せ先がない",
                    "the counterpart has filed no contact for queries (ganreg inquiry contact "
                    "add)");
    }
    if (q.cases <= 0 || q.cases > kFewCases) {
      return Refuse("S-INQ-6", fmt::format("件数は{}件程度まで", kFewCases),
                    fmt::format("few cases (about {}) only; --cases {} given", kFewCases, q.cases));
    }
  }
  if (q.channel == Channel::kFax) {
    std::vector<std::string> staff = q.test_fax_staff;
    std::sort(staff.begin(), staff.end());
    staff.erase(std::unique(staff.begin(), staff.end()), staff.end());
    staff.erase(std::remove(staff.begin(), staff.end(), std::string()), staff.end());
    if (staff.size() < 2) {
      return Refuse("S-INQ-6", "FAXは個人情報を含まない試験送信を職員2名立会いで先に行うこと",
                    "FAX only after a test FAX without personal information, with two staff "
                    "named (--test-fax-staff A,B)");
    }
  }
  return Status::Ok();
}

Status CheckAnswer(const Inquiry& q, const Answer& a,
                   const std::vector<std::string>& body_numbers) {
  if (a.text.empty()) return Status::InvalidArgument("回答がありません / the answer is missing");
  if (q.personal && NeverAboutPersonal(q.group)) {
    return Refuse("S-INQ-2",
                  fmt::format("グループ{}には個人情報について回答しない", GroupId(q.group)),
                  fmt::format("group {} is never answered about personal information",
                              GroupId(q.group)));
  }
  if (q.personal && q.group == InquirerGroup::kO && !q.escalated) {
    return Refuse("S-INQ-2", "グループオには原則回答しない（アとして扱う判断が記録されていない）",
                  "group オ is in principle not answered about personal information; it was not "
                  "escalated to be treated as group ア");
  }
  if (q.channel == Channel::kPhone && !q.outbound) {
    if (a.callback_to.empty()) {
      return Refuse("S-INQ-3", "電話の問合せにはその場で回答せず、登録済みの番号へ折り返す",
                    "a phone inquiry is never answered on the spot: call back (--callback-to) "
                    "to a number registered for the body");
    }
    if (!Registered(body_numbers, a.callback_to)) {
      // Neither the number nor the counterpart goes into the message: it is audited in clear,
      // and a number the caller gave may be a person's own.
      return Refuse("S-INQ-3", "折り返し先が相手先の登録済み番号ではない（相手が告げた番号へは"
                    "折り返さない）", "the call-back number is not one registered beforehand "
                    "for the counterpart (never call back a number the caller gave)");
    }
  }
  if (q.personal && TreatedAsA(q) && q.verified_facts.empty() && a.verified_facts.empty()) {
    return Refuse("S-INQ-4", "本人確認のために確かめた事実（届出日、届出件数など）の記録が必要",
                  "the facts asked to verify the inquirer (posting date, number of cases "
                  "notified, …) must be recorded (--verified-facts)");
  }
  return Status::Ok();
}

std::string EncodeInquiry(const Inquiry& q) {
  nlohmann::json j = {{"counterpart", q.counterpart},
                      {"content", q.content},
                      {"verified_facts", q.verified_facts},
                      {"condition", ConditionId(q.condition)},
                      {"urgent", q.urgent},
                      {"cases", q.cases},
                      {"test_fax_staff", q.test_fax_staff}};
  return j.dump();
}

Result<Inquiry> DecodeInquiry(std::string_view bytes, Inquiry q) {
  auto j = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::DataLoss("inquiry book: an entry cannot be read");
  }
  try {
    q.counterpart = j.at("counterpart").get<std::string>();
    q.content = j.at("content").get<std::string>();
    q.verified_facts = j.at("verified_facts").get<std::string>();
    q.condition = ParseCondition(j.at("condition").get<std::string>())
                      .value_or(OutboundCondition::kNone);
    q.urgent = j.at("urgent").get<bool>();
    q.cases = j.at("cases").get<int64_t>();
    q.test_fax_staff = j.at("test_fax_staff").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception&) {
    return Status::DataLoss("inquiry book: an entry cannot be read");
  }
  return q;
}

std::string EncodeAnswer(const Answer& a) {
  nlohmann::json j = {
      {"text", a.text}, {"callback_to", a.callback_to}, {"verified_facts", a.verified_facts}};
  return j.dump();
}

Result<Answer> DecodeAnswer(std::string_view bytes) {
  auto j = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::DataLoss("inquiry book: an answer cannot be read");
  }
  try {
    return Answer{j.at("text").get<std::string>(), j.at("callback_to").get<std::string>(),
                  j.at("verified_facts").get<std::string>()};
  } catch (const nlohmann::json::exception&) {
    return Status::DataLoss("inquiry book: an answer cannot be read");
  }
}

}  // namespace ganreg::ledger
