// ganreg web client: the registers of the fourth ledger slice — procedure revisions decided from
// the self-assessment (S-CHK-1), external audits (ORG-6) and the storage schedule with its
// retention periods (F-7). Uses app.js's helpers; every value is put in the page as text.
'use strict';

const kept = () => L('記録しました', 'Recorded');

// ---- 手順の改訂 procedure revisions (S-CHK-1) ----
async function renderRevisions(arg, note) {
  const show = view();
  const year = Number(arg) || 0;
  const [r, assessment] = await Promise.all([api('GET', `/api/revisions${year ? `?year=${year}` : ''}`),
    year ? api('GET', `/api/self-assessment/${year}`).catch(() => null) : null]);
  const actions = (assessment?.items ?? []).filter((i) => i.action);
  const yearInput = el('input', { type: 'number', value: year || '', id: 'revision-year', 'aria-label': L('年', 'Year'), placeholder: L('すべての年', 'every year'),
    onchange: (ev) => { location.hash = `#/revisions${Number(ev.target.value) ? `/${Number(ev.target.value)}` : ''}`; } });
  show(el('h1', {}, `${L('手順の改訂', 'Procedure revisions')}${year ? ` ${year}` : ''}`), printBar('revisions'), note ? message('ok', note) : '',
    el('div', { class: 'row' }, el('label', { class: 'row' }, L('自己点検の年', 'Self-assessment year'), yearInput),
      year ? el('a', { href: `#/self-assessment/${year}` }, L('自己点検へ', 'To the self-assessment')) : ''),
    year && assessment ? el('section', {}, el('h2', {}, L('決めた改善策', 'Actions decided')),
      listTable('revision-actions', ['No.', L('項目', 'Item'), L('改善策', 'Action')], actions.map((i) => [i.no, L(i.text_ja, i.text_en), i.action]))) : '',
    formCard(L('改訂を記録', 'Record a revision'), formOf('revision-form', [
      ['year', ['自己点検の年', 'Self-assessment year'], 'number', { value: year || Number(today().slice(0, 4)), required: true }],
      ['items', ['改善策を決めた項目（カンマ区切り、例 1-06,3-02）', 'Items with the action decided (comma-separated, e.g. 1-06,3-02)'], 'list'],
      ['procedure', ['改訂した規程・様式・手順', 'Rule, form or practice revised'], 'text', { required: true }],
      ['change', ['改訂の内容', 'What changed'], 'textarea'],
      ['decided_by', ['決定した登録室長（空欄: 自分）', 'Decided by the head (blank: you)']],
      ['date', ['決定日', 'Decided on'], 'date', { value: today() }], correctsField(r.revisions)],
    L('改訂を記録', 'Record the revision'), async (v) => {
      await api('POST', '/api/revisions', v);
      if (Number(v.year) === year) await renderRevisions(arg, kept()); else location.hash = `#/revisions/${Number(v.year)}`;
    })),
    listTable('revision-list', ['#', L('年', 'Year'), L('項目', 'Items'), L('規程・手順', 'Procedure'), L('内容', 'Change'), L('決定', 'Decided by'), L('決定日', 'On'), L('記録者', 'Recorded by')],
      r.revisions.map((x) => [entryNo(x), x.year, x.items, x.procedure, x.change, x.decided_by, x.decided_on, x.recorded_by])));
}
definePage('revisions', 'check-group', () => L('手順の改訂', 'Revisions'), (arg) => renderRevisions(arg));

