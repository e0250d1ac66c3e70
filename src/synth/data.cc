// Loading the generator's TSV data files, with the checks that keep every generated name and
// place inside the notification layout's limits (docs/formats/notification-csv.md).
#include "synth/data.h"

#include <algorithm>
#include <fstream>
#include <string_view>
#include <utility>

namespace ganreg::synth::internal {

namespace {

constexpr size_t kMaxNamePart = 10;      // カナ氏名/氏名: each part 1–10 characters
constexpr size_t kMaxMunicipality = 16;  // leaves room for town and number within 40 characters

std::string SetupHint(const std::filesystem::path& dir) {
  return "run `cd tools/synth-data && npm ci --ignore-scripts && node extract.mjs " + dir.string() +
         "` (or set GANREG_DATA_DIR to a folder made that way)";
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

// Reads `file` line by line, calling `handle(line_no, fields)` for each non-empty line.
template <class Handler>
Status ForEachLine(const std::filesystem::path& dir, const char* name, Handler handle) {
  const std::filesystem::path file = dir / name;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Status::NotFound("synthetic data file " + file.string() +
                            " is missing: " + SetupHint(dir));
  }
  std::string line;
  uint64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    Status s = handle(line_no, SplitTabs(line));
    if (!s.ok()) {
      return Status::InvalidArgument(file.string() + ":" + std::to_string(line_no) + ": " +
                                     s.message() + " (re-run tools/synth-data/extract.mjs)");
    }
  }
  if (in.bad()) return Status::Unavailable("cannot read " + file.string());
  return Status::Ok();
}

// No ASCII (no punctuation, no separators) and no full-width space in a name or place.
bool IsCleanText(std::string_view s, size_t max_chars) {
  std::u32string cps;
  if (s.empty() || !DecodeUtf8(s, &cps) || cps.size() > max_chars) return false;
  return std::none_of(cps.begin(), cps.end(), [](char32_t c) { return c < 0x80 || c == 0x3000; });
}

// カナ氏名 accepts ァ–ヶ (U+30A1–U+30F6) and ー (U+30FC) only.
bool IsKatakana(std::string_view s) {
  std::u32string cps;
  if (!DecodeUtf8(s, &cps)) return false;
  return std::all_of(cps.begin(), cps.end(),
                     [](char32_t c) { return (c >= 0x30a1 && c <= 0x30f6) || c == 0x30fc; });
}

// Where people live: a ward or city draws more patients than a town or village. The weights are
// a rough stand-in for population, enough to make the output look like a registry's.
uint32_t PlaceWeight(std::string_view municipality) {
  if (municipality.ends_with("区")) return 80;
  if (municipality.ends_with("市")) return 40;
  if (municipality.ends_with("町")) return 10;
  return 3;  // 村
}

}  // namespace

template <class T>
const T& WeightedList<T>::Pick(Rng& rng) const {
  const uint64_t r = rng.Below(cumulative.back());
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), r);
  return items[static_cast<size_t>(it - cumulative.begin())];
}
template <class T>
size_t WeightedList<T>::PickIndex(Rng& rng) const {
  const uint64_t r = rng.Below(cumulative.back());
  return static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), r) -
                             cumulative.begin());
}

template struct WeightedList<NamePart>;
template struct WeightedList<Place>;
template struct WeightedList<uint32_t>;

bool DecodeUtf8(std::string_view s, std::u32string* out) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    char32_t cp = 0;
    if (b0 < 0x80) {
      len = 1;
      cp = b0;
    } else if ((b0 & 0xe0) == 0xc0) {
      len = 2;
      cp = b0 & 0x1f;
    } else if ((b0 & 0xf0) == 0xe0) {
      len = 3;
      cp = b0 & 0x0f;
    } else if ((b0 & 0xf8) == 0xf0) {
      len = 4;
      cp = b0 & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not well-formed UTF-8.
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
    out->push_back(cp);
    i += len;
  }
  return true;
}

Result<SynthData> LoadSynthData(const std::filesystem::path& dir) {
  SynthData data;
  uint32_t last_rank = 0;
  GANREG_RETURN_IF_ERROR(ForEachLine(dir, "names.tsv", [&](uint64_t, const auto& f) {
    if (f.size() != 3) return Status::InvalidArgument("expected kind<TAB>kanji<TAB>katakana");
    if (!IsCleanText(f[1], kMaxNamePart)) {
      return Status::InvalidArgument("kanji must be 1–10 characters without ASCII or spaces");
    }
    if (!IsCleanText(f[2], kMaxNamePart) || !IsKatakana(f[2])) {
      return Status::InvalidArgument("katakana must be 1–10 full-width katakana");
    }
    NamePart part{std::string(f[1]), std::string(f[2])};
    if (f[0] == "last") {
      // Rank-based weights 1/(rank+10): the first names of the list (佐藤, 鈴木, …) are common,
      // the tail still appears; integer weights keep the output identical on every platform.
      data.last.Add(std::move(part), 1'000'000 / (last_rank++ + 10));
    } else if (f[0] == "male") {
      data.male.Add(std::move(part), 1);
    } else if (f[0] == "female") {
      data.female.Add(std::move(part), 1);
    } else {
      return Status::InvalidArgument("kind must be last, male or female");
    }
    return Status::Ok();
  }));
  GANREG_RETURN_IF_ERROR(ForEachLine(dir, "places.tsv", [&](uint64_t, const auto& f) {
    if (f.size() != 3) {
      return Status::InvalidArgument("expected prefecture_code<TAB>prefecture<TAB>municipality");
    }
    const std::string_view code = f[0];
    const bool code_ok = code.size() == 2 && code >= "01" && code <= "47" && code[0] >= '0' &&
                         code[0] <= '9' && code[1] >= '0' && code[1] <= '9';
    if (!code_ok) return Status::InvalidArgument("prefecture code must be 01–47");
    if (!IsCleanText(f[2], kMaxMunicipality)) {
      return Status::InvalidArgument("municipality must be 1–16 characters without ASCII");
    }
    data.places.Add(Place{std::string(code), std::string(f[2])}, PlaceWeight(f[2]));
    return Status::Ok();
  }));
  GANREG_RETURN_IF_ERROR(ForEachLine(dir, "towns.tsv", [&](uint64_t, const auto& f) {
    if (f.size() != 1 || !IsCleanText(f[0], kMaxNamePart)) {
      return Status::InvalidArgument("town must be 1–10 characters without ASCII");
    }
    data.towns.emplace_back(f[0]);
    return Status::Ok();
  }));
  if (data.last.items.empty() || data.male.items.empty() || data.female.items.empty() ||
      data.places.items.empty() || data.towns.empty()) {
    return Status::NotFound(
        "synthetic data in " + dir.string() +
        " is incomplete (no last, male or female names, places or towns): " + SetupHint(dir));
  }
  return data;
}

}  // namespace ganreg::synth::internal
