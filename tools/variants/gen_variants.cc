// Build-time generator of the kanji variant table (異体字 → 標準字体) that text/japanese.cc folds
// names with. Reads only files installed by Debian packages (unicode-data, skkdic-extra) and
// writes a sorted C++ table; see tools/variants/README.md for the rules and their order.
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Order of preference when rules disagree about one variant; also written into the table so a
// test or a reviewer can see where a fold came from.
enum Source : int {
  kJinmeiyo = 1,  // Unihan kJinmeiyoKanji "2010:U+xxxx" (the official 人名用漢字 variant list)
  kSkkItaiji = 2,  // SKK-JISYO.itaiji (public domain), filtered
  kZVariant = 3,   // Unihan kZVariant (same abstract character, different glyph)
  kSemantic = 4,   // Unihan kSemanticVariant with exactly one standard target
  kProject = 5,    // the project's own short list (see README)
};

const char* SourceName(int s) {
  switch (s) {
    case kJinmeiyo:
      return "kSourceJinmeiyo";
    case kSkkItaiji:
      return "kSourceSkkItaiji";
    case kZVariant:
      return "kSourceUnihanZ";
    case kSemantic:
      return "kSourceUnihanSemantic";
    default:
      return "kSourceProject";
  }
}

[[noreturn]] void Die(const std::string& msg) {
  std::cerr << "gen_variants: " << msg << "\n";
  std::exit(1);
}

std::string ReadBzip2(const std::string& path) {
  std::ifstream probe(path);
  if (!probe) Die("missing " + path + " (install the Debian package unicode-data)");
  std::string cmd = "bzcat -- '" + path + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) Die("cannot run bzcat (install the Debian package bzip2)");
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0 || out.empty()) Die("bzcat failed on " + path);
  return out;
}

std::string ReadEucJp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("missing " + path + " (install the Debian package skkdic-extra)");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  UErrorCode err = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  const int32_t len = ucnv_convert("UTF-8", "EUC-JP", out.data(), static_cast<int32_t>(out.size()),
                                   bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) Die("cannot decode " + path + " as EUC-JP");
  out.resize(static_cast<size_t>(len));
  return out;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  parts.push_back(cur);
  return parts;
}

// "U+9AD8<kFenn" → 0x9AD8; 0 when not a code point.
uint32_t ParseCodePoint(const std::string& s) {
  if (s.size() < 3 || s[0] != 'U' || s[1] != '+') return 0;
  return static_cast<uint32_t>(std::strtoul(s.c_str() + 2, nullptr, 16));
}

std::vector<uint32_t> CodePoints(const std::string& utf8) {
  std::vector<uint32_t> cps;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    cps.push_back(c < 0 ? 0xFFFD : static_cast<uint32_t>(c));
  }
  return cps;
}

bool IsIdeograph(uint32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

struct Tables {
  std::set<uint32_t> joyo;      // 常用漢字 (never folded away)
  std::set<uint32_t> jinmeiyo;  // 人名用漢字 in their own right (never folded away)
  std::map<uint32_t, std::pair<uint32_t, int>> fold;  // variant → (standard, source)

  bool IsStandard(uint32_t c) const { return joyo.count(c) != 0 || jinmeiyo.count(c) != 0; }
  void Add(uint32_t from, uint32_t to, int source) {
    if (from == to || !IsIdeograph(from) || !IsIdeograph(to) || IsStandard(from)) return;
    fold.emplace(from, std::make_pair(to, source));  // first (highest-priority) rule wins
  }
};

void ReadOtherMappings(const std::string& text, Tables* t,
                       std::vector<std::pair<uint32_t, uint32_t>>* jinmei_pairs) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = Split(line, '\t');
    if (f.size() < 3) continue;
    const uint32_t cp = ParseCodePoint(f[0]);
    if (f[1] == "kJoyoKanji") {
      t->joyo.insert(cp);
    } else if (f[1] == "kJinmeiyoKanji") {
      for (const auto& v : Split(f[2], ' ')) {
        const auto colon = v.find(':');
        if (colon == std::string::npos) {
          t->jinmeiyo.insert(cp);
        } else {
          jinmei_pairs->emplace_back(cp, ParseCodePoint(v.substr(colon + 1)));
        }
      }
    }
  }
}

void ReadVariants(const std::string& text, std::multimap<std::string, std::string>* rows) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = Split(line, '\t');
    if (f.size() < 3) continue;
    rows->emplace(f[1], f[0] + "\t" + f[2]);
  }
}

