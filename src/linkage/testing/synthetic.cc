// Synthetic population for linkage tests. All people are invented: names are common surnames and
// given names combined at random; addresses are real municipalities with random lot numbers.
#include "linkage/testing/synthetic.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/address.h"
#include "text/japanese.h"

namespace ganreg::linkage::testing {
namespace {

struct Name {
  const char* kanji;
  const char* kana;
  const char* variant;  // another spelling of the kanji that the same person may be given
};

// Roughly by frequency, so that the Zipf weights give realistic namesakes.
constexpr Name kFamilies[] = {
    {"佐藤", "サトウ", nullptr},     {"鈴木", "スズキ", nullptr},
    {"高橋", "タカハシ", "髙橋"},    {"田中", "タナカ", nullptr},
    {"伊藤", "イトウ", nullptr},     {"渡辺", "ワタナベ", "渡邊"},
    {"山本", "ヤマモト", nullptr},   {"中村", "ナカムラ", nullptr},
    {"小林", "コバヤシ", nullptr},   {"加藤", "カトウ", nullptr},
    {"吉田", "ヨシダ", "𠮷田"},      {"山田", "ヤマダ", nullptr},
    {"佐々木", "ササキ", "佐佐木"},  {"山口", "ヤマグチ", nullptr},
    {"松本", "マツモト", nullptr},   {"井上", "イノウエ", nullptr},
    {"木村", "キムラ", nullptr},     {"林", "ハヤシ", nullptr},
    {"斎藤", "サイトウ", "齋藤"},    {"清水", "シミズ", nullptr},
    {"山崎", "ヤマザキ", "山﨑"},    {"森", "モリ", nullptr},
    {"池田", "イケダ", nullptr},     {"橋本", "ハシモト", nullptr},
    {"阿部", "アベ", nullptr},       {"石川", "イシカワ", nullptr},
    {"山下", "ヤマシタ", nullptr},   {"中島", "ナカジマ", "中嶋"},
    {"石井", "イシイ", nullptr},     {"小川", "オガワ", nullptr},
    {"前田", "マエダ", nullptr},     {"岡田", "オカダ", nullptr},
    {"長谷川", "ハセガワ", nullptr}, {"藤田", "フジタ", nullptr},
    {"後藤", "ゴトウ", nullptr},     {"近藤", "コンドウ", nullptr},
    {"村上", "ムラカミ", nullptr},   {"遠藤", "エンドウ", nullptr},
    {"青木", "アオキ", nullptr},     {"坂本", "サカモト", nullptr},
    {"斉藤", "サイトウ", "齊藤"},    {"福田", "フクダ", nullptr},
    {"太田", "オオタ", nullptr},     {"西村", "ニシムラ", nullptr},
    {"藤井", "フジイ", nullptr},     {"金子", "カネコ", nullptr},
    {"岡本", "オカモト", nullptr},   {"藤原", "フジワラ", nullptr},
    {"中野", "ナカノ", nullptr},     {"三浦", "ミウラ", nullptr},
    {"原田", "ハラダ", nullptr},     {"中川", "ナカガワ", nullptr},
    {"松田", "マツダ", nullptr},     {"竹内", "タケウチ", nullptr},
    {"小野", "オノ", nullptr},       {"田村", "タムラ", nullptr},
    {"中山", "ナカヤマ", nullptr},   {"和田", "ワダ", nullptr},
    {"石田", "イシダ", nullptr},     {"森田", "モリタ", nullptr},
    {"上田", "ウエダ", nullptr},     {"原", "ハラ", nullptr},
    {"柴田", "シバタ", nullptr},     {"酒井", "サカイ", nullptr},
    {"工藤", "クドウ", nullptr},     {"横山", "ヨコヤマ", nullptr},
    {"宮崎", "ミヤザキ", "宮﨑"},    {"宮本", "ミヤモト", nullptr},
    {"内田", "ウチダ", nullptr},     {"高木", "タカギ", "髙木"},
    {"安藤", "アンドウ", nullptr},   {"島田", "シマダ", "嶋田"},
    {"谷口", "タニグチ", nullptr},   {"大野", "オオノ", nullptr},
    {"丸山", "マルヤマ", nullptr},   {"今井", "イマイ", nullptr},
    {"河野", "コウノ", nullptr},     {"藤本", "フジモト", nullptr},
    {"村田", "ムラタ", nullptr},     {"武田", "タケダ", nullptr},
    {"上野", "ウエノ", nullptr},     {"杉山", "スギヤマ", nullptr},
    {"増田", "マスダ", nullptr},     {"小山", "コヤマ", nullptr},
    {"大塚", "オオツカ", nullptr},   {"平野", "ヒラノ", nullptr},
    {"菅原", "スガワラ", nullptr},   {"沢田", "サワダ", "澤田"},
    {"広瀬", "ヒロセ", "廣瀬"},      {"浜田", "ハマダ", "濱田"},
    {"桜井", "サクライ", "櫻井"},    {"国分", "コクブン", "國分"},
    {"辺見", "ヘンミ", "邊見"},      {"勅使河原", "テシガワラ", nullptr},
    {"五十嵐", "イガラシ", nullptr}, {"東海林", "ショウジ", nullptr},
};

constexpr Name kMale[] = {
    {"太郎", "タロウ", nullptr},     {"一郎", "イチロウ", nullptr},  {"健", "ケン", nullptr},
    {"誠", "マコト", nullptr},       {"浩", "ヒロシ", nullptr},      {"博", "ヒロシ", nullptr},
    {"隆", "タカシ", nullptr},       {"清", "キヨシ", nullptr},      {"茂", "シゲル", nullptr},
    {"修", "オサム", nullptr},       {"勇", "イサム", nullptr},      {"実", "ミノル", "實"},
    {"正", "タダシ", nullptr},       {"明", "アキラ", nullptr},      {"進", "ススム", nullptr},
    {"豊", "ユタカ", nullptr},       {"功", "イサオ", nullptr},      {"和夫", "カズオ", nullptr},
    {"武", "タケシ", nullptr},       {"龍一", "リュウイチ", "竜一"}, {"正雄", "マサオ", nullptr},
    {"昭", "アキラ", nullptr},       {"弘", "ヒロシ", nullptr},      {"宏", "ヒロシ", nullptr},
    {"大輔", "ダイスケ", nullptr},   {"翔太", "ショウタ", nullptr},  {"健一", "ケンイチ", nullptr},
    {"修一", "シュウイチ", nullptr}, {"秀樹", "ヒデキ", nullptr},    {"勝", "マサル", nullptr},
};

constexpr Name kFemale[] = {
    {"花子", "ハナコ", nullptr},   {"幸子", "サチコ", nullptr},   {"和子", "カズコ", nullptr},
    {"洋子", "ヨウコ", nullptr},   {"恵子", "ケイコ", "惠子"},    {"京子", "キョウコ", nullptr},
    {"節子", "セツコ", nullptr},   {"裕子", "ユウコ", nullptr},   {"真理", "マリ", "眞理"},
    {"美智子", "ミチコ", nullptr}, {"久美子", "クミコ", nullptr}, {"典子", "ノリコ", nullptr},
    {"明美", "アケミ", nullptr},   {"由美子", "ユミコ", nullptr}, {"順子", "ジュンコ", nullptr},
    {"悦子", "エツコ", nullptr},   {"直子", "ナオコ", nullptr},   {"智子", "トモコ", nullptr},
    {"陽子", "ヨウコ", nullptr},   {"千代", "チヨ", nullptr},     {"静香", "シズカ", "靜香"},
    {"優子", "ユウコ", nullptr},   {"桜", "サクラ", "櫻"},        {"愛", "アイ", nullptr},
    {"富子", "トミコ", "冨子"},    {"浩子", "ヒロコ", nullptr},   {"広美", "ヒロミ", "廣美"},
    {"さくら", "サクラ", nullptr}, {"恵美", "エミ", "惠美"},      {"香織", "カオリ", nullptr},
};

struct Place {
  int prefecture;
  const char* municipality;
  std::array<const char*, 4> towns;
};

constexpr Place kPlaces[] = {
    {13, "千代田区", {"霞が関", "丸の内", "神田駿河台", "麹町"}},
    {13, "新宿区", {"市谷本村町", "西新宿", "四谷", "高田馬場"}},
    {13, "世田谷区", {"三軒茶屋", "桜新町", "成城", "北沢"}},
    {13, "八王子市", {"元本郷町", "旭町", "大和田町", "長房町"}},
    {13, "町田市", {"森野", "原町田", "中町", "玉川学園"}},
    {14, "横浜市港北区", {"日吉本町", "大倉山", "綱島西", "新横浜"}},
    {14, "川崎市中原区", {"小杉町", "木月", "上丸子", "今井南町"}},
    {14, "藤沢市", {"鵠沼海岸", "辻堂", "湘南台", "片瀬"}},
    {27, "大阪市北区", {"梅田", "中之島", "天神橋", "曽根崎"}},
    {27, "堺市堺区", {"南瓦町", "大浜北町", "中三国ヶ丘町", "榎元町"}},
    {27, "豊中市", {"中桜塚", "岡町", "服部元町", "庄内東町"}},
    {1, "札幌市中央区", {"北一条西", "南三条西", "大通西", "宮の森"}},
    {42, "長崎市", {"茂里町", "桜町", "浜口町", "大浦町"}},
    {23, "愛知郡東郷町", {"春木", "和合", "白鳥", "諸輪"}},
};

constexpr const char* kKanjiDigits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

std::string KanjiNumber(int n) {
  // Small numbers as written in addresses: 十, 二十三, 百五.
  if (n <= 0) return kKanjiDigits[0];
  std::string out;
  const int hundreds = n / 100;
  const int tens = n / 10 % 10;
  const int ones = n % 10;
  if (hundreds > 0) out += std::string(hundreds > 1 ? kKanjiDigits[hundreds] : "") + "百";
  if (tens > 0) out += std::string(tens > 1 ? kKanjiDigits[tens] : "") + "十";
  if (ones > 0) out += kKanjiDigits[ones];
  return out;
}

std::string FullWidthDigits(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out.push_back(static_cast<char>(0x90 + (c - '0')));  // U+FF10..FF19
    } else if (c == '-') {
      out += "－";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

struct Person {
  int family;
  int given;
  bool female;
  int32_t birth;
  int place;
  int town;
  int chome, ban, go;
  bool given_variant;  // the person's own spelling uses the variant form
};

class Generator {
 public:
  explicit Generator(const SyntheticOptions& o) : o_(o), rng_(o.seed) {}

  double U() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(double p) { return U() < p * o_.corruption; }

  // Zipf-like rank: rank k with weight 1/(k+1).
  int Zipf(int n) {
    std::vector<double>& cumulative = zipf_[n];
    if (cumulative.empty()) {
      double total = 0;
      for (int k = 0; k < n; ++k) cumulative.push_back(total += 1.0 / (k + 1));
    }
    const double x = U() * cumulative.back();
    const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), x);
    return std::min(n - 1, static_cast<int>(it - cumulative.begin()));
  }

