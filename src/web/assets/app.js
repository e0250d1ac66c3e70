// ganreg web client: one page, no build step, no inline script (the CSP forbids it), no data in
// browser storage. Every value from the server is put in the page as text, never as HTML.
'use strict';

const T = {
  ja: {
    title: 'がん登録室', login: 'ログイン', logout: 'ログアウト', user: 'ユーザーID', password: 'パスワード',
    dashboard: '本日の状況', intake: '届出の受領', notifications: '届出一覧', review: '照合の確認',
    handover: '受渡簿', users: '利用者と権限', audit: '監査証跡', ledgers: '台帳',
    passwordChange: 'パスワード変更', oldPassword: '現在のパスワード', newPassword: '新しいパスワード',
    confirmPassword: '新しいパスワード（確認）', change: '変更する', mismatch: '確認用のパスワードが一致しません',
    passwordRules: '8文字以上で英字・数字・記号を含めてください。推測されやすいもの（よく使われる語、ID・氏名・登録室名、キーボードの並び、同じ文字の繰り返し）、以前のパスワードは使えません。',
    mustChange: 'パスワードの有効期限が切れたか、他の人が設定したものです。先に変更してください。',
    notificationsCount: '届出', heldRows: '保留行', reviewOpen: '確認待ち', passwordDays: 'パスワード残り日数',
    recoveryWarning: '回復鍵ファイルが登録フォルダに残っています。金庫へ移してください。',
    recentFiles: '最近受領したファイル', file: 'ファイル', hospital: '医療機関', medium: '媒体', encoding: '文字コード',
    receivedAt: '受領日時', receivedBy: '受領者', status: '状態', read: '読込', accepted: '受理', held: '保留',
    upload: '受領する', auto: '自動判定', hospitalCode: '医療機関コード（10桁、CSVのみ）',
    result: '結果', issues: '指摘事項', duplicate: '同じファイルを受領済みです（何も追加していません）',
    rejected: 'ファイル全体を受領できませんでした', report: '保留行の報告',
    keyNo: '鍵番号', line: '行', site: '原発部位', morphology: '病理診断', diagnosisDate: '診断日',
    showIdentity: '個人識別情報を表示', identityDenied: '個人識別情報を見る権限がありません（記録されました）',
    item: '項目', value: '値', prev: '前へ', next: '次へ', back: '戻る',
    runLink: '照合を実行', blind: 'スコアを隠す（ブラインド）', pair: '確認ペア', same: '同一人物', different: '別人',
    note: 'メモ', decide: '判定する', undo: '取り消す', noPairs: '確認待ちのペアはありません',
    score: 'スコア', contributions: '内訳', field: '項目', level: '一致度', weight: '重み', person: '人番号',
    openPairs: '未判定', decided: '判定を記録しました', undone: '判定を取り消しました', linked: '照合しました',
    direction: '種別', counterpart: '相手先', summary: '内容', handledBy: '担当', at: '日時', recipient: '受取人',
    name: 'ID', role: '役割', custodian: '管理者', disabled: '無効', locked: 'ロック中', expired: '期限切れ',
    addUser: '利用者の追加', initialPassword: '初期パスワード', instructedBy: '指示した登録室長',
    systemLead: 'システム担当の業務責任者にする', add: '追加', disable: '無効にする', grants: '作業分担表（権限）',
    seq: '番号', actor: '実行者', action: '操作', object: '対象', outcome: '結果', detail: '詳細',
    verify: '証跡を検証', verifyOk: '監査証跡は改ざんされていません', verifyBad: '監査証跡に問題があります',
    older: 'さらに古い', inquiries: '問い合わせ記録簿', media: '可搬媒体の一覧', disposals: '廃棄記録',
    group: '区分', channel: '方法', content: '内容', kind: '種類', received: '受入日', disposed: '廃棄日',
    method: '方法', place: '場所', witnesses: '立会者', date: '日付', none: 'ありません',
    expiredSession: '一定時間操作がなかったため、ログアウトしました',
    fields: { family: '姓', given: '名', birth_date: '生年月日', sex: '性別', address: '住所', prior: '事前確率', frequency: '氏名の頻度' },
    roles: { head: '登録室長', 'task-lead': '業務責任者', 'task-staff': '業務担当者', 'admin-staff': '事務担当者' },
    categories: { 'notification-identity': '個人識別情報', 'notification-clinical': '診療情報',
                  ledgers: '台帳', inbound: '受信鍵' },
  },
  en: {
    title: 'Cancer registry office', login: 'Log in', logout: 'Log out', user: 'User id', password: 'Password',
    dashboard: 'Today', intake: 'Intake', notifications: 'Notifications', review: 'Review',
    handover: 'Hand-over book', users: 'Users and grants', audit: 'Audit trail', ledgers: 'Ledgers',
    passwordChange: 'Change password', oldPassword: 'Current password', newPassword: 'New password',
    confirmPassword: 'New password again', change: 'Change', mismatch: 'The two new passwords differ',
    passwordRules: 'At least 8 characters with letters, digits and symbols. Guessable ones (common words, your id or name, the registry name, keyboard runs, repeated characters) and earlier passwords are refused.',
    mustChange: 'Your password expired or was set by someone else: change it first.',
    notificationsCount: 'Notifications', heldRows: 'Rows held back', reviewOpen: 'Pairs to review',
    passwordDays: 'Days left on password',
    recoveryWarning: 'The recovery key file still lies in the registry folder: move it to the safe.',
    recentFiles: 'Recently received files', file: 'File', hospital: 'Hospital', medium: 'Medium', encoding: 'Encoding',
    receivedAt: 'Received', receivedBy: 'By', status: 'Status', read: 'Read', accepted: 'Accepted', held: 'Held back',
    upload: 'Take in', auto: 'detect', hospitalCode: 'Hospital code (10 digits, CSV only)',
    result: 'Result', issues: 'Issues', duplicate: 'This file was taken in before (nothing added)',
    rejected: 'The whole file was refused', report: 'Held-back rows report',
    keyNo: 'Key number', line: 'Line', site: 'Primary site', morphology: 'Morphology', diagnosisDate: 'Diagnosis date',
    showIdentity: 'Show identity', identityDenied: 'You may not see identities (this was recorded)',
    item: 'Item', value: 'Value', prev: 'Previous', next: 'Next', back: 'Back',
    runLink: 'Run linkage', blind: 'Hide the score (blind)', pair: 'Pair', same: 'Same person', different: 'Different',
    note: 'Note', decide: 'Decide', undo: 'Undo', noPairs: 'No pairs wait for review',
    score: 'Score', contributions: 'Why', field: 'Field', level: 'Agreement', weight: 'Weight', person: 'Person',
    openPairs: 'open', decided: 'Decision recorded', undone: 'Decision undone', linked: 'Linked',
    direction: 'Kind', counterpart: 'Counterpart', summary: 'Summary', handledBy: 'Handled by', at: 'At', recipient: 'Recipient',
    name: 'Id', role: 'Role', custodian: 'Custodian', disabled: 'Disabled', locked: 'Locked', expired: 'Expired',
    addUser: 'Add a user', initialPassword: 'Initial password', instructedBy: 'Instructed by (head)',
    systemLead: 'Make system task lead', add: 'Add', disable: 'Disable', grants: 'Work-assignment table (grants)',
    seq: 'Seq', actor: 'Actor', action: 'Action', object: 'Object', outcome: 'Outcome', detail: 'Detail',
    verify: 'Verify the chain', verifyOk: 'The audit trail is intact', verifyBad: 'The audit trail has a problem',
    older: 'Older', inquiries: 'Inquiry book', media: 'Portable media', disposals: 'Disposal record',
    group: 'Group', channel: 'Channel', content: 'Content', kind: 'Kind', received: 'Received', disposed: 'Disposed',
    method: 'Method', place: 'Place', witnesses: 'Witnesses', date: 'Date', none: 'None',
    expiredSession: 'The session expired after a time without use',
    fields: { family: 'Family name', given: 'Given name', birth_date: 'Birth date', sex: 'Sex', address: 'Address', prior: 'Prior', frequency: 'Name frequency' },
    roles: { head: 'Registry head', 'task-lead': 'Task lead', 'task-staff': 'Task staff', 'admin-staff': 'Administration staff' },
    categories: { 'notification-identity': 'Identity', 'notification-clinical': 'Clinical', ledgers: 'Ledgers',
                  inbound: 'Inbound key' },
  },
};

