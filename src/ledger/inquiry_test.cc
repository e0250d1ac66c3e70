// The inquiry rules (S-INQ-2..6): each rule refuses with its id and reason; the allowed case
// passes. Synthetic bodies and numbers only.
#include "ledger/inquiry.h"

#include <gtest/gtest.h>

namespace ganreg::ledger {
namespace {

const std::vector<std::string> kNumbers = {"03-0000-1111"};

Inquiry Inbound(InquirerGroup g, Channel c, bool personal) {
  Inquiry q;
  q.group = g;
  q.channel = c;
  q.personal = personal;
  q.counterpart = "模擬病院";
  q.content = "届出票の記載について";
  return q;
}

Answer Ans(std::string text, std::string callback_to = "", std::string facts = "") {
  return {std::move(text), std::move(callback_to), std::move(facts)};
}

void ExpectRefused(const Status& s, std::string_view rule) {
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_NE(s.message().find(rule), std::string::npos) << s.message();
}

TEST(InquiryGroupTest, ParsesTheFiveGroupsAndChannels) {
  EXPECT_EQ(ParseGroup("ア"), InquirerGroup::kA);
  EXPECT_EQ(ParseGroup("オ"), InquirerGroup::kO);
  EXPECT_FALSE(ParseGroup("カ").has_value());
  EXPECT_EQ(ParseChannel("fax"), Channel::kFax);
  EXPECT_FALSE(ParseChannel("pigeon").has_value());
  EXPECT_EQ(ParseCondition("identified"), OutboundCondition::kIdentified);
}

TEST(InquiryRuleTest, SInq2GroupsIToENeverAnsweredAboutPersonalInformation) {
  for (auto g : {InquirerGroup::kI, InquirerGroup::kU, InquirerGroup::kE}) {
    ExpectRefused(CheckAnswer(Inbound(g, Channel::kLetter, true), Ans("回答"), {}), "S-INQ-2");
    // A general (non-personal) question may be answered.
    EXPECT_TRUE(CheckAnswer(Inbound(g, Channel::kLetter, false), Ans("回答"), {}).ok());
  }
}

TEST(InquiryRuleTest, SInq2GroupOOnlyWhenEscalated) {
  Inquiry q = Inbound(InquirerGroup::kO, Channel::kLetter, true);
  q.verified_facts = "利用申出の承認番号";
  ExpectRefused(CheckAnswer(q, Ans("回答"), {}), "S-INQ-2");
  q.escalated = true;
  EXPECT_TRUE(CheckAnswer(q, Ans("回答"), {}).ok());
}

TEST(InquiryRuleTest, SInq3PhoneNeedsCallBackToARegisteredNumber) {
  Inquiry q = Inbound(InquirerGroup::kA, Channel::kPhone, false);
  ExpectRefused(CheckAnswer(q, Ans("回答"), kNumbers), "S-INQ-3");
  // A number the caller gave is not registered: refused.
  ExpectRefused(CheckAnswer(q, Ans("回答", "090-9999-9999"), kNumbers), "S-INQ-3");
  EXPECT_TRUE(CheckAnswer(q, Ans("回答", "0300001111"), kNumbers).ok());
}

TEST(InquiryRuleTest, SInq4GroupAPersonalNeedsVerificationFacts) {
  Inquiry q = Inbound(InquirerGroup::kA, Channel::kPhone, true);
  ExpectRefused(CheckAnswer(q, Ans("回答", "03-0000-1111"), kNumbers), "S-INQ-4");
  EXPECT_TRUE(CheckAnswer(q, Ans("回答", "03-0000-1111", "届出日と届出件数"), kNumbers).ok());
  q.verified_facts = "届出日 2026-10-01、3件";
  EXPECT_TRUE(CheckAnswer(q, Ans("回答", "03-0000-1111"), kNumbers).ok());
}

TEST(InquiryRuleTest, SInq6OutboundPhoneNeedsAConditionAndUrgency) {
  Inquiry q = Inbound(InquirerGroup::kA, Channel::kPhone, true);
  q.outbound = true;
  ExpectRefused(CheckInquiry(q, kNumbers), "S-INQ-6");
  q.condition = OutboundCondition::kKnownStaff;
  ExpectRefused(CheckInquiry(q, kNumbers), "S-INQ-6");  // not urgent
  q.urgent = true;
  EXPECT_TRUE(CheckInquiry(q, kNumbers).ok());
  // By letter: the transport means, no condition needed.
  Inquiry letter = Inbound(InquirerGroup::kA, Channel::kLetter, true);
  letter.outbound = true;
  EXPECT_TRUE(CheckInquiry(letter, {}).ok());
}

TEST(InquiryRuleTest, SInq6RegisteredContactNeedsAFiledContactAndFewCases) {
  Inquiry q = Inbound(InquirerGroup::kA, Channel::kPhone, true);
  q.outbound = true;
  q.urgent = true;
  q.condition = OutboundCondition::kRegisteredContactFewCases;
  q.cases = 3;
  ExpectRefused(CheckInquiry(q, {}), "S-INQ-6");
  q.cases = 12;
  ExpectRefused(CheckInquiry(q, kNumbers), "S-INQ-6");
  q.cases = 5;
  EXPECT_TRUE(CheckInquiry(q, kNumbers).ok());
}

TEST(InquiryRuleTest, SInq6FaxOnlyAfterATestFaxWithTwoStaff) {
  Inquiry q = Inbound(InquirerGroup::kA, Channel::kFax, true);
  q.outbound = true;
  q.urgent = true;
  q.condition = OutboundCondition::kIdentified;
  ExpectRefused(CheckInquiry(q, kNumbers), "S-INQ-6");
  q.test_fax_staff = {"staff1", "staff1"};  // the same person twice is one person
  ExpectRefused(CheckInquiry(q, kNumbers), "S-INQ-6");
  q.test_fax_staff = {"staff1", "lead1"};
  EXPECT_TRUE(CheckInquiry(q, kNumbers).ok());
}

TEST(InquiryRuleTest, SInq6NoDirectContactWithPatientsOrFamilies) {
  Inquiry q = Inbound(InquirerGroup::kE, Channel::kLetter, false);
  q.outbound = true;
  ExpectRefused(CheckInquiry(q, {}), "S-INQ-6");
}

TEST(InquiryRuleTest, SInq5CounterpartAndContentAreRequired) {
  Inquiry q = Inbound(InquirerGroup::kA, Channel::kEmail, false);
  q.content.clear();
  EXPECT_EQ(CheckInquiry(q, {}).code(), StatusCode::kInvalidArgument);
  q = Inbound(InquirerGroup::kA, Channel::kEmail, false);
  q.escalated = true;  // only オ is escalated
  EXPECT_EQ(CheckInquiry(q, {}).code(), StatusCode::kInvalidArgument);
}

TEST(InquiryRuleTest, SInq2WhatMayBeAnsweredIsStated) {
  EXPECT_NE(WhatMayBeAnswered(Inbound(InquirerGroup::kU, Channel::kEmail, true)).find("S-INQ-2"),
            std::string::npos);
  EXPECT_NE(WhatMayBeAnswered(Inbound(InquirerGroup::kA, Channel::kPhone, true)).find("S-INQ-3"),
            std::string::npos);
}

TEST(InquiryCodingTest, TheEncryptedPartRoundTrips) {
  Inquiry q = Inbound(InquirerGroup::kA, Channel::kFax, true);
  q.verified_facts = "届出日";
  q.condition = OutboundCondition::kIdentified;
  q.cases = 2;
  q.test_fax_staff = {"a", "b"};
  Inquiry clear;
  clear.group = q.group;
  auto back = DecodeInquiry(EncodeInquiry(q), clear);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->counterpart, q.counterpart);
  EXPECT_EQ(back->content, q.content);
  EXPECT_EQ(back->condition, q.condition);
  EXPECT_EQ(back->test_fax_staff, q.test_fax_staff);
  auto a = DecodeAnswer(EncodeAnswer({"回答", "03", "f"}));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->callback_to, "03");
  EXPECT_EQ(DecodeInquiry("not json", clear).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace ganreg::ledger
