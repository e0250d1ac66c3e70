// Use cases of record linkage (issue #5): link every notification to a person, and the review
// queue (next, decide, undo). The pure model is linkage/; this file decrypts, remembers and audits.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "crypto/crypto.h"
#include "linkage/cluster.h"
#include "linkage/compare.h"
#include "linkage/linker.h"
#include "linkage/model.h"
#include "linkage/record.h"
#include "store/database.h"

namespace ganreg::app {

using access::Action;

namespace {

// Below this many notifications EM has too few pairs to learn from, and u from random pairs of
// a handful of records says nothing about the population: such a registry is scored with the
// reference parameters below instead (LinkReport::estimated tells which).
constexpr size_t kMinRecordsToEstimate = 1000;

// Reference parameters: m from linkage::DefaultM(); u as among random pairs of a Japanese
// population (common surnames ~2 %, a birth date among ~40 birth years, addresses spread over
// a prefecture); prior 1e-4, cautious for a registry of a few thousand notifications.
linkage::ModelParameters ReferenceParameters() {
  linkage::ModelParameters p;
  p.m = linkage::DefaultM();
  p.u[0] = {0, 0.93, 0.03, 0.005, 0.01, 0.005, 0.02};       // family
  p.u[1] = {0, 0.95, 0.025, 0.005, 0.008, 0.002, 0.01};     // given
  p.u[2] = {0, 0.99957, 0.00001, 0.00001, 0.0003, 0.0001};  // birth date
  p.u[3] = {0, 0.5, 0.5};                                   // sex
  p.u[4] = {0, 0.80, 0.15, 0.04, 0.009, 0.001};             // address
  p.prior = 1e-4;
  return p;
}

}  // namespace

// A pair's explanation as stored: one "FIELD LEVEL WEIGHT" line per field, then the prior and
// the term-frequency adjustment. Field and level names only — never a value (S-ROLE-3: the
// review queue is readable with the pair's key numbers, the names are not).
std::string internal::Explain(const linkage::ScoringModel& model, const linkage::ScoredPair& p) {
  const linkage::Comparison c = linkage::ComparisonOf(p.pattern);
  std::string out;
  double sum = model.PriorWeight();
  for (int f = 0; f < linkage::kFieldCount; ++f) {
    const auto field = static_cast<linkage::Field>(f);
    const double w = model.FieldWeight(field, c.level[static_cast<size_t>(f)]);
    sum += w;
    out += fmt::format("{} {} {:.2f}\n", linkage::FieldName(field),
                       linkage::LevelName(field, c.level[static_cast<size_t>(f)]), w);
  }
  out += fmt::format("prior - {:.2f}\n", model.PriorWeight());
  // What is left is the term-frequency adjustment (a shared 佐藤 says less than a rare name).
  const double frequency = static_cast<double>(p.weight) - sum;
  if (std::abs(frequency) >= 0.005) out += fmt::format("frequency - {:.2f}\n", frequency);
  return out;
}

namespace {

// The parameters of the last full run, kept in the registry's metadata for incremental runs:
// the prior, then m and u level by level (population frequencies only, no value of anyone).
constexpr std::string_view kParametersMeta = "linkage.parameters";
constexpr std::string_view kParametersKindMeta = "linkage.parameters-kind";

std::string SerializeParameters(const linkage::ModelParameters& p) {
  std::string out = fmt::format("{:.17g}", p.prior);
  for (const auto* table : {&p.m, &p.u}) {
    for (const auto& field : *table) {
      for (double v : field) out += fmt::format(" {:.17g}", v);
    }
  }
  return out;
}

std::optional<linkage::ModelParameters> ParseParameters(const std::string& text) {
  linkage::ModelParameters p;
  std::istringstream in(text);
  if (!(in >> p.prior)) return std::nullopt;
  for (auto* table : {&p.m, &p.u}) {
    for (auto& field : *table) {
      for (double& v : field) {
        if (!(in >> v)) return std::nullopt;
      }
    }
  }
  return p;
}

}  // namespace

std::vector<FieldContribution> internal::ParseExplanation(const std::string& text) {
  std::vector<FieldContribution> out;
  std::istringstream in(text);
  FieldContribution c;
  while (in >> c.field >> c.level >> c.weight) out.push_back(c);
  return out;
}

Result<LinkReport> Session::Link(bool full) {
  return Run<LinkReport>(Action::kLinkRun, "linkage", [&](Work& w) -> Result<LinkReport> {
    // Both grants, checked by the keys before anything is read, even in an empty registry.
    GANREG_RETURN_IF_ERROR(CategoryKey(model::Category::kNotificationIdentity).status());
    GANREG_RETURN_IF_ERROR(CategoryKey(model::Category::kNotificationClinical).status());
    LinkReport report;
    const int64_t now = registry_.clock_->NowSeconds();

    // Every notification's items, decrypted in memory only, in intake order (stable across
    // runs, which AssignPersonIds relies on).
    linkage::RecordSet records;
    std::vector<int64_t> keys;
    Status scanned = db_.ScanNotificationParts([&](const store::NotificationParts& n) -> Status {
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ik,
                              BatchKey(n.file_id, model::Category::kNotificationIdentity));
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck,
                              BatchKey(n.file_id, model::Category::kNotificationClinical));
      GANREG_ASSIGN_OR_RETURN(
          crypto::SecretBytes ipt,
          crypto::Decrypt(*ik, n.identity_ciphertext, internal::IdentityAd(n.key_no, n.file_id)));
      GANREG_ASSIGN_OR_RETURN(
          crypto::SecretBytes cpt,
          crypto::Decrypt(*ck, n.clinical_ciphertext, internal::ClinicalAd(n.key_no, n.file_id)));
      model::NotificationRow row;
      GANREG_RETURN_IF_ERROR(model::DecodePart(ipt.view(), model::Part::kIdentity, &row));
      GANREG_RETURN_IF_ERROR(model::DecodePart(cpt.view(), model::Part::kClinical, &row));
      records.Add(linkage::FromNotificationRow(row, n.key_no));
      keys.push_back(n.key_no);
      return Status::Ok();
    });
    GANREG_RETURN_IF_ERROR(scanned);
    report.notifications = static_cast<int64_t>(keys.size());
    std::unordered_map<int64_t, uint32_t> index_of;
    for (uint32_t i = 0; i < keys.size(); ++i) index_of.emplace(keys[i], i);

    // Reviewers' decisions: "different" may never be joined, "same" always is.
    std::vector<std::pair<uint32_t, uint32_t>> cannot_link;
    std::vector<linkage::LinkedPair> joins;
    for (const char* status : {"different", "same"}) {
      GANREG_ASSIGN_OR_RETURN(auto decided, db_.ReviewPairsWithStatus(status));
      for (const auto& p : decided) {
        auto a = index_of.find(p.key_a), b = index_of.find(p.key_b);
        if (a == index_of.end() || b == index_of.end()) continue;
        if (std::string_view(status) == "different") {
          cannot_link.emplace_back(a->second, b->second);
        } else {
          joins.push_back({a->second, b->second, 1e9});  // before any automatic link
        }
      }
    }
    const size_t reviewer_joins = joins.size();

    // Every notification's person before this run (0: not linked yet).
    std::vector<int64_t> previous(keys.size(), 0);
    std::vector<std::optional<store::LinkRecord>> before(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      GANREG_ASSIGN_OR_RETURN(before[i], db_.FindLink(keys[i]));
      if (before[i]) previous[i] = before[i]->person_id;
    }
    // Incremental: the notifications not linked yet are the last ones taken in (rows are only
    // appended and every run links all), and the last full run left its parameters. A registry
    // scored with reference parameters is relinked in full once it is big enough to estimate.
    uint32_t first_new = 0;
    while (first_new < keys.size() && previous[first_new] != 0) ++first_new;
    bool tail_only = true;
    for (size_t i = first_new; i < keys.size(); ++i) tail_only = tail_only && previous[i] == 0;
    report.new_notifications = static_cast<int64_t>(keys.size() - first_new);
    std::optional<linkage::ModelParameters> stored;
    std::string stored_kind;
    if (auto text = db_.GetMeta(kParametersMeta); text.ok()) stored = ParseParameters(*text);
    if (auto kind = db_.GetMeta(kParametersKindMeta); kind.ok()) stored_kind = *kind;
    report.incremental = !full && stored && tail_only && first_new > 0 &&
                         (stored_kind == "estimated" || records.size() < kMinRecordsToEstimate);

    linkage::LinkOptions options;
    options.cannot_link = cannot_link;
    if (report.incremental) {
      options.parameters = stored;
      options.first_new = first_new;
      report.estimated = stored_kind == "estimated";
      options.term_frequency = report.estimated;
      // Earlier persons stay as they are: their notifications are joined as before.
      std::unordered_map<int64_t, uint32_t> first_of_person;
      for (uint32_t i = 0; i < first_new; ++i) {
        auto [it, inserted] = first_of_person.emplace(previous[i], i);
        if (!inserted) joins.push_back({it->second, i, 1e9});
      }
    } else {
      report.estimated = records.size() >= kMinRecordsToEstimate;
      if (!report.estimated) {
        options.parameters = ReferenceParameters();
        options.term_frequency = false;  // frequencies of a handful of records mean nothing
      }
    }
    GANREG_ASSIGN_OR_RETURN(linkage::LinkResult result, linkage::Link(records, options));
    report.compared_pairs = static_cast<int64_t>(result.compared_pairs);
    if (!report.incremental) {
      GANREG_RETURN_IF_ERROR(db_.PutMeta(kParametersMeta, SerializeParameters(result.parameters)));
      GANREG_RETURN_IF_ERROR(
          db_.PutMeta(kParametersKindMeta, report.estimated ? "estimated" : "reference"));
    }
    for (const auto& p : result.pairs) {
      if (p.decision == linkage::Decision::kMatch) joins.push_back({p.a, p.b, p.weight});
    }
    report.auto_links = static_cast<int64_t>(result.matches);
    // The library clusters the automatic links only; the reviewers' "same" pairs join here too.
    // Twins (the sibling pattern) stay apart unless a reviewer said they are one person.
    std::set<std::pair<uint32_t, uint32_t>> reviewer_same;
    for (size_t j = 0; j < reviewer_joins; ++j) {
      reviewer_same.emplace(std::min(joins[j].a, joins[j].b), std::max(joins[j].a, joins[j].b));
    }
    for (const auto& sibling : result.siblings) {
      if (!reviewer_same.count(sibling)) cannot_link.push_back(sibling);
    }
    const linkage::Clusters clusters = linkage::ClusterPairs(records.size(), joins, cannot_link);
    report.refused_links = static_cast<int64_t>(clusters.refused_links);
    std::vector<bool> has_reviewer_join(clusters.cluster_count, false);
    for (size_t j = 0; j < reviewer_joins; ++j) {
      has_reviewer_join[clusters.cluster_of[joins[j].a]] = true;
    }
    std::vector<uint32_t> cluster_size(clusters.cluster_count, 0);
    for (uint32_t c : clusters.cluster_of) ++cluster_size[c];

    // Stable person ids: each cluster keeps the id most of its notifications had.
    GANREG_ASSIGN_OR_RETURN(int64_t max_id, db_.MaxPersonId());
    const linkage::PersonIds ids = linkage::AssignPersonIds(clusters, previous, max_id + 1);
    report.persons = clusters.cluster_count;
    report.new_persons = ids.next_id - (max_id + 1);
    for (size_t i = 0; i < keys.size(); ++i) {
      const int64_t person = ids.person_of[i];
      const uint32_t c = clusters.cluster_of[i];
      const char* method = cluster_size[c] == 1   ? "single"
                           : has_reviewer_join[c] ? "review"
                                                  : "auto";
      if (before[i] && before[i]->person_id == person && before[i]->method == method) continue;
      GANREG_RETURN_IF_ERROR(db_.PutLink({keys[i], person, now, actor_.name, method}));
      if (!before[i] || before[i]->person_id != person) {
        if (before[i]) ++report.relinked;
        GANREG_RETURN_IF_ERROR(
            db_.InsertLinkHistory({0, keys[i], previous[i], person, now, actor_.name, "link", 0}));
      }
    }

    // The review queue: pairs between the thresholds (or matches held back for review) whose
    // two notifications did not end up in one person anyway. A decided pair stays decided.
    const linkage::ScoringModel model(result.parameters, nullptr);
    for (const auto& p : result.pairs) {
      if (p.decision != linkage::Decision::kReview) continue;
      if (clusters.cluster_of[p.a] == clusters.cluster_of[p.b]) continue;
      store::ReviewPairRecord rec;
      rec.key_a = std::min(keys[p.a], keys[p.b]);
      rec.key_b = std::max(keys[p.a], keys[p.b]);
      rec.weight = p.weight;
      rec.explanation = internal::Explain(model, p);
      rec.status = "open";
      rec.created_at = now;
      GANREG_ASSIGN_OR_RETURN(auto known, db_.FindReviewPairByKeys(rec.key_a, rec.key_b));
      if (!known) {
        GANREG_RETURN_IF_ERROR(db_.InsertReviewPair(rec).status());
        ++report.review_new;
      } else if (known->status == "open" || known->status == "undone") {
        // An undone decision is asked again; an open pair gets this run's score.
        if (known->status == "undone") ++report.review_new;
        known->status = "open";
        known->weight = rec.weight;
        known->explanation = rec.explanation;
        GANREG_RETURN_IF_ERROR(db_.UpdateReviewPair(*known));
      }
    }
    if (report.incremental) {
      // An undone decision is asked again: a full run finds the pair again, an incremental one
      // does not compare it (both notifications are old), so it is reopened as it was scored.
      GANREG_ASSIGN_OR_RETURN(auto undone, db_.ReviewPairsWithStatus("undone"));
      for (auto& p : undone) {
        auto a = index_of.find(p.key_a), b = index_of.find(p.key_b);
        if (a == index_of.end() || b == index_of.end()) continue;
        if (clusters.cluster_of[a->second] == clusters.cluster_of[b->second]) continue;
        p.status = "open";
        GANREG_RETURN_IF_ERROR(db_.UpdateReviewPair(p));
        ++report.review_new;
      }
    }
    GANREG_ASSIGN_OR_RETURN(auto open, db_.ReviewPairsWithStatus("open"));
    report.review_open = static_cast<int64_t>(open.size());
    // The tumours of every person whose notifications changed, in the same transaction: persons
    // and tumours never disagree (src/app/tumour_cases.cc).
    // Deaths (issue #5, S-ACQ-2 イ): each death form to at most one of these persons, with the
    // same model and parameters; then the tumours of the changed persons take the death date.
    std::vector<int64_t> death_changed;
    GANREG_ASSIGN_OR_RETURN(report.deaths,
                            LinkDeathsWithin(records, keys, ids.person_of, result.parameters,
                                             options.term_frequency, &death_changed));
    GANREG_ASSIGN_OR_RETURN(report.tumours, ConsolidateWithin(false, death_changed));
    w.detail = fmt::format(
        "notifications={} persons={} new_persons={} auto_links={} refused={} review_new={} "
        "review_open={} relinked={} parameters={} mode={} new_notifications={} compared={} "
        "tumours={} tumours_changed={} open_flags={}",
        report.notifications, report.persons, report.new_persons, report.auto_links,
        report.refused_links, report.review_new, report.review_open, report.relinked,
        report.estimated ? "estimated" : "reference", report.incremental ? "incremental" : "full",
        report.new_notifications, report.compared_pairs, report.tumours.tumours,
        report.tumours.changed, report.tumours.open_flags);
    w.detail += fmt::format(
        " deaths={} deaths_linked={} deaths_changed={} death_review_new={} dcn_new={} "
        "death_duplicates={} "
        "followback_open={}",
        report.deaths.deaths, report.deaths.linked, report.deaths.changed, report.deaths.review_new,
        report.deaths.dcn_new, report.deaths.duplicates, report.deaths.followback_open);
    return report;
  });
}

