// The web client end to end in Debian's chromium (issue #6): a real demo registry, the real
// `ganreg serve` over TLS, a real browser. Screenshots of each main page go to $GANREG_ARTIFACTS.
//   GANREG_BIN=build/ganreg GANREG_DATA_DIR=build/data node --test web.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const bin = process.env.GANREG_BIN ?? path.resolve('../../build/ganreg');
const artifacts = process.env.GANREG_ARTIFACTS ?? path.join(os.tmpdir(), 'ganreg-screenshots');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

let dir;
let server;
let url;
let browser;
const problems = [];  // console errors and CSP violations seen on any page

function password(user) {
  return fs.readFileSync(path.join(dir, 'passwords', `${user}.txt`), 'utf8').trim();
}

async function startServer() {
  server = spawn(bin, ['serve', '--registry', path.join(dir, 'registry'), '--listen', '127.0.0.1:0', '--quiet'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ganreg serve did not start: ${out}`)), 30000);
    const onData = (chunk) => {
      out += chunk;
      const m = out.match(/https:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => reject(new Error(`ganreg serve exited with ${code}: ${out}`)));
  });
}

async function newPage() {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true, locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page);
  return { context, page };
}

// Console errors and CSP violations are problems, except the browser's note of an API refusal
// that a test provoked on purpose (400 bad input, 401, 403, 404, 409 refused by a rule).
function watch(page) {
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[01349] /.test(m.text())) problems.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
}

// A page of `user`'s own browser context, logged in once for the whole run: the server allows
// ten login attempts a minute per address, and the tests below would make more.
const contexts = new Map();
async function as(user) {
  if (!contexts.has(user)) {
    const { context, page } = await newPage();
    await login(page, user);
    contexts.set(user, context);
    return { context, page };
  }
  const context = contexts.get(user);
  const page = await context.newPage();
  watch(page);
  await page.goto(url);
  await page.waitForSelector('#nav:not([hidden])');
  return { context, page };
}

async function login(page, user) {
  await page.goto(url);
  await page.fill('#login-form input[name=user]', user);
  await page.fill('#login-form input[name=password]', password(user));
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#nav:not([hidden])');
}

// Clicks `selector` and waits for the file the page saves: its suggested name and its bytes.
async function saved(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const bytes = fs.readFileSync(await file.path());
  await file.delete();
  return { name: file.suggestedFilename(), bytes };
}

// Fills the form #id: each field by its name, a select by its value, then submits it.
async function submitForm(page, id, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const field = page.locator(`#${id} [name=${name}]`);
    if (await field.evaluate((e) => e.tagName === 'SELECT')) await field.selectOption(value);
    else await field.fill(value);
  }
  await page.click(`#${id} button[type=submit]`);
}

async function shot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ganreg-browser-'));
  fs.rmdirSync(dir);
  execFileSync(bin, ['demo', '--dir', dir, '--kdf-profile', 'minimum', '--rows', '40'], { stdio: 'pipe' });
  execFileSync(bin, ['synth', 'notifications', '--rows', '20', '--faulty-rows', '2', '--seed', '4242',
    '--out', path.join(dir, 'upload-faulty.csv')], { stdio: 'pipe' });
  // A notification whose sex and site disagree (a woman with a prostate tumour), so that the
  // quality checks have a flag to show whatever the demo's synthetic data gives.
  const qc = path.join(dir, 'qc-flag.csv');
  execFileSync(bin, ['synth', 'notifications', '--rows', '1', '--seed', '4343', '--out', qc], { stdio: 'pipe' });
  const [header, row] = fs.readFileSync(qc, 'utf8').split('\r\n').map((l) => l.split(','));
  const set = (name, value) => { row[header.indexOf(name)] = value; };
  set('性別', '2'); set('原発部位', 'C61.9'); set('病理診断', '814032'); set('側性', '7');
  fs.writeFileSync(qc, `${header.join(',')}\r\n${row.join(',')}\r\n`);
  const asStaff = { ...process.env, GANREG_REGISTRY: path.join(dir, 'registry'), GANREG_USER: 'staff1',
    GANREG_PASSWORD_FILE: path.join(dir, 'passwords', 'staff1.txt') };
  execFileSync(bin, ['intake', qc, '--from', '1310000099', '--medium', 'online'], { stdio: 'pipe', env: asStaff });
  execFileSync(bin, ['link'], { stdio: 'pipe', env: asStaff });
  await startServer();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  for (const context of contexts.values()) await context.close();
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the login page is Japanese first, English on request; the dashboard shows what waits', async () => {
  const { context, page } = await newPage();
  await page.goto(url);
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.equal((await page.textContent('#login-form button')).trim(), 'ログイン');
  await shot(page, '01-login');
  await page.click('#lang');
  assert.equal((await page.textContent('#login-form button')).trim(), 'Log in');
  await page.click('#lang');
  // A wrong password is refused with the server's reason, and the field is cleared.
  await page.fill('#login-form input[name=user]', 'staff1');
  await page.fill('#login-form input[name=password]', 'Wrong#Pass-000');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('.msg.error');
  assert.equal(await page.inputValue('#login-form input[name=password]'), '');

  await login(page, 'head');
  await page.waitForSelector('.cards .metric');
  const metrics = await page.$$eval('.cards .metric', (els) => els.map((e) => Number(e.textContent)));
  assert.ok(metrics[0] > 0, 'notifications counted');
  assert.ok(metrics[1] > 0, 'the demo\'s faulty file left rows held back');
  assert.ok(metrics[2] >= 1, 'the demo left a pair for review');
  await shot(page, '02-dashboard');
  await context.close();
});

