// Use cases of death information forms (issue #5, S-ACQ-2 イ): intake, linking each death to at
// most one person with the linkage model, the death review queue, and the follow-back
// (遡り調査) of cancer deaths no notification was found for (DCN) — answered as notified, or as
// death certificate only (DCO). Rules: docs/followback.md; layout: docs/formats/death-csv.md.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "crypto/crypto.h"
#include "crypto/stream.h"
#include "ledger/handover.h"
#include "linkage/linker.h"
#include "linkage/model.h"
#include "linkage/record.h"
#include "model/death.h"
#include "store/database.h"
#include "text/csv_field.h"
#include "validate/death_reader.h"

namespace ganreg::app {

using access::Action;

namespace {

constexpr model::Category kIdentity = model::Category::kNotificationIdentity;
constexpr model::Category kClinical = model::Category::kNotificationClinical;
// At most this many candidate persons of one death go to the review queue.
constexpr size_t kMaxReviewCandidates = 3;

// 全国地方公共団体コード: five digits and a check digit (JIS X 0402): 11 minus the weighted sum
// (6, 5, 4, 3, 2) modulo 11, last digit of the result.
bool IsLocalGovernmentCode(std::string_view code) {
  if (code.size() != 6) return false;
  int sum = 0;
  for (size_t i = 0; i < 6; ++i) {
    if (code[i] < '0' || code[i] > '9') return false;
    if (i < 5) sum += (code[i] - '0') * static_cast<int>(6 - i);
  }
  return (11 - sum % 11) % 10 == code[5] - '0';
}

bool IsDeathSource(std::string_view source) {
  return source == "ncc" || IsLocalGovernmentCode(source);
}

// Whom a follow-back goes to (docs/followback.md): the hospital or clinic where the person died
// (place kinds 1 and 2) when the form names its 10-digit code; otherwise nobody ("").
std::string FollowbackHospital(const model::DeathRow& row) {
  if (!model::IsMedicalPlaceKind(row[model::DeathItem::kPlaceKind])) return "";
  const std::string& code = row[model::DeathItem::kPlaceInstitution];
  return internal::IsInstitutionCode(code) ? code : "";
}

// Keeps the original, encrypted under the identity data key, named by its digest.
Status KeepOriginal(const std::filesystem::path& file, const std::filesystem::path& out,
                    const crypto::SecretBytes& key) {
  GANREG_ASSIGN_OR_RETURN(auto writer, crypto::EncryptedFileWriter::Create(out, key));
  FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) return Status::NotFound(fmt::format("{}: cannot open", file.string()));
  std::string buf(crypto::kStreamChunkBytes, '\0');
  size_t n;
  Status s;
  while (s.ok() && (n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    s = writer->Write(std::string_view(buf.data(), n));
  }
  const bool err = std::ferror(f) != 0;
  std::fclose(f);
  crypto::Wipe(buf.data(), buf.size());
  GANREG_RETURN_IF_ERROR(s);
  if (err) return Status::Unavailable(fmt::format("{}: read error", file.string()));
  return writer->Finish();
}

Result<std::pair<std::string, int64_t>> DigestOf(const std::filesystem::path& file) {
  FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) {
    return errno == ENOENT ? Status::NotFound(fmt::format("{}: not found", file.string()))
                           : Status::Unavailable(fmt::format("{}: cannot open: {}",
                                                             file.string(), std::strerror(errno)));
  }
  crypto::Hasher h;
  std::string buf(crypto::kStreamChunkBytes, '\0');
  int64_t bytes = 0;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    h.Update(std::string_view(buf.data(), n));
    bytes += static_cast<int64_t>(n);
  }
  const bool err = std::ferror(f) != 0;
  std::fclose(f);
  crypto::Wipe(buf.data(), buf.size());
  if (err) return Status::Unavailable(fmt::format("{}: read error", file.string()));
  return std::make_pair(h.Final(), bytes);
}

// One death form in memory during a link run.
struct DeathInMemory {
  int64_t id = 0;
  std::string cause;       // normalized ICD-10
  std::string hospital;    // whom to follow back to
  std::string death_date;  // yyyymmdd
};

// A candidate person of one death: the best pair with any of the person's notifications.
struct Candidate {
  int64_t person = 0;
  uint32_t notification = 0;  // index into keys
  float weight = 0;
  uint32_t pattern = 0;
  linkage::Decision decision = linkage::Decision::kNonMatch;
};

}  // namespace

// ---------------------------------------------------------------- intake

