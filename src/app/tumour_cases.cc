// Use cases of tumours (issue #5): consolidation of each person's notifications into tumours
// (IARC/IACR multiple-primary rules, best value per item), the tumour records and the
// IARC/IACR-style quality checks. The pure rules are tumour/; this file decrypts, keeps ids
// stable, encrypts and audits. Rule table: docs/consolidation.md.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "app/door.h"
#include "app/internal.h"
#include "app/registry.h"
#include "crypto/crypto.h"
#include "linkage/cluster.h"
#include "store/database.h"
#include "tumour/checks.h"
#include "tumour/consolidate.h"
#include "tumour/rules.h"

namespace ganreg::app {

using access::Action;

namespace {

constexpr model::Category kClinical = model::Category::kNotificationClinical;
constexpr model::Category kIdentity = model::Category::kNotificationIdentity;

// Associated data of a tumour record: binds the ciphertext to its tumour id and data key, so a
// record cannot be moved to another tumour unnoticed (docs/consolidation.md).
std::string TumourAd(int64_t tumour_id, int64_t key_id) {
  return fmt::format("ganreg tumour {} key {}", tumour_id, key_id);
}

// Above this share of the registry's notifications, one scan of every part is cheaper than a
// lookup per notification.
constexpr size_t kScanDivisor = 4;

}  // namespace

Result<const crypto::SecretBytes*> Session::TumourKey(int64_t key_id) {
  auto it = tumour_keys_.find(key_id);
  if (it != tumour_keys_.end()) return it->second.get();
  GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, CategoryKey(kClinical));
  GANREG_ASSIGN_OR_RETURN(auto rec, db_.FindTumourKey(key_id));
  GANREG_ASSIGN_OR_RETURN(auto category, db_.CurrentCategoryKey(model::CategoryId(kClinical)));
  if (rec.category_version != category.version) {
    return Status::Unavailable(fmt::format(
        "tumour key #{} is sealed under an older key of '{}'; key rotation is not supported yet",
        key_id, model::CategoryId(kClinical)));
  }
  GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes key,
                          crypto::OpenSealed(category.public_key, *ck, rec.sealed_key));
  auto owned = std::make_unique<crypto::SecretBytes>(std::move(key));
  const crypto::SecretBytes* ptr = owned.get();
  tumour_keys_.emplace(key_id, std::move(owned));
  return ptr;
}

Result<ConsolidationReport> Session::ConsolidateWithin(bool all) {
  return ConsolidateWithin(all, {});
}