test('a file with faulty rows is taken in and its rows are held back with the reason', async () => {
  const { context, page } = await as('staff1');
  await page.goto(`${url}#/intake`);
  await page.setInputFiles('#intake-form input[name=file]', path.join(dir, 'upload-faulty.csv'));
  await page.fill('#intake-form input[name=hospital_code]', '1310000088');
  await page.click('#intake-form button[type=submit]');
  await page.waitForSelector('#intake-issues');
  const issues = await page.textContent('#intake-issues');
  assert.match(issues, /^upload-faulty\.csv:\d+: /m, 'FILE:LINE: ITEM: REASON');
  const held = await page.$eval('#intake-result table tbody tr', (tr) => Number(tr.children[2].textContent));
  assert.ok(held >= 1, `rows held back: ${held}`);
  await shot(page, '03-intake');
  // The dashboard lists the file; its report shows the same reasons.
  await page.goto(`${url}#/dashboard`);
  await page.click('main table a:has-text("upload-faulty.csv")');
  await page.waitForSelector('#file-report-issues');
  assert.match(await page.textContent('#file-report-issues'), /upload-faulty\.csv:\d+/);
  await shot(page, '04-file-report');
  await page.close();
});

test('a reviewer decides a pair shown side by side with the differences marked and the score explained', async () => {
  const { context, page } = await as('staff1');
  await page.goto(`${url}#/review`);
  await page.waitForSelector('#decide-same');
  assert.ok(await page.$$eval('tr.diff', (r) => r.length) >= 1, 'differing items marked');
  assert.ok(await page.$$eval('#waterfall .bar', (b) => b.length) >= 3, 'the score\'s waterfall');
  await shot(page, '05-review');
  await page.fill('#review-note', '名の誤記ではない（別人）');
  await page.click('#decide-different');
  await page.waitForSelector('#undo');
  assert.match(await page.textContent('main'), /判定を記録しました/);
  await shot(page, '06-review-decided');
  await page.click('#undo');
  await page.waitForSelector('text=判定を取り消しました');
  await page.close();
});

test('identity is shown with the grant and refused without it', async () => {
  const { context, page } = await as('staff1');
  await page.goto(`${url}#/notifications`);
  await page.waitForSelector('#notification-list tbody a');
  await shot(page, '07-notifications');
  await page.click('#notification-list tbody a');
  await page.click('#show-identity');
  await page.waitForSelector('#identity table');
  assert.match(await page.textContent('#identity'), /name/);
  await shot(page, '08-identity-shown');
  await page.close();

  const other = await as('staff2');  // clinical grant only
  await other.page.goto(`${url}#/notifications`);
  await other.page.click('#notification-list tbody a');
  await other.page.click('#show-identity');
  await other.page.waitForSelector('#identity .msg.error');
  assert.match(await other.page.textContent('#identity'), /権限がありません/);
  assert.doesNotMatch(await other.page.textContent('main'), /kana_name/);
  await shot(other.page, '09-identity-denied');
  await other.page.close();
});

