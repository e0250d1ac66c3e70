// Site table and clinical-item generation of the synthetic generator. Codes (ICD-O-3 topography
// and morphology numbers) are facts; no WHO term text is kept. Weights are rough shares of
// Japanese cancer incidence by sex, enough for realistic-looking files, not for epidemiology.
#include "synth/clinical.h"

#include <array>
#include <iterator>
#include <span>

namespace ganreg::synth::internal {

namespace {

enum class Lat { kNone, kPaired, kRight };  // kRight: a site only the right side has (C34.2)

struct Site {
  std::string_view code;
  uint32_t weight;
  Lat lat = Lat::kNone;
};

struct Morph {
  uint16_t cell;            // 4-digit ICD-O-3 cell type
  char behaviour;           // '0'..'3'
  std::string_view grades;  // grade digits, one is drawn uniformly (repeat a digit to weight it)
  uint32_t weight;
};

// Percentages for an early extent (400/410/420) at [0] and an advanced one (430/440/499/777)
// at [1]. One local treatment is drawn (endoscopic, else scopic, else open surgery, else none);
// the other modalities are independent.
struct TxProfile {
  uint8_t endoscopic[2];
  uint8_t scopic[2];
  uint8_t surgery[2];
  uint8_t radiotherapy[2];
  uint8_t chemotherapy[2];
  uint8_t endocrine[2];
  uint8_t other[2];
};

enum class Kind {
  kSolid,      // extents 400–499
  kCnsBenign,  // behaviour 0/1 allowed (X4: C70–C72, C75.1–C75.3)
  kLymphoma,
  kMarrow,  // leukaemia/myeloma on C42.1: extent before 777 (X5), after 777 (R1/R2)
};

// Extent before treatment, weights for 410, 420, 430, 440, 499.
using StageWeights = std::array<uint32_t, 5>;
constexpr StageWeights kStageDefault = {45, 22, 8, 18, 7};
constexpr StageWeights kStageLocal = {65, 10, 5, 10, 10};
constexpr StageWeights kStageAdvanced = {22, 25, 15, 33, 5};
constexpr StageWeights kStageBreast = {55, 30, 3, 6, 6};
constexpr StageWeights kStageCns = {80, 0, 10, 3, 7};
constexpr StageWeights kStageLymphoma = {30, 25, 0, 35, 10};
constexpr std::string_view kStageCodes[] = {"410", "420", "430", "440", "499"};

//                                    endo     scopic   surgery  radio    chemo    endocr   other
constexpr TxProfile kTxGi{{35, 2}, {30, 15}, {25, 35}, {2, 10}, {10, 60}, {0, 0}, {1, 5}};
constexpr TxProfile kTxEsophagus{{40, 2}, {15, 10}, {25, 20}, {15, 50}, {20, 70}, {0, 0}, {1, 3}};
constexpr TxProfile kTxLung{{0, 0}, {60, 5}, {15, 5}, {5, 35}, {15, 75}, {0, 0}, {1, 3}};
constexpr TxProfile kTxBreast{{0, 0}, {2, 0}, {90, 40}, {55, 40}, {30, 70}, {70, 60}, {2, 5}};
constexpr TxProfile kTxProstate{{0, 0}, {30, 2}, {10, 2}, {30, 25}, {2, 25}, {30, 90}, {5, 3}};
constexpr TxProfile kTxLiver{{0, 0}, {10, 0}, {30, 5}, {2, 10}, {5, 40}, {0, 0}, {50, 50}};
constexpr TxProfile kTxPancreas{{0, 0}, {5, 0}, {40, 5}, {5, 10}, {50, 85}, {0, 0}, {2, 5}};
constexpr TxProfile kTxBladder{{85, 40}, {0, 0}, {5, 25}, {2, 10}, {15, 50}, {0, 0}, {20, 10}};
constexpr TxProfile kTxKidney{{0, 0}, {40, 5}, {45, 30}, {0, 10}, {5, 60}, {0, 0}, {2, 10}};
constexpr TxProfile kTxGyn{{0, 0}, {10, 2}, {80, 50}, {15, 40}, {30, 70}, {2, 5}, {1, 3}};
constexpr TxProfile kTxHeadNeck{{0, 0}, {5, 0}, {60, 40}, {40, 70}, {20, 60}, {0, 0}, {1, 3}};
constexpr TxProfile kTxThyroid{{0, 0}, {5, 0}, {90, 80}, {5, 30}, {0, 10}, {30, 40}, {1, 3}};
constexpr TxProfile kTxSkin{{0, 0}, {0, 0}, {95, 50}, {2, 20}, {1, 30}, {0, 0}, {1, 5}};
constexpr TxProfile kTxCns{{0, 0}, {2, 0}, {70, 50}, {40, 60}, {30, 50}, {0, 0}, {2, 5}};
constexpr TxProfile kTxCnsBenign{{0, 0}, {10, 10}, {60, 60}, {10, 10}, {0, 0}, {5, 5}, {10, 10}};
constexpr TxProfile kTxLymphoma{{0, 0}, {0, 0}, {0, 0}, {20, 15}, {85, 90}, {0, 0}, {10, 10}};
constexpr TxProfile kTxMarrow{{0, 0}, {0, 0}, {0, 0}, {2, 2}, {90, 90}, {0, 0}, {20, 20}};
constexpr TxProfile kTxGeneric{{0, 0}, {10, 2}, {60, 20}, {10, 30}, {20, 60}, {0, 0}, {2, 5}};

// Morphologies that may be coded without histology (X3); basis 4/5/6/9 draws only from these.
constexpr Morph kClinGeneric[] = {{8000, '3', "9", 1}};

// ---- sites and morphologies per group ----

constexpr Site kHeadNeckSites[] = {{"C02.1", 15}, {"C02.9", 5}, {"C03.0", 3},
                                   {"C03.1", 3},  {"C04.9", 4}, {"C06.9", 5},
                                   {"C10.9", 8},  {"C11.9", 6}, {"C13.9", 10}};
constexpr Morph kHeadNeckMorphs[] = {
    {8070, '3', "1239", 80}, {8071, '3', "129", 10}, {8140, '3', "239", 5}, {8200, '3', "9", 5}};
constexpr Morph kSquamousInSitu[] = {{8070, '2', "9", 1}};

constexpr Site kEsophagusSites[] = {{"C15.3", 10}, {"C15.4", 45}, {"C15.5", 30}, {"C15.9", 15}};
constexpr Morph kEsophagusMorphs[] = {
    {8070, '3', "12239", 85}, {8140, '3', "239", 8}, {8071, '3', "129", 7}};

constexpr Site kStomachSites[] = {{"C16.0", 10}, {"C16.1", 3}, {"C16.2", 25}, {"C16.3", 25},
                                  {"C16.4", 3},  {"C16.5", 8}, {"C16.6", 5},  {"C16.9", 21}};
constexpr Morph kStomachMorphs[] = {
    {8140, '3', "12239", 35}, {8144, '3', "129", 10}, {8145, '3', "39", 8}, {8211, '3', "1229", 30},
    {8490, '3', "39", 10},    {8480, '3', "29", 3},   {8936, '3', "9", 4}};
constexpr Morph kAdenoInSitu[] = {{8140, '2', "9", 1}};

constexpr Site kColonSites[] = {{"C18.0", 8}, {"C18.1", 1},  {"C18.2", 10},
                                {"C18.3", 4}, {"C18.4", 14}, {"C18.5", 3},
                                {"C18.6", 5}, {"C18.7", 45}, {"C18.9", 10}};
constexpr Site kRectumSites[] = {{"C19.9", 25}, {"C20.9", 75}};
constexpr Morph kColorectalMorphs[] = {
    {8140, '3', "12239", 45}, {8211, '3', "1229", 30}, {8480, '3', "29", 6}, {8210, '3', "129", 8},
    {8263, '3', "129", 5},    {8490, '3', "39", 2},    {8240, '3', "9", 4}};
constexpr Morph kColorectalInSitu[] = {
    {8140, '2', "9", 50}, {8210, '2', "9", 30}, {8263, '2', "9", 20}};

constexpr Site kLiverSites[] = {{"C22.0", 1}};
constexpr Morph kLiverMorphs[] = {{8170, '3', "12239", 95}, {8180, '3', "9", 5}};
constexpr Morph kLiverClin[] = {{8170, '3', "9", 80}, {8000, '3', "9", 20}};

constexpr Site kBileDuctIntraSites[] = {{"C22.1", 1}};
constexpr Morph kCholangioMorphs[] = {{8160, '3', "1239", 1}};

constexpr Site kBiliarySites[] = {{"C23.9", 40}, {"C24.0", 45}, {"C24.1", 15}};
constexpr Morph kBiliaryMorphs[] = {
    {8140, '3', "12239", 80}, {8160, '3', "239", 15}, {8560, '3', "9", 5}};

constexpr Site kPancreasSites[] = {
    {"C25.0", 50}, {"C25.1", 20}, {"C25.2", 15}, {"C25.3", 3}, {"C25.9", 12}};
constexpr Morph kPancreasMorphs[] = {
    {8500, '3', "1239", 65}, {8140, '3', "239", 25}, {8453, '3', "9", 5}, {8150, '3', "9", 5}};
constexpr Morph kPancreasInSitu[] = {{8453, '2', "9", 1}};

constexpr Site kLarynxSites[] = {{"C32.0", 60}, {"C32.1", 25}, {"C32.9", 15}};
constexpr Morph kLarynxMorphs[] = {{8070, '3', "1239", 95}, {8071, '3', "129", 5}};

constexpr Site kLungSites[] = {{"C34.0", 5, Lat::kPaired},
                               {"C34.1", 45, Lat::kPaired},
                               {"C34.2", 5, Lat::kRight},  // the middle lobe is right only
                               {"C34.3", 35, Lat::kPaired},
                               {"C34.9", 10, Lat::kPaired}};
constexpr Morph kLungMorphs[] = {
    {8140, '3', "1239", 50}, {8070, '3', "239", 22}, {8041, '3', "49", 12}, {8012, '3', "49", 3},
    {8046, '3', "9", 5},     {8250, '3', "19", 5},   {8560, '3', "39", 3}};
constexpr Morph kLungInSitu[] = {{8250, '2', "9", 1}};

constexpr Site kSkinSites[] = {{"C44.2", 5, Lat::kPaired},
                               {"C44.3", 50},
                               {"C44.4", 10},
                               {"C44.5", 10},
                               {"C44.6", 10, Lat::kPaired},
                               {"C44.7", 15, Lat::kPaired}};
constexpr Morph kSkinMorphs[] = {{8090, '3', "9", 45},
                                 {8070, '3', "129", 35},
                                 {8720, '3', "9", 12},
                                 {8542, '3', "9", 5},
                                 {8247, '3', "9", 3}};
constexpr Morph kSkinInSitu[] = {{8081, '2', "9", 70}, {8720, '2', "9", 30}};

constexpr Site kBreastSites[] = {
    {"C50.0", 2, Lat::kPaired}, {"C50.1", 5, Lat::kPaired},  {"C50.2", 18, Lat::kPaired},
    {"C50.3", 5, Lat::kPaired}, {"C50.4", 35, Lat::kPaired}, {"C50.5", 8, Lat::kPaired},
    {"C50.6", 1, Lat::kPaired}, {"C50.8", 10, Lat::kPaired}, {"C50.9", 16, Lat::kPaired}};
constexpr Morph kBreastMorphs[] = {
    {8500, '3', "12239", 75}, {8520, '3', "129", 7}, {8480, '3', "19", 4},
    {8211, '3', "19", 2},     {8522, '3', "129", 3}, {8530, '3', "39", 1},
    {8575, '3', "39", 1},     {8510, '3', "39", 1},  {8541, '3', "29", 1}};
constexpr Morph kBreastInSitu[] = {
    {8500, '2', "1239", 85}, {8520, '2', "9", 10}, {8501, '2', "39", 5}};

constexpr Site kCervixSites[] = {{"C53.0", 30}, {"C53.1", 10}, {"C53.9", 60}};
constexpr Morph kCervixMorphs[] = {
    {8070, '3', "1239", 75}, {8140, '3', "1239", 20}, {8560, '3', "9", 5}};
constexpr Morph kCervixInSitu[] = {{8077, '2', "9", 70}, {8070, '2', "9", 25}, {8140, '2', "9", 5}};

constexpr Site kCorpusSites[] = {{"C54.1", 80}, {"C54.9", 15}, {"C54.2", 5}};
constexpr Morph kCorpusMorphs[] = {{8380, '3', "12239", 80},
                                   {8441, '3', "39", 8},
                                   {8310, '3', "39", 4},
                                   {8950, '3', "9", 4},
                                   {8890, '3', "39", 4}};

constexpr Site kOvarySites[] = {{"C56.9", 1, Lat::kPaired}};
constexpr Morph kOvaryMorphs[] = {{8441, '3', "239", 45},
                                  {8380, '3', "129", 20},
                                  {8310, '3', "39", 20},
                                  {8480, '3', "129", 10},
                                  {8000, '3', "9", 5}};

constexpr Site kProstateSites[] = {{"C61.9", 1}};
constexpr Morph kProstateMorphs[] = {
    {8140, '3', "1223339", 97}, {8500, '3', "39", 2}, {8041, '3', "4", 1}};

constexpr Site kTestisSites[] = {{"C62.9", 90, Lat::kPaired}, {"C62.1", 10, Lat::kPaired}};
constexpr Morph kTestisMorphs[] = {
    {9061, '3', "9", 55}, {9070, '3', "9", 15}, {9085, '3', "9", 25}, {9071, '3', "9", 5}};

constexpr Site kKidneySites[] = {{"C64.9", 1, Lat::kPaired}};
constexpr Morph kKidneyMorphs[] = {
    {8312, '3', "1239", 40}, {8310, '3', "1239", 45}, {8260, '3', "239", 10}, {8317, '3', "9", 5}};

constexpr Site kUpperTractSites[] = {{"C65.9", 50, Lat::kPaired}, {"C66.9", 50, Lat::kPaired}};
constexpr Morph kUrothelialMorphs[] = {{8120, '3', "1239", 90}, {8130, '3', "129", 10}};
constexpr Morph kUrothelialInSitu[] = {{8120, '2', "9", 60}, {8130, '2', "129", 40}};

constexpr Site kBladderSites[] = {
    {"C67.0", 10}, {"C67.2", 30}, {"C67.4", 10}, {"C67.5", 5}, {"C67.9", 45}};
constexpr Morph kBladderMorphs[] = {
    {8120, '3', "1239", 70}, {8130, '3', "1239", 25}, {8070, '3', "39", 3}, {8140, '3', "39", 2}};

constexpr Site kBrainSites[] = {{"C71.0", 10},
                                {"C71.1", 20, Lat::kPaired},
                                {"C71.2", 20, Lat::kPaired},
                                {"C71.3", 10, Lat::kPaired},
                                {"C71.4", 5, Lat::kPaired},
                                {"C71.5", 5},
                                {"C71.6", 5},
                                {"C71.7", 5},
                                {"C71.8", 5},
                                {"C71.9", 15}};
constexpr Morph kBrainMorphs[] = {{9440, '3', "4", 50}, {9400, '3', "239", 20},
                                  {9401, '3', "3", 10}, {9450, '3', "2", 10},
                                  {9451, '3', "3", 5},  {9380, '3', "9", 5}};
constexpr Morph kBrainClin[] = {{9380, '3', "9", 1}};

constexpr Site kMeningesSites[] = {{"C70.0", 90}, {"C70.1", 10}};
constexpr Morph kMeningesMorphs[] = {
    {9530, '0', "9", 85}, {9539, '1', "9", 10}, {9530, '3', "9", 5}};
constexpr Morph kMeningesClin[] = {{9530, '0', "9", 1}};

constexpr Site kPituitarySites[] = {{"C75.1", 1}};
constexpr Morph kPituitaryMorphs[] = {
    {8272, '0', "9", 70}, {8271, '0', "9", 20}, {8140, '0', "9", 10}};
constexpr Morph kPituitaryClin[] = {{8000, '0', "9", 1}};

constexpr Site kThyroidSites[] = {{"C73.9", 1}};
constexpr Morph kThyroidMorphs[] = {{8260, '3', "1119", 88},
                                    {8330, '3', "19", 6},
                                    {8345, '3', "9", 2},
                                    {8020, '3', "4", 2},
                                    {8340, '3', "19", 2}};

constexpr Site kLymphNodeSites[] = {{"C77.0", 25}, {"C77.1", 10}, {"C77.2", 15}, {"C77.3", 10},
                                    {"C77.4", 10}, {"C77.8", 20}, {"C77.9", 10}};
constexpr Morph kLymphomaMorphs[] = {{9680, '3', "6", 55}, {9690, '3', "6", 20},
                                     {9699, '3', "6", 10}, {9673, '3', "6", 5},
                                     {9650, '3', "9", 5},  {9702, '3', "5", 5}};
constexpr Morph kLymphomaClin[] = {{9590, '3', "9", 1}};

constexpr Site kMarrowSites[] = {{"C42.1", 1}};
constexpr Morph kLeukaemiaMorphs[] = {{9861, '3', "9", 45}, {9823, '3', "6", 8},
                                      {9875, '3', "9", 15}, {9811, '3', "6", 12},
                                      {9866, '3', "9", 10}, {9945, '3', "9", 10}};
constexpr Morph kLeukaemiaClin[] = {
    {9800, '3', "9", 20}, {9860, '3', "9", 30}, {9861, '3', "9", 40}, {9863, '3', "9", 10}};
constexpr Morph kMyelomaMorphs[] = {{9732, '3', "9", 1}};

struct SiteGroup {
  std::string_view name;
  uint32_t male_weight;    // per 10,000 male cases
  uint32_t female_weight;  // per 10,000 female cases
  std::span<const Site> sites;
  std::span<const Morph> morphs;    // with histology (basis 1–3)
  std::span<const Morph> in_situ;   // behaviour 2 forms (empty: not generated)
  std::span<const Morph> clinical;  // without histology (basis 4/5/6/9), X3's list only
  const StageWeights* stage;
  const TxProfile* tx;
  uint8_t in_situ_percent;
  uint8_t clinical_percent;
  AgeProfile age;
  Kind kind;
};

constexpr std::span<const Morph> kNone;
using enum AgeProfile;
using enum Kind;

constexpr SiteGroup kGroups[] = {
    {"head_neck", 300, 120, kHeadNeckSites, kHeadNeckMorphs, kSquamousInSitu, kClinGeneric,
     &kStageDefault, &kTxHeadNeck, 4, 3, kOld, kSolid},
    {"esophagus", 400, 100, kEsophagusSites, kEsophagusMorphs, kSquamousInSitu, kClinGeneric,
     &kStageAdvanced, &kTxEsophagus, 6, 4, kOld, kSolid},
    {"stomach", 1400, 800, kStomachSites, kStomachMorphs, kAdenoInSitu, kClinGeneric,
     &kStageDefault, &kTxGi, 5, 3, kOld, kSolid},
    {"colon", 950, 1100, kColonSites, kColorectalMorphs, kColorectalInSitu, kClinGeneric,
     &kStageDefault, &kTxGi, 10, 3, kOld, kSolid},
    {"rectum", 550, 400, kRectumSites, kColorectalMorphs, kColorectalInSitu, kClinGeneric,
     &kStageDefault, &kTxGi, 8, 3, kOld, kSolid},
    {"liver", 350, 200, kLiverSites, kLiverMorphs, kNone, kLiverClin, &kStageDefault, &kTxLiver, 0,
     25, kOld, kSolid},
    {"intrahepatic_bile_duct", 60, 40, kBileDuctIntraSites, kCholangioMorphs, kNone, kClinGeneric,
     &kStageAdvanced, &kTxPancreas, 0, 10, kOld, kSolid},
    {"biliary", 200, 200, kBiliarySites, kBiliaryMorphs, kNone, kClinGeneric, &kStageAdvanced,
     &kTxPancreas, 0, 8, kOld, kSolid},
    {"pancreas", 450, 500, kPancreasSites, kPancreasMorphs, kPancreasInSitu, kClinGeneric,
     &kStageAdvanced, &kTxPancreas, 2, 12, kOld, kSolid},
    {"larynx", 80, 10, kLarynxSites, kLarynxMorphs, kSquamousInSitu, kClinGeneric, &kStageLocal,
     &kTxHeadNeck, 5, 2, kOld, kSolid},
    {"lung", 1500, 1000, kLungSites, kLungMorphs, kLungInSitu, kClinGeneric, &kStageAdvanced,
     &kTxLung, 1, 8, kOld, kSolid},
    {"skin", 150, 150, kSkinSites, kSkinMorphs, kSkinInSitu, kClinGeneric, &kStageLocal, &kTxSkin,
     8, 1, kOld, kSolid},
    {"breast", 10, 2200, kBreastSites, kBreastMorphs, kBreastInSitu, kClinGeneric, &kStageBreast,
     &kTxBreast, 15, 1, kYounger, kSolid},
    {"cervix", 0, 250, kCervixSites, kCervixMorphs, kCervixInSitu, kClinGeneric, &kStageLocal,
     &kTxGyn, 30, 1, kYounger, kSolid},
    {"corpus", 0, 450, kCorpusSites, kCorpusMorphs, kNone, kClinGeneric, &kStageLocal, &kTxGyn, 0,
     1, kOld, kSolid},
    {"ovary", 0, 300, kOvarySites, kOvaryMorphs, kNone, kClinGeneric, &kStageAdvanced, &kTxGyn, 0,
     5, kYounger, kSolid},
    {"prostate", 1650, 0, kProstateSites, kProstateMorphs, kNone, kClinGeneric, &kStageLocal,
     &kTxProstate, 0, 5, kOld, kSolid},
    {"testis", 30, 0, kTestisSites, kTestisMorphs, kNone, kClinGeneric, &kStageLocal, &kTxGeneric,
     0, 1, kYounger, kSolid},
    {"kidney", 300, 150, kKidneySites, kKidneyMorphs, kNone, kClinGeneric, &kStageLocal, &kTxKidney,
     0, 4, kOld, kSolid},
    {"upper_urinary_tract", 100, 50, kUpperTractSites, kUrothelialMorphs, kUrothelialInSitu,
     kClinGeneric, &kStageDefault, &kTxKidney, 3, 3, kOld, kSolid},
    {"bladder", 400, 120, kBladderSites, kBladderMorphs, kUrothelialInSitu, kClinGeneric,
     &kStageLocal, &kTxBladder, 12, 2, kOld, kSolid},
    {"brain", 60, 50, kBrainSites, kBrainMorphs, kNone, kBrainClin, &kStageCns, &kTxCns, 0, 10,
     kOld, kSolid},
    {"meninges", 30, 80, kMeningesSites, kMeningesMorphs, kNone, kMeningesClin, &kStageCns,
     &kTxCnsBenign, 0, 30, kOld, kCnsBenign},
    {"pituitary", 20, 20, kPituitarySites, kPituitaryMorphs, kNone, kPituitaryClin, &kStageCns,
     &kTxCnsBenign, 0, 20, kYounger, kCnsBenign},
    {"thyroid", 100, 300, kThyroidSites, kThyroidMorphs, kNone, kClinGeneric, &kStageLocal,
     &kTxThyroid, 0, 2, kYounger, kSolid},
    {"lymphoma", 300, 250, kLymphNodeSites, kLymphomaMorphs, kNone, kLymphomaClin, &kStageLymphoma,
     &kTxLymphoma, 0, 3, kOld, kLymphoma},
    {"leukaemia", 150, 100, kMarrowSites, kLeukaemiaMorphs, kNone, kLeukaemiaClin, nullptr,
     &kTxMarrow, 0, 5, kOld, kMarrow},
    {"myeloma", 80, 70, kMarrowSites, kMyelomaMorphs, kNone, kMyelomaMorphs, nullptr, &kTxMarrow, 0,
     3, kOld, kMarrow},
};
constexpr size_t kGroupCount = std::size(kGroups);

constexpr std::array<uint32_t, kGroupCount> GroupWeights(bool male) {
  std::array<uint32_t, kGroupCount> w{};
  for (size_t i = 0; i < kGroupCount; ++i)
    w[i] = male ? kGroups[i].male_weight : kGroups[i].female_weight;
  return w;
}
constexpr auto kMaleWeights = GroupWeights(true);
constexpr auto kFemaleWeights = GroupWeights(false);

// Basis of diagnosis with histology: 1 primary, 2 metastasis, 3 cytology (marrow: smears).
constexpr uint32_t kHistologyBasisWeights[] = {90, 3, 7};
constexpr uint32_t kMarrowBasisWeights[] = {50, 0, 50};
constexpr std::string_view kHistologyBasis[] = {"1", "2", "3"};
// Without histology: 4 tumour marker, 5 clinical tests incl. imaging, 6 clinical only, 9 unknown.
constexpr uint32_t kClinicalBasisWeights[] = {15, 60, 20, 5};
constexpr std::string_view kClinicalBasis[] = {"4", "5", "6", "9"};

// Treating facility: 2 first treatment here is the common case of a notification.
constexpr uint32_t kTreatingWeights[] = {12, 70, 8, 6, 4};
constexpr std::string_view kTreating[] = {"1", "2", "3", "4", "8"};

// Discovery route: 1 screening, 3 follow-up of another disease, 8 other, 9 unknown. Autopsy (4)
// is left out: it would need a death on the day of diagnosis and no treatment.
constexpr uint32_t kRouteWeights[] = {12, 25, 55, 8};
constexpr std::string_view kRoutes[] = {"1", "3", "8", "9"};

std::string_view Flag(Rng& rng, uint8_t percent) { return rng.Percent(percent) ? "1" : "2"; }

bool IsMarrowSite(std::string_view site) { return site == "C42.0" || site == "C42.1"; }

// R1/R2: no surgery here → 660, except C42.0/C42.1 (blood, marrow) → 777.
std::string_view NoSurgeryExtent(std::string_view site) {
  return IsMarrowSite(site) ? "777" : "660";
}

// Pathological extent after surgery, near the clinical one (staging moves a little both ways).
std::string_view ExtentAfterSurgery(Rng& rng, std::string_view before) {
  if (before == "400") return rng.Percent(90) ? "400" : "410";
  if (before == "499" || before == "777") {
    return kStageCodes[PickIndex(rng, std::array<uint32_t, 5>{50, 25, 10, 5, 10})];
  }
  size_t i = 0;
  while (i < 4 && kStageCodes[i] != before) ++i;
  const uint64_t r = rng.Below(100);
  if (r < 70 || i == 4) return kStageCodes[i];
  if (r < 90 && i < 3) return kStageCodes[i + 1];  // upstaged (never past 440)
  if (i > 0) return kStageCodes[i - 1];
  return kStageCodes[i];
}

// Treatment extent when an invasive treatment was done: 1 no residual, 4 residual, 9 unknown.
std::string_view TreatmentExtent(Rng& rng, std::string_view after) {
  const uint32_t residual = after == "440" ? 70 : after == "430" ? 25 : 5;
  const uint64_t r = rng.Below(100);
  if (r < residual) return "4";
  if (r < residual + 5) return "9";
  return "1";
}

}  // namespace

size_t PickSiteGroup(Rng& rng, bool male) {
  return PickIndex(rng, male ? std::span<const uint32_t>(kMaleWeights)
                             : std::span<const uint32_t>(kFemaleWeights));
}

AgeProfile AgeProfileOf(size_t group) { return kGroups[group].age; }

bool IsPlainGroup(size_t group) { return kGroups[group].kind == Kind::kSolid; }

bool AnyInvasiveTreatment(const Clinical& c) {
  return c.surgery == "1" || c.scopic_surgery == "1" || c.endoscopic_treatment == "1";
}

void MakeNotTreatedHere(std::string_view treating_facility, Clinical* c) {
  c->treating_facility = treating_facility;
  c->surgery = c->scopic_surgery = c->endoscopic_treatment = "2";  // R3
  c->radiotherapy = c->chemotherapy = c->endocrine_therapy = c->other_treatment = "2";
  c->treatment_extent = "6";                           // R4
  c->extent_after = NoSurgeryExtent(c->primary_site);  // R1, R2
}

void GenerateClinical(Rng& rng, size_t group_index, Clinical* out) {
  const SiteGroup& g = kGroups[group_index];
  Clinical& c = *out;

  const Site& site = PickWeighted(rng, g.sites);
  c.primary_site = site.code;
  switch (site.lat) {
    case Lat::kNone:
      c.laterality = "7";
      break;
    case Lat::kRight:
      c.laterality = "1";
      break;
    case Lat::kPaired: {
      constexpr uint32_t kWeights[] = {48, 48, 1, 3};
      constexpr std::string_view kCodes[] = {"1", "2", "3", "9"};
      c.laterality = kCodes[PickIndex(rng, kWeights)];
      break;
    }
  }

  // Basis first: it decides which morphologies may be used (X3).
  const bool histology = !rng.Percent(g.clinical_percent);
  const bool in_situ = histology && !g.in_situ.empty() && rng.Percent(g.in_situ_percent);
  const Morph* morph;
  if (!histology) {
    c.basis_of_diagnosis = kClinicalBasis[PickIndex(rng, kClinicalBasisWeights)];
    morph = &PickWeighted(rng, g.clinical);
  } else {
    // In situ is only ever known from the histology of the primary.
    c.basis_of_diagnosis = in_situ
                               ? "1"
                               : kHistologyBasis[PickIndex(
                                     rng, g.kind == Kind::kMarrow
                                              ? std::span<const uint32_t>(kMarrowBasisWeights)
                                              : std::span<const uint32_t>(kHistologyBasisWeights))];
    morph = &PickWeighted(rng, in_situ ? g.in_situ : g.morphs);
  }
  c.morphology.clear();
  c.morphology += std::to_string(morph->cell);
  c.morphology += morph->behaviour;
  c.morphology += morph->grades[rng.Below(morph->grades.size())];

  // Extent before treatment: X5 (marrow → 777), in situ → 400.
  if (g.kind == Kind::kMarrow) {
    c.extent_before = "777";
  } else if (morph->behaviour == '2') {
    c.extent_before = "400";
  } else if (morph->behaviour != '3') {
    c.extent_before = "410";  // a benign or uncertain CNS tumour is localised by definition
  } else {
    c.extent_before = kStageCodes[PickIndex(rng, *g.stage)];
  }
  const bool advanced = c.extent_before == "430" || c.extent_before == "440" ||
                        c.extent_before == "499" || c.extent_before == "777";

  c.treating_facility = kTreating[PickIndex(rng, kTreatingWeights)];
  // Who diagnosed: a patient first treated elsewhere was mostly diagnosed elsewhere too.
  const bool came_treated = c.treating_facility == "3" || c.treating_facility == "4";
  c.diagnosing_facility = rng.Percent(came_treated ? 80 : 12) ? "2" : "1";
  c.discovery_route = kRoutes[PickIndex(rng, kRouteWeights)];

  if (c.treating_facility == "1" || c.treating_facility == "4" || c.treating_facility == "8") {
    MakeNotTreatedHere(c.treating_facility, &c);  // R1, R3 (and so R2, R4)
  } else {
    const TxProfile& tx = *g.tx;
    const int a = advanced ? 1 : 0;
    c.surgery = c.scopic_surgery = c.endoscopic_treatment = "2";
    // Surgery yields a histology: a case diagnosed without one was not operated on.
    if (histology) {
      const uint64_t r = rng.Below(100);
      if (r < tx.endoscopic[a]) {
        c.endoscopic_treatment = "1";
      } else if (r < uint64_t{tx.endoscopic[a]} + tx.scopic[a]) {
        c.scopic_surgery = "1";
      } else if (r < uint64_t{tx.endoscopic[a]} + tx.scopic[a] + tx.surgery[a]) {
        c.surgery = "1";
      }
    }
    c.radiotherapy = Flag(rng, tx.radiotherapy[a]);
    c.chemotherapy = Flag(rng, tx.chemotherapy[a]);
    c.endocrine_therapy = Flag(rng, tx.endocrine[a]);
    c.other_treatment = Flag(rng, tx.other[a]);
    const bool any_treatment = AnyInvasiveTreatment(c) || c.radiotherapy == "1" ||
                               c.chemotherapy == "1" || c.endocrine_therapy == "1" ||
                               c.other_treatment == "1";
    // Treating facility 2/3 means some treatment is given here.
    if (!any_treatment) c.other_treatment = "1";
    // A patient who continued treatment here may come with some modalities unrecorded.
    if (c.treating_facility == "3" && rng.Percent(5)) c.radiotherapy = "9";
    if (c.treating_facility == "3" && rng.Percent(5)) c.chemotherapy = "9";

    if (AnyInvasiveTreatment(c)) {  // R4: 1, 4 or 9
      c.extent_after = ExtentAfterSurgery(rng, c.extent_before);
      c.treatment_extent = TreatmentExtent(rng, c.extent_after);
    } else {  // R2: all three 2 → 660 (777 for C42.0/1); R4: none 1 → 6
      c.extent_after = NoSurgeryExtent(c.primary_site);
      c.treatment_extent = "6";
    }
  }

  // Death within the follow-up of a notification: more likely the further the tumour had spread.
  if (c.extent_before == "400") {
    c.death_per_mille = 10;
  } else if (c.extent_before == "410") {
    c.death_per_mille = 70;
  } else if (c.extent_before == "420") {
    c.death_per_mille = 120;
  } else if (c.extent_before == "430") {
    c.death_per_mille = 200;
  } else if (c.extent_before == "440") {
    c.death_per_mille = 400;
  } else {
    c.death_per_mille = 250;  // 499, 777
  }
}

}  // namespace ganreg::synth::internal