Result<IntakeResult> Session::IntakeDeaths(const DeathIntakeRequest& req) {
  const std::string display =
      req.display_name.empty() ? req.file.filename().string() : req.display_name;
  return Run<IntakeResult>(
      Action::kDeathIntake, "file:" + display, [&](Work& w) -> Result<IntakeResult> {
        if (!IsDeathSource(req.source)) {
          return Status::InvalidArgument(fmt::format(
              "--from '{}' is not a 6-digit local-government code (with its check digit) nor "
              "'ncc' (the national system)",
              req.source));
        }
        const auto medium = ledger::ParseMedium(req.medium);
        if (!medium) {
          return Status::InvalidArgument(
              fmt::format("--medium '{}' is not one of online, cd-r, usb, paper", req.medium));
        }
        std::optional<text::Encoding> declared;
        if (req.encoding && *req.encoding != "auto") {
          GANREG_ASSIGN_OR_RETURN(declared, text::ParseEncoding(*req.encoding));
        }
        const int64_t now = registry_.clock_->NowSeconds();
        IntakeResult result;
        // A file received before adds nothing.
        GANREG_ASSIGN_OR_RETURN(auto digest, DigestOf(req.file));
        GANREG_ASSIGN_OR_RETURN(auto earlier, db_.FindFileByDigest(digest.first));
        if (earlier) {
          result.duplicate = true;
          result.file_id = earlier->id;
          result.reason = fmt::format("the same file was received on {} as file #{} ({})",
                                      FormatUtc(earlier->received_at), earlier->id,
                                      earlier->status);
          w.object = fmt::format("file:{}", earlier->id);
          w.detail = "duplicate: nothing added";
          return result;
        }
        // Fresh data keys for this file, sealed to each category's public key (no grant
        // needed to take a file in).
        crypto::SecretBytes identity_key = crypto::SecretBytes::Random(crypto::kKeyBytes);
        crypto::SecretBytes clinical_key = crypto::SecretBytes::Random(crypto::kKeyBytes);
        GANREG_ASSIGN_OR_RETURN(auto id_cat, db_.CurrentCategoryKey(model::CategoryId(kIdentity)));
        GANREG_ASSIGN_OR_RETURN(auto cl_cat, db_.CurrentCategoryKey(model::CategoryId(kClinical)));

        store::FileRecord f;
        f.digest = digest.first;
        f.bytes = digest.second;
        f.display_name = display;
        f.hospital_code = req.source;
        f.medium = req.medium;
        f.encoding = declared ? std::string(text::EncodingName(*declared)) : "auto";
        f.received_at = now;
        f.received_by = actor_.name;
        f.status = "accepted";
        f.original = crypto::ToHex(digest.first) + ".enc";
        GANREG_ASSIGN_OR_RETURN(f.id, db_.InsertFile(f));
        w.object = fmt::format("file:{}", f.id);
        result.file_id = f.id;
        GANREG_RETURN_IF_ERROR(db_.InsertDeathFile(f.id, req.source));
        GANREG_RETURN_IF_ERROR(db_.InsertBatchKey(
            {f.id, id_cat.category, id_cat.version,
             crypto::SealTo(id_cat.public_key, identity_key.span())}));
        GANREG_RETURN_IF_ERROR(db_.InsertBatchKey(
            {f.id, cl_cat.category, cl_cat.version,
             crypto::SealTo(cl_cat.public_key, clinical_key.span())}));

        const int32_t today = JapanDate(now);
        auto read = validate::ReadDeathFile(req.file, display, declared, today);
        if (!read.ok()) {
          if (read.status().code() != StatusCode::kRejected) return read.status();
          f.status = "rejected";
          f.reason = read.status().message();
          result.rejected = true;
          result.reason = f.reason;
        } else {
          f.encoding = std::string(text::EncodingName(read->encoding));
          GANREG_ASSIGN_OR_RETURN(int64_t next_id, db_.NextDeathId());
          for (validate::DeathRowRead& r : read->rows) {
            ++f.rows_read;
            if (!r.issues.empty()) {
              // Held back: the raw row encrypted, its report in clear (no identity value).
              std::string issues;
              for (const auto& issue : r.issues) {
                std::string formatted = validate::FormatIssue(display, issue);
                if (!issues.empty()) issues.push_back('\n');
                issues += formatted;
                ++result.issue_count;
                if (result.issues.size() < IntakeResult::kMaxReportedIssues) {
                  result.issues.push_back(std::move(formatted));
                }
              }
              const std::string ct = crypto::Encrypt(
                  identity_key, r.raw, internal::HeldRowAd(f.id, static_cast<int64_t>(r.line)));
              GANREG_RETURN_IF_ERROR(
                  db_.InsertHeldRow({f.id, static_cast<int64_t>(r.line), issues, ct}));
              ++f.rows_held;
            } else {
              std::string ipt = model::EncodeDeathPart(r.row, model::Part::kIdentity);
              std::string cpt = model::EncodeDeathPart(r.row, model::Part::kClinical);
              store::DeathRecord d{next_id, f.id, static_cast<int64_t>(r.line),
                                   crypto::Encrypt(identity_key, ipt,
                                                   internal::DeathIdentityAd(next_id, f.id)),
                                   crypto::Encrypt(clinical_key, cpt,
                                                   internal::DeathClinicalAd(next_id, f.id))};
              crypto::Wipe(ipt.data(), ipt.size());
              crypto::Wipe(cpt.data(), cpt.size());
              GANREG_RETURN_IF_ERROR(db_.InsertDeath(d));
              ++next_id;
              ++f.rows_accepted;
            }
            crypto::Wipe(r.raw.data(), r.raw.size());
            for (auto& v : r.row.values) crypto::Wipe(v.data(), v.size());
          }
        }
        // The original, kept encrypted under the identity data key (it holds identities).
        const std::filesystem::path original = registry_.dir_ / "originals" / f.original;
        GANREG_RETURN_IF_ERROR(KeepOriginal(req.file, original, identity_key));
        GANREG_RETURN_IF_ERROR(db_.FinishFile(f));

        // S-ACQ-5: every receipt goes into the hand-over book.
        ledger::Delivery d;
        d.at = now;
        d.handled_by = actor_.name;
        d.counterpart = req.source;
        d.recipient = registry_.name_;
        d.medium = *medium;
        d.file_id = f.id;
        const std::string kind = "死亡者情報票ファイル (death information forms)";
        d.summary = result.rejected
                        ? fmt::format("{} {}: 受付不可 rejected", kind, display)
                        : fmt::format("{} {}: {}件 rows, 受理 accepted {}, 保留 held back {}", kind,
                                      display, f.rows_read, f.rows_accepted, f.rows_held);
        GANREG_ASSIGN_OR_RETURN(const int64_t entry, ledger::RecordReceipt(db_, d));
        // S-ACQ-4: the acquisition register (イ death forms) filled from what intake knows.
        GANREG_RETURN_IF_ERROR(internal::FillAcquisition(
            db_, {entry, d.at, "receipt", d.handled_by, d.counterpart, d.recipient, d.summary,
                  std::string(ledger::MediumId(d.medium)), f.id},
            nullptr));

        result.encoding = f.encoding;
        result.rows_read = f.rows_read;
        result.rows_accepted = f.rows_accepted;
        result.rows_held = f.rows_held;
        w.outcome = result.rejected ? audit::Outcome::kRejected : audit::Outcome::kDone;
        w.detail = result.rejected
                       ? fmt::format("death forms rejected bytes={}", f.bytes)
                       : fmt::format("death forms rows={} accepted={} held={} encoding={} bytes={}",
                                     f.rows_read, f.rows_accepted, f.rows_held, f.encoding,
                                     f.bytes);
        return result;
      });
}