const state = { lang: 'ja', session: null, csrf: '', token: 0 };
const t = (k) => T[state.lang][k] ?? k;
// A label written in both languages where it is used (the page files use this): L('鍵', 'Key').
const L = (ja, en) => (state.lang === 'ja' ? ja : en);

// ---- error messages: what (the error's code), where (the page's action), why (the rules the
// message cites, with their titles, and the server's own message, whose Japanese half is shown
// first when it has one: "S-STO-1: 日本語 / English") ----
const ERRORS = {
  invalid_argument: ['入力に誤りがあります', 'Invalid input'],
  not_found: ['見つかりません', 'Not found'],
  already_exists: ['既に記録されています', 'Already recorded'],
  permission_denied: ['権限がありません（この操作は記録されました）', 'Not permitted (this was recorded)'],
  unauthenticated: ['認証に失敗しました', 'Authentication failed'],
  session_expired: ['一定時間操作がなかったため、ログアウトしました', 'The session expired after a time without use'],
  failed_precondition: ['規程により、この記録はできません', 'The rules do not allow this'],
  rejected: ['受け付けられません', 'Rejected'],
  aborted: ['処理が中断されました。もう一度お試しください', 'Interrupted: try again'],
  data_loss: ['改ざんまたは破損を検出しました', 'Tampering or damage found'],
  unavailable: ['一時的に処理できません。何も変更されていません。もう一度お試しください', 'Temporarily unavailable; nothing was changed: try again'],
  internal: ['サーバーで処理できませんでした', 'The server could not answer this request'],
  csrf: ['画面が古くなりました。再読み込みしてください', 'This page is out of date: reload it'],
  rate_limited: ['ログインの試行が多すぎます。1分後にやり直してください', 'Too many login attempts: wait a minute'],
  password_change_required: ['先にパスワードを変更してください', 'Change your password first'],
  too_large: ['送信内容が大きすぎます', 'The request is too large'],
  bad_request: ['要求を処理できませんでした', 'The request could not be served'],
};
// The registry manual's rules that messages cite (seed facts, requirements catalogue).
const RULES = {
  'S-ROLE-1': ['登録室の体制', 'roles of the registry room'], 'S-ROLE-3': ['作業分担表', 'work-assignment table'],
  'S-ACQ-1': ['届出の受領経路', 'how notifications arrive'], 'S-ACQ-2': ['取得する個人情報の種類', 'kinds of information acquired'],
  'S-ACQ-4': ['取得台帳', 'acquisition register'], 'S-ACQ-5': ['配送物等受渡簿', 'hand-over book'],
  'S-STO-1': ['施錠保管とキーボックス', 'locked storage and the key box'], 'S-STO-2': ['可搬媒体リスト', 'portable-media list'],
  'S-STO-3': ['持出しの制限', 'taking material out'], 'STO-3': ['持出し管理台帳', 'take-out register'],
  'S-STO-4': ['廃棄の場所と立会い', 'where and with whom to dispose'], 'S-STO-5': ['シュレッダーの基準・委託契約の守秘義務条項', 'shredding standard, the contractor\'s confidentiality clause'],
  'STO-P4': ['一時的な資料以外の廃棄は作業責任者の承認', 'a task lead approves all but temporary material'],
  'S-PWD-1': ['パスワードの長さ', 'password length'], 'S-PWD-2': ['60日ごとのパスワード変更', 'password change every 60 days'],
  'S-PWD-3': ['パスワードは本人が作成', 'passwords made by their user'], 'S-PWD-4': ['退職者のID削除', 'leavers\' ids removed'],
  'S-SYS-1': ['管理者は室長とシステム担当責任者', 'the two custodians'], 'S-SYS-2': ['室長の指示による利用者登録', 'accounts on the head\'s instruction'],
  'S-SYS-3': ['利用者IDの点検（4月・異動時）', 'user-ID audit (April, personnel changes)'], 'S-SYS-4': ['医療機関・市町村定義の更新', 'definition updates'],
  'S-SYS-6': ['保守作業の記録', 'maintenance record'], 'S-SYS-7': ['PCの持出し禁止', 'PCs never leave the room'],
  'SYS-R1': ['保守作業者の守秘と立会い', 'maintenance workers: confidentiality and witness'], 'PHY-R6': ['作業の立会い', 'witnessed work'],
  'PHY-2': ['入室の承認と付添い', 'approved and escorted entry'],
  'S-INQ-1': ['問合せ者の区分', 'groups of inquirers'], 'S-INQ-2': ['区分ごとの回答範囲', 'what may be answered to each group'],
  'S-INQ-3': ['電話は折り返し（登録番号へ）', 'phone: call back a registered number'], 'S-INQ-4': ['問合せ者の本人確認', 'verifying the inquirer'],
  'S-INQ-5': ['問合せ記録', 'inquiry book'], 'S-INQ-6': ['登録室からの照会', 'outbound inquiries'],
  'S-TRN-1': ['媒体・紙の送付方法', 'sending media and paper'], 'S-TRN-2': ['識別情報と診療情報の分離', 'identity and clinical parts apart'],
  'S-TRN-3': ['暗号化とパスワード', 'encryption and passphrases'], 'S-TRN-4': ['インターネット・メール添付の禁止', 'no internet or e-mail attachments'],
  'S-TRN-5': ['複数人での持参', 'carried by two or more staff'],
  'S-HUM-1': ['年1回の研修と試験', 'yearly training and test'], 'S-HUM-2': ['研修の内容', 'what training covers'],
  'S-HUM-3': ['室長による説明と計画の承認', 'the head\'s briefings and approval'],
  'S-ENT-1': ['入退室の管理と鍵の点検', 'entry log and key checks'], 'S-CHK-1': ['9月の自己点検', 'September self-assessment'],
  'S-INC-1': ['事故時の報告の流れ', 'incident reporting chain'], 'S-INC-2': ['緊急連絡網', 'emergency contact network'],
};
// Each clause ("; " between clauses) of a "日本語 / English" text in the user's language.
function localised(text) {
  return String(text).split('; ').map((part) => {
    const at = part.indexOf(' / ');
    if (at < 0 || !/[\u3040-\u30ff\u4e00-\u9fff]/.test(part.slice(0, at))) return part;
    return state.lang === 'ja' ? part.slice(0, at) : part.slice(at + 3);
  }).join('; ');
}
function errorText(e, where) {
  if (!(e instanceof ApiError)) return String(e);
  const what = (ERRORS[e.code] ?? ERRORS.internal)[state.lang === 'ja' ? 0 : 1];
  const rules = (e.rules ?? []).filter((r) => RULES[r]).map((r) => `${r} ${RULES[r][state.lang === 'ja' ? 0 : 1]}`);
  return [where ? `${where}: ${what}` : what,
    rules.length ? `${L('根拠', 'Rule')}: ${rules.join('、')}` : '',
    e.message ? `${L('詳細', 'Detail')}: ${localised(e.message)}` : ''].filter(Boolean).join('\n');
}