test('users and grants, the hand-over book and the audit trail with its verification', async () => {
  const { context, page } = await as('head');
  await page.goto(`${url}#/users`);
  await page.waitForSelector('table.matrix input[type=checkbox]');
  assert.ok(await page.$$eval('table.matrix tbody tr', (r) => r.length) >= 5);
  await shot(page, '10-users');
  await page.goto(`${url}#/handover`);
  await page.waitForSelector('#handover-book tbody tr');
  await shot(page, '11-handover');
  await page.close();

  const admin = await as('admin1');
  await admin.page.goto(`${url}#/audit`);
  await admin.page.waitForSelector('#verify');
  await admin.page.click('#verify');
  await admin.page.waitForSelector('#verify-result .msg.ok');
  await shot(admin.page, '12-audit');
  await admin.page.close();
});

test('navigation groups ~20 pages: every group and page opens without an error', async () => {
  const { context, page } = await as('head');
  const groups = await page.$$eval('#nav a', (as) => as.map((a) => a.textContent));
  assert.deepEqual(groups, ['本日', '受付・照合', '台帳', '人・研修', '点検・事故']);
  const pages = [];
  for (const group of await page.$$eval('#nav a', (as) => as.map((a) => a.getAttribute('href')))) {
    await page.goto(`${url}${group}`);
    await page.waitForSelector(`main[data-view="${group}"]`);
    const sub = await page.$$eval('#subnav:not([hidden]) a', (as) => as.map((a) => a.getAttribute('href')));
    pages.push(...(sub.length ? sub : [group]));
  }
  assert.ok(pages.length >= 20, `pages: ${pages.length}`);
  for (const href of pages) {
    await page.goto(`${url}${href}`);
    await page.waitForSelector(`main[data-view="${href}"] h1`);
    assert.equal(await page.$$eval('main .msg.error', (m) => m.length), 0, `${href} shows no error for the head`);
  }
  await page.close();
});

test('the key box is opened and locked, a second opening is refused in Japanese with its rule', async () => {
  const { context, page } = await as('lead');
  await page.goto(`${url}#/keybox`);
  await page.click('#keybox-open');
  await page.waitForSelector('text=記録しました');
  assert.match(await page.textContent('#keybox-log tbody tr:first-child'), /開錠/);
  await page.click('#keybox-open');
  await page.waitForSelector('main .msg.error');
  const error = await page.textContent('main .msg.error');
  assert.match(error, /開錠を記録: 規程により/, 'what and where, in Japanese');
  assert.match(error, /根拠: S-STO-1 施錠保管とキーボックス/, 'the rule, with its title');
  assert.match(error, /キーボックスは開いています/, 'why, the Japanese half of the server\'s message');
  await shot(page, '13-keybox-refused');
  await page.click('#lang');
  await page.waitForSelector('#keybox-open:has-text("Record opening")');
  await page.click('#keybox-open');
  await page.waitForSelector('main .msg.error');
  assert.match(await page.textContent('main .msg.error'), /Record opening: The rules do not allow this[\s\S]*S-STO-1 locked storage and the key box[\s\S]*the key box is open/);
  await page.click('#lang');
  await page.click('#keybox-lock');
  await page.waitForSelector('text=記録しました');
  assert.match(await page.textContent('#keybox-log tbody tr:first-child'), /施錠/);
  assert.match(await page.textContent('#keybox-state'), /施錠/);
  await shot(page, '14-keybox');
  await page.close();
});

