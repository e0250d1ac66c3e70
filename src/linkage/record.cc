// Record preparation: the one place where linkage touches text; everything after works on ids.
#include "linkage/record.h"

#include <algorithm>
#include <charconv>
#include <thread>

#include "text/address.h"
#include "text/japanese.h"

namespace ganreg::linkage {

ShortString ShortString::From(std::u32string_view s) {
  ShortString out;
  const size_t n = std::min<size_t>(s.size(), kMaxUnits);
  for (size_t i = 0; i < n; ++i) {
    const char32_t c = s[i];
    // Supplementary characters (rare kanji such as 𠮷 once folded) keep distinct units in the
    // private-use area; a collision between two of them costs at most a little similarity.
    out.units[i] =
        c < 0x10000 ? static_cast<char16_t>(c) : static_cast<char16_t>(0xE000 + (c % 0x1900));
    if (out.units[i] == 0) out.units[i] = 0xFFFD;  // 0 is padding
  }
  out.length = static_cast<uint8_t>(n);
  return out;
}

PersonInput FromNotificationRow(const model::NotificationRow& row, int64_t source_id) {
  PersonInput in;
  in.source_id = source_id;
  in.name = row[model::Item::kName];
  in.kana_name = row[model::Item::kKanaName];
  in.sex = row[model::Item::kSex];
  in.birth_date = row[model::Item::kBirthDate];
  in.address = row[model::Item::kAddress];
  const std::string& pref = row[model::Item::kPrefectureCode];
  int code = 0;
  auto [ptr, ec] = std::from_chars(pref.data(), pref.data() + pref.size(), code);
  if (ec == std::errc() && ptr == pref.data() + pref.size() && code >= 1 && code <= 47) {
    in.prefecture_code = code;
  }
  return in;
}

uint32_t Interner::Intern(const std::u32string& value) {
  if (value.empty()) return 0;
  auto [it, inserted] = ids_.try_emplace(value, static_cast<uint32_t>(counts_.size()));
  if (inserted) counts_.push_back(0);
  ++counts_[it->second];
  ++total_;
  return it->second;
}

uint8_t ParseSex(std::string_view s) {
  if (s == "1" || s == "１" || s == "男" || s == "M" || s == "m") return 1;
  if (s == "2" || s == "２" || s == "女" || s == "F" || s == "f") return 2;
  return 0;
}

namespace internal {

void Normalize(const PersonInput& in, NormalizedInput* n) {
  n->source_id = in.source_id;
  // Kanji name: folded for the model, as written (NFKC, no spaces) for the baseline.
  const text::NameParts name = text::SplitName(in.name);
  n->name_split = name.had_separator;
  text::FoldTo(name.family, text::kFoldName, &n->family);
  text::FoldTo(name.given, text::kFoldName, &n->given);
  text::FoldTo(name.family, text::kFoldNfkc | text::kFoldRemoveSpaces, &n->raw_family);
  text::FoldTo(name.given, text::kFoldNfkc | text::kFoldRemoveSpaces, &n->raw_given);
  // Kana name.
  const text::NameParts kana = text::SplitName(in.kana_name);
  n->kana_split = kana.had_separator;
  text::FoldTo(kana.family, text::kFoldReading, &n->family_kana);
  text::FoldTo(kana.given, text::kFoldReading, &n->given_kana);
  text::FoldTo(in.kana_name, text::kFoldNfkc | text::kFoldRemoveSpaces, &n->raw_kana);

  n->sex = ParseSex(in.sex);
  auto date = text::ParseDate(in.birth_date);
  n->birth_date = date.ok() ? *date : 0;

  // Address: the hierarchy keys are prefixes of one another, so "same town" implies "same
  // municipality" by construction.
  const text::Address addr = text::NormalizeAddress(in.address, in.prefecture_code);
  n->prefecture = static_cast<uint8_t>(addr.prefecture_code);
  n->municipality.clear();
  n->town.clear();
  n->address.clear();
  if (!addr.municipality.empty()) {
    std::string key = addr.prefecture + addr.municipality;
    text::FoldTo(key, 0, &n->municipality);
    if (!addr.town.empty()) {
      key += addr.town;
      text::FoldTo(key, 0, &n->town);
    }
    if (!addr.numbers.empty()) text::FoldTo(key + addr.numbers, 0, &n->address);
  }
  text::FoldTo(in.address, text::kFoldNfkc | text::kFoldRemoveSpaces, &n->raw_address);
}

}  // namespace internal

uint32_t RecordSet::Intern(const internal::NormalizedInput& n) {
  Record r;
  r.source_id = n.source_id;
  r.name_split = n.name_split;
  r.family_id = family_.Intern(n.family);
  r.family = ShortString::From(n.family);
  r.given_id = given_.Intern(n.given);
  r.given = ShortString::From(n.given);
  scratch_ = n.family;
  scratch_ += n.given;
  r.full_name_id = full_name_.Intern(scratch_);
  r.raw_family_id = raw_family_.Intern(n.raw_family);
  r.raw_given_id = raw_given_.Intern(n.raw_given);

  r.kana_split = n.kana_split;
  r.family_kana_id = family_kana_.Intern(n.family_kana);
  r.family_kana = ShortString::From(n.family_kana);
  r.given_kana_id = given_kana_.Intern(n.given_kana);
  r.given_kana = ShortString::From(n.given_kana);
  scratch_ = n.family_kana;
  scratch_ += n.given_kana;
  r.full_kana_id = full_kana_.Intern(scratch_);
  r.raw_kana_id = raw_kana_.Intern(n.raw_kana);

  r.sex = n.sex;
  r.birth_date = n.birth_date;
  r.prefecture = n.prefecture;
  r.municipality_id = municipality_.Intern(n.municipality);
  r.town_id = town_.Intern(n.town);
  r.address_id = address_.Intern(n.address);
  r.raw_address_id = raw_address_.Intern(n.raw_address);

  records_.push_back(r);
  return static_cast<uint32_t>(records_.size() - 1);
}

uint32_t RecordSet::Add(const PersonInput& in) {
  internal::Normalize(in, &normalized_);
  return Intern(normalized_);
}

void RecordSet::AddAll(std::span<const PersonInput> inputs, int threads) {
  records_.reserve(records_.size() + inputs.size());
  if (threads <= 1 || inputs.size() < 4096) {
    for (const PersonInput& in : inputs) Add(in);
    return;
  }
  // Normalizing (ICU, dates, addresses) is the expensive part and needs no shared state; it
  // runs in parallel one batch at a time, and interning follows in input order, so ids do not
  // depend on the thread count.
  constexpr size_t kBatch = 16384;
  std::vector<internal::NormalizedInput> batch(kBatch);
  for (size_t start = 0; start < inputs.size(); start += kBatch) {
    const size_t count = std::min(kBatch, inputs.size() - start);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (size_t i = static_cast<size_t>(t); i < count; i += static_cast<size_t>(threads)) {
          internal::Normalize(inputs[start + i], &batch[i]);
        }
      });
    }
    for (auto& th : pool) th.join();
    for (size_t i = 0; i < count; ++i) Intern(batch[i]);
  }
}

const Interner& RecordSet::TermInterner(TermField field) const {
  switch (field) {
    case TermField::kFamily:
      return family_;
    case TermField::kGiven:
      return given_;
    case TermField::kFamilyKana:
      return family_kana_;
    case TermField::kGivenKana:
      return given_kana_;
  }
  return family_;
}

double RecordSet::TermFrequency(TermField field, uint32_t id) const {
  const Interner& in = TermInterner(field);
  if (id == 0 || in.Total() == 0) return 0.0;
  return static_cast<double>(in.Count(id)) / static_cast<double>(in.Total());
}

}  // namespace ganreg::linkage