// ---------------------------------------------------------------- linking (inside Link)

Result<DeathLinkReport> Session::LinkDeathsWithin(linkage::RecordSet& records,
                                                  const std::vector<int64_t>& keys,
                                                  const std::vector<int64_t>& person_of,
                                                  const linkage::ModelParameters& parameters,
                                                  bool term_frequency,
                                                  std::vector<int64_t>* changed_persons) {
  DeathLinkReport report;
  const int64_t now = registry_.clock_->NowSeconds();
  GANREG_ASSIGN_OR_RETURN(report.deaths, db_.CountDeaths());
  if (report.deaths == 0) return report;

  // Every death's identity and clinical items, in memory only.
  const auto first_death = static_cast<uint32_t>(records.size());
  std::vector<DeathInMemory> deaths;
  Status scanned = db_.ScanDeaths([&](const store::DeathRecord& d) -> Status {
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ik, BatchKey(d.file_id, kIdentity));
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, BatchKey(d.file_id, kClinical));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes ipt,
                            crypto::Decrypt(*ik, d.identity_ciphertext,
                                            internal::DeathIdentityAd(d.id, d.file_id)));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes cpt,
                            crypto::Decrypt(*ck, d.clinical_ciphertext,
                                            internal::DeathClinicalAd(d.id, d.file_id)));
    model::DeathRow row;
    GANREG_RETURN_IF_ERROR(model::DecodeDeathPart(ipt.view(), model::Part::kIdentity, &row));
    GANREG_RETURN_IF_ERROR(model::DecodeDeathPart(cpt.view(), model::Part::kClinical, &row));
    records.Add(linkage::FromNotificationRow(model::AsNotificationIdentity(row), d.id));
    deaths.push_back({d.id, model::NormalizeIcd10(row[model::DeathItem::kUnderlyingCause]),
                      FollowbackHospital(row), row[model::DeathItem::kDeathDate]});
    for (auto& v : row.values) crypto::Wipe(v.data(), v.size());
    return Status::Ok();
  });
  GANREG_RETURN_IF_ERROR(scanned);

  // The same model as the notifications, scoring only pairs that involve a death.
  std::vector<std::vector<Candidate>> candidates(deaths.size());
  std::optional<linkage::ScoringModel> model;
  std::unordered_map<uint64_t, linkage::ScoredPair> pair_of;  // (death, notification) → pair
  // Forms of one death received in several files (a municipality's and the national system's):
  // two forms that the model links, with the same death date. Each points to the earliest.
  std::vector<uint32_t> first_form(deaths.size());
  for (uint32_t i = 0; i < first_form.size(); ++i) first_form[i] = i;
  auto root = [&](uint32_t i) {
    while (first_form[i] != i) i = first_form[i] = first_form[first_form[i]];
    return i;
  };
  {
    linkage::LinkOptions options;
    options.parameters = parameters;
    options.first_new = first_death;
    options.term_frequency = term_frequency;
    GANREG_ASSIGN_OR_RETURN(linkage::LinkResult result, linkage::Link(records, options));
    model.emplace(result.parameters, nullptr);
    for (const linkage::ScoredPair& p : result.pairs) {
      // a < b: a notification and a death, or two deaths.
      if (p.a >= first_death) {
        const uint32_t x = root(p.a - first_death);
        const uint32_t y = root(p.b - first_death);
        const std::string& date = deaths[p.a - first_death].death_date;
        if (p.decision == linkage::Decision::kMatch && x != y && !date.empty() &&
            date == deaths[p.b - first_death].death_date) {
          first_form[std::max(x, y)] = std::min(x, y);
        }
        continue;
      }
      if (p.b < first_death) continue;
      const uint32_t death = p.b - first_death;
      std::vector<Candidate>& list = candidates[death];
      const int64_t person = person_of[p.a];
      auto it = std::find_if(list.begin(), list.end(),
                             [&](const Candidate& c) { return c.person == person; });
      if (it == list.end()) {
        list.push_back({person, p.a, p.weight, p.pattern, p.decision});
      } else if (p.weight > it->weight) {
        *it = {person, p.a, p.weight, p.pattern, p.decision};
      }
      pair_of[(uint64_t{death} << 32) | p.a] = p;
    }
  }

  // Reviewers' decisions: "same" links, "different" excludes the person.
  std::unordered_map<int64_t, uint32_t> index_of;
  for (uint32_t i = 0; i < keys.size(); ++i) index_of.emplace(keys[i], i);
  std::map<int64_t, std::pair<int64_t, double>> same_of;      // death → (key_no, weight)
  std::set<std::pair<int64_t, int64_t>> different;           // (death, person)
  GANREG_ASSIGN_OR_RETURN(auto decided, db_.DeathReviewPairsWithStatus(""));
  for (const auto& p : decided) {
    auto idx = index_of.find(p.key_no);
    if (idx == index_of.end()) continue;
    if (p.status == "same") same_of[p.death_id] = {p.key_no, p.weight};
    if (p.status == "different") different.emplace(p.death_id, person_of[idx->second]);
  }

  std::set<int64_t> changed;
  for (size_t i = 0; i < deaths.size(); ++i) {
    const DeathInMemory& death = deaths[i];
    std::vector<Candidate>& list = candidates[i];
    std::erase_if(list, [&](const Candidate& c) {
      return c.decision == linkage::Decision::kNonMatch || different.count({death.id, c.person});
    });
    std::sort(list.begin(), list.end(),
              [](const Candidate& x, const Candidate& y) { return x.weight > y.weight; });
    std::optional<store::DeathLinkRecord> link;
    bool in_review = false;
    if (auto s = same_of.find(death.id); s != same_of.end()) {
      const uint32_t n = index_of.at(s->second.first);
      link = store::DeathLinkRecord{death.id, person_of[n], keys[n], s->second.second, "review",
                                    now, actor_.name};
    } else if (!list.empty() && list[0].decision == linkage::Decision::kMatch &&
               (list.size() == 1 || list[1].decision != linkage::Decision::kMatch)) {
      // One person at match level: linked. Two would mean the death cannot choose: review.
      link = store::DeathLinkRecord{death.id, list[0].person, keys[list[0].notification],
                                    list[0].weight, "auto", now, actor_.name};
      ++report.auto_links;
    } else {
      for (size_t c = 0; c < list.size() && c < kMaxReviewCandidates; ++c) {
        const linkage::ScoredPair& p =
            pair_of.at((uint64_t{static_cast<uint32_t>(i)} << 32) | list[c].notification);
        store::DeathReviewPairRecord rec;
        rec.death_id = death.id;
        rec.key_no = keys[list[c].notification];
        rec.weight = list[c].weight;
        rec.explanation = internal::Explain(*model, p);
        rec.status = "open";
        rec.created_at = now;
        GANREG_ASSIGN_OR_RETURN(auto known, db_.FindDeathReviewPairByKeys(rec.death_id, rec.key_no));
        if (!known) {
          GANREG_RETURN_IF_ERROR(db_.InsertDeathReviewPair(rec).status());
          ++report.review_new;
          in_review = true;
        } else if (known->status == "open" || known->status == "undone") {
          if (known->status == "undone") ++report.review_new;
          known->status = "open";
          known->weight = rec.weight;
          known->explanation = rec.explanation;
          GANREG_RETURN_IF_ERROR(db_.UpdateDeathReviewPair(*known));
          in_review = true;
        }
      }
    }
    // The link as stored, changed only when the person or the method changed.
    GANREG_ASSIGN_OR_RETURN(auto before, db_.FindDeathLink(death.id));
    if (link) {
      ++report.linked;
      if (!before || before->person_id != link->person_id || before->method != link->method) {
        GANREG_RETURN_IF_ERROR(db_.PutDeathLink(*link));
        ++report.changed;
        changed.insert(link->person_id);
        if (before) changed.insert(before->person_id);
      }
    } else if (before) {
      GANREG_RETURN_IF_ERROR(db_.DeleteDeathLink(death.id));
      ++report.changed;
      changed.insert(before->person_id);
    }

    // The follow-back (docs/followback.md): a cancer death with no person is a DCN case — once:
    // a later form of the same death leaves the case to the earliest.
    const bool duplicate = root(static_cast<uint32_t>(i)) != i;
    if (duplicate) ++report.duplicates;
    GANREG_ASSIGN_OR_RETURN(auto kase, db_.FindDeathCase(death.id));
    if (link && kase && kase->person_id != link->person_id) {
      // The hospital's notification came (or a review linked it): a notified DCN case.
      kase->status = "notified";
      kase->person_id = link->person_id;
      kase->closed_at = now;
      kase->closed_by = actor_.name;
      GANREG_RETURN_IF_ERROR(db_.PutDeathCase(*kase));
    } else if (!link && !kase && !in_review && !duplicate && model::IsCancerCause(death.cause)) {
      GANREG_RETURN_IF_ERROR(
          db_.PutDeathCase({death.id, "followback", death.hospital, now, 0, 0, "", ""}));
      ++report.dcn_new;
    }
  }
  GANREG_ASSIGN_OR_RETURN(auto open, db_.DeathReviewPairsWithStatus("open"));
  report.review_open = static_cast<int64_t>(open.size());
  GANREG_ASSIGN_OR_RETURN(auto cases, db_.ListDeathCases(""));
  for (const auto& c : cases) {
    if (c.status == "followback") ++report.followback_open;
    if (c.status == "notified") ++report.notified;
    if (c.status == "dco") ++report.dco;
  }
  changed_persons->assign(changed.begin(), changed.end());
  return report;
}