  int32_t RandomDate() {
    const int year = 1925 + Pick(76);
    const int month = 1 + Pick(12);
    const int day = 1 + Pick(28);
    return year * 10000 + month * 100 + day;
  }

  Person NewPerson() {
    Person p;
    p.family = Zipf(static_cast<int>(std::size(kFamilies)));
    p.female = U() < 0.5;
    p.given =
        Zipf(p.female ? static_cast<int>(std::size(kFemale)) : static_cast<int>(std::size(kMale)));
    p.birth = RandomDate();
    p.place = Pick(static_cast<int>(std::size(kPlaces)));
    p.town = Pick(4);
    p.chome = 1 + Pick(5);
    p.ban = 1 + Pick(30);
    p.go = 1 + Pick(20);
    p.given_variant = false;
    return p;
  }

  const Name& Given(const Person& p) const { return p.female ? kFemale[p.given] : kMale[p.given]; }

  // One notification of `p`, corrupted unless `clean`.
  PersonInput Render(const Person& p, bool clean, uint32_t* flags) {
    PersonInput in;
    *flags = clean ? uint32_t{kClean} : 0u;
    const Name& fam = kFamilies[p.family];
    const Name& giv = Given(p);
    std::string family = fam.kanji;
    std::string given = giv.kanji;
    std::string family_kana = fam.kana;
    std::string given_kana = giv.kana;
    if (!clean) {
      if (fam.variant != nullptr && Chance(0.25)) {
        family = fam.variant;
        *flags |= kFamilyVariant;
      }
      if (giv.variant != nullptr && Chance(0.15)) {
        given = giv.variant;
        *flags |= kGivenVariant;
      }
      if (Chance(0.04)) {
        family_kana = Typo(family_kana);
        *flags |= kFamilyKanaTypo;
      }
      if (Chance(0.04)) {
        given_kana = Typo(given_kana);
        *flags |= kGivenKanaTypo;
      }
      if (Chance(0.05)) {
        family_kana = LongVowel(family_kana);
        *flags |= kLongVowel;
      }
    }
    const char* space = clean || U() < 0.6 ? " " : "　";
    const bool no_space = !clean && Chance(0.03);
    in.name = no_space ? family + given : family + space + given;
    if (no_space) *flags |= kNoSpace;
    std::string kana = family_kana + space + given_kana;
    if (!clean && Chance(0.05)) {  // reading missing
      kana.clear();
      *flags |= kKanaMissing;
    }
    if (!clean && Chance(0.08)) {
      kana = ToHiragana(kana);
      *flags |= kHiragana;
    }
    in.kana_name = kana;
    const bool sex_unknown = !clean && Chance(0.02);
    in.sex = sex_unknown ? "9" : (p.female ? "2" : "1");
    if (sex_unknown) *flags |= kSexUnknown;

    int32_t birth = p.birth;
    if (!clean) {
      if (Chance(0.03)) {
        birth = DigitTypo(birth);
        if (birth != p.birth) *flags |= kDateTypo;
      } else if (Chance(0.015) && birth % 100 <= 12 && birth / 100 % 100 != birth % 100) {
        birth = birth / 10000 * 10000 + (birth % 100) * 100 + birth / 100 % 100;
        *flags |= kDateSwap;
      } else if (Chance(0.01)) {
        birth = EraError(birth);
        if (birth != p.birth) *flags |= kDateEra;
      }
    }
    const double form = U();
    if (form < 0.6) {
      in.birth_date = std::to_string(birth);
    } else if (form < 0.8) {
      in.birth_date = text::FormatEraDate(birth);
      if (in.birth_date.empty()) in.birth_date = std::to_string(birth);
    } else {
      in.birth_date = EraShort(birth);
    }

    int place = p.place;
    int town = p.town;
    int chome = p.chome;
    int ban = p.ban;
    int go = p.go;
    if (!clean && Chance(0.04)) {  // moved
      place = Pick(static_cast<int>(std::size(kPlaces)));
      town = Pick(4);
      ban = 1 + Pick(30);
      *flags |= kMoved;
    }
    in.prefecture_code = kPlaces[place].prefecture;
    in.address = RenderAddress(kPlaces[place], town, chome, ban, go, clean ? 0 : Pick(5));
    return in;
  }

