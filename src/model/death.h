// The death information form (死亡者情報票, S-ACQ-2 イ) as the registry receives it: the items in
// the order of the CSV layout (docs/formats/death-csv.md), and which part each belongs to.
// Identity items (name, reading, sex, birth date, address at death) and clinical items (date,
// underlying cause and place of death) are stored apart, like a notification's (S-TRN-2).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/result.h"
#include "model/notification.h"

namespace ganreg::model {

// Column order of the death CSV layout; the enum value is the zero-based column.
enum class DeathItem : int {
  kKanaName = 0,       // カナ氏名 (optional)
  kName,               // 氏名
  kSex,                // 性別 1 male, 2 female
  kBirthDate,          // 生年月日 yyyymmdd
  kPrefectureCode,     // 死亡時住所 都道府県コード
  kAddress,            // 死亡時住所
  kDeathDate,          // 死亡日 yyyymmdd
  kUnderlyingCause,    // 原死因 ICD-10 (e.g. C18.7, C187, I21.9)
  kPlaceKind,          // 死亡したところの種別 1–7 (death certificate codes)
  kPlaceInstitution,   // 死亡した施設の医療機関コード (10 digits; for kinds 1 and 2)
};

inline constexpr int kDeathItemCount = 10;

struct DeathItemDef {
  DeathItem item;
  std::string_view id;     // English column id, e.g. "death_date"
  std::string_view label;  // Japanese header label, e.g. "死亡日"
  Part part;
};

const std::array<DeathItemDef, kDeathItemCount>& DeathItems();
const DeathItemDef& Def(DeathItem item);

// Place-of-death kinds of the death certificate (死亡診断書「死亡したところの種別」).
// 1 病院 hospital, 2 診療所 clinic, 3 介護医療院・介護老人保健施設, 4 助産所, 5 老人ホーム,
// 6 自宅 home, 7 その他 other. A follow-back goes to the institution of kinds 1 and 2.
bool IsMedicalPlaceKind(std::string_view kind);

struct DeathRow {
  std::array<std::string, kDeathItemCount> values;
  const std::string& operator[](DeathItem i) const { return values[static_cast<int>(i)]; }
  std::string& operator[](DeathItem i) { return values[static_cast<int>(i)]; }
};

// Serializes the items of one part as length-prefixed fields (the plaintext that is encrypted);
// tags 'i' and 'c' (version 1) so that a death part is never read as a notification part.
std::string EncodeDeathPart(const DeathRow& row, Part part);
// kDataLoss if malformed.
Status DecodeDeathPart(std::string_view bytes, Part part, DeathRow* row);

// The identity items of a death form as a notification row's identity items (name, reading,
// sex, birth date, prefecture, address), for the linkage model, which reads notification rows.
NotificationRow AsNotificationIdentity(const DeathRow& row);

// ICD-10 underlying cause: "C18.7", "C187" or "C18" → "C18.7" / "C18". "" if not of that form.
std::string NormalizeIcd10(std::string_view code);
// Whether a (normalized) ICD-10 code is a malignant neoplasm, C00–C97 — the deaths a
// registry follows back when no notification is found (DCN).
bool IsCancerCause(std::string_view icd10);

}  // namespace ganreg::model