// ---------------------------------------------------------------- listing

Result<std::vector<DeathSummary>> Session::ListDeaths(int64_t limit, int64_t offset) {
  using Out = std::vector<DeathSummary>;
  return Run<Out>(Action::kDeathList, "deaths", [&](Work& w) -> Result<Out> {
    GANREG_RETURN_IF_ERROR(CategoryKey(kClinical).status());
    Out out;
    int64_t index = 0;
    Status scanned = db_.ScanDeaths([&](const store::DeathRecord& d) -> Status {
      if (index++ < offset || static_cast<int64_t>(out.size()) >= limit) return Status::Ok();
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, BatchKey(d.file_id, kClinical));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes cpt,
                              crypto::Decrypt(*ck, d.clinical_ciphertext,
                                              internal::DeathClinicalAd(d.id, d.file_id)));
      model::DeathRow row;
      GANREG_RETURN_IF_ERROR(model::DecodeDeathPart(cpt.view(), model::Part::kClinical, &row));
      DeathSummary s;
      s.death_id = d.id;
      s.file_id = d.file_id;
      s.line = d.line;
      s.death_date = row[model::DeathItem::kDeathDate];
      s.cause = model::NormalizeIcd10(row[model::DeathItem::kUnderlyingCause]);
      s.place_kind = row[model::DeathItem::kPlaceKind];
      s.place_institution = row[model::DeathItem::kPlaceInstitution];
      GANREG_ASSIGN_OR_RETURN(auto link, db_.FindDeathLink(d.id));
      if (link) {
        s.person_id = link->person_id;
        s.link_method = link->method;
      }
      GANREG_ASSIGN_OR_RETURN(auto kase, db_.FindDeathCase(d.id));
      if (kase) s.case_status = kase->status;
      out.push_back(std::move(s));
      return Status::Ok();
    });
    GANREG_RETURN_IF_ERROR(scanned);
    w.detail = fmt::format("count={}", out.size());
    return out;
  });
}

