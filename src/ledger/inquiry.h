// The inquiry book (問合せ記録, S-INQ-1..6): inquirer groups, channels, and the rules that say
// what may be answered and how — pure functions, no I/O. The app layer encrypts each entry under
// the `ledgers` category (S-INQ-5: the book itself is personal-information material).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ganreg::ledger {

// S-INQ-1: (ア) medical associations, municipalities, health centres, the prefecture, the window
// organisation, other registries, notifying hospitals and doctors; (イ) academic bodies; (ウ) mass
// media; (エ) patients, families and the public; (オ) users of prefectural cancer information.
enum class InquirerGroup { kA, kI, kU, kE, kO };
std::string_view GroupId(InquirerGroup g);  // "ア", "イ", "ウ", "エ", "オ"
std::optional<InquirerGroup> ParseGroup(std::string_view id);

enum class Channel { kLetter, kEmail, kPhone, kFax };
std::string_view ChannelId(Channel c);  // "letter", "email", "phone", "fax"
std::optional<Channel> ParseChannel(std::string_view id);

// S-INQ-6: the conditions under which an outbound phone or FAX inquiry is allowed.
enum class OutboundCondition {
  kNone,
  kKnownStaff,                  // the hospital registry's phone number and staff name are known
  kRegisteredContactFewCases,   // a filed contact for queries, and few cases (about five)
  kIdentified,                  // the other party can be identified with certainty
};
std::string_view ConditionId(OutboundCondition c);  // "known-staff", …; "" for kNone
std::optional<OutboundCondition> ParseCondition(std::string_view id);
inline constexpr int64_t kFewCases = 5;  // S-INQ-6 "about five"

// One inquiry, inbound or outbound. Everything but the group, channel, direction and the
// personal/escalated flags is kept encrypted.
struct Inquiry {
  InquirerGroup group = InquirerGroup::kA;
  Channel channel = Channel::kLetter;
  bool outbound = false;      // registry → hospital or municipality (S-INQ-6)
  bool personal = false;      // concerns personal information
  bool escalated = false;     // group オ treated as group ア (S-INQ-2), by decision
  std::string counterpart;    // the body (a registered body's name or code), or the person
  std::string content;
  std::string verified_facts; // what was asked to verify the caller (S-INQ-4)
  // Outbound phone/FAX only (S-INQ-6):
  OutboundCondition condition = OutboundCondition::kNone;
  bool urgent = false;        // urgent, or clearer by phone
  int64_t cases = 0;          // how many cases the inquiry is about
  std::vector<std::string> test_fax_staff;  // the two staff present at the test FAX
};

struct Answer {
  std::string text;
  std::string callback_to;     // the number called back (phone inquiries)
  std::string verified_facts;  // facts asked at the call-back (S-INQ-4), if any
};

// What ganreg tells the handler may be answered (S-INQ-2, S-INQ-3), Japanese then English.
std::string WhatMayBeAnswered(const Inquiry& q);

// Checks an inquiry before it is recorded: required fields, and for outbound phone/FAX the
// S-INQ-6 conditions. `body_numbers` are the numbers registered for the counterpart body.
// kInvalidArgument for a missing field; kFailedPrecondition naming the rule otherwise.
Status CheckInquiry(const Inquiry& q, const std::vector<std::string>& body_numbers);

// Checks an answer against S-INQ-2..4. kFailedPrecondition naming the rule and the reason.
Status CheckAnswer(const Inquiry& q, const Answer& a, const std::vector<std::string>& body_numbers);

// The encrypted part of an entry, as bytes (JSON), and back. kDataLoss if unreadable.
std::string EncodeInquiry(const Inquiry& q);
Result<Inquiry> DecodeInquiry(std::string_view bytes, Inquiry clear_part);
std::string EncodeAnswer(const Answer& a);
Result<Answer> DecodeAnswer(std::string_view bytes);

// A phone number as compared (digits only): "03-1234-5678" and "0312345678" are one number.
std::string NormalisePhone(std::string_view number);

}  // namespace ganreg::ledger