  std::string RenderAddress(const Place& pl, int town, int chome, int ban, int go, int style) {
    std::string pref(text::PrefectureName(pl.prefecture));
    std::string base = pref + pl.municipality + pl.towns[static_cast<size_t>(town)];
    const std::string c = std::to_string(chome);
    const std::string b = std::to_string(ban);
    const std::string g = std::to_string(go);
    switch (style) {
      case 1:
        return base + KanjiNumber(chome) + "丁目" + b + "番" + g + "号";
      case 2:
        return FullWidthDigits(base + c + "-" + b + "-" + g);
      case 3:
        return std::string(pl.municipality) + pl.towns[static_cast<size_t>(town)] + c + "丁目" + b +
               "番地" + g;
      case 4:
        return base + " " + c + "ｰ" + b + "ｰ" + g;
      default:
        return base + c + "-" + b + "-" + g;
    }
  }

  // Replaces or deletes one kana.
  std::string Typo(const std::string& kana) {
    std::u32string s;
    text::FoldTo(kana, 0, &s);
    if (s.size() < 2) return kana;
    const size_t at = static_cast<size_t>(1 + Pick(static_cast<int>(s.size()) - 1));
    static constexpr char32_t kSwaps[] = {U'シ', U'ジ', U'ヨ', U'ョ', U'ツ', U'ッ', U'カ', U'ガ',
                                          U'タ', U'ダ', U'ハ', U'バ', U'キ', U'ギ', U'ウ', U'ー'};
    if (U() < 0.3) {
      s.erase(at, 1);
    } else {
      s[at] = kSwaps[Pick(static_cast<int>(std::size(kSwaps)))];
    }
    return text::ToUtf8(s);
  }