Result<std::optional<ReviewItem>> Session::ReviewNext(bool blind) {
  using Out = std::optional<ReviewItem>;
  return Run<Out>(Action::kReviewNext, "review", [&](Work& w) -> Result<Out> {
    // An identity read: both grants, enforced by the keys, even when the queue is empty.
    GANREG_RETURN_IF_ERROR(CategoryKey(model::Category::kNotificationIdentity).status());
    GANREG_RETURN_IF_ERROR(CategoryKey(model::Category::kNotificationClinical).status());
    // The oldest open pair still in question: a later merge may have made a pair moot (both
    // notifications already one person), and such a pair is not shown.
    GANREG_ASSIGN_OR_RETURN(auto open, db_.ReviewPairsWithStatus("open"));
    std::optional<store::ReviewPairRecord> pair;
    int64_t in_question = 0;
    for (const auto& p : open) {
      GANREG_ASSIGN_OR_RETURN(auto la, db_.FindLink(p.key_a));
      GANREG_ASSIGN_OR_RETURN(auto lb, db_.FindLink(p.key_b));
      if (la && lb && la->person_id == lb->person_id) continue;
      ++in_question;
      if (!pair) pair = p;
    }
    if (!pair) {
      w.detail = "queue empty";
      return Out();
    }
    ReviewItem item;
    item.pair_id = pair->id;
    item.blind = blind;
    for (auto [key_no, side] : {std::pair{pair->key_a, &item.a}, std::pair{pair->key_b, &item.b}}) {
      GANREG_ASSIGN_OR_RETURN(auto clinical, db_.FindClinical(key_no));
      GANREG_ASSIGN_OR_RETURN(auto identity, db_.FindIdentity(key_no));
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck,
                              BatchKey(clinical.file_id, model::Category::kNotificationClinical));
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ik,
                              BatchKey(identity.file_id, model::Category::kNotificationIdentity));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes cpt,
                              crypto::Decrypt(*ck, clinical.ciphertext,
                                              internal::ClinicalAd(key_no, clinical.file_id)));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes ipt,
                              crypto::Decrypt(*ik, identity.ciphertext,
                                              internal::IdentityAd(key_no, identity.file_id)));
      side->key_no = key_no;
      side->summary = {clinical.key_no,
                       clinical.file_id,
                       clinical.line,
                       clinical.hospital_code,
                       clinical.received_at,
                       {},
                       {},
                       {}};
      GANREG_RETURN_IF_ERROR(model::DecodePart(cpt.view(), model::Part::kClinical, &side->row));
      GANREG_RETURN_IF_ERROR(model::DecodePart(ipt.view(), model::Part::kIdentity, &side->row));
      side->summary.primary_site = side->row[model::Item::kPrimarySite];
      side->summary.morphology = side->row[model::Item::kMorphology];
      side->summary.diagnosis_date = side->row[model::Item::kDiagnosisDate];
      GANREG_ASSIGN_OR_RETURN(auto link, db_.FindLink(key_no));
      side->person_id = link ? link->person_id : 0;
    }
    for (const auto& def : model::Items()) {
      if (item.a.row[def.item] != item.b.row[def.item]) item.differing.push_back(def.item);
    }
    if (!blind) {
      item.weight = pair->weight;
      item.contributions = internal::ParseExplanation(pair->explanation);
    }
    item.open_pairs = in_question;
    w.object = fmt::format("pair:{}", pair->id);
    w.detail = fmt::format("identity read keys={},{} blind={}", pair->key_a, pair->key_b,
                           blind ? "yes" : "no");
    return Out(std::move(item));
  });
}

