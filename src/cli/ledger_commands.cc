// Office-ledger subcommands over the app layer (issue #4): the inquiry book (S-INQ-1..6), the
// portable-media list (S-STO-2) and the disposal record (S-STO-4, S-STO-5).
// Japanese first, then English, like the other commands.
#include "cli/ledger_commands.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/exit_codes.h"
#include "core/clock.h"

namespace ganreg::cli {
namespace {

void PrintInquiry(const app::InquiryView& v, bool full) {
  fmt::print("#{}  {}  {}  区分 group {}  {}  {}  {}  受付 by {}\n", v.id, FormatUtc(v.at),
             v.direction == "outbound" ? "照会 out" : "受付 in", v.group, v.channel,
             v.personal ? "個人情報 personal" : "一般 general",
             v.escalated ? "(アとして扱う escalated)" : "", v.handled_by);
  if (v.corrects != 0) fmt::print("  #{}を訂正 corrects #{}\n", v.corrects, v.corrects);
  if (v.corrected_by != 0) {
    fmt::print("  #{}で訂正済み corrected by #{}\n", v.corrected_by, v.corrected_by);
  }
  fmt::print("  相手先 counterpart: {}\n", v.counterpart);
  fmt::print("  内容 content: {}\n", v.content);
  if (full) {
    if (!v.verified_facts.empty()) fmt::print("  確認事項 verified facts: {}\n", v.verified_facts);
    if (!v.condition.empty()) {
      fmt::print("  条件 condition: {}{}; 件数 cases {}\n", v.condition,
                 v.urgent ? ", 緊急 urgent" : "", v.cases);
    }
    if (!v.test_fax_staff.empty()) {
      fmt::print("  試験FAX立会い test FAX staff: {}\n", fmt::join(v.test_fax_staff, ", "));
    }
    fmt::print("  回答可否 what may be answered: {}\n", v.may_answer);
  }
  if (v.answers.empty()) fmt::print("  回答 answer: (未回答 not answered)\n");
  for (const auto& a : v.answers) {
    // The book lists the answers that count; `show` also the corrected ones, marked.
    if (!full && a.corrected_by != 0) continue;
    fmt::print("  回答 answer #{} {} by {}{}{}: {}\n", a.id, FormatUtc(a.at), a.handled_by,
               a.callback_to.empty() ? "" : fmt::format(" (折り返し call-back {})", a.callback_to),
               a.corrects == 0 ? "" : fmt::format(" (#{}を訂正 corrects #{})", a.corrects,
                                                  a.corrects),
               a.text);
    if (full && a.corrected_by != 0) {
      fmt::print("    #{}で訂正済み corrected by #{}\n", a.corrected_by, a.corrected_by);
    }
    if (full && !a.verified_facts.empty()) {
      fmt::print("    確認事項 verified facts: {}\n", a.verified_facts);
    }
  }
}

// "a,b" → {"a", "b"}.
std::vector<std::string> SplitNames(const std::string& list) {
  std::vector<std::string> out;
  if (list.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t comma = list.find(',', start);
    out.push_back(list.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

void AddMediaAndDisposalCommands(CLI::App& app, Globals& g, int& rc) {
  // ---- media: the portable-media list (S-STO-2) ----
  auto* media = app.add_subcommand("media", "可搬媒体リスト portable-media list (S-STO-2)");
  media->require_subcommand(1);
  auto* madd = media->add_subcommand("add", "list a medium that holds personal information");
  static std::string ma_id, ma_kind, ma_received;
  madd->add_option("ID", ma_id, "the label on the medium")->required();
  madd->add_option("--kind", ma_kind, "usb, cd-r, paper-file")->required()
      ->check(CLI::IsMember({"usb", "cd-r", "paper-file"}));
  madd->add_option("--received", ma_received, "date received, YYYY-MM-DD")->required();
  madd->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.AddMedium(ma_id, ma_kind, ma_received);
      if (!r.ok()) return Fail(r.status());
      fmt::print("登録しました listed: {} ({}) 受領 received {}\n", r->id, r->kind, r->received);
      return kExitOk;
    });
  });
  auto* mlist = media->add_subcommand("list", "every medium with received and disposed dates");
  mlist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListMedia();
      if (!r.ok()) return Fail(r.status());
      fmt::print("可搬媒体リスト portable-media list ({} media)\n", r->size());
      fmt::print("  {:<14} {:<11} {:<11} {}\n", "id", "kind", "received", "disposed");
      for (const auto& m : *r) {
        fmt::print("  {:<14} {:<11} {:<11} {}\n", m.id, m.kind, m.received,
                   m.disposed.empty() ? "保管中 kept" : m.disposed);
      }
      return kExitOk;
    });
  });

  // ---- disposal: the disposal record (S-STO-4, S-STO-5) ----
  auto* disposal = app.add_subcommand("disposal", "消去・廃棄記録簿 disposal record");
  disposal->require_subcommand(1);
  auto* drec = disposal->add_subcommand("record", "record a disposal (checked, S-STO-4/5)");
  static app::DisposalRequest dq;
  static std::string dq_witnesses;
  drec->add_option("--item", dq.item, "what was disposed of (no personal information)")
      ->required();
  drec->add_option("--medium-id", dq.medium_id, "a listed medium: its disposed date is set");
  drec->add_option("--method", dq.method,
                   "shred, dissolve, incinerate, erase-software, physical-destroy")->required()
      ->check(CLI::IsMember({"shred", "dissolve", "incinerate", "erase-software",
                             "physical-destroy"}));
  drec->add_option("--strip-width-mm", dq.strip_width_mm, "shredding: strip width (S-STO-5)");
  drec->add_option("--particle-mm2", dq.particle_mm2, "shredding: particle area (S-STO-5)");
  drec->add_option("--combined-with", dq.combined_with, "dissolution or incineration")
      ->check(CLI::IsMember({"dissolution", "incineration"}));
  drec->add_option("--place", dq.place, "room, designated-outside, contractor")->required()
      ->check(CLI::IsMember({"room", "designated-outside", "contractor"}));
  drec->add_option("--witnesses", dq_witnesses, "who did it or was present: NAME[,NAME]")
      ->required();
  drec->add_option("--date", dq.date, "YYYY-MM-DD (default: today)");
  drec->add_option("--corrects", dq.corrects, "the entry this one corrects (it stays as it was)");
  drec->add_option("--acquisition", dq.acquisition,
                   "the acquisition disposed of at the end of its retention (S-STO-3, F-7)");
  drec->add_option("--time", dq.time, "HH:MM it was done (F-6)");
  drec->add_option("--approved-by", dq.approved_by,
                   "the task lead or head who approved it; needed unless temporary material "
                   "(STO-P4)");
  drec->add_option("--contract", dq.contract,
                   "contractor: the contract whose confidentiality clause the head checked "
                   "(S-STO-5)");
  drec->add_option("--certificate", dq.certificate,
                   "contractor: its certificate of destruction (F-6)");
  drec->callback([&] {
    dq.witnesses = SplitNames(dq_witnesses);
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordDisposal(dq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: disposal #{} {} {}{}\n", r->id, r->date, r->method,
                 r->medium_id.empty() ? "" : fmt::format(" (媒体 medium {} 廃棄済み disposed)",
                                                         r->medium_id));
      return kExitOk;
    });
  });
  auto* dlist = disposal->add_subcommand("list", "the disposal record");
  dlist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListDisposals();
      if (!r.ok()) return Fail(r.status());
      fmt::print("消去・廃棄記録簿 disposal record ({} entries)\n", r->size());
      for (const auto& d : *r) {
        std::string how = d.method;
        if (d.method == "shred") {
          how += fmt::format(" {}mm/{}mm²", d.strip_width_mm, d.particle_mm2);
        }
        if (!d.combined_with.empty()) how += " + " + d.combined_with;
        fmt::print("#{}  {}{}  {}  {}  {}  場所 place {}  立会 witnesses {}  記録 by {}{}\n",
                   d.id, d.date, d.time.empty() ? "" : " " + d.time, d.item,
                   d.medium_id.empty() ? "-" : d.medium_id, how, d.place, d.witnesses,
                   d.recorded_by,
                   d.corrects ? fmt::format("  (#{}を訂正 corrects #{})", d.corrects, d.corrects)
                              : "");
        if (!d.approved_by.empty()) {
          fmt::print("    承認 approved by {}\n", d.approved_by);
        } else if (d.medium_id.empty() && d.acquisition == 0 && d.place != "contractor") {
          fmt::print("    承認不要の一時的な資料 temporary material, no approval (STO-P4)\n");
        } else {  // an entry from before the approval was recorded (migration 11)
          fmt::print("    承認 approved by: 未記録 not recorded\n");
        }
        if (!d.contract.empty()) {
          fmt::print("    委託先 contractor {}  契約 contract {}（守秘義務条項の確認 clause checked by "
                     "{}）{}\n", d.contractor, d.contract, d.clause_checked_by,
                     d.certificate.empty() ? ""
                                           : fmt::format("  廃棄証明書 certificate {}",
                                                         d.certificate));
        }
        if (d.acquisition != 0) {
          fmt::print("    取得#{}を廃棄 acquisition #{}\n", d.acquisition, d.acquisition);
        }
        if (d.corrected_by != 0) {
          fmt::print("    #{}で訂正済み corrected by #{}\n", d.corrected_by, d.corrected_by);
        }
      }
      return kExitOk;
    });
  });

  // ---- disposal contract: the head's check of a contractor's contract (S-STO-5) ----
  auto* contract = disposal->add_subcommand(
      "contract", "委託契約の守秘義務条項の確認 disposal contracts checked by the head (S-STO-5)");
  contract->require_subcommand(1);
  auto* ccheck = contract->add_subcommand(
      "check", "the head records a contractor's contract and its confidentiality clause");
  static app::DisposalContractRequest cq;
  ccheck->add_option("REF", cq.ref, "the contract's reference (number, date)")->required();
  ccheck->add_option("--contractor", cq.contractor, "the disposal company")->required();
  ccheck->add_flag("--confidentiality-clause", cq.confidentiality_clause,
                   "the head found the confidentiality clause in the contract");
  ccheck->add_option("--checked-on", cq.checked_on, "YYYY-MM-DD (default: today)");
  ccheck->add_option("--valid-until", cq.valid_until, "YYYY-MM-DD the contract ends");
  ccheck->add_option("--corrects", cq.corrects, "the check this one corrects (it stays)");
  ccheck->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.CheckDisposalContract(cq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: contract #{} {} ({}) 守秘義務条項 確認 clause checked by "
                 "{} on {}\n", r->id, r->ref, r->contractor, r->checked_by, r->checked_on);
      return kExitOk;
    });
  });
  auto* clist = contract->add_subcommand("list", "the contracts and the head's checks");
  clist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListDisposalContracts();
      if (!r.ok()) return Fail(r.status());
      fmt::print("廃棄委託契約 disposal contracts ({} entries)\n", r->size());
      for (const auto& c : *r) {
        fmt::print("#{}  {}  {}  確認 checked by {} on {}  終了 ends {}{}{}\n", c.id, c.ref,
                   c.contractor, c.checked_by, c.checked_on,
                   c.valid_until.empty() ? "-" : c.valid_until,
                   c.corrects ? fmt::format("  (#{}を訂正 corrects #{})", c.corrects, c.corrects)
                              : "",
                   c.corrected_by ? fmt::format("  (#{}で訂正済み corrected by #{})",
                                                c.corrected_by, c.corrected_by)
                                  : "");
      }
      return kExitOk;
    });
  });
}

}  // namespace