Result<ConsolidationReport> Session::ConsolidateWithin(bool all, const std::vector<int64_t>& also) {
  // Both grants, enforced by the keys: clinical items, and sex and birth date for the age.
  GANREG_RETURN_IF_ERROR(CategoryKey(kIdentity).status());
  GANREG_RETURN_IF_ERROR(CategoryKey(kClinical).status());
  ConsolidationReport report;
  const int64_t now = registry_.clock_->NowSeconds();

  // Which persons need their tumours rebuilt: those whose set of notifications is not the one
  // their tumours were built from (a new notification, a merge, a split, an undo).
  GANREG_ASSIGN_OR_RETURN(auto links, db_.ListLinks());
  GANREG_ASSIGN_OR_RETURN(auto members, db_.ListTumourMembers());
  std::unordered_map<int64_t, const store::TumourMemberRecord*> member_of;
  for (const auto& m : members) member_of.emplace(m.key_no, &m);
  std::set<int64_t> dirty;
  std::unordered_set<int64_t> linked;
  for (const auto& l : links) {
    linked.insert(l.key_no);
    auto m = member_of.find(l.key_no);
    if (all || m == member_of.end() || m->second->person_id != l.person_id) {
      dirty.insert(l.person_id);
      if (m != member_of.end()) dirty.insert(m->second->person_id);
    }
  }
  for (const auto& m : members) {
    if (!linked.count(m.key_no)) dirty.insert(m.person_id);
  }
  // Persons whose death form changed (issue #5): their tumours take the death date.
  for (int64_t person : also) {
    if (person != 0) dirty.insert(person);
  }
  // The death date from the death form, per dirty person: the earliest of its linked deaths.
  // The source of that value is the death form, written as minus its id (docs/consolidation.md).
  std::map<int64_t, tumour::Value> death_of;
  {
    GANREG_ASSIGN_OR_RETURN(auto death_links, db_.ListDeathLinks());
    for (const auto& dl : death_links) {
      if (!dirty.count(dl.person_id)) continue;
      GANREG_ASSIGN_OR_RETURN(auto death, db_.FindDeath(dl.death_id));
      if (!death) continue;
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* dk, BatchKey(death->file_id, kClinical));
      GANREG_ASSIGN_OR_RETURN(
          crypto::SecretBytes pt,
          crypto::Decrypt(*dk, death->clinical_ciphertext,
                          internal::DeathClinicalAd(death->id, death->file_id)));
      model::DeathRow row;
      GANREG_RETURN_IF_ERROR(model::DecodeDeathPart(pt.view(), model::Part::kClinical, &row));
      const std::string& date = row[model::DeathItem::kDeathDate];
      auto it = death_of.find(dl.person_id);
      if (it == death_of.end() || date < it->second.value) {
        death_of[dl.person_id] = {date, -dl.death_id};
      }
    }
  }

  // Their notifications, decrypted in memory: clinical items, sex and birth date.
  std::unordered_map<int64_t, int64_t> person_of;  // key number → person, dirty persons only
  for (const auto& l : links) {
    if (dirty.count(l.person_id)) person_of.emplace(l.key_no, l.person_id);
  }
  std::map<int64_t, std::vector<tumour::Source>> sources_of;  // by person
  std::unordered_map<int64_t, std::string> hospital_of_file;
  auto add = [&](int64_t key_no, int64_t file_id, std::string_view identity_ct,
                 std::string_view clinical_ct) -> Status {
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ik, BatchKey(file_id, kIdentity));
    GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* ck, BatchKey(file_id, kClinical));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes ipt,
                            crypto::Decrypt(*ik, identity_ct, internal::IdentityAd(key_no, file_id)));
    GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes cpt,
                            crypto::Decrypt(*ck, clinical_ct, internal::ClinicalAd(key_no, file_id)));
    tumour::Source s;
    s.key_no = key_no;
    GANREG_RETURN_IF_ERROR(model::DecodePart(ipt.view(), model::Part::kIdentity, &s.row));
    GANREG_RETURN_IF_ERROR(model::DecodePart(cpt.view(), model::Part::kClinical, &s.row));
    // Only sex and birth date of the identity part are used; the rest is dropped here.
    for (const auto& def : model::Items()) {
      if (def.part == model::Part::kIdentity && def.item != model::Item::kSex &&
          def.item != model::Item::kBirthDate) {
        s.row[def.item].clear();
      }
    }
    auto h = hospital_of_file.find(file_id);
    if (h == hospital_of_file.end()) {
      GANREG_ASSIGN_OR_RETURN(auto file, db_.FindFile(file_id));
      h = hospital_of_file.emplace(file_id, file.hospital_code).first;
    }
    s.hospital_code = h->second;
    sources_of[person_of.at(key_no)].push_back(std::move(s));
    return Status::Ok();
  };
  if (person_of.size() * kScanDivisor > links.size()) {
    GANREG_RETURN_IF_ERROR(db_.ScanNotificationParts([&](const store::NotificationParts& n) {
      if (!person_of.count(n.key_no)) return Status::Ok();
      return add(n.key_no, n.file_id, n.identity_ciphertext, n.clinical_ciphertext);
    }));
  } else {
    for (const auto& [key_no, person] : person_of) {
      GANREG_ASSIGN_OR_RETURN(auto clinical, db_.FindClinical(key_no));
      GANREG_ASSIGN_OR_RETURN(auto identity, db_.FindIdentity(key_no));
      GANREG_RETURN_IF_ERROR(add(key_no, clinical.file_id, identity.ciphertext, clinical.ciphertext));
    }
  }
  report.persons = static_cast<int64_t>(dirty.size());
  report.notifications = static_cast<int64_t>(person_of.size());

  // Group each person's notifications into tumours: one record per notification, in person
  // order, then the consolidation order; clusters are tumours.
  std::vector<const tumour::Source*> order;
  linkage::Clusters clusters;
  std::vector<std::pair<int64_t, uint32_t>> tumour_person;  // per cluster: person, first record
  for (auto& [person, sources] : sources_of) {
    tumour::SortForConsolidation(sources);
    std::vector<tumour::Code> codes;
    codes.reserve(sources.size());
    for (const auto& s : sources) {
      // Intake validated both codes; a code that still does not parse counts as unknown.
      auto c = tumour::Code::Parse(s.row[model::Item::kPrimarySite], s.row[model::Item::kMorphology]);
      codes.push_back(c.ok() ? *c : tumour::Code{});
    }
    const std::vector<uint32_t> local = tumour::GroupIntoTumours(codes);
    const uint32_t base = clusters.cluster_count;
    uint32_t count = 0;
    for (size_t i = 0; i < sources.size(); ++i) {
      if (local[i] == count) tumour_person.emplace_back(person, static_cast<uint32_t>(order.size()));
      count = std::max(count, local[i] + 1);
      clusters.cluster_of.push_back(base + local[i]);
      order.push_back(&sources[i]);
    }
    clusters.cluster_count += count;
  }

  // Stable tumour ids: each tumour keeps the id most of its notifications had.
  std::vector<int64_t> previous(order.size(), 0);
  std::set<int64_t> old_ids;
  for (size_t i = 0; i < order.size(); ++i) {
    auto m = member_of.find(order[i]->key_no);
    if (m != member_of.end()) previous[i] = m->second->tumour_id;
  }
  for (const auto& m : members) {
    if (dirty.count(m.person_id)) old_ids.insert(m.tumour_id);
  }
  GANREG_ASSIGN_OR_RETURN(int64_t max_id, db_.MaxTumourId());
  const linkage::PersonIds ids = linkage::AssignPersonIds(clusters, previous, max_id + 1);
  report.new_tumours = ids.next_id - (max_id + 1);

  std::vector<std::vector<tumour::Source>> tumour_sources(clusters.cluster_count);
  for (size_t i = 0; i < order.size(); ++i) {
    tumour_sources[clusters.cluster_of[i]].push_back(*order[i]);
  }
  int64_t key_id = 0;  // this run's data key, drawn when the first record is written
  crypto::SecretBytes data_key;
  for (uint32_t c = 0; c < clusters.cluster_count; ++c) {
    const tumour::Source& first = tumour_sources[c].front();
    size_t first_index = 0;
    while (order[first_index]->key_no != first.key_no) ++first_index;
    const int64_t tumour_id = ids.person_of[first_index];
    const int64_t person = tumour_person[c].first;
    old_ids.erase(tumour_id);
    tumour::TumourRecord record = tumour::Consolidate(tumour_sources[c]);
    if (auto d = death_of.find(person); d != death_of.end()) {
      // The death form is the registry's source for the date of death: it replaces item 26.
      record.values[static_cast<int>(tumour::Field::kDeathDate)] = d->second;
    }
    for (int64_t key_no : record.notifications) {
      auto m = member_of.find(key_no);
      if (m == member_of.end() || m->second->tumour_id != tumour_id ||
          m->second->person_id != person) {
        GANREG_RETURN_IF_ERROR(db_.PutTumourMember({key_no, tumour_id, person}));
      }
    }
    // A record whose values did not change is left as it is (and its accepted flags with it).
    GANREG_ASSIGN_OR_RETURN(auto existing, db_.FindTumour(tumour_id));
    if (existing && existing->status == "current" && existing->person_id == person) {
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* old_key, TumourKey(existing->key_id));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes old_pt,
                              crypto::Decrypt(*old_key, existing->ciphertext,
                                              TumourAd(tumour_id, existing->key_id)));
      GANREG_ASSIGN_OR_RETURN(tumour::TumourRecord old_record, tumour::Decode(old_pt.view()));
      if (old_record == record) continue;
    }
    if (key_id == 0) {
      GANREG_ASSIGN_OR_RETURN(auto category,
                              db_.CurrentCategoryKey(model::CategoryId(kClinical)));
      data_key = crypto::SecretBytes::Random(crypto::kKeyBytes);
      GANREG_ASSIGN_OR_RETURN(key_id, db_.InsertTumourKey({0, category.version,
                                                           crypto::SealTo(category.public_key,
                                                                          data_key.span()),
                                                           now}));
    }
    const std::string plaintext = tumour::Encode(record);
    std::string ct = crypto::Encrypt(data_key, plaintext, TumourAd(tumour_id, key_id));
    GANREG_RETURN_IF_ERROR(
        db_.PutTumour({tumour_id, person, "current", key_id, std::move(ct), now, actor_.name}));
    ++report.changed;
    // The checks run again on a changed record: what it fails is open again.
    GANREG_ASSIGN_OR_RETURN(auto old_flags, db_.FlagsOfTumour(tumour_id));
    for (const auto& f : old_flags) {
      GANREG_RETURN_IF_ERROR(db_.DeleteTumourFlag(tumour_id, f.check_id));
    }
    for (const tumour::Flag& f : tumour::Check(record)) {
      GANREG_RETURN_IF_ERROR(db_.PutTumourFlag({tumour_id, std::string(f.id),
                                                std::string(tumour::SeverityId(f.severity)),
                                                "open", now, "", 0}));
    }
  }
  // Ids no tumour kept: their notifications are in other tumours now. The row stays (retired),
  // so the id is never given again.
  for (int64_t id : old_ids) {
    GANREG_ASSIGN_OR_RETURN(auto existing, db_.FindTumour(id));
    if (!existing || existing->status == "retired") continue;
    existing->status = "retired";
    existing->consolidated_at = now;
    existing->consolidated_by = actor_.name;
    GANREG_RETURN_IF_ERROR(db_.PutTumour(*existing));
    GANREG_ASSIGN_OR_RETURN(auto flags, db_.FlagsOfTumour(id));
    for (const auto& f : flags) GANREG_RETURN_IF_ERROR(db_.DeleteTumourFlag(id, f.check_id));
    ++report.retired;
  }
  GANREG_ASSIGN_OR_RETURN(report.tumours, db_.CountTumours());
  GANREG_ASSIGN_OR_RETURN(auto open, db_.ListTumourFlags("open"));
  report.open_flags = static_cast<int64_t>(open.size());
  return report;
}