Status Session::ReviewDecide(int64_t pair_id, bool same, std::string note) {
  auto r = Run<bool>(
      Action::kReviewDecide, fmt::format("pair:{}", pair_id), [&](Work& w) -> Result<bool> {
        GANREG_ASSIGN_OR_RETURN(auto pair, db_.FindReviewPair(pair_id));
        if (pair.status != "open") {
          return Status::FailedPrecondition(fmt::format(
              "pair {} is not open (status '{}'{}); undo the decision first, or run `ganreg link` "
              "to ask it again",
              pair_id, pair.status, pair.decided_by.empty() ? "" : ", by " + pair.decided_by));
        }
        const int64_t now = registry_.clock_->NowSeconds();
        int64_t moved = 0;
        if (same) {
          GANREG_ASSIGN_OR_RETURN(auto la, db_.FindLink(pair.key_a));
          GANREG_ASSIGN_OR_RETURN(auto lb, db_.FindLink(pair.key_b));
          if (!la || !lb) {
            return Status::FailedPrecondition(
                "the pair's notifications are not linked: run `ganreg link`");
          }
          if (la->person_id != lb->person_id) {
            // The later person joins the earlier; each move is kept so that undo can unmerge.
            const int64_t keep = std::min(la->person_id, lb->person_id);
            const int64_t gone = std::max(la->person_id, lb->person_id);
            GANREG_ASSIGN_OR_RETURN(auto members, db_.KeysOfPerson(gone));
            for (int64_t key_no : members) {
              GANREG_RETURN_IF_ERROR(db_.PutLink({key_no, keep, now, actor_.name, "review"}));
              GANREG_RETURN_IF_ERROR(db_.InsertLinkHistory(
                  {0, key_no, gone, keep, now, actor_.name, "same", pair_id}));
              ++moved;
            }
          }
        }
        pair.status = same ? "same" : "different";
        pair.decided_by = actor_.name;
        pair.decided_at = now;
        pair.note = note;
        GANREG_RETURN_IF_ERROR(db_.UpdateReviewPair(pair));
        GANREG_RETURN_IF_ERROR(
            db_.InsertReviewHistory({0, pair_id, pair.status, actor_.name, now, note}));
        // The note is the reviewer's free text and may quote a name: it stays out of the trail.
        w.detail = fmt::format("decision={} keys={},{} moved={}", pair.status, pair.key_a,
                               pair.key_b, moved);
        return true;
      });
  return r.status();
}