// ---- DOM helpers: text only ----
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, '');
    else if (v !== false && v != null) e.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
const main = () => document.getElementById('main');
// A page's render captures the navigation it belongs to: an answer that arrives after the user
// moved on is dropped instead of replacing the newer page.
function view() {
  const token = state.token;
  // main's data-view names the page drawn (for tests to know the new page is there).
  return (...nodes) => { if (token === state.token) { main().replaceChildren(...nodes); main().dataset.view = location.hash; } };
}
function message(kind, text) { return el('div', { class: `msg ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text); }
function fmtTime(s) { return s ? new Date(s * 1000).toLocaleString(state.lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo' }) : ''; }
function table(headers, rows, rowAttrs) {
  return el('table', {}, el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((r, i) => el('tr', rowAttrs ? rowAttrs(i) : {}, r.map((c) =>
      c instanceof Node ? el('td', {}, c) : el('td', typeof c === 'number' ? { class: 'num' } : {}, c))))));
}

function tableWithId(id, headers, rows, rowAttrs) {
  const tbl = table(headers, rows, rowAttrs);
  tbl.id = id;
  return tbl;
}

// A form from field definitions [name, [ja, en], kind, extra]. kind: text (default), number,
// date, time, month, password, textarea, checkbox, list (comma-separated names, sent as an
// array), select (extra: options, each a value or [value, ja, en]); for inputs, extra holds more
// attributes; corrects (extra: the ledger's entries): a correction names the entry it corrects,
// whose values fill the form, and is sent as its number (the entry itself stays as it was).
// onSubmit(values) calls the API and redraws the page; an error is shown under the form, naming
// the action (the submit label) where it happened.
function formOf(id, fields, submit, onSubmit) {
  const fill = (entry) => {
    for (const f of inputs) {
      if (!entry || f.kind === 'corrects' || !(f.name in entry)) continue;
      const v = entry[f.name];
      if (f.kind === 'checkbox') f.input.checked = Boolean(v);
      else f.input.value = Array.isArray(v) ? v.join(', ') : String(v ?? '');
    }
  };
  const inputs = fields.map(([name, label, kind = 'text', extra]) => {
    let input;
    if (kind === 'textarea') input = el('textarea', { name, rows: 3 });
    else if (kind === 'corrects') {
      input = el('select', { name, onchange: () => fill(extra.find((x) => String(x.id) === input.value)) },
        el('option', { value: '' }, L('— 新しい記録', '— a new entry')),
        extra.filter((x) => !x.corrected_by).map((x) => el('option', { value: x.id }, `#${x.id} ${x.date ?? fmtTime(x.at)}`)));
    }
    else if (kind === 'select') {
      input = el('select', { name }, extra.map((o) => (Array.isArray(o) ? el('option', { value: o[0] }, L(o[1], o[2] ?? o[1])) : el('option', { value: o }, o))));
    } else if (kind === 'checkbox') input = el('input', { type: 'checkbox', name });
    else input = el('input', { name, type: kind === 'list' ? 'text' : kind, ...(extra ?? {}) });
    return { name, kind, input, label: L(...label) };
  });
  const out = el('div', { class: 'form-out' });
  return el('form', { class: 'stack', id, onsubmit: async (ev) => {
    ev.preventDefault();
    const v = {};
    for (const f of inputs) {
      if (f.kind === 'checkbox') v[f.name] = f.input.checked;
      else if (f.kind === 'number' || f.kind === 'corrects') { if (f.input.value !== '') v[f.name] = Number(f.input.value); }
      else if (f.kind === 'list') v[f.name] = f.input.value.split(',').map((x) => x.trim()).filter(Boolean);
      else v[f.name] = f.input.value;
    }
    out.replaceChildren(message('warn', '…'));
    try { await onSubmit(v); out.replaceChildren(); } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) out.replaceChildren(errorBox(e, submit));
    }
  } }, inputs.map((f) => (f.kind === 'checkbox' ? el('label', { class: 'row' }, f.input, f.label) : el('label', {}, f.label, f.input))),
  el('button', { type: 'submit' }, submit), out);
}
// A titled card holding a form (the page's "record" part).
const formCard = (title, form) => el('details', { class: 'card form-card' }, el('summary', {}, title), form);
// A table, or "none" when there is nothing to list.
function listTable(id, headers, rows, rowAttrs) {
  return rows.length ? tableWithId(id, headers, rows, rowAttrs) : el('p', { class: 'muted', id }, t('none'));
}
const yesNo = (b) => (b ? L('はい', 'yes') : '');
// An entry's number, with the entry it corrects and the one that corrected it.
const entryNo = (x) => el('span', { class: 'nowrap' }, String(x.id), x.corrects ? ` ← #${x.corrects}` : '',
  x.corrected_by ? el('span', { class: 'pill warn' }, `${L('訂正済み', 'corrected')} → #${x.corrected_by}`) : '');