test('an incident is reported, a step of the chain is added, and the missing steps shrink', async () => {
  const { context, page } = await as('head');
  await page.goto(`${url}#/incidents`);
  await page.click('summary:has-text("事故を報告")');
  await page.selectOption('#incident-form select[name=kind]', 'loss');
  await page.fill('#incident-form input[name=occurred]', '2026-11-20T09:30');
  await page.fill('#incident-form textarea[name=summary]', '模擬：受渡簿の控え1枚が所在不明');
  await page.click('#incident-form button[type=submit]');
  await page.waitForSelector('#incident-missing');
  const before = (await page.textContent('#incident-missing')).split('、').length;
  assert.match(await page.textContent('#incident-summary'), /所在不明/);
  await page.click('summary:has-text("手順を記録")');
  await page.selectOption('#step-form select[name=step]', 'reported-to-head');
  await page.fill('#step-form input[name=done_at]', '2026-11-20T10:00');
  await page.fill('#step-form textarea[name=note]', '発見者から口頭で報告');
  await page.click('#step-form button[type=submit]');
  await page.waitForSelector('#incident-steps tbody tr');
  assert.match(await page.textContent('#incident-steps'), /登録室責任者へ報告/);
  assert.equal((await page.textContent('#incident-missing')).split('、').length, before - 1);
  await shot(page, '15-incident');
  await page.goto(`${url}#/incidents`);
  await page.waitForSelector('#incident-list tbody tr');
  await shot(page, '16-incidents');
  await page.close();
});

test('a visitor is recorded with the names sealed for staff without the grant, and the month is checked', async () => {
  const { context, page } = await as('staff1');
  await page.goto(`${url}#/entry-log`);
  await page.click('summary:has-text("来訪者の入室を記録")');
  await page.fill('#entry-form input[name=time_in]', '10:15');
  await page.fill('#entry-form input[name=name]', '模擬　訪問者');
  await page.fill('#entry-form input[name=affiliation]', '模擬保守会社');
  await page.fill('#entry-form input[name=purpose]', '空調点検');
  await page.fill('#entry-form input[name=approved_by]', 'lead');
  await page.fill('#entry-form input[name=escort]', 'staff2');
  // Without the pledge the entry is refused (S-ENT-1).
  await page.click('#entry-form button[type=submit]');
  await page.waitForSelector('#entry-form .msg.error');
  assert.match(await page.textContent('#entry-form .msg.error'), /S-ENT-1/);
  await page.check('#entry-form input[name=pledge]');
  await page.click('#entry-form button[type=submit]');
  await page.waitForSelector('#entry-log tbody tr');
  assert.doesNotMatch(await page.textContent('#entry-log'), /模擬　訪問者/, 'staff1 has no ledgers grant');
  await page.close();

  const head = await as('head');
  await head.page.goto(`${url}#/entry-log`);
  await head.page.waitForSelector('#entry-log tbody tr');
  assert.match(await head.page.textContent('#entry-log'), /模擬　訪問者/);
  await head.page.fill('#entry-log tbody tr:first-child input[type=time]', '11:40');
  await head.page.click('#entry-log tbody tr:first-child button');
  await head.page.waitForSelector('#entry-log tbody tr:first-child:has-text("11:40")');
  await head.page.click('summary:has-text("月次点検")');
  await head.page.click('#entry-check-form button[type=submit]');
  await head.page.waitForSelector('#entry-checked');
  await shot(head.page, '17-entry-log');
  await head.page.close();
});

test('the self-assessment is started from the records, an item answered, and its report opened', async () => {
  const { context, page } = await as('head');
  await page.goto(`${url}#/self-assessment/2026`);
  await page.click('#assessment-start');
  await page.waitForSelector('#assessment-items tbody tr');
  // An item that needs a person's answer (its source column), not one the records decide.
  const row = page.locator('#assessment-items tbody tr').filter({ has: page.locator('td:nth-child(4)', { hasText: '要回答' }) }).first();
  const item = await row.locator('td').first().textContent();
  await row.locator('select').selectOption('met');
  await row.locator('input').first().fill('模擬：規程集を確認');
  await row.locator('button').click();
  await page.waitForSelector(`text=${item}: 記録しました`);
  const answered = page.locator('#assessment-items tbody tr', { hasText: '模擬：規程集を確認' });
  assert.equal((await answered.locator('span.pill').textContent()).trim(), '適');
  await shot(page, '18-self-assessment');
  const [report] = await Promise.all([context.waitForEvent('page'), page.click('#assessment-report')]);
  const reportProblems = [];
  report.on('console', (m) => { if (m.type() === 'error') reportProblems.push(m.text()); });
  await report.waitForLoadState();
  assert.match(await report.textContent('body'), /模擬：規程集を確認/);
  // Its own style sheet applies (allowed by its hash), so the page prints as designed.
  assert.match(await report.$eval('body', (b) => getComputedStyle(b).fontFamily), /IPAGothic/);
  assert.deepEqual(reportProblems, []);
  await shot(report, '19-self-assessment-report');
  await page.close();
});

