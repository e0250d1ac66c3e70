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
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' && !/40[13]/.test(m.text())) problems.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return { context, page };
}

async function login(page, user) {
  await page.goto(url);
  await page.fill('#login-form input[name=user]', user);
  await page.fill('#login-form input[name=password]', password(user));
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#nav:not([hidden])');
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
  await startServer();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
});

after(async () => {
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
  const { context, page } = await newPage();
  await login(page, 'staff1');
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
  await context.close();
});

test('a reviewer decides a pair shown side by side with the differences marked and the score explained', async () => {
  const { context, page } = await newPage();
  await login(page, 'staff1');
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
  await context.close();
});

test('identity is shown with the grant and refused without it', async () => {
  const { context, page } = await newPage();
  await login(page, 'staff1');
  await page.goto(`${url}#/notifications`);
  await page.waitForSelector('#notification-list tbody a');
  await shot(page, '07-notifications');
  await page.click('#notification-list tbody a');
  await page.click('#show-identity');
  await page.waitForSelector('#identity table');
  assert.match(await page.textContent('#identity'), /name/);
  await shot(page, '08-identity-shown');
  await context.close();

  const other = await newPage();
  await login(other.page, 'staff2');  // clinical grant only
  await other.page.goto(`${url}#/notifications`);
  await other.page.click('#notification-list tbody a');
  await other.page.click('#show-identity');
  await other.page.waitForSelector('#identity .msg.error');
  assert.match(await other.page.textContent('#identity'), /権限がありません/);
  assert.doesNotMatch(await other.page.textContent('main'), /kana_name/);
  await shot(other.page, '09-identity-denied');
  await other.context.close();
});

test('users and grants, the hand-over book and the audit trail with its verification', async () => {
  const { context, page } = await newPage();
  await login(page, 'head');
  await page.goto(`${url}#/users`);
  await page.waitForSelector('table.matrix input[type=checkbox]');
  assert.ok(await page.$$eval('table.matrix tbody tr', (r) => r.length) >= 5);
  await shot(page, '10-users');
  await page.goto(`${url}#/handover`);
  await page.waitForSelector('#handover-book tbody tr');
  await shot(page, '11-handover');
  await context.close();

  const admin = await newPage();
  await login(admin.page, 'admin1');
  await admin.page.goto(`${url}#/audit`);
  await admin.page.waitForSelector('#verify');
  await admin.page.click('#verify');
  await admin.page.waitForSelector('#verify-result .msg.ok');
  await shot(admin.page, '12-audit');
  await admin.context.close();
});

test('nothing is kept in browser storage and the session cookie is out of script\'s reach', async () => {
  const { context, page } = await newPage();
  await login(page, 'staff1');
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
  await context.close();
});

test('no page broke its content security policy or threw', () => {
  assert.deepEqual(problems, []);
});