// The field of a form that corrects one of `entries` (formOf's corrects kind).
const correctsField = (entries) => ['corrects', ['訂正する記録', 'Corrects entry'], 'corrects', entries];
const today = () => new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);  // Japan

// ---- API ----
class ApiError extends Error {
  constructor(status, code, msg, rules) { super(msg); this.status = status; this.code = code; this.rules = rules ?? []; }
}
// The server's answer, or an ApiError with its code, message and rules.
async function request(method, path, body) {
  const opts = { method, headers: {}, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') opts.headers['X-CSRF-Token'] = state.csrf;
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
  const res = await fetch(path, opts);
  if (res.ok) return res;
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  const err = new ApiError(res.status, data?.error?.code ?? 'internal', data?.error?.message ?? res.statusText, data?.error?.rules);
  if (res.status === 401 && path !== '/api/login') {
    state.session = null;
    state.token += 1;
    renderLogin(err.code === 'session_expired' ? t('expiredSession') : '');
  }
  throw err;
}
async function api(method, path, body) {
  const res = await request(method, path, body);
  try { return await res.json(); } catch { return null; }
}
// A file the server hands back as an attachment (a printed ledger, a report, the follow-back
// list): saved by the browser under the server's name; the copy in memory is let go at once.
async function download(method, path, body) {
  const res = await request(method, path, body);
  const name = /filename="([A-Za-z0-9._-]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'download';
  const href = URL.createObjectURL(await res.blob());
  const a = el('a', { href, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
  return name;
}
// A ledger printed for a date range (PDF or HTML), saved as a file: `ledger` as the server names
// it (/api/print/ledgers/{ledger}).
function printBar(ledger) {
  const from = el('input', { type: 'date', name: 'from', 'aria-label': L('開始日', 'From') });
  const to = el('input', { type: 'date', name: 'to', 'aria-label': L('終了日', 'To') });
  const format = el('select', { name: 'format', 'aria-label': L('形式', 'Format') }, el('option', { value: 'pdf' }, 'PDF'), el('option', { value: 'html' }, 'HTML'));
  const out = el('span');
  const where = L('台帳の印刷', 'Printing the ledger');
  return el('div', { class: 'row print-bar', 'data-ledger': ledger }, L('印刷', 'Print'), from, '〜', to, format,
    el('button', { class: 'secondary', type: 'button', onclick: async () => {
      const q = new URLSearchParams({ format: format.value });
      if (from.value) q.set('from', from.value);
      if (to.value) q.set('to', to.value);
      try { out.replaceChildren(message('ok', `${L('保存しました', 'Saved')}: ${await download('GET', `/api/print/ledgers/${ledger}?${q}`)}`)); }
      catch (e) { out.replaceChildren(errorBox(e, where)); }
    } }, L('印刷用に保存', 'Save for printing')), out);
}
function errorBox(e, where) { return message('error', errorText(e, where)); }

// ---- shell: pages in groups (the top row), the group's pages (the second row) ----
// Pages are defined here and by the page files (pages-*.js): definePage(id, group, label, render)
// where render(arg) draws the page for #/id/arg.
const GROUPS = [
  ['today', '本日', 'Today'],
  ['intake-group', '受付・照合', 'Intake and linkage'],
  ['ledger-group', '台帳', 'Ledgers'],
  ['people-group', '人・研修', 'People and training'],
  ['check-group', '点検・事故', 'Checks and incidents'],
];
const PAGE_DEFS = new Map();
function definePage(id, group, label, render) { PAGE_DEFS.set(id, { id, group, label, render }); }
const pageLabel = (p) => (typeof p.label === 'function' ? p.label() : t(p.label));
function currentPage() { return location.hash.replace(/^#\/?/, '').split('/')[0] || 'dashboard'; }
function renderShell() {
  const nav = document.getElementById('nav');
  const subnav = document.getElementById('subnav');
  const logout = document.getElementById('logout');
  document.getElementById('lang').textContent = state.lang === 'ja' ? 'English' : '日本語';
  document.documentElement.lang = state.lang;
  document.title = `ganreg ${t('title')}`;
  if (!state.session) { nav.hidden = true; subnav.hidden = true; logout.hidden = true; document.getElementById('who').textContent = ''; return; }
  const page = PAGE_DEFS.get(currentPage()) ?? PAGE_DEFS.get('dashboard');
  const pagesOf = (g) => [...PAGE_DEFS.values()].filter((p) => p.group === g);
  nav.replaceChildren(...GROUPS.filter(([g]) => pagesOf(g).length).map(([g, ja, en]) =>
    el('a', { href: `#/${pagesOf(g)[0].id}`, class: g === page.group ? 'active' : '', 'data-group': g }, L(ja, en))));
  subnav.replaceChildren(...pagesOf(page.group).map((p) =>
    el('a', { href: `#/${p.id}`, class: p.id === page.id ? 'active' : '' }, pageLabel(p))));
  nav.hidden = state.session.must_change_password;
  subnav.hidden = state.session.must_change_password || pagesOf(page.group).length < 2;
  logout.hidden = false;
  logout.textContent = t('logout');
  document.getElementById('who').textContent = `${state.session.user} (${T[state.lang].roles[state.session.role] ?? state.session.role})`;
}
const isLead = () => ['head', 'task-lead'].includes(state.session?.role);

function renderLogin(note) {
  const show = view();
  renderShell();
  const user = el('input', { name: 'user', autocomplete: 'username', required: true });
  const pass = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const out = el('div');
  const form = el('form', { class: 'stack', id: 'login-form', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const s = await api('POST', '/api/login', { user: user.value, password: pass.value });
      state.session = s; state.csrf = s.csrf;
      const target = s.must_change_password ? '#/password' : '#/dashboard';
      if (location.hash === target) route(); else location.hash = target;
    } catch (e) { out.replaceChildren(errorBox(e)); pass.value = ''; }
  } }, el('label', {}, t('user'), user), el('label', {}, t('password'), pass),
  el('button', { type: 'submit' }, t('login')));
  show(el('h1', {}, `ganreg ${t('title')}`), note ? message('warn', note) : '', el('section', { class: 'card' }, form, out));
}

function renderPassword() {
  const show = view();
  const old = el('input', { type: 'password', name: 'old', autocomplete: 'current-password', required: true });
  const nw = el('input', { type: 'password', name: 'new', autocomplete: 'new-password', required: true });
  const again = el('input', { type: 'password', name: 'again', autocomplete: 'new-password', required: true });
  const out = el('div');
  const form = el('form', { class: 'stack', onsubmit: async (ev) => {
    ev.preventDefault();
    if (nw.value !== again.value) { out.replaceChildren(message('error', t('mismatch'))); return; }
    try {
      await api('POST', '/api/password', { old_password: old.value, new_password: nw.value });
      state.session.must_change_password = false;
      if (location.hash === '#/dashboard') route(); else location.hash = '#/dashboard';
    } catch (e) { out.replaceChildren(errorBox(e)); }
  } }, el('label', {}, t('oldPassword'), old), el('label', {}, t('newPassword'), nw),
  el('label', {}, t('confirmPassword'), again), el('button', { type: 'submit' }, t('change')));
  show(el('h1', {}, t('passwordChange')),
    state.session.must_change_password ? message('warn', t('mustChange')) : '',
    el('p', { class: 'muted' }, t('passwordRules')), el('section', { class: 'card' }, form, out));
}

function filesTable(files) {
  return table([t('file'), t('hospital'), t('medium'), t('receivedAt'), t('receivedBy'), t('status'), t('read'), t('accepted'), t('held')],
    files.map((f) => [
      f.rows_held > 0 ? el('a', { href: `#/files/${f.id}` }, f.display_name) : f.display_name,
      f.hospital_code, f.medium, fmtTime(f.received_at), f.received_by, f.status,
      f.rows_read, f.rows_accepted, f.rows_held]));
}

async function renderDashboard() {
  const show = view();
  const d = await api('GET', '/api/dashboard');
  const due = await dueSection();
  const card = (label, value, cls = '') => el('section', { class: 'card' }, el('div', { class: 'muted' }, label), el('div', { class: `metric ${cls}` }, value));
  show(el('h1', {}, t('dashboard')),
    d.recovery_key_not_moved ? message('warn', t('recoveryWarning')) : '',
    el('div', { class: 'cards' },
      card(t('notificationsCount'), d.notifications),
      card(t('heldRows'), d.held_rows, d.held_rows > 0 ? 'warn' : ''),
      card(t('reviewOpen'), d.review_open, d.review_open > 0 ? 'warn' : ''),
      card(t('passwordDays'), d.password_days_left, d.password_days_left < 7 ? 'bad' : '')),
    el('h2', {}, t('recentFiles')), filesTable(d.recent_files), due);
}

// What is due (head and task leads: it lists every account's state; others are not asked).
async function dueSection() {
  if (!isLead()) return '';
  try {
    const r = await api('GET', '/api/due');
    return el('section', { id: 'due' }, el('h2', {}, L('期限のあるもの', 'What is due')),
      r.due.length ? table([L('根拠', 'Rule'), L('内容', 'What'), L('期限', 'Due'), ''],
        r.due.map((x) => [x.rule, localised(x.what), x.due, x.overdue ? L('期限切れ', 'overdue') : '']),
        (i) => (r.due[i].overdue ? { class: 'diff' } : {}))
        : el('p', { class: 'muted' }, t('none')));
  } catch (e) { return errorBox(e, L('期限のあるもの', 'What is due')); }
}

// An upload form (a notification file, death forms): `fields` [name, label, input] go with the
// file; the answer is the intake's report, shown in the element with id outId.
function uploadForm(id, outId, path, fields) {
  const file = el('input', { type: 'file', name: 'file', required: true });
  const medium = el('select', { name: 'medium' }, ['online', 'cd-r', 'usb', 'paper'].map((m) => el('option', { value: m }, m)));
  const encoding = el('select', { name: 'encoding' }, el('option', { value: '' }, t('auto')),
    el('option', { value: 'utf-8' }, 'UTF-8'), el('option', { value: 'cp932' }, 'Shift_JIS (CP932)'));
  const all = [...fields, ['medium', t('medium'), medium], ['encoding', t('encoding'), encoding]];
  const out = el('div', { id: outId });
  const form = el('form', { class: 'stack', id, onsubmit: async (ev) => {
    ev.preventDefault();
    const fd = new FormData();
    for (const [name, , input] of all) if (input.value) fd.append(name, input.value);
    fd.append('file', file.files[0]);
    out.replaceChildren(message('warn', '…'));
    try {
      const r = await api('POST', path, fd);
      out.replaceChildren(
        r.duplicate ? message('warn', t('duplicate')) : r.rejected ? message('error', `${t('rejected')}: ${r.reason}`) : message('ok', t('result')),
        table([t('read'), t('accepted'), t('held'), t('encoding')], [[r.rows_read, r.rows_accepted, r.rows_held, r.encoding]]),
        r.issues.length ? el('h2', {}, `${t('issues')} (${r.issue_count})`) : '',
        r.issues.length ? el('div', { class: 'issues', id: `${id.replace(/-form$/, '')}-issues` }, r.issues.join('\n')) : '');
    } catch (e) { out.replaceChildren(errorBox(e)); }
  } }, el('label', {}, t('file'), file), all.map(([, label, input]) => el('label', {}, label, input)),
  el('button', { type: 'submit' }, t('upload')));
  return [el('section', { class: 'card' }, form), out];
}

function renderIntake() {
  const show = view();
  const code = el('input', { name: 'hospital_code', inputmode: 'numeric', pattern: '[0-9]{10}' });
  show(el('h1', {}, t('intake')), ...uploadForm('intake-form', 'intake-result', '/api/intake', [['hospital_code', t('hospitalCode'), code]]));
}

async function renderFile(id) {
  const show = view();
  const r = await api('GET', `/api/files/${encodeURIComponent(id)}`);
  show(el('h1', {}, `${t('report')}: ${r.display_name}`),
    table([t('hospital'), t('status'), t('read'), t('accepted'), t('held')], [[r.hospital_code, r.status, r.rows_read, r.rows_accepted, r.rows_held]]),
    el('h2', {}, t('issues')), el('div', { class: 'issues', id: 'file-report-issues' }, r.issues.join('\n') || t('none')));
}

async function renderNotifications(offset = 0) {
  const show = view();
  const limit = 50;
  const r = await api('GET', `/api/notifications?limit=${limit}&offset=${offset}`);
  const pager = el('div', { class: 'row' },
    el('button', { class: 'secondary', disabled: offset === 0, onclick: () => renderNotifications(Math.max(0, offset - limit)).catch(fail) }, t('prev')),
    el('button', { class: 'secondary', disabled: r.notifications.length < limit, onclick: () => renderNotifications(offset + limit).catch(fail) }, t('next')));
  const list = table([t('keyNo'), t('hospital'), t('receivedAt'), t('line'), t('site'), t('morphology'), t('diagnosisDate')],
    r.notifications.map((n) => [el('a', { href: `#/notifications/${n.key_no}` }, n.key_no), n.hospital_code, fmtTime(n.received_at), n.line, n.primary_site, n.morphology, n.diagnosis_date]));
  list.id = 'notification-list';
  show(el('h1', {}, t('notifications')), list, pager);
}

async function renderNotification(key) {
  const show = view();
  const r = await api('GET', `/api/notifications/${encodeURIComponent(key)}`);
  const out = el('div', { id: 'identity' });
  const itemsTable = (items) => table([t('item'), t('value')], Object.entries(items).map(([k, v]) => [k, v]));
  show(el('h1', {}, `${t('keyNo')} ${r.summary.key_no}`),
    el('p', { class: 'muted' }, `${t('hospital')} ${r.summary.hospital_code} · ${t('line')} ${r.summary.line}`),
    itemsTable(r.items),
    el('div', { class: 'row' }, el('button', { id: 'show-identity', onclick: async () => {
      try {
        const v = await api('GET', `/api/notifications/${encodeURIComponent(key)}/identity`);
        out.replaceChildren(el('h2', {}, t('showIdentity')), itemsTable(v.items));
      } catch (e) { out.replaceChildren(e.status === 403 ? message('error', t('identityDenied')) : errorBox(e)); }
    } }, t('showIdentity')), el('a', { href: '#/notifications' }, t('back'))),
    out);
}

async function renderReview(note) {
  const show = view();
  const blind = state.blind ?? false;
  const r = await api('GET', `/api/review/next?blind=${blind ? 1 : 0}`);
  const head = el('div', { class: 'row' },
    el('button', { id: 'run-link', class: 'secondary', onclick: async () => {
      try { const l = await api('POST', '/api/link'); await renderReview(`${t('linked')}: ${l.notifications} → ${l.persons}`); } catch (e) { main().prepend(errorBox(e)); }
    } }, t('runLink')),
    el('label', { class: 'row' }, el('input', { type: 'checkbox', checked: blind, onchange: (ev) => { state.blind = ev.target.checked; renderReview().catch(fail); } }), t('blind')));
  const undo = state.lastDecided ? el('button', { class: 'secondary', id: 'undo', onclick: async () => {
    try { await api('POST', `/api/review/${state.lastDecided}/undo`); state.lastDecided = null; await renderReview(t('undone')); } catch (e) { main().prepend(errorBox(e)); }
  } }, `${t('undo')} (${t('pair')} ${state.lastDecided})`) : '';
  if (!r.pair) { show(el('h1', {}, t('review')), head, note ? message('ok', note) : '', undo, message('ok', t('noPairs'))); return; }
  const p = r.pair;
  const rows = Object.keys(p.a.items).map((k) => [p.differing.includes(k) ? '≠' : '', r.labels[k] ?? k, p.a.items[k], p.b.items[k]]);
  const diffs = Object.keys(p.a.items).map((k) => p.differing.includes(k));
  const side = table(['', t('item'), `A (${t('keyNo')} ${p.a.key_no})`, `B (${t('keyNo')} ${p.b.key_no})`],
    [['', t('person'), p.a.person_id || '-', p.b.person_id || '-'], ['', t('hospital'), p.a.summary.hospital_code, p.b.summary.hospital_code], ...rows],
    (i) => (i >= 2 && diffs[i - 2] ? { class: 'diff' } : {}));
  side.querySelectorAll('tr.diff td:first-child').forEach((td) => td.classList.add('mark'));
  const max = Math.max(1, ...p.contributions.map((c) => Math.abs(c.weight)));
  const waterfall = p.blind ? '' : el('section', { class: 'card', id: 'waterfall' },
    el('h2', {}, `${t('score')}: ${p.weight.toFixed(2)}`),
    table([t('field'), t('level'), t('weight'), ''], p.contributions.map((c) => [T[state.lang].fields[c.field] ?? c.field, c.level, c.weight.toFixed(2),
      el('span', { class: `bar ${c.weight >= 0 ? 'pos' : 'neg'}`, style: false, 'data-w': c.weight }, '')])));
  if (waterfall) waterfall.querySelectorAll('.bar').forEach((b) => { b.style.width = `${Math.round(120 * Math.abs(Number(b.dataset.w)) / max)}px`; });
  const noteInput = el('input', { name: 'note', id: 'review-note' });
  const decide = (same) => async () => {
    try {
      await api('POST', `/api/review/${p.id}/decide`, { decision: same ? 'same' : 'different', note: noteInput.value });
      state.lastDecided = p.id;
      await renderReview(t('decided'));
    } catch (e) { main().prepend(errorBox(e)); }
  };
  show(el('h1', {}, `${t('review')}: ${t('pair')} ${p.id} (${t('openPairs')} ${p.open_pairs})`), head,
    note ? message('ok', note) : '', undo, side, waterfall,
    el('section', { class: 'card row' }, el('label', {}, t('note'), noteInput),
      el('button', { id: 'decide-same', onclick: decide(true) }, t('same')),
      el('button', { id: 'decide-different', class: 'danger', onclick: decide(false) }, t('different'))));
}

async function renderUsers(note) {
  const show = view();
  const r = await api('GET', '/api/users');
  const mayEdit = state.session.custodian;
  const cats = r.categories;
  const matrix = table([t('name'), t('role'), t('status'), ...cats.map((c) => T[state.lang].categories[c] ?? c), ''],
    r.users.map((u) => [u.name, T[state.lang].roles[u.role] ?? u.role,
      [u.custodian ? t('custodian') : '', u.disabled ? t('disabled') : '', u.locked ? t('locked') : '', u.password_expired ? t('expired') : ''].filter(Boolean).join(' '),
      ...cats.map((c) => el('input', { type: 'checkbox', 'aria-label': `${u.name} ${c}`, checked: u.categories.includes(c), disabled: !mayEdit || u.disabled,
        onchange: async (ev) => {
          try { await api('POST', ev.target.checked ? '/api/users/grant' : '/api/users/revoke', { user: u.name, category: c }); await renderUsers(); }
          catch (e) { ev.target.checked = !ev.target.checked; main().prepend(errorBox(e)); }
        } })),
      mayEdit && !u.disabled && u.name !== state.session.user ? el('button', { class: 'danger', onclick: async () => {
        try { await api('POST', '/api/users/disable', { user: u.name }); await renderUsers(); } catch (e) { main().prepend(errorBox(e)); }
      } }, t('disable')) : '']));
  matrix.classList.add('matrix');
  const name = el('input', { name: 'name', required: true });
  const role = el('select', { name: 'role' }, ['task-staff', 'admin-staff', 'task-lead'].map((x) => el('option', { value: x }, T[state.lang].roles[x])));
  const pw = el('input', { name: 'initial_password', type: 'password', autocomplete: 'new-password', required: true });
  const instr = el('input', { name: 'instructed_by' });
  const lead = el('input', { type: 'checkbox', name: 'system_lead' });
  const out = el('div');
  const add = el('form', { class: 'stack', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', '/api/users', { name: name.value, role: role.value, initial_password: pw.value, instructed_by: instr.value, system_lead: lead.checked });
      await renderUsers(`${t('add')}: ${name.value}`);
    } catch (e) { out.replaceChildren(errorBox(e)); }
  } }, el('label', {}, t('name'), name), el('label', {}, t('role'), role), el('label', {}, t('initialPassword'), pw),
  el('label', {}, t('instructedBy'), instr), el('label', { class: 'row' }, lead, t('systemLead')), el('button', { type: 'submit' }, t('add')), out);
  show(el('h1', {}, t('users')), note ? message('ok', note) : '', el('h2', {}, t('grants')), matrix,
    el('h2', {}, t('addUser')), el('section', { class: 'card' }, add));
}

async function renderAudit(before = 0) {
  const show = view();
  const r = await api('GET', `/api/audit?limit=100${before ? `&before=${before}` : ''}`);
  const out = el('div', { id: 'verify-result' });
  const last = r.events.length ? r.events[r.events.length - 1].seq : 0;
  show(el('h1', {}, t('audit')),
    el('div', { class: 'row' }, el('button', { id: 'verify', onclick: async () => {
      try {
        const v = await api('POST', '/api/audit/verify');
        out.replaceChildren(v.ok ? message('ok', `${t('verifyOk')} (${v.events} / ${v.checkpoints})`) : message('error', `${t('verifyBad')}: ${v.problem} (#${v.first_bad_seq})`));
      } catch (e) { out.replaceChildren(errorBox(e)); }
    } }, t('verify'))), out,
    table([t('seq'), t('at'), t('actor'), t('role'), t('action'), t('object'), t('outcome'), t('detail')],
      r.events.map((e) => [e.seq, fmtTime(e.time), e.actor, e.role, e.action, e.object, e.outcome, e.detail]),
      (i) => (r.events[i].outcome !== 'done' ? { class: 'diff' } : {})),
    last > 1 ? el('button', { class: 'secondary', onclick: () => renderAudit(last).catch(fail) }, t('older')) : '');
}

function fail(e) { if (!(e instanceof ApiError && e.status === 401)) { main().replaceChildren(errorBox(e)); main().dataset.view = location.hash; } }

definePage('dashboard', 'today', 'dashboard', () => renderDashboard());
definePage('intake', 'intake-group', 'intake', () => renderIntake());
definePage('notifications', 'intake-group', 'notifications', (arg) => (arg ? renderNotification(arg) : renderNotifications()));
definePage('review', 'intake-group', 'review', () => renderReview());
definePage('users', 'people-group', 'users', () => renderUsers());
definePage('audit', 'check-group', 'audit', () => renderAudit());

async function route() {
  state.token += 1;
  renderShell();
  if (!state.session) { renderLogin(); return; }
  const [page, arg] = location.hash.replace(/^#\/?/, '').split('/');
  if (state.session.must_change_password && page !== 'password') { location.hash = '#/password'; return; }
  try {
    if (page === 'password') return renderPassword();
    if (page === 'files') return await renderFile(arg);
    const def = PAGE_DEFS.get(page || 'dashboard');
    if (!def) { location.hash = '#/dashboard'; return; }
    return await def.render(arg);
  } catch (e) { fail(e); }
}

document.getElementById('lang').addEventListener('click', () => { state.lang = state.lang === 'ja' ? 'en' : 'ja'; route(); });
document.getElementById('logout').addEventListener('click', async () => {
  try { await api('POST', '/api/logout'); } catch { /* already gone */ }
  state.session = null; state.csrf = ''; location.hash = ''; renderLogin();
});
window.addEventListener('hashchange', route);
// Starts once every page file (deferred scripts, in order after this one) has defined its pages.
document.addEventListener('DOMContentLoaded', async () => {
  try { const s = await api('GET', '/api/session'); state.session = s; state.csrf = s.csrf; } catch { state.session = null; }
  route();
});