// ---------------------------------------------------------------- the death review queue

Result<std::optional<DeathReviewItem>> Session::DeathReviewNext(bool blind) {
  using Out = std::optional<DeathReviewItem>;
  return Run<Out>(Action::kDeathReviewNext, "death-review", [&](Work& w) -> Result<Out> {
    GANREG_RETURN_IF_ERROR(CategoryKey(kIdentity).status());
    GANREG_RETURN_IF_ERROR(CategoryKey(kClinical).status());
    GANREG_ASSIGN_OR_RETURN(auto open, db_.DeathReviewPairsWithStatus("open"));
    std::optional<store::DeathReviewPairRecord> pair;
    int64_t in_question = 0;
    for (const auto& p : open) {
      // A pair whose death was linked meanwhile (another pair decided "same") is moot.
      GANREG_ASSIGN_OR_RETURN(auto link, db_.FindDeathLink(p.death_id));
      if (link) continue;
      ++in_question;
      if (!pair) pair = p;
    }
    if (!pair) {
      w.detail = "queue empty";
      return Out();
    }
    DeathReviewItem item;
    item.pair_id = pair->id;
    item.death_id = pair->death_id;
    item.key_no = pair->key_no;
    item.blind = blind;
    item.open_pairs = in_question;
    GANREG_ASSIGN_OR_RETURN(auto death, db_.FindDeath(pair->death_id));
    if (!death) return Status::DataLoss(fmt::format("review pair of a missing death {}", pair->death_id));
    {
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ik, BatchKey(death->file_id, kIdentity));
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, BatchKey(death->file_id, kClinical));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes ipt,
                              crypto::Decrypt(*ik, death->identity_ciphertext,
                                              internal::DeathIdentityAd(death->id, death->file_id)));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes cpt,
                              crypto::Decrypt(*ck, death->clinical_ciphertext,
                                              internal::DeathClinicalAd(death->id, death->file_id)));
      GANREG_RETURN_IF_ERROR(model::DecodeDeathPart(ipt.view(), model::Part::kIdentity, &item.death));
      GANREG_RETURN_IF_ERROR(model::DecodeDeathPart(cpt.view(), model::Part::kClinical, &item.death));
    }
    {
      GANREG_ASSIGN_OR_RETURN(auto clinical, db_.FindClinical(pair->key_no));
      GANREG_ASSIGN_OR_RETURN(auto identity, db_.FindIdentity(pair->key_no));
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck,
                              BatchKey(clinical.file_id, kClinical));
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ik,
                              BatchKey(identity.file_id, kIdentity));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes cpt,
                              crypto::Decrypt(*ck, clinical.ciphertext,
                                              internal::ClinicalAd(pair->key_no, clinical.file_id)));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes ipt,
                              crypto::Decrypt(*ik, identity.ciphertext,
                                              internal::IdentityAd(pair->key_no, identity.file_id)));
      GANREG_RETURN_IF_ERROR(
          model::DecodePart(cpt.view(), model::Part::kClinical, &item.notification_row));
      GANREG_RETURN_IF_ERROR(
          model::DecodePart(ipt.view(), model::Part::kIdentity, &item.notification_row));
      item.notification = {clinical.key_no,
                           clinical.file_id,
                           clinical.line,
                           clinical.hospital_code,
                           clinical.received_at,
                           item.notification_row[model::Item::kPrimarySite],
                           item.notification_row[model::Item::kMorphology],
                           item.notification_row[model::Item::kDiagnosisDate]};
      GANREG_ASSIGN_OR_RETURN(auto link, db_.FindLink(pair->key_no));
      item.person_id = link ? link->person_id : 0;
    }
    const model::NotificationRow as = model::AsNotificationIdentity(item.death);
    for (model::Item i : {model::Item::kKanaName, model::Item::kName, model::Item::kSex,
                          model::Item::kBirthDate, model::Item::kPrefectureCode,
                          model::Item::kAddress}) {
      if (as[i] != item.notification_row[i]) item.differing.emplace_back(model::Def(i).id);
    }
    if (!blind) {
      item.weight = pair->weight;
      item.contributions = internal::ParseExplanation(pair->explanation);
    }
    w.object = fmt::format("death-pair:{}", pair->id);
    w.detail = fmt::format("identity read death={} key={} blind={}", pair->death_id,
                           pair->key_no, blind ? "yes" : "no");
    return Out(std::move(item));
  });
}