test('a quality-check flag is accepted; tumours, deaths and the follow-back list open', async () => {
  const { context, page } = await as('staff1');
  await page.goto(`${url}#/tumours`);
  await page.waitForSelector('#tumour-list tbody tr');
  await shot(page, '20-tumours');
  await page.click('#tumour-list tbody a');
  await page.waitForSelector('#tumour-items tbody tr');
  await shot(page, '21-tumour');
  await page.goto(`${url}#/qc`);
  await page.waitForSelector('#qc-all');  // the QC page itself, not the tumour page before it
  await page.waitForSelector('#qc-flags');
  const open = await page.$$('#qc-flags button[data-accept]');
  assert.ok(open.length >= 1, 'the sex/site flag of the notification taken in before');
  assert.match(await page.textContent('#qc-flags'), /sex-site/);
  const which = await open[0].getAttribute('data-accept');
  await open[0].click();
  await page.waitForSelector('text=確認済みにしました');
  assert.equal(await page.$$eval(`#qc-flags button[data-accept="${which}"]`, (b) => b.length), 0);
  await page.check('#qc-all');
  await page.waitForSelector('#qc-flags:has-text("確認済み")');
  await shot(page, '22-qc');
  for (const [hash, name] of [['deaths', '23-deaths'], ['death-review', '24-death-review'], ['followback', '25-followback']]) {
    await page.goto(`${url}#/${hash}`);
    await page.waitForSelector(`main[data-view="#/${hash}"] h1`);
    await shot(page, name);
  }
  await page.close();
});

test('training, briefings, the user-ID audit and the registers show their records', async () => {
  const { context, page } = await as('head');
  await page.goto(`${url}#/training`);
  await page.waitForSelector('#training-standing tbody tr');
  assert.match(await page.textContent('#training-standing'), /staff1/);
  await shot(page, '26-training');
  await page.goto(`${url}#/id-audit`);
  await page.waitForSelector('#id-audit-accounts tbody tr');
  await page.click('#id-audit-record');
  await page.waitForSelector('#id-audits tbody tr');
  await shot(page, '27-id-audit');
  await page.goto(`${url}#/dashboard`);
  await page.waitForSelector('#due');
  await shot(page, '28-dashboard-due');
  for (const [hash, name] of [['briefings', '29-briefings'], ['takeouts', '30-takeouts'], ['maintenance', '31-maintenance'],
    ['acquisitions', '32-acquisitions'], ['definitions', '33-definitions'], ['handover', '34-handover-delivery'], ['media', '35-media']]) {
    await page.goto(`${url}#/${hash}`);
    await page.waitForSelector(`main[data-view="#/${hash}"] h1`);
    await shot(page, name);
  }
  await page.close();
});