  // ウ → ー (サトウ → サトー): a spelling variant the reading fold absorbs.
  static std::string LongVowel(const std::string& kana) {
    const std::string u = "ウ";
    const auto at = kana.rfind(u);
    if (at == std::string::npos || at == 0) return kana;
    return kana.substr(0, at) + "ー" + kana.substr(at + u.size());
  }

  static std::string ToHiragana(const std::string& kana) {
    std::u32string s;
    text::FoldTo(kana, 0, &s);
    for (char32_t& c : s) {
      if (c >= 0x30A1 && c <= 0x30F6) c -= 0x60;
    }
    return text::ToUtf8(s);
  }

  int32_t DigitTypo(int32_t date) {
    for (int attempt = 0; attempt < 20; ++attempt) {
      std::string s = std::to_string(date);
      const size_t at = static_cast<size_t>(2 + Pick(6));
      s[at] = static_cast<char>('0' + Pick(10));
      const int32_t d = std::stoi(s);
      if (d != date && text::IsValidDate(d)) return d;
    }
    return date;
  }

  int32_t EraError(int32_t date) {
    // Written in the right era numbers but converted with the neighbouring era.
    const auto era = text::EraOf(date);
    if (!era) return date;
    const auto eras = text::Eras();
    const size_t k = static_cast<size_t>(*era);
    const int gap = k + 1 < eras.size() ? eras[k + 1].year_offset - eras[k].year_offset
                                        : eras[k - 1].year_offset - eras[k].year_offset;
    const int32_t d = date + gap * 10000;
    return text::IsValidDate(d) ? d : date;
  }

