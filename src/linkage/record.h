// Records prepared for linkage: every identifying field normalized once (text/japanese.h,
// text/address.h) into interned integer ids and short fixed-size code-unit arrays, so that
// comparing two records touches no strings and allocates nothing.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/notification.h"

namespace ganreg::linkage {

// A short string as UTF-16-like code units (BMP code points as they are; the rare
// supplementary ones folded into the private-use area), zero-padded, for the bit-parallel
// distances in distance.h. Longer values keep their first kMaxUnits units: a registry's name
// fields are at most 10 full-width characters each.
inline constexpr int kMaxUnits = 16;
struct ShortString {
  std::array<char16_t, kMaxUnits> units{};
  uint8_t length = 0;

  static ShortString From(std::u32string_view s);
  std::u32string_view::size_type size() const { return length; }
  bool empty() const { return length == 0; }
  bool operator==(const ShortString& o) const { return length == o.length && units == o.units; }
};

// The identifying items of one notification or death record, as received (UTF-8).
struct PersonInput {
  int64_t source_id = 0;    // the caller's id for the row (key number); not compared
  std::string name;         // 氏名, "佐藤 太郎" (family and given separated by a space)
  std::string kana_name;    // カナ氏名
  std::string sex;          // 1 男, 2 女 (男/女/M/F are accepted too); anything else unknown
  std::string birth_date;   // yyyymmdd or an era form (text::ParseDate)
  std::string address;      // 診断時住所
  int prefecture_code = 0;  // 都道府県コード, 0 if none
};

// The identity items of a notification row (the caller holds the identity grant).
PersonInput FromNotificationRow(const model::NotificationRow& row, int64_t source_id);

// One prepared record. Ids are 1-based per field (0 = missing) and equal exactly when the
// folded values are equal.
struct Record {
  int64_t source_id = 0;
  // Names folded with text::kFoldName (kanji variants, width) and kFoldReading (kana).
  uint32_t family_id = 0;
  uint32_t given_id = 0;
  uint32_t full_name_id = 0;  // family + given, for names written without a space
  uint32_t family_kana_id = 0;
  uint32_t given_kana_id = 0;
  uint32_t full_kana_id = 0;
  int32_t birth_date = 0;   // yyyymmdd
  uint8_t sex = 0;          // 1, 2; 0 unknown
  uint8_t prefecture = 0;   // 1–47; 0 unknown
  bool name_split = false;  // the kanji name had a family/given separator
  bool kana_split = false;
  uint32_t municipality_id = 0;  // prefecture + municipality
  uint32_t town_id = 0;          // … + town
  uint32_t address_id = 0;       // … + lot numbers
  // The national baseline compares values as written (NFKC and spaces only, no variant folds).
  uint32_t raw_family_id = 0;
  uint32_t raw_given_id = 0;
  uint32_t raw_kana_id = 0;
  uint32_t raw_address_id = 0;
  ShortString family;  // folded kanji, for edit distance
  ShortString given;
  ShortString family_kana;  // folded readings, for Jaro–Winkler
  ShortString given_kana;
};

// Maps folded values to dense ids and counts how many records hold each (for term frequency).
class Interner {
 public:
  // 0 for an empty value.
  uint32_t Intern(const std::u32string& value);
  // Records holding value `id` (0 for id 0).
  uint32_t Count(uint32_t id) const { return id < counts_.size() ? counts_[id] : 0; }
  // Records holding any value.
  uint64_t Total() const { return total_; }
  size_t size() const { return counts_.size() - 1; }

 private:
  std::unordered_map<std::u32string, uint32_t> ids_;
  std::vector<uint32_t> counts_ = {0};
  uint64_t total_ = 0;
};

// The interned fields whose values are counted, for term-frequency adjustment.
enum class TermField : uint8_t { kFamily, kGiven, kFamilyKana, kGivenKana };

namespace internal {
// A record's folded values before interning (the thread-safe part of preparation).
struct NormalizedInput {
  int64_t source_id = 0;
  bool name_split = false;
  bool kana_split = false;
  uint8_t sex = 0;
  uint8_t prefecture = 0;
  int32_t birth_date = 0;
  std::u32string family, given, raw_family, raw_given;
  std::u32string family_kana, given_kana, raw_kana;
  std::u32string municipality, town, address, raw_address;
};
void Normalize(const PersonInput& in, NormalizedInput* out);
}  // namespace internal

// All prepared records of one linkage run. Adding is not thread-safe; reading is.
class RecordSet {
 public:
  // Normalizes and appends one record; returns its index.
  uint32_t Add(const PersonInput& in);
  // Appends many, normalizing on `threads` threads; the result equals Add() in order.
  void AddAll(std::span<const PersonInput> inputs, int threads);
  const Record& operator[](size_t i) const { return records_[i]; }
  size_t size() const { return records_.size(); }
  const std::vector<Record>& records() const { return records_; }
  void Reserve(size_t n) { records_.reserve(n); }

  // Share of records (among those with the field) holding value `id` of `field`.
  double TermFrequency(TermField field, uint32_t id) const;
  // Largest id of `field` (ids run 1..TermMaxId).
  size_t TermMaxId(TermField field) const { return TermInterner(field).size(); }

 private:
  const Interner& TermInterner(TermField field) const;
  uint32_t Intern(const internal::NormalizedInput& n);

  std::vector<Record> records_;
  Interner family_, given_, full_name_, family_kana_, given_kana_, full_kana_;
  Interner municipality_, town_, address_;
  Interner raw_family_, raw_given_, raw_kana_, raw_address_;
  // Buffers reused across Add() calls.
  internal::NormalizedInput normalized_;
  std::u32string scratch_;
};

// Sex code from the notification's text: 1 male, 2 female, 0 unknown.
uint8_t ParseSex(std::string_view s);

}  // namespace ganreg::linkage