Result<ConsolidationReport> Session::Consolidate(bool all) {
  return Run<ConsolidationReport>(
      Action::kConsolidate, "tumours", [&](Work& w) -> Result<ConsolidationReport> {
        GANREG_ASSIGN_OR_RETURN(ConsolidationReport r, ConsolidateWithin(all));
        w.detail = fmt::format(
            "all={} persons={} notifications={} tumours={} new={} changed={} retired={} "
            "open_flags={}",
            all ? "yes" : "no", r.persons, r.notifications, r.tumours, r.new_tumours, r.changed,
            r.retired, r.open_flags);
        return r;
      });
}

Result<std::vector<TumourSummary>> Session::ListTumours(int64_t person_id, int64_t limit,
                                                        int64_t offset) {
  using Out = std::vector<TumourSummary>;
  return Run<Out>(Action::kTumourList, "tumours", [&](Work& w) -> Result<Out> {
    GANREG_RETURN_IF_ERROR(CategoryKey(kClinical).status());
    GANREG_ASSIGN_OR_RETURN(auto rows, db_.ListTumours(person_id, limit, offset));
    GANREG_ASSIGN_OR_RETURN(auto flags, db_.ListTumourFlags("open"));
    std::map<int64_t, int64_t> open_of;
    for (const auto& f : flags) ++open_of[f.tumour_id];
    Out out;
    for (const auto& row : rows) {
      GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* key, TumourKey(row.key_id));
      GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes pt,
                              crypto::Decrypt(*key, row.ciphertext, TumourAd(row.tumour_id, row.key_id)));
      GANREG_ASSIGN_OR_RETURN(tumour::TumourRecord t, tumour::Decode(pt.view()));
      out.push_back({row.tumour_id, row.person_id, t.value(tumour::Field::kPrimarySite),
                     t.Morphology(), t.value(tumour::Field::kDiagnosisDate),
                     static_cast<int64_t>(t.notifications.size()), open_of[row.tumour_id]});
    }
    w.detail = fmt::format("person={} count={}", person_id, out.size());
    return out;
  });
}