Status Session::ReviewUndo(int64_t pair_id) {
  auto r =
      Run<bool>(Action::kReviewUndo, fmt::format("pair:{}", pair_id), [&](Work& w) -> Result<bool> {
        GANREG_ASSIGN_OR_RETURN(auto pair, db_.FindReviewPair(pair_id));
        if (pair.status != "same" && pair.status != "different") {
          return Status::FailedPrecondition(
              fmt::format("pair {} has no decision to undo (status '{}')", pair_id, pair.status));
        }
        const int64_t now = registry_.clock_->NowSeconds();
        int64_t restored = 0, kept = 0;
        if (pair.status == "same") {
          // Only the moves of the latest "same" (those after the pair's last undo) are reversed.
          GANREG_ASSIGN_OR_RETURN(auto merges, db_.LinkHistoryOfPair(pair_id, "same"));
          GANREG_ASSIGN_OR_RETURN(auto undos, db_.LinkHistoryOfPair(pair_id, "undo"));
          const int64_t last_undo = undos.empty() ? 0 : undos.back().id;
          std::vector<int64_t> persons;
          for (const auto& h : merges) {
            if (h.id <= last_undo) continue;
            GANREG_ASSIGN_OR_RETURN(auto current, db_.FindLink(h.key_no));
            if (!current || current->person_id != h.new_person) {
              ++kept;  // a later link run moved it: that run's result stands
              continue;
            }
            GANREG_RETURN_IF_ERROR(db_.PutLink({h.key_no, h.old_person, now, actor_.name, "auto"}));
            GANREG_RETURN_IF_ERROR(db_.InsertLinkHistory(
                {0, h.key_no, h.new_person, h.old_person, now, actor_.name, "undo", pair_id}));
            persons.push_back(h.old_person);
            persons.push_back(h.new_person);
            ++restored;
          }
          // A person left with one notification is a single again.
          for (int64_t person : persons) {
            GANREG_ASSIGN_OR_RETURN(auto members, db_.KeysOfPerson(person));
            if (members.size() != 1) continue;
            GANREG_ASSIGN_OR_RETURN(auto link, db_.FindLink(members[0]));
            link->method = "single";
            GANREG_RETURN_IF_ERROR(db_.PutLink(*link));
          }
        }
        const std::string undone = pair.status;
        pair.status = "undone";
        pair.decided_by = actor_.name;
        pair.decided_at = now;
        GANREG_RETURN_IF_ERROR(db_.UpdateReviewPair(pair));
        GANREG_RETURN_IF_ERROR(db_.InsertReviewHistory({0, pair_id, "undo", actor_.name, now, ""}));
        w.detail = fmt::format("undone={} keys={},{} restored={} kept={}", undone, pair.key_a,
                               pair.key_b, restored, kept);
        return true;
      });
  return r.status();
}

}  // namespace ganreg::app