Status Session::DeathReviewDecide(int64_t pair_id, bool same, std::string note) {
  auto r = Run<bool>(
      Action::kDeathReviewDecide, fmt::format("death-pair:{}", pair_id),
      [&](Work& w) -> Result<bool> {
        GANREG_ASSIGN_OR_RETURN(auto pair, db_.FindDeathReviewPair(pair_id));
        if (pair.status != "open") {
          return Status::FailedPrecondition(fmt::format(
              "death pair {} is not open (status '{}'); undo the decision first", pair_id,
              pair.status));
        }
        const int64_t now = registry_.clock_->NowSeconds();
        std::vector<int64_t> persons;
        if (same) {
          GANREG_ASSIGN_OR_RETURN(auto existing, db_.FindDeathLink(pair.death_id));
          if (existing) {
            return Status::FailedPrecondition(fmt::format(
                "death {} is linked to person {} already: a death links to one person at most; "
                "undo that decision first",
                pair.death_id, existing->person_id));
          }
          GANREG_ASSIGN_OR_RETURN(auto link, db_.FindLink(pair.key_no));
          if (!link) {
            return Status::FailedPrecondition(
                "the pair's notification is not linked: run `ganreg link`");
          }
          GANREG_RETURN_IF_ERROR(db_.PutDeathLink({pair.death_id, link->person_id, pair.key_no,
                                                   pair.weight, "review", now, actor_.name}));
          persons.push_back(link->person_id);
          GANREG_ASSIGN_OR_RETURN(auto kase, db_.FindDeathCase(pair.death_id));
          if (kase) {
            kase->status = "notified";
            kase->person_id = link->person_id;
            kase->closed_at = now;
            kase->closed_by = actor_.name;
            GANREG_RETURN_IF_ERROR(db_.PutDeathCase(*kase));
          }
        }
        pair.status = same ? "same" : "different";
        pair.decided_by = actor_.name;
        pair.decided_at = now;
        pair.note = note;
        GANREG_RETURN_IF_ERROR(db_.UpdateDeathReviewPair(pair));
        GANREG_RETURN_IF_ERROR(
            db_.InsertDeathReviewHistory({0, pair_id, pair.status, actor_.name, now, note}));
        // The person's tumours take the death date in the same transaction.
        int64_t changed = 0;
        if (!persons.empty()) {
          GANREG_ASSIGN_OR_RETURN(auto c, ConsolidateWithin(false, persons));
          changed = c.changed;
        }
        // The note is free text and may quote a name: it stays out of the trail.
        w.detail = fmt::format("decision={} death={} key={} tumours_changed={}", pair.status,
                               pair.death_id, pair.key_no, changed);
        return true;
      });
  return r.status();
}

