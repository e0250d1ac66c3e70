// Printable ledgers (`ganreg ledger print KIND`, issue #4): each ledger as one document with
// Japanese headings (report/document.h), written as an A4 PDF or a self-contained HTML page, for
// the office's paper files. Reading a ledger to print it
// follows the same rules as listing it: the list action's permission, and sealed columns only
// with the ledgers grant (otherwise printed as withheld).
#include <fmt/format.h>

#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "core/files.h"
#include "ledger/disposal.h"
#include "ledger/registers.h"
#include "report/render.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;

namespace {

constexpr std::string_view kWithheld = "（ledgers権限なし withheld）";

struct Ledger {
  std::string title;
  Action list_action;  // the permission a listing of this ledger needs
  std::vector<std::string> headers;
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;  // (date, cells)
};

std::string Json(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<bool> internal::IsPdfOutput(const PrintOutput& out) {
  if (out.into == nullptr) {
    GANREG_ASSIGN_OR_RETURN(const report::Format format, report::FormatOf(out.file));
    return format == report::Format::kPdf;
  }
  if (out.format != "pdf" && out.format != "html") {
    return Status::InvalidArgument(fmt::format(
        "形式は pdf か html / the format is pdf or html, not '{}'", out.format.substr(0, 20)));
  }
  return out.format == "pdf";
}

Status internal::DeliverOutput(const PrintOutput& out, std::string bytes) {
  if (out.into != nullptr) {
    *out.into = std::move(bytes);
    return Status::Ok();
  }
  return WriteNewFile(out.file, bytes);
}

Result<LedgerPrintResult> Session::PrintLedger(std::string_view kind, std::string_view from,
                                               std::string_view to,
                                               const std::filesystem::path& out) {
  return PrintLedger(kind, from, to, PrintOutput{out, "", nullptr});
}

Result<LedgerPrintResult> Session::PrintLedger(std::string_view kind, std::string_view from,
                                               std::string_view to, const PrintOutput& out) {
  return Run<LedgerPrintResult>(Action::kLedgerPrint, fmt::format("ledger:{}", kind),
                                [&](Work& w) -> Result<LedgerPrintResult> {
    GANREG_ASSIGN_OR_RETURN(const bool is_pdf, internal::IsPdfOutput(out));
    const report::Format format = is_pdf ? report::Format::kPdf : report::Format::kHtml;
    for (auto d : {from, to}) {
      if (!d.empty() && !ledger::ParseDate(d)) {
        return Status::InvalidArgument(
            fmt::format("期間は YYYY-MM-DD / the dates are YYYY-MM-DD, not '{}'", d));
      }
    }
    auto ck = CategoryKey(model::Category::kLedgers);
    if (!ck.ok() && ck.status().code() != StatusCode::kPermissionDenied) return ck.status();
    // Opens a sealed part as JSON, or nullopt without the grant.
    auto open = [&](const store::SealedPart& part,
                    const std::string& ad) -> Result<std::optional<nlohmann::json>> {
      if (!ck.ok()) return std::optional<nlohmann::json>();
      GANREG_ASSIGN_OR_RETURN(auto plain, internal::OpenLedgerPart(db_, **ck, part, ad));
      auto j = nlohmann::json::parse(plain.view(), nullptr, false);
      if (j.is_discarded() || !j.is_object()) {
        return Status::DataLoss(fmt::format("{}: an entry cannot be read", kind));
      }
      return std::optional<nlohmann::json>(std::move(j));
    };
    auto sealed = [&](const std::optional<nlohmann::json>& j, const char* key) {
      return j ? Json(*j, key) : std::string(kWithheld);
    };
    auto corr = [](int64_t c) { return c == 0 ? std::string() : fmt::format("#{}を訂正", c); };

    Ledger l;
    if (kind == "handover") {
      l = {"配送物等受渡簿 Hand-over book (S-ACQ-5)", Action::kLedgerShow,
           {"No.", "日時 date", "受領/発送", "取扱者 by", "送付元/送付先", "媒体 medium",
            "内容 content", "受取人 recipient", "配送 delivery"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListHandover());
      GANREG_ASSIGN_OR_RETURN(auto deliveries, db_.ListHandoverDeliveries());
      std::map<int64_t, std::string> delivery;
      for (const auto& d : deliveries) {
        delivery[d.handover_id] = fmt::format(
            "{} {}{}{}{}", d.method, d.tracking,
            d.carriers.empty() ? "" : " 運搬 " + d.carriers,
            d.unused_medium ? " 未使用媒体 unused" : "", d.opened_in_room ? " 室内開封" : "");
      }
      for (const auto& r : rows) {
        const std::string local = internal::JapanLocalTime(r.at);
        auto it = delivery.find(r.id);
        l.rows.push_back({local.substr(0, 10),
                          {std::to_string(r.id), local,
                           r.direction == "receipt" ? "受領 receipt" : "発送 dispatch",
                           r.handled_by, r.counterpart, r.medium, r.summary, r.recipient,
                           it != delivery.end() ? it->second
                           : r.medium == "online" ? std::string("-")
                                                  : std::string("未記録 not recorded")}});
      }
    } else if (kind == "media") {
      l = {"可搬媒体リスト Portable-media list (S-STO-2)", Action::kMediaList,
           {"媒体 ID", "種類 kind", "受領日 received", "廃棄日 disposed", "登録者 by"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListMedia());
      for (const auto& r : rows) {
        l.rows.push_back({r.received, {r.id, r.kind, r.received, r.disposed, r.added_by}});
      }
    } else if (kind == "disposals") {
      l = {"消去・廃棄記録簿 Disposal record (S-STO-4, S-STO-5)", Action::kDisposalList,
           {"No.", "日時 date", "対象 item", "媒体 medium", "方法 method", "裁断 shred",
            "場所 place", "実施・立会 witnesses", "承認 approved", "委託契約 contract",
            "廃棄証明書 certificate", "記録者 by", "訂正 corrects"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListDisposals());
      GANREG_ASSIGN_OR_RETURN(auto contracts, db_.ListDisposalContracts());
      std::map<int64_t, std::string> contract;
      for (const auto& c : contracts) {
        contract[c.id] = fmt::format("{} {}（守秘義務条項確認 {} {}）", c.contractor, c.ref,
                                     c.checked_by, c.checked_on);
      }
      for (const auto& r : rows) {
        auto it = contract.find(r.contract_id);
        l.rows.push_back(
            {r.date,
             {std::to_string(r.id), r.time.empty() ? r.date : r.date + " " + r.time, r.item,
              r.medium_id, r.method,
              r.method == "shred" ? fmt::format("{}mm / {}mm² {}", r.strip_width_mm,
                                                r.particle_mm2, r.combined_with)
                                  : std::string(),
              r.place, r.witnesses,
              !r.approved_by.empty() ? r.approved_by
              : r.medium_id.empty() && r.place != "contractor"
                  ? std::string("一時資料 temporary")
                  : std::string("未記録 not recorded"),  // rows from before migration 11
              it == contract.end() ? std::string() : it->second, r.certificate, r.recorded_by,
              corr(r.corrects)}});
      }
    } else if (kind == "inquiries") {
      // S-INQ-5: date, counterpart, content, answer and handler; every entry in order, each
      // answer (and each correction) a row of its own, as the book was written.
      l = {"問合せ記録 Inquiry book (S-INQ-5)", Action::kInquiryList,
           {"No.", "日時 date", "種別 entry", "区分 group", "経路 channel", "個人情報 personal",
            "相手先 counterpart", "内容・回答 content / answer", "確認事項 verified",
            "対応者 by", "訂正 corrects"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListInquiryEntries());
      for (const auto& r : rows) {
        GANREG_ASSIGN_OR_RETURN(
            auto j, open({r.category_version, r.sealed_key, r.ciphertext}, internal::InquiryAd(r)));
        const bool answer = r.kind == "answer";
        std::string callback;
        if (answer && j && !Json(*j, "callback_to").empty()) {
          callback = fmt::format("（折り返し {}）", Json(*j, "callback_to"));
        }
        const std::string local = internal::JapanLocalTime(r.at);
        l.rows.push_back(
            {local.substr(0, 10),
             {std::to_string(r.id), local,
              answer ? fmt::format("#{}への回答 answer", r.ref_id)
                     : (r.direction == "outbound" ? "照会 outbound" : "問合せ inbound"),
              r.group, r.channel, r.personal ? "有 yes" : "-",
              answer ? std::string("-") : sealed(j, "counterpart"),
              sealed(j, answer ? "text" : "content") + callback, sealed(j, "verified_facts"),
              r.handled_by, corr(r.corrects)}});
      }
    } else if (kind == "keybox") {
      l = {"キーボックス記録 Key-box log (S-STO-1, S-ENT-1)", Action::kKeyboxList,
           {"No.", "日時 date", "操作 action", "記録者 by", "本数 keys", "備考 note"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListKeybox());
      for (const auto& r : rows) {
        l.rows.push_back(
            {r.date,
             {std::to_string(r.id), internal::JapanLocalTime(r.at), r.action, r.by_user,
              r.action == "count" ? fmt::format("{}/{}", r.counted, r.expected) : std::string(),
              r.note}});
      }
    } else if (kind == "entry-log") {
      l = {"入退室管理簿 Entry/exit log (S-ENT-1, 第4号様式)", Action::kEntryList,
           {"No.", "日付 date", "入室 in", "退室 out", "氏名 name", "所属 affiliation",
            "目的 purpose", "誓約書 pledge", "承認 approved", "付添 escort", "訂正 corrects"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListEntries());
      for (const auto& r : rows) {
        GANREG_ASSIGN_OR_RETURN(auto j, open(r.sealed, internal::EntryLogAd(r)));
        l.rows.push_back({r.date,
                          {std::to_string(r.id), r.date, r.time_in, r.time_out, sealed(j, "name"),
                           sealed(j, "affiliation"), sealed(j, "purpose"),
                           r.pledge ? "有 yes" : "無 no", r.approved_by, r.escort,
                           corr(r.corrects)}});
      }
    } else if (kind == "takeouts") {
      l = {"持出し管理台帳 Take-out and return register (STO-3)", Action::kTakeoutList,
           {"No.", "持出し out", "持出者 by", "物 what", "数量 qty", "理由 reason", "承認 approved",
            "返却予定 due back", "返却 returned", "訂正 corrects"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListTakeouts());
      for (const auto& r : rows) {
        GANREG_ASSIGN_OR_RETURN(auto j, open(r.sealed, internal::TakeoutAd(r)));
        l.rows.push_back(
            {r.date,
             {std::to_string(r.id), fmt::format("{} {}", r.date, r.time_out), r.taken_by,
              fmt::format("{} ({})", sealed(j, "what"), r.kind), std::to_string(r.quantity),
              sealed(j, "reason"), r.approved_by, r.due_back,
              r.returned_count < 0 ? "未返却 out"
                                   : fmt::format("{} {} {} ({}/{})", r.returned_date,
                                                 r.returned_time, r.returned_by,
                                                 r.returned_count, r.quantity),
              corr(r.corrects)}});
      }
    } else if (kind == "maintenance") {
      l = {"保守作業記録 Maintenance record (S-SYS-6)", Action::kMaintenanceList,
           {"No.", "日時 date", "作業者 worker", "所属 affiliation", "作業内容 work",
            "結果 result", "承認 approved", "立会 witness", "秘密保持 NDA", "訂正 corrects"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListMaintenance());
      for (const auto& r : rows) {
        GANREG_ASSIGN_OR_RETURN(auto j, open(r.sealed, internal::MaintenanceAd(r)));
        l.rows.push_back({r.date,
                          {std::to_string(r.id),
                           fmt::format("{} {}–{}", r.date, r.time_from, r.time_to),
                           fmt::format("{} ({})", sealed(j, "worker"), r.worker_kind),
                           sealed(j, "affiliation"), r.work, r.result, r.approved_by, r.witness,
                           r.nda ? "有 yes" : "-", corr(r.corrects)}});
      }
    } else if (kind == "acquisitions") {
      l = {"取得記録簿 Acquisition register (S-ACQ-2, S-ACQ-4)", Action::kAcquisitionList,
           {"No.", "受領日 date", "種類 kind", "媒体 medium", "経路 route", "送付元 source",
            "件数 count", "追跡番号 tracking", "運搬者 carriers", "保管 storage", "受領者 by",
            "訂正 corrects"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListAcquisitions());
      for (const auto& r : rows) {
        l.rows.push_back({r.date,
                          {std::to_string(r.id), r.date,
                           std::string(ledger::AcquisitionKindLabel(r.kind)), r.medium, r.route,
                           r.source, std::to_string(r.count), r.tracking, r.carriers, r.storage,
                           r.handover_id == 0
                               ? r.received_by
                               : fmt::format("{}（受渡簿#{}から自動）", r.received_by,
                                             r.handover_id),
                           corr(r.corrects)}});
      }
    } else if (kind == "definitions") {
      l = {"病院・市町村定義の更新記録 Definition updates (S-SYS-4)", Action::kDefinitionList,
           {"No.", "種類 kind", "コード code", "変更 change", "変更日 changed", "更新日 applied",
            "内容 description", "根拠 source", "記録者 by", "訂正 corrects"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListDefinitionUpdates());
      for (const auto& r : rows) {
        l.rows.push_back({r.applied_on,
                          {std::to_string(r.id), r.kind, r.code, r.change, r.changed_on,
                           r.applied_on, r.description, r.source, r.recorded_by,
                           corr(r.corrects)}});
      }
    } else if (kind == "revisions") {
      l = {"手順の改訂記録 Procedure revisions (S-CHK-1)", Action::kRevisionList,
           {"No.", "点検年 year", "項目 items", "手順 procedure", "変更内容 change",
            "決定日 decided", "決定者 decided by", "記録者 by", "訂正 corrects"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListRevisions());
      for (const auto& r : rows) {
        l.rows.push_back({r.decided_on,
                          {std::to_string(r.id), std::to_string(r.year), r.items, r.procedure,
                           r.change, r.decided_on, r.decided_by, r.recorded_by,
                           corr(r.corrects)}});
      }
    } else if (kind == "external-audits") {
      l = {"外部監査の記録 External audits (ORG-6)", Action::kExternalAuditList,
           {"No.", "監査日 date", "監査機関 auditor", "委員会 committee", "結果 findings",
            "改善措置 actions", "総括責任者への報告 reported", "記録者 by", "訂正 corrects"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListExternalAudits());
      for (const auto& r : rows) {
        l.rows.push_back({r.date,
                          {std::to_string(r.id), r.date, r.auditor, r.committee, r.findings,
                           r.actions, r.reported_on.empty() ? "未報告 not yet" : r.reported_on,
                           r.recorded_by, corr(r.corrects)}});
      }
    } else if (kind == "retention") {
      l = {"保管場所及び保管方法 Storage schedule (F-7, STO-P5)", Action::kRetentionList,
           {"No.", "種類 kind", "媒体 medium", "保存期間 months", "保管場所 place",
            "保管方法 method", "設定者 by", "状態 state"}, {}};
      GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListRetentionRules());
      std::map<std::pair<std::string, std::string>, int64_t> latest;
      for (const auto& r : rows) latest[{r.kind, r.medium}] = r.id;
      for (const auto& r : rows) {
        l.rows.push_back({internal::JapanLocalTime(r.at).substr(0, 10),
                          {std::to_string(r.id),
                           std::string(ledger::AcquisitionKindLabel(r.kind)), r.medium,
                           fmt::format("{}か月", r.months), r.place, r.method, r.set_by,
                           latest[{r.kind, r.medium}] == r.id ? "適用中 in force"
                                                              : "旧 superseded"}});
      }
    } else {
      return Status::InvalidArgument(fmt::format(
          "台帳は handover, inquiries, media, disposals, keybox, entry-log, takeouts, "
          "maintenance, acquisitions, definitions, revisions, external-audits, retention / "
          "unknown ledger '{}'", kind));
    }
    // The same permission a listing of this ledger needs.
    GANREG_RETURN_IF_ERROR(access::Authorize(actor_, l.list_action));

    std::vector<std::vector<std::string>> rows;
    for (auto& [date, cells] : l.rows) {
      if (!from.empty() && date < from) continue;
      if (!to.empty() && date > to) continue;
      rows.push_back(std::move(cells));
    }
    report::Document doc(l.title, registry_.name_);
    doc.Paragraph(fmt::format("期間 period: {} ～ {}　件数 entries: {}{}",
                              from.empty() ? "最初 first" : from, to.empty() ? "最後 last" : to,
                              rows.size(),
                              ck.ok() ? "" : "　※封印項目は ledgers 権限がないため非表示 / sealed "
                                             "columns withheld (no ledgers grant)"));
    doc.Table(l.headers, std::move(rows));
    const int64_t now = registry_.clock_->NowSeconds();
    doc.SetPrinted(fmt::format("{} by {}", internal::JapanLocalTime(now), actor_.name), now);
    LedgerPrintResult result{std::string(kind), 0, !ck.ok(), 0};
    result.entries = static_cast<int64_t>(doc.blocks().back().table.rows.size());
    std::string bytes;
    if (format == report::Format::kPdf) {
      GANREG_ASSIGN_OR_RETURN(report::Pdf pdf, report::RenderPdf(doc));
      result.pages = pdf.pages;
      bytes = std::move(pdf.bytes);
    } else {
      bytes = report::RenderHtml(doc);
    }
    GANREG_RETURN_IF_ERROR(internal::DeliverOutput(out, std::move(bytes)));
    w.detail = fmt::format("entries={} from={} to={} sealed={} format={}{}", result.entries,
                           from.empty() ? "-" : from, to.empty() ? "-" : to,
                           ck.ok() ? "shown" : "withheld",
                           format == report::Format::kPdf ? "pdf" : "html",
                           out.into ? " to=download" : "");
    return result;
  });
}

}  // namespace ganreg::app