  std::string EraShort(int32_t date) {
    const auto era = text::EraOf(date);
    if (!era) return std::to_string(date);
    const auto& info = text::Eras()[static_cast<size_t>(*era)];
    return std::string(1, info.letter) + std::to_string(date / 10000 - info.year_offset) + "." +
           std::to_string(date / 100 % 100) + "." + std::to_string(date % 100);
  }

  SyntheticData Make() {
    SyntheticData out;
    std::vector<Person> persons;
    persons.reserve(o_.persons);
    out.twin_of.assign(o_.persons, UINT32_MAX);
    for (uint32_t i = 0; i < o_.persons; ++i) {
      if (!persons.empty() && U() < o_.twin_share) {
        out.twin_of[i] = i - 1;
        if (out.twin_of[i - 1] == UINT32_MAX) out.twin_of[i - 1] = i;
        Person twin = persons.back();
        const Person other = NewPerson();
        twin.female = other.female;
        twin.given = other.given;
        if (twin.female == persons.back().female && twin.given == persons.back().given) {
          twin.given = (twin.given + 1) %
                       static_cast<int>(twin.female ? std::size(kFemale) : std::size(kMale));
        }
        persons.push_back(twin);
      } else {
        persons.push_back(NewPerson());
      }
    }
    for (uint32_t id = 0; id < persons.size(); ++id) {
      const Person& p = persons[id];
      int copies = 1;
      if (U() < o_.duplicate_share) copies += 1 + Pick(o_.max_extra_records);
      // Married: the later notifications carry a new surname.
      int married_family = -1;
      if (p.female && Chance(0.04)) married_family = Zipf(static_cast<int>(std::size(kFamilies)));
      for (int k = 0; k < copies; ++k) {
        Person q = p;
        const bool married = married_family >= 0 && k > 0 && U() < 0.7;
        if (married) q.family = married_family;
        uint32_t flags = 0;
        PersonInput in = Render(q, k == 0 && U() < 0.5, &flags);
        if (married) flags |= kMarried;
        in.source_id = static_cast<int64_t>(out.records.size()) + 1;
        out.records.push_back(std::move(in));
        out.person_of.push_back(id);
        out.corruption.push_back(flags);
      }
    }
    // Shuffle so that duplicates are not neighbours.
    std::vector<size_t> order(out.records.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng_);
    SyntheticData shuffled;
    shuffled.records.reserve(order.size());
    shuffled.person_of.reserve(order.size());
    shuffled.corruption.reserve(order.size());
    for (size_t i : order) {
      shuffled.records.push_back(std::move(out.records[i]));
      shuffled.person_of.push_back(out.person_of[i]);
      shuffled.corruption.push_back(out.corruption[i]);
    }
    shuffled.twin_of = std::move(out.twin_of);
    return shuffled;
  }