test('an inquiry is recorded and answered by calling back the registered number; a coarse shredding is refused', async () => {
  const { page } = await as('head');
  await page.goto(`${url}#/inquiries`);
  await page.click('summary:has-text("折り返し先の登録")');
  await page.fill('#contact-form input[name=body]', '模擬市保健所');
  await page.fill('#contact-form input[name=phone]', '03-0000-0002');
  await page.click('#contact-form button[type=submit]');
  await page.waitForSelector('#inquiry-contacts:has-text("03-0000-0002")');
  await page.click('summary:has-text("問合せを記録")');
  await page.selectOption('#inquiry-form select[name=channel]', 'phone');
  await page.fill('#inquiry-form input[name=counterpart]', '模擬市保健所');
  await page.fill('#inquiry-form textarea[name=content]', '模擬：届出の受付状況');
  await page.click('#inquiry-form button[type=submit]');
  await page.waitForSelector('#inquiry-content');
  assert.match(await page.textContent('main'), /登録済みの番号へ折り返す/);
  await page.click('summary:has-text("回答を記録")');
  await page.fill('#answer-form textarea[name=answer]', '模擬：受付済み');
  await page.fill('#answer-form input[name=callback_to]', '090-0000-0000');
  await page.click('#answer-form button[type=submit]');
  await page.waitForSelector('#answer-form .msg.error');
  assert.match(await page.textContent('#answer-form .msg.error'), /回答を記録: 規程により[\s\S]*S-INQ-3 電話は折り返し/);
  await page.fill('#answer-form input[name=callback_to]', '03-0000-0002');
  await page.click('#answer-form button[type=submit]');
  await page.waitForSelector('#inquiry-answers tbody tr');
  assert.match(await page.textContent('#inquiry-answers'), /模擬：受付済み/);
  await shot(page, '36-inquiry');
  await page.goto(`${url}#/disposals`);
  await page.click('summary:has-text("廃棄を記録")');
  await page.fill('#disposal-form input[name=item]', '模擬：照合作業の控え（紙）');
  await page.fill('#disposal-form input[name=strip_width_mm]', '3');
  await page.fill('#disposal-form input[name=particle_mm2]', '40');
  await page.fill('#disposal-form input[name=witnesses]', 'head');
  await page.click('#disposal-form button[type=submit]');
  await page.waitForSelector('#disposal-form .msg.error');
  assert.match(await page.textContent('#disposal-form .msg.error'), /S-STO-5 シュレッダーの基準/);
  await page.fill('#disposal-form input[name=strip_width_mm]', '1');
  await page.fill('#disposal-form input[name=particle_mm2]', '8');
  await page.click('#disposal-form button[type=submit]');
  await page.waitForSelector('#disposal-list:has-text("模擬：照合作業の控え")');
  await shot(page, '37-disposals');
  await page.close();
});

test('the head signs the self-assessment off once every item is answered, saves the report and records a revision', async () => {
  const { page } = await as('head');
  await page.goto(`${url}#/self-assessment/2025`);
  await page.click('#assessment-start');
  await page.waitForSelector('#assessment-items tbody tr');
  // Signing with items unanswered is refused with the rule.
  await page.fill('#assessment-sign input[name=note]', '模擬：所見');
  await page.click('#assessment-sign button[type=submit]');
  await page.waitForSelector('#assessment-sign .msg.error');
  assert.match(await page.textContent('#assessment-sign .msg.error'), /室長として確認（署名）: [\s\S]*S-CHK-1 9月の自己点検/);
  await shot(page, '38-self-assessment-sign-refused');
  // Every item a person answers is met; every unmet item from the records gets its action.
  const rows = page.locator('#assessment-items tbody tr');
  for (;;) {
    const open = rows.filter({ has: page.locator('span.pill', { hasText: /^要回答$/ }) });
    const unmet = rows.filter({ has: page.locator('span.pill', { hasText: /^不適$/ }) }).filter({ hasNot: page.locator('div.muted', { hasText: '→' }) });
    let row;
    if (await open.count()) {
      row = open.first();
      await row.locator('select').selectOption('met');
      await row.locator('input').first().fill('模擬：規程集と記録を確認');
    } else if (await unmet.count()) {
      row = unmet.first();
      await row.locator('input').nth(1).fill('模擬：手順書に月次の確認を追加する');
    } else break;
    const no = (await row.locator('td').first().textContent()).trim();
    await row.locator('button').click();
    await page.waitForSelector(`text=${no}: 記録しました`);
  }
  await page.fill('#assessment-sign input[name=note]', '模擬：改善策のとおり手順を見直す');
  await page.click('#assessment-sign button[type=submit]');
  await page.waitForSelector('text=室長の確認済み: head');
  assert.equal(await page.$$eval('#assessment-sign', (f) => f.length), 0, 'no second signature');
  await shot(page, '39-self-assessment-signed');
  const report = await saved(page, '#assessment-download');
  assert.equal(report.name, 'ganreg-self-assessment-2025.pdf');
  assert.equal(report.bytes.subarray(0, 5).toString(), '%PDF-');
  // The actions decided are carried out by a procedure revision (S-CHK-1).
  await page.click('a[href="#/revisions/2025"]');
  await page.waitForSelector('main[data-view="#/revisions/2025"] #revision-actions tbody tr');
  const item = (await page.textContent('#revision-actions tbody tr td')).trim();
  await page.click('summary:has-text("改訂を記録")');
  await submitForm(page, 'revision-form', { items: item, procedure: '模擬：安全管理規程 第3条', change: '模擬：月次の確認を追加' });
  await page.waitForSelector('#revision-list:has-text("模擬：安全管理規程 第3条")');
  await shot(page, '40-revisions');
  await page.close();
});