void AddLedgerCommands(CLI::App& app, Globals& g, int& rc) {
  const std::vector<std::string> kGroups = {"ア", "イ", "ウ", "エ", "オ"};
  auto* inquiry = app.add_subcommand("inquiry", "問合せ記録 the inquiry book (S-INQ-1..6)");
  inquiry->require_subcommand(1);

  // ---- contact: the numbers call-backs may go to (S-INQ-3) ----
  auto* contact = inquiry->add_subcommand("contact", "call-back numbers registered per body");
  contact->require_subcommand(1);
  auto* cadd = contact->add_subcommand("add", "register a body's number (custodians)");
  static std::string ca_body, ca_phone, ca_group;
  cadd->add_option("BODY", ca_body, "the body (hospital, municipality …)")->required();
  cadd->add_option("--phone", ca_phone, "the number, confirmed beforehand")->required();
  cadd->add_option("--group", ca_group, "inquirer group ア–オ")->required()
      ->check(CLI::IsMember(kGroups));
  cadd->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.AddInquiryContact(ca_body, ca_phone, ca_group);
      if (!r.ok()) return Fail(r.status());
      fmt::print("登録しました registered: {} {} (区分 group {})\n", r->body, r->phone, r->group);
      return kExitOk;
    });
  });
  auto* clist = contact->add_subcommand("list", "list the registered numbers");
  clist->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListInquiryContacts();
      if (!r.ok()) return Fail(r.status());
      fmt::print("折り返し先 call-back numbers ({} entries)\n", r->size());
      for (const auto& c : *r) {
        fmt::print("  {}  {}  区分 group {}  {} by {}\n", c.body, c.phone, c.group,
                   FormatUtc(c.added_at), c.added_by);
      }
      return kExitOk;
    });
  });

  // ---- record ----
  auto* record = inquiry->add_subcommand("record", "record an inquiry (inbound, or --outbound)");
  static app::InquiryRequest rq;
  static std::string rq_staff;
  record->add_option("--group", rq.group, "inquirer group ア–オ (S-INQ-1)")->required()
      ->check(CLI::IsMember(kGroups));
  record->add_option("--channel", rq.channel, "letter, email, phone, fax")->required()
      ->check(CLI::IsMember({"letter", "email", "phone", "fax"}));
  record->add_option("--counterpart", rq.counterpart, "the body (or person) inquiring")
      ->required();
  record->add_option("--content", rq.content, "what was asked")->required();
  record->add_flag("--personal", rq.personal, "concerns personal information");
  record->add_option("--verified-facts", rq.verified_facts,
                     "facts asked to verify the inquirer (S-INQ-4)");
  record->add_flag("--escalate", rq.escalated, "group オ treated as group ア (S-INQ-2)");
  record->add_flag("--outbound", rq.outbound, "registry → hospital or municipality (S-INQ-6)");
  record->add_option("--condition", rq.condition, "outbound phone/FAX: the S-INQ-6 condition")
      ->check(CLI::IsMember({"known-staff", "registered-contact-few-cases", "identified"}));
  record->add_flag("--urgent", rq.urgent, "outbound phone/FAX: urgent or clearer by phone");
  record->add_option("--cases", rq.cases, "outbound: how many cases the inquiry is about");
  record->add_option("--corrects", rq.corrects,
                     "the entry this one corrects (the whole inquiry again; the old one stays)");
  record->add_option("--test-fax-staff", rq_staff,
                     "outbound FAX: the two staff present at the test FAX, NAME,NAME");
  record->callback([&] {
    rq.test_fax_staff = SplitNames(rq_staff);
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.RecordInquiry(rq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: inquiry #{}\n回答可否 what may be answered: {}\n", r->id,
                 r->may_answer);
      return kExitOk;
    });
  });

  // ---- answer ----
  auto* answer = inquiry->add_subcommand("answer", "record the answer (checked, S-INQ-2..4)");
  static app::InquiryAnswerRequest aq;
  answer->add_option("ID", aq.inquiry_id, "the inquiry")->required();
  answer->add_option("--answer", aq.answer, "what was answered")->required();
  answer->add_option("--callback-to", aq.callback_to,
                     "the registered number called back (phone inquiries, S-INQ-3)");
  answer->add_option("--verified-facts", aq.verified_facts,
                     "facts asked at the call-back (S-INQ-4)");
  answer->add_option("--corrects", aq.corrects,
                     "the answer this one corrects (the whole answer again; the old one stays)");
  answer->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.AnswerInquiry(aq);
      if (!r.ok()) return Fail(r.status());
      fmt::print("記録しました recorded: answer #{} to inquiry #{}{}\n", *r, aq.inquiry_id,
                 aq.corrects == 0 ? "" : fmt::format(" (#{}を訂正 corrects #{})", aq.corrects,
                                                     aq.corrects));
      return kExitOk;
    });
  });

  // ---- list / show (ledgers grant) ----
  auto* list = inquiry->add_subcommand("list", "the inquiry book (needs the ledgers grant)");
  list->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ListInquiries();
      if (!r.ok()) return Fail(r.status());
      fmt::print("問合せ記録 inquiry book ({} inquiries)\n", r->size());
      for (const auto& v : *r) PrintInquiry(v, false);
      return kExitOk;
    });
  });
  auto* show = inquiry->add_subcommand("show", "one inquiry with its answers");
  static int64_t show_id = 0;
  show->add_option("ID", show_id)->required();
  show->callback([&] {
    rc = WithSession(g, [&](app::Session& s) {
      auto r = s.ShowInquiry(show_id);
      if (!r.ok()) return Fail(r.status());
      PrintInquiry(*r, true);
      return kExitOk;
    });
  });

  AddMediaAndDisposalCommands(app, g, rc);
}

}  // namespace ganreg::cli