Status Session::DeathReviewUndo(int64_t pair_id) {
  auto r = Run<bool>(
      Action::kDeathReviewUndo, fmt::format("death-pair:{}", pair_id),
      [&](Work& w) -> Result<bool> {
        GANREG_ASSIGN_OR_RETURN(auto pair, db_.FindDeathReviewPair(pair_id));
        if (pair.status != "same" && pair.status != "different") {
          return Status::FailedPrecondition(fmt::format(
              "death pair {} has no decision to undo (status '{}')", pair_id, pair.status));
        }
        const int64_t now = registry_.clock_->NowSeconds();
        std::vector<int64_t> persons;
        if (pair.status == "same") {
          GANREG_ASSIGN_OR_RETURN(auto link, db_.FindDeathLink(pair.death_id));
          if (link && link->method == "review" && link->key_no == pair.key_no) {
            GANREG_RETURN_IF_ERROR(db_.DeleteDeathLink(pair.death_id));
            persons.push_back(link->person_id);
          }
        }
        const std::string undone = pair.status;
        pair.status = "undone";
        pair.decided_by = actor_.name;
        pair.decided_at = now;
        GANREG_RETURN_IF_ERROR(db_.UpdateDeathReviewPair(pair));
        GANREG_RETURN_IF_ERROR(
            db_.InsertDeathReviewHistory({0, pair_id, "undo", actor_.name, now, ""}));
        if (!persons.empty()) GANREG_RETURN_IF_ERROR(ConsolidateWithin(false, persons).status());
        w.detail = fmt::format("undone={} death={} key={}", undone, pair.death_id, pair.key_no);
        return true;
      });
  return r.status();
}

// ---------------------------------------------------------------- the follow-back

Result<std::vector<FollowbackEntry>> Session::FollowbackList(std::string_view hospital,
                                                             std::string_view status) {
  using Out = std::vector<FollowbackEntry>;
  return Run<Out>(Action::kFollowbackList, "followback", [&](Work& w) -> Result<Out> {
    GANREG_RETURN_IF_ERROR(CategoryKey(kClinical).status());
    if (!status.empty() && status != "followback" && status != "notified" && status != "dco") {
      return Status::InvalidArgument(fmt::format(
          "status '{}' is not one of followback, notified, dco", status));
    }
    GANREG_ASSIGN_OR_RETURN(auto cases, db_.ListDeathCases(status));
    Out out;
    for (const auto& c : cases) {
      if (!hospital.empty() && c.hospital != hospital) continue;
      GANREG_ASSIGN_OR_RETURN(auto death, db_.FindDeath(c.death_id));
      if (!death) return Status::DataLoss(fmt::format("case of a missing death {}", c.death_id));
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, BatchKey(death->file_id, kClinical));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes cpt,
                              crypto::Decrypt(*ck, death->clinical_ciphertext,
                                              internal::DeathClinicalAd(death->id, death->file_id)));
      model::DeathRow row;
      GANREG_RETURN_IF_ERROR(model::DecodeDeathPart(cpt.view(), model::Part::kClinical, &row));
      out.push_back({c.death_id, c.status, c.hospital, row[model::DeathItem::kDeathDate],
                     model::NormalizeIcd10(row[model::DeathItem::kUnderlyingCause]),
                     row[model::DeathItem::kPlaceKind], c.opened_at, c.person_id, c.closed_at,
                     c.closed_by});
    }
    w.detail = fmt::format("hospital={} status={} count={}", hospital.empty() ? "all" : hospital,
                           status.empty() ? "all" : status, out.size());
    return out;
  });
}