Result<TumourView> Session::ShowTumour(int64_t tumour_id) {
  return Run<TumourView>(
      Action::kTumourShow, fmt::format("tumour:{}", tumour_id), [&](Work& w) -> Result<TumourView> {
        GANREG_RETURN_IF_ERROR(CategoryKey(kClinical).status());
        GANREG_ASSIGN_OR_RETURN(auto row, db_.FindTumour(tumour_id));
        if (!row) return Status::NotFound(fmt::format("no tumour {}", tumour_id));
        GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* key, TumourKey(row->key_id));
        GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes pt,
                                crypto::Decrypt(*key, row->ciphertext,
                                                TumourAd(row->tumour_id, row->key_id)));
        GANREG_ASSIGN_OR_RETURN(tumour::TumourRecord t, tumour::Decode(pt.view()));
        TumourView v;
        v.tumour_id = row->tumour_id;
        v.person_id = row->person_id;
        v.status = row->status;
        v.notifications = t.notifications;
        v.morphology = t.Morphology();
        v.consolidated_at = row->consolidated_at;
        v.consolidated_by = row->consolidated_by;
        std::map<int64_t, std::string> hospital;
        for (int f = 0; f < tumour::kFieldCount; ++f) {
          const auto field = static_cast<tumour::Field>(f);
          TumourItemView item{std::string(tumour::FieldId(field)),
                              std::string(tumour::FieldLabel(field)), t.value(field),
                              t.source(field), ""};
          if (item.source_key_no < 0) {
            // A death form (issue #5): its id, minus.
            item.source_hospital = fmt::format("死亡票 death form {}", -item.source_key_no);
          } else if (item.source_key_no != 0) {
            auto h = hospital.find(item.source_key_no);
            if (h == hospital.end()) {
              GANREG_ASSIGN_OR_RETURN(auto clinical, db_.FindClinical(item.source_key_no));
              h = hospital.emplace(item.source_key_no, clinical.hospital_code).first;
            }
            item.source_hospital = h->second;
          }
          v.items.push_back(std::move(item));
        }
        GANREG_ASSIGN_OR_RETURN(auto flags, db_.FlagsOfTumour(tumour_id));
        const std::vector<tumour::Flag> now_failing = tumour::Check(t);
        for (const auto& f : flags) {
          TumourFlagView fv{f.tumour_id, f.check_id, f.severity, f.status, "", f.decided_by,
                            f.decided_at};
          for (const auto& nf : now_failing) {
            if (nf.id == f.check_id) fv.message = nf.message;
          }
          v.flags.push_back(std::move(fv));
        }
        // Deaths (issue #5): the death form this tumour's death date came from, and whether the
        // case was first known from it (DCN, then notified).
        if (t.source(tumour::Field::kDeathDate) < 0) {
          v.death_id = -t.source(tumour::Field::kDeathDate);
          GANREG_ASSIGN_OR_RETURN(auto c, db_.FindDeathCase(v.death_id));
          if (c && c->status == "notified") v.death_case = "dcn";
        }
        w.detail = fmt::format("notifications={}", t.notifications.size());
        return v;
      });
}