test('the storage schedule is set, an acquisition disposed of, and an external audit corrected with its report date', async () => {
  const { page } = await as('head');
  await page.goto(`${url}#/retention`);
  await page.click('summary:has-text("保管期間を設定")');
  await submitForm(page, 'retention-form', { kind: 'notification', medium: 'electronic', months: '120', place: '模擬：登録室サーバー', method: '暗号化して保存' });
  await page.waitForSelector('#retention-list:has-text("模擬：登録室サーバー")');
  assert.match(await page.textContent('#retention-list'), /有効/);
  await shot(page, '41-retention');

  await page.goto(`${url}#/disposals`);
  await page.waitForSelector('main[data-view="#/disposals"] h1');
  await page.click('summary:has-text("廃棄を記録")');
  const acquisition = await page.$eval('#disposal-form select[name=acquisition] option:nth-child(2)', (o) => o.value);
  await submitForm(page, 'disposal-form', { acquisition, item: '模擬：保管期間を終えた届出票', strip_width_mm: '1', particle_mm2: '8', witnesses: 'head', approved_by: 'head' });
  await page.waitForSelector(`#disposal-list:has-text("#${acquisition}")`);
  await page.goto(`${url}#/acquisitions`);
  await page.waitForSelector('#acquisitions tbody tr');
  const row = page.locator('#acquisitions tbody tr').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${acquisition}`) }) });
  assert.match(await row.textContent(), /廃棄記録 #\d+/);
  await shot(page, '42-acquisition-disposed');

  await page.goto(`${url}#/external-audits`);
  await page.click('summary:has-text("外部監査を記録")');
  await submitForm(page, 'external-audit-form', { date: '2026-06-01', auditor: '模擬県個人情報保護審議会', findings: '模擬：指摘なし' });
  await page.waitForSelector('#external-audit-list:has-text("未報告")');
  // The report date is added by a correction: the form is filled from the entry it corrects.
  await page.click('summary:has-text("外部監査を記録")');
  const first = await page.$eval('#external-audit-form select[name=corrects] option:nth-child(2)', (o) => o.value);
  await page.selectOption('#external-audit-form select[name=corrects]', first);
  assert.equal(await page.inputValue('#external-audit-form input[name=auditor]'), '模擬県個人情報保護審議会');
  await submitForm(page, 'external-audit-form', { reported_on: '2026-05-01' });
  await page.waitForSelector('#external-audit-form .msg.error');
  assert.match(await page.textContent('#external-audit-form .msg.error'), /ORG-6/, 'reported before the audit');
  await submitForm(page, 'external-audit-form', { reported_on: '2026-06-20' });
  await page.waitForSelector('#external-audit-list:has-text("訂正済み")');
  assert.match(await page.textContent('#external-audit-list'), new RegExp(`← #${first}`));
  await shot(page, '43-external-audits');
  await page.close();
});

test('a ledger is printed for a date range and saved, its sealed columns withheld from staff without the grant', async () => {
  const { page } = await as('head');
  await page.goto(`${url}#/handover`);
  await page.waitForSelector('main[data-view="#/handover"] .print-bar');
  await page.fill('.print-bar input[name=from]', '2020-01-01');
  const pdf = await saved(page, '.print-bar button');
  assert.equal(pdf.name, 'ganreg-handover-2020-01-01.pdf');
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  await page.selectOption('.print-bar select[name=format]', 'html');
  const html = await saved(page, '.print-bar button');
  assert.equal(html.name, 'ganreg-handover-2020-01-01.html');
  assert.match(html.bytes.toString(), /配送物等受渡簿/);
  await page.waitForSelector('.print-bar .msg.ok');
  await shot(page, '44-print-ledger');
  // The entry/exit log with the visitor recorded above: named for the head, withheld for staff1.
  await page.goto(`${url}#/entry-log`);
  await page.waitForSelector('main[data-view="#/entry-log"] .print-bar');
  await page.selectOption('.print-bar select[name=format]', 'html');
  assert.match((await saved(page, '.print-bar button')).bytes.toString(), /模擬　訪問者/);
  await page.close();
  const staff = await as('staff1');
  await staff.page.goto(`${url}#/entry-log`);
  await staff.page.waitForSelector('main[data-view="#/entry-log"] .print-bar');
  await staff.page.selectOption('.print-bar select[name=format]', 'html');
  const sealed = (await saved(staff.page, '.print-bar button')).bytes.toString();
  assert.doesNotMatch(sealed, /模擬　訪問者/);
  assert.match(sealed, /withheld|非表示|権限/);
  await staff.page.close();
});