// ---- 外部監査 external audits (ORG-6) ----
async function renderExternalAudits(note) {
  const show = view();
  const r = await api('GET', '/api/external-audits');
  show(el('h1', {}, L('外部監査', 'External audits')), printBar('external-audits'), note ? message('ok', note) : '',
    el('p', { class: 'muted' }, L('4〜5年ごとに外部の監査を受け、結果を知事部局の担当に報告します（ORG-6）。報告日は、報告後にこの記録を訂正して記入します。',
      'An outside audit every 4–5 years, its result reported to the governor\'s officer (ORG-6); record the report date later by correcting the entry.')),
    state.session.role === 'head' ? formCard(L('外部監査を記録', 'Record an external audit'), formOf('external-audit-form', [
      ['date', ['監査日', 'Audit date'], 'date', { value: today() }],
      ['auditor', ['監査した機関', 'Auditing body'], 'text', { required: true }],
      ['committee', ['委員の構成', 'Committee members'], 'text'],
      ['findings', ['指摘事項', 'Findings'], 'textarea'],
      ['actions', ['対応', 'Actions'], 'textarea'],
      ['reported_on', ['知事部局への報告日', 'Reported to the governor\'s officer on'], 'date'], correctsField(r.audits)],
    L('監査を記録', 'Record the audit'), async (v) => { await api('POST', '/api/external-audits', v); await renderExternalAudits(kept()); })) : '',
    listTable('external-audit-list', ['#', L('監査日', 'Date'), L('機関', 'Auditor'), L('委員', 'Committee'), L('指摘', 'Findings'), L('対応', 'Actions'), L('報告日', 'Reported'), L('記録者', 'By')],
      r.audits.map((a) => [entryNo(a), a.date, a.auditor, a.committee, a.findings, a.actions,
        a.reported_on || el('span', { class: 'pill warn' }, L('未報告', 'not reported')), a.recorded_by])));
}
definePage('external-audits', 'check-group', () => L('外部監査', 'External audits'), () => renderExternalAudits());

// ---- 保管場所及び保管方法 the storage schedule (F-7, STO-P5) ----
const RETENTION_KINDS = [['notification', '届出票・遡り調査票', 'notification forms'], ['death', '死亡者情報票', 'death information forms'],
  ['address-change', '住所異動情報', 'address changes'], ['linkage-file', '照合用ファイル', 'linkage files']];
const RETENTION_MEDIA = [['electronic', '電子', 'electronic'], ['paper', '紙', 'paper']];
async function renderRetention(note) {
  const show = view();
  const r = await api('GET', '/api/retention');
  const label = (opts, v) => { const o = opts.find((x) => x[0] === v); return o ? L(o[1], o[2]) : v; };
  show(el('h1', {}, L('保管場所及び保管方法（保管期間）', 'Storage schedule (retention)')), printBar('retention'), note ? message('ok', note) : '',
    el('p', { class: 'muted' }, L('種類と媒体ごとに、受領から何か月保管するかを定めます。最新の行が有効です。期間を終えた取得は「期限のあるもの」に表示され、廃棄記録で取得を指定して廃棄します。',
      'How many months after receipt each kind of information on each medium is kept; the latest row is in force. Acquisitions at the end of their period are listed as due, and a disposal record naming the acquisition disposes of them.')),
    isLead() ? formCard(L('保管期間を設定', 'Set a retention period'), formOf('retention-form', [
      ['kind', ['情報の種類', 'Kind'], 'select', RETENTION_KINDS], ['medium', ['媒体', 'Medium'], 'select', RETENTION_MEDIA],
      ['months', ['保管期間（月）', 'Kept for (months)'], 'number', { min: 1, required: true }],
      ['place', ['保管場所', 'Place'], 'text', { required: true }], ['method', ['保管方法', 'Method'], 'text', { required: true }]],
    L('設定する', 'Set'), async (v) => { await api('POST', '/api/retention', v); await renderRetention(kept()); })) : '',
    listTable('retention-list', ['#', L('種類', 'Kind'), L('媒体', 'Medium'), L('期間（月）', 'Months'), L('保管場所', 'Place'), L('保管方法', 'Method'), L('設定者', 'Set by'), L('日時', 'At'), ''],
      r.rules.map((x) => [x.id, x.kind_label || label(RETENTION_KINDS, x.kind), label(RETENTION_MEDIA, x.medium), x.months, x.place, x.method, x.set_by, fmtTime(x.at),
        x.in_force ? el('span', { class: 'pill good' }, L('有効', 'in force')) : L('過去の設定', 'superseded')]),
      (i) => (r.rules[i].in_force ? {} : { class: 'muted' })));
}
definePage('retention', 'ledger-group', () => L('保管期間', 'Retention'), () => renderRetention());