Result<std::vector<TumourFlagView>> Session::ListQcFlags(bool all) {
  using Out = std::vector<TumourFlagView>;
  return Run<Out>(Action::kQcList, "tumours", [&](Work& w) -> Result<Out> {
    GANREG_RETURN_IF_ERROR(CategoryKey(kClinical).status());
    GANREG_ASSIGN_OR_RETURN(auto flags, db_.ListTumourFlags(all ? "" : "open"));
    Out out;
    int64_t decoded_for = 0;
    std::vector<tumour::Flag> failing;
    for (const auto& f : flags) {
      if (f.tumour_id != decoded_for) {
        GANREG_ASSIGN_OR_RETURN(auto row, db_.FindTumour(f.tumour_id));
        if (!row) return Status::DataLoss(fmt::format("flag of a missing tumour {}", f.tumour_id));
        GANREG_ASSIGN_OR_RETURN(const crypto::SecretBytes* key, TumourKey(row->key_id));
        GANREG_ASSIGN_OR_RETURN(crypto::SecretBytes pt,
                                crypto::Decrypt(*key, row->ciphertext,
                                                TumourAd(row->tumour_id, row->key_id)));
        GANREG_ASSIGN_OR_RETURN(tumour::TumourRecord t, tumour::Decode(pt.view()));
        failing = tumour::Check(t);
        decoded_for = f.tumour_id;
      }
      TumourFlagView fv{f.tumour_id, f.check_id, f.severity, f.status, "", f.decided_by,
                        f.decided_at};
      for (const auto& nf : failing) {
        if (nf.id == f.check_id) fv.message = nf.message;
      }
      out.push_back(std::move(fv));
    }
    w.detail = fmt::format("all={} count={}", all ? "yes" : "no", out.size());
    return out;
  });
}

Status Session::AcceptQcFlag(int64_t tumour_id, std::string_view check_id) {
  auto r = Run<bool>(Action::kQcAccept, fmt::format("tumour:{}", tumour_id),
                     [&](Work& w) -> Result<bool> {
                       GANREG_ASSIGN_OR_RETURN(auto flags, db_.FlagsOfTumour(tumour_id));
                       for (auto& f : flags) {
                         if (f.check_id != check_id) continue;
                         if (f.status != "open") {
                           return Status::FailedPrecondition(fmt::format(
                               "flag {} of tumour {} is accepted already (by {})", check_id,
                               tumour_id, f.decided_by));
                         }
                         f.status = "accepted";
                         f.decided_by = actor_.name;
                         f.decided_at = registry_.clock_->NowSeconds();
                         GANREG_RETURN_IF_ERROR(db_.PutTumourFlag(f));
                         w.detail = fmt::format("check={}", check_id);
                         return true;
                       }
                       return Status::NotFound(fmt::format("tumour {} has no flag '{}'",
                                                           tumour_id, check_id));
                     });
  return r.status();
}

}  // namespace ganreg::app