Result<int64_t> Session::FollowbackExport(const FollowbackExportRequest& req) {
  return Run<int64_t>(
      Action::kFollowbackExport, fmt::format("followback:{}", req.hospital),
      [&](Work& w) -> Result<int64_t> {
        GANREG_RETURN_IF_ERROR(CategoryKey(kIdentity).status());
        GANREG_RETURN_IF_ERROR(CategoryKey(kClinical).status());
        if (!internal::IsInstitutionCode(req.hospital)) {
          return Status::InvalidArgument(fmt::format(
              "--hospital '{}' is not a 10-digit medical institution code", req.hospital));
        }
        if (req.format != "csv" && req.format != "text") {
          return Status::InvalidArgument(
              fmt::format("--format '{}' is not csv or text", req.format));
        }
        GANREG_ASSIGN_OR_RETURN(auto cases, db_.ListDeathCases("followback"));
        std::string body;
        if (req.format == "csv") {
          body = "death_id,kana_name,name,sex,birth_date,prefecture_code,address,death_date,"
                 "underlying_cause\r\n";
        } else {
          body = fmt::format(
              "遡り調査依頼 follow-back request — {} — {} 御中\n"
              "がん登録等の推進に関する法律第14条に基づく調査です。下記の方について、貴院での"
              "がんの診療の有無をご回答ください。\n\n",
              registry_.name_, req.hospital);
        }
        int64_t count = 0;
        for (const auto& c : cases) {
          if (c.hospital != req.hospital) continue;
          GANREG_ASSIGN_OR_RETURN(auto death, db_.FindDeath(c.death_id));
          if (!death) return Status::DataLoss(fmt::format("case of a missing death {}", c.death_id));
          GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ik,
                                  BatchKey(death->file_id, kIdentity));
          GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck,
                                  BatchKey(death->file_id, kClinical));
          GANREG_ASSIGN_OR_RETURN(
              crypto::SecretBytes ipt,
              crypto::Decrypt(*ik, death->identity_ciphertext,
                              internal::DeathIdentityAd(death->id, death->file_id)));
          GANREG_ASSIGN_OR_RETURN(
              crypto::SecretBytes cpt,
              crypto::Decrypt(*ck, death->clinical_ciphertext,
                              internal::DeathClinicalAd(death->id, death->file_id)));
          model::DeathRow row;
          GANREG_RETURN_IF_ERROR(model::DecodeDeathPart(ipt.view(), model::Part::kIdentity, &row));
          GANREG_RETURN_IF_ERROR(model::DecodeDeathPart(cpt.view(), model::Part::kClinical, &row));
          using enum model::DeathItem;
          ++count;
          if (req.format == "csv") {
            body += fmt::format("{},{},{},{},{},{},{},{},{}\r\n", c.death_id,
                                text::CsvField(row[kKanaName]), text::CsvField(row[kName]), row[kSex],
                                row[kBirthDate], row[kPrefectureCode], text::CsvField(row[kAddress]),
                                row[kDeathDate], text::CsvField(model::NormalizeIcd10(row[kUnderlyingCause])));
          } else {
            body += fmt::format(
                "{}. 照会番号 death {}\n   氏名 {}（{}）  性別 {}  生年月日 {}\n   死亡時住所 {} {}\n"
                "   死亡日 {}  原死因 {}\n   回答: □ 診療あり（届出票を提出します） □ 診療なし\n\n",
                count, c.death_id, row[kName], row[kKanaName], row[kSex] == "1" ? "男" : "女",
                row[kBirthDate], row[kPrefectureCode], row[kAddress], row[kDeathDate],
                model::NormalizeIcd10(row[kUnderlyingCause]));
          }
          for (auto& v : row.values) crypto::Wipe(v.data(), v.size());
        }
        if (count == 0) {
          return Status::NotFound(
              fmt::format("no open follow-back case for hospital {}", req.hospital));
        }
        if (req.into != nullptr) {  // a download: handed back in wiped memory, never on disk
          *req.into = crypto::SecretBytes::CopyOf(std::string_view(body));
          crypto::Wipe(body.data(), body.size());
          w.detail = fmt::format("hospital={} cases={} format={} to=download", req.hospital, count,
                                 req.format);
          return count;
        }
        // A new file, readable by its owner only: it holds names.
        const int fd = ::open(req.out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
          const int e = errno;
          crypto::Wipe(body.data(), body.size());
          return e == EEXIST ? Status::AlreadyExists(fmt::format(
                                   "{}: exists; the list is written to a new file only",
                                   req.out.string()))
                             : Status::Unavailable(fmt::format("{}: cannot create: {}",
                                                               req.out.string(), std::strerror(e)));
        }
        size_t written = 0;
        while (written < body.size()) {
          const ssize_t n = ::write(fd, body.data() + written, body.size() - written);
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0) break;
          written += static_cast<size_t>(n);
        }
        const bool ok = written == body.size() && ::fsync(fd) == 0;
        ::close(fd);
        crypto::Wipe(body.data(), body.size());
        if (!ok) {
          std::error_code ignored;
          std::filesystem::remove(req.out, ignored);
          return Status::Unavailable(fmt::format("{}: write failed", req.out.string()));
        }
        w.detail = fmt::format("hospital={} cases={} format={}", req.hospital, count, req.format);
        return count;
      });
}

Status Session::FollowbackAnswer(int64_t death_id, std::string_view answer, std::string note) {
  auto r = Run<bool>(
      Action::kFollowbackAnswer, fmt::format("death:{}", death_id), [&](Work& w) -> Result<bool> {
        if (answer != "notified" && answer != "dco") {
          return Status::InvalidArgument(
              fmt::format("answer '{}' is not notified or dco", answer));
        }
        GANREG_ASSIGN_OR_RETURN(auto kase, db_.FindDeathCase(death_id));
        if (!kase) {
          return Status::NotFound(fmt::format("death {} has no follow-back case", death_id));
        }
        if (kase->status == "notified") {
          return Status::FailedPrecondition(fmt::format(
              "death {} is a notified case already (person {})", death_id, kase->person_id));
        }
        const int64_t now = registry_.clock_->NowSeconds();
        if (answer == "notified") {
          GANREG_ASSIGN_OR_RETURN(auto link, db_.FindDeathLink(death_id));
          if (!link) {
            return Status::FailedPrecondition(fmt::format(
                "death {} links to no person yet: take the hospital's notification in "
                "(`ganreg intake`) and run `ganreg link` — the case becomes notified by itself",
                death_id));
          }
          kase->person_id = link->person_id;
        } else if (kase->status == "dco") {
          return Status::FailedPrecondition(
              fmt::format("death {} is a DCO case already", death_id));
        }
        kase->status = std::string(answer);
        kase->closed_at = now;
        kase->closed_by = actor_.name;
        kase->note = note;
        GANREG_RETURN_IF_ERROR(db_.PutDeathCase(*kase));
        w.detail = fmt::format("answer={} hospital={}", answer,
                               kase->hospital.empty() ? "none" : kase->hospital);
        return true;
      });
  return r.status();
}

}  // namespace ganreg::app