// SKK-JISYO.itaiji lines: "広 /弘/廣;<人名用漢字>/曠/昿/宏/" = standard form, then its variants.
void ReadSkkItaiji(const std::string& text, Tables* t) {
  std::istringstream in(text);
  std::string line;
  // variant → candidate standards, in file order
  std::map<uint32_t, std::vector<uint32_t>> candidates;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ';') continue;
    const auto sp = line.find(" /");
    if (sp == std::string::npos) continue;
    const auto head = CodePoints(line.substr(0, sp));
    if (head.size() != 1 || !IsIdeograph(head[0])) continue;
    for (const auto& cand : Split(line.substr(sp + 2), '/')) {
      const auto word = CodePoints(cand.substr(0, cand.find(';')));
      if (word.size() != 1 || !IsIdeograph(word[0])) continue;
      candidates[word[0]].push_back(head[0]);
    }
  }
  for (const auto& [variant, standards] : candidates) {
    // The dictionary also lists look-alikes that are separate name characters (広 /弘/宏/,
    // 崎 /埼/): IsStandard() in Add() keeps those out. A variant listed under several heads
    // goes to a 常用 head if there is one.
    uint32_t best = 0;
    for (uint32_t s : standards) {
      if (t->joyo.count(s) != 0) {
        best = s;
        break;
      }
    }
    if (best == 0) best = standards.front();
    t->Add(variant, best, kSkkItaiji);
  }
}

// Unihan "kZVariant" etc.: "U+5861\tU+586B" rows; keeps pairs towards a standard character.
void AddUnihanField(const std::multimap<std::string, std::string>& rows, const std::string& field,
                    int source, bool single_target_only, Tables* t) {
  auto [lo, hi] = rows.equal_range(field);
  for (auto it = lo; it != hi; ++it) {
    auto f = Split(it->second, '\t');
    const uint32_t from = ParseCodePoint(f[0]);
    std::vector<uint32_t> targets;
    for (const auto& v : Split(f[1], ' ')) {
      const uint32_t to = ParseCodePoint(v.substr(0, v.find('<')));
      if (to != 0 && t->IsStandard(to) &&
          std::find(targets.begin(), targets.end(), to) == targets.end()) {
        targets.push_back(to);
      }
    }
    if (targets.empty() || (single_target_only && targets.size() != 1)) continue;
    t->Add(from, targets.front(), source);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) Die("usage: gen_variants UNIHAN_DIR SKK_ITAIJI OUT.inc");
  const std::string unihan_dir = argv[1];
  Tables t;
  std::vector<std::pair<uint32_t, uint32_t>> jinmei_pairs;
  ReadOtherMappings(ReadBzip2(unihan_dir + "/Unihan_OtherMappings.txt.bz2"), &t, &jinmei_pairs);
  if (t.joyo.size() < 2000 || jinmei_pairs.size() < 200) Die("Unihan_OtherMappings looks wrong");
  std::multimap<std::string, std::string> variant_rows;
  ReadVariants(ReadBzip2(unihan_dir + "/Unihan_Variants.txt.bz2"), &variant_rows);

  for (auto [from, to] : jinmei_pairs) t.Add(from, to, kJinmeiyo);
  ReadSkkItaiji(ReadEucJp(argv[2]), &t);
  AddUnihanField(variant_rows, "kZVariant", kZVariant, false, &t);
  AddUnihanField(variant_rows, "kSemanticVariant", kSemantic, true, &t);
  // The project's own list: 斉 (齊) and 斎 (齋) are different characters, but in surnames
  // (斉藤/斎藤, both さいとう) they are written interchangeably on forms, so names fold them
  // together. 﨑 (U+FA11) is a compatibility-block ideograph that NFKC keeps and that the lists
  // above give several targets; 𠮷 (U+20BB7) is only a kSpoofingVariant of 吉 in Unihan, a field
  // that otherwise pairs distinct look-alikes (杮/柿) and so is not read.
  t.fold[0x6589] = {0x658E, kProject};                                           // 斉 → 斎
  t.fold.emplace(0xFA11, std::make_pair(0x5D0EU, static_cast<int>(kProject)));   // 﨑 → 崎
  t.fold.emplace(0x20BB7, std::make_pair(0x5409U, static_cast<int>(kProject)));  // 𠮷 → 吉

  // Resolve chains (齊 → 斉 → 斎) so one lookup is enough at run time.
  for (auto& [from, target] : t.fold) {
    uint32_t to = target.first;
    for (int hops = 0; hops < 8; ++hops) {
      auto next = t.fold.find(to);
      if (next == t.fold.end() || next->second.first == from) break;
      to = next->second.first;
    }
    target.first = to;
  }

  std::ofstream out(argv[3]);
  if (!out) Die(std::string("cannot write ") + argv[3]);
  int counts[6] = {};
  for (const auto& [from, target] : t.fold) ++counts[target.second];
  out << "// Generated by tools/variants/gen_variants.cc from Debian unicode-data (Unihan) and\n"
      << "// skkdic-extra (SKK-JISYO.itaiji, public domain). Do not edit; do not commit.\n"
      << "// pairs: " << t.fold.size() << " (jinmeiyo " << counts[kJinmeiyo] << ", skk "
      << counts[kSkkItaiji] << ", z " << counts[kZVariant] << ", semantic " << counts[kSemantic]
      << ", project " << counts[kProject] << ")\n";
  char buf[96];
  for (const auto& [from, target] : t.fold) {
    std::snprintf(buf, sizeof buf, "{0x%05X, 0x%05X, %s},\n", from, target.first,
                  SourceName(target.second));
    out << buf;
  }
  return out ? 0 : 1;
}