 private:
  SyntheticOptions o_;
  std::mt19937_64 rng_;
  std::unordered_map<int, std::vector<double>> zipf_;
};

}  // namespace

SyntheticData MakePopulation(const SyntheticOptions& options) { return Generator(options).Make(); }

PairwiseQuality EvaluateClusters(const std::vector<uint32_t>& truth,
                                 const std::vector<uint32_t>& predicted) {
  PairwiseQuality q;
  std::unordered_map<uint64_t, uint64_t> cell;
  std::unordered_map<uint32_t, uint64_t> true_size;
  std::unordered_map<uint32_t, uint64_t> predicted_size;
  for (size_t i = 0; i < truth.size() && i < predicted.size(); ++i) {
    ++cell[uint64_t{truth[i]} << 32 | predicted[i]];
    ++true_size[truth[i]];
    ++predicted_size[predicted[i]];
  }
  for (const auto& [k, n] : cell) q.correct_pairs += n * (n - 1) / 2;
  for (const auto& [k, n] : true_size) q.true_pairs += n * (n - 1) / 2;
  for (const auto& [k, n] : predicted_size) q.predicted_pairs += n * (n - 1) / 2;
  q.precision =
      q.predicted_pairs == 0 ? 1.0 : static_cast<double>(q.correct_pairs) / q.predicted_pairs;
  q.recall = q.true_pairs == 0 ? 1.0 : static_cast<double>(q.correct_pairs) / q.true_pairs;
  q.f1 = q.precision + q.recall == 0 ? 0.0 : 2 * q.precision * q.recall / (q.precision + q.recall);
  return q;
}

}  // namespace ganreg::linkage::testing