test('death forms are uploaded with the reasons rows were held back, and a hospital\'s follow-back list is saved', async () => {
  const csv = path.join(dir, 'deaths-2026-10.csv');
  fs.writeFileSync(csv, 'カナ氏名,氏名,性別,生年月日,死亡時住所_都道府県コード,死亡時住所,死亡日,原死因,死亡したところの種別,死亡した施設\r\n'
    + 'ヤマネ　ソウイチ,山根　宗一,1,19370415,13,模擬市模擬町一丁目1番1号,20261001,C34.1,1,1310000055\r\n'
    + 'ミナセ　トオル,水瀬　透,3,19400101,13,模擬市模擬町二丁目2番2号,20261002,C18.7,6,\r\n');
  const { page } = await as('staff1');
  await page.goto(`${url}#/deaths`);
  await page.click('summary:has-text("死亡者情報票ファイルの受領")');
  await page.setInputFiles('#death-upload-form input[name=file]', csv);
  await page.fill('#death-upload-form input[name=source]', '131016');
  await page.click('#death-upload-form button[type=submit]');
  await page.waitForSelector('#death-upload-issues');
  assert.match(await page.textContent('#death-upload-issues'), /^deaths-2026-10\.csv:3: /m);
  assert.doesNotMatch(await page.textContent('#death-upload-issues'), /水瀬/);
  assert.deepEqual(await page.$eval('#death-upload-result table tbody tr', (tr) => [...tr.children].slice(0, 3).map((td) => Number(td.textContent))), [2, 1, 1]);
  await shot(page, '45-death-upload');
  await page.close();

  const linker = await as('staff1');
  await linker.page.goto(`${url}#/review`);
  await linker.page.click('#run-link');
  await linker.page.waitForSelector('text=照合しました');
  await linker.page.close();
  // The list holds names: a task lead needs the identity grant besides the clinical one (S-INQ-6).
  const head = await as('head');
  await head.page.goto(`${url}#/users`);
  await head.page.check('table.matrix input[aria-label="lead notification-identity"]');
  await head.page.waitForSelector('table.matrix input[aria-label="lead notification-identity"]:checked');
  await head.page.close();
  const lead = await as('lead');
  await lead.page.goto(`${url}#/followback`);
  await lead.page.click('summary:has-text("照会リストの書き出し")');
  await lead.page.fill('#followback-export input[name=hospital]', '1310000055');
  const list = await saved(lead.page, '#followback-export button[type=submit]');
  assert.equal(list.name, 'followback-1310000055.csv');
  assert.match(list.bytes.toString(), /山根　宗一/);
  await lead.page.waitForSelector('main .msg.ok:has-text("followback-1310000055.csv")');
  assert.doesNotMatch(await lead.page.textContent('main'), /山根/, 'the names go to the file, not the page');
  await shot(lead.page, '46-followback-export');
  await lead.page.close();
});

test('nothing is kept in browser storage and the session cookie is out of script\'s reach', async () => {
  const { context, page } = await as('staff1');
  const storage = await page.evaluate(() => ({
    local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
  }));
  assert.deepEqual(storage, { local: 0, session: 0, cookie: '' });
  const [cookie] = await context.cookies();
  assert.equal(cookie.name, '__Host-ganreg');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.secure, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(cookie.expires, -1, 'a session cookie');
  await page.close();
});

test('no page broke its content security policy or threw', () => {
  assert.deepEqual(problems, []);
});
