// ganreg web client: the office's pages — the key box, the entry/exit log, training, briefings,
// the user-ID audit and incidents. Uses app.js's helpers (el, api, L, formOf, …); every value
// from the server is put in the page as text.
'use strict';

const recorded = () => L('記録しました', 'Recorded');

// ---- 鍵の管理簿 key box (S-STO-1, S-ENT-1) ----
async function renderKeybox(note) {
  const show = view();
  const r = await api('GET', '/api/keybox');
  const action = { open: L('開錠', 'opened'), lock: L('施錠', 'locked'), count: L('本数確認', 'counted') };
  const last = r.entries.filter((e) => e.action !== 'count').slice(-1)[0];
  const forms = isLead() ? el('div', { class: 'forms' },
    el('section', { class: 'card row' },
      el('button', { id: 'keybox-open', onclick: () => record({ action: 'open' }) }, L('開錠を記録', 'Record opening')),
      el('button', { id: 'keybox-lock', class: 'secondary', onclick: () => record({ action: 'lock' }) }, L('施錠を記録', 'Record locking'))),
    formCard(L('終業時の鍵の本数確認', 'End-of-day key count'), formOf('keybox-count', [
      ['expected', ['あるべき本数', 'Keys that belong in the box'], 'number', { required: true, min: 0 }],
      ['counted', ['確認した本数', 'Keys found'], 'number', { required: true, min: 0 }],
      ['note', ['メモ', 'Note']]], L('本数確認を記録', 'Record the count'), async (v) => {
      await api('POST', '/api/keybox', { action: 'count', ...v }); await renderKeybox(recorded());
    }))) : '';
  const errors = el('div');
  async function record(body) {
    try { await api('POST', '/api/keybox', body); await renderKeybox(recorded()); }
    catch (e) { errors.replaceChildren(errorBox(e, body.action === 'open' ? L('開錠を記録', 'Record opening') : L('施錠を記録', 'Record locking'))); }
  }
  show(el('h1', {}, L('鍵の管理簿（キーボックス）', 'Key box log')), printBar('keybox'), note ? message('ok', note) : '',
    el('p', { id: 'keybox-state' }, L('現在: ', 'Now: '), last ? el('span', { class: `pill ${last.action === 'open' ? 'warn' : 'good'}` }, action[last.action]) : L('記録なし', 'no entries')),
    forms, errors,
    listTable('keybox-log', ['#', L('日付', 'Date'), L('日時', 'At'), L('操作', 'Action'), L('記録者', 'By'), L('あるべき本数', 'Expected'), L('確認', 'Counted'), L('メモ', 'Note')],
      [...r.entries].reverse().map((e) => [e.id, e.date, fmtTime(e.at), action[e.action] ?? e.action, e.by,
        e.action === 'count' ? e.expected : '', e.action === 'count' ? e.counted : '',
        e.keys_missing ? el('span', { class: 'pill bad' }, `${L('不足', 'keys missing')} ${e.note}`) : e.note])));
}
definePage('keybox', 'ledger-group', () => L('鍵の管理簿', 'Key box'), () => renderKeybox());

// ---- 入退室管理簿 entry/exit log (S-ENT-1, PHY-2) ----
async function renderEntryLog(note) {
  const show = view();
  const month = state.entryMonth ?? today().slice(0, 7);
  const [r, checks] = await Promise.all([api('GET', `/api/entry-log?month=${encodeURIComponent(month)}`), api('GET', '/api/entry-log/checks')]);
  const monthInput = el('input', { type: 'month', value: month, id: 'entry-month', onchange: (ev) => { state.entryMonth = ev.target.value; renderEntryLog().catch(fail); } });
  const exitButton = (v) => {
    if (v.time_out) return v.time_out;
    const time = el('input', { type: 'time', 'aria-label': L('退室時刻', 'Time out') });
    return el('span', { class: 'row' }, time, el('button', { class: 'secondary', onclick: async (ev) => {
      try { await api('POST', `/api/entry-log/${v.id}/exit`, { time_out: time.value }); await renderEntryLog(recorded()); }
      catch (e) { ev.target.parentElement.append(errorBox(e, L('退室を記録', 'Record the exit'))); }
    } }, L('退室', 'Exit')));
  };
  const checked = checks.checks.find((c) => c.month === month);
  show(el('h1', {}, L('入退室管理簿', 'Entry/exit log')), printBar('entry-log'), note ? message('ok', note) : '',
    el('div', { class: 'row' }, el('label', { class: 'row' }, L('月', 'Month'), monthInput),
      checked ? el('span', { class: 'pill good', id: 'entry-checked' }, `${L('月次点検済み', 'checked')}: ${checked.checked_by} (${checked.entries})`)
        : el('span', { class: 'pill warn' }, L('月次点検なし', 'not checked'))),
    el('div', { class: 'forms' },
      formCard(L('来訪者の入室を記録', 'Record a visitor\'s entry'), formOf('entry-form', [
        ['date', ['日付', 'Date'], 'date', { value: today() }],
        ['time_in', ['入室時刻', 'Time in'], 'time', { required: true }],
        ['name', ['氏名', 'Name'], 'text', { required: true, autocomplete: 'off' }],
        ['affiliation', ['所属', 'Affiliation'], 'text', { autocomplete: 'off' }],
        ['purpose', ['目的', 'Purpose']],
        ['pledge', ['誓約書（第5号様式）を受領', 'Pledge (form 5) received'], 'checkbox'],
        ['approved_by', ['承認した作業責任者', 'Approved by (task lead)']],
        ['escort', ['付き添う職員', 'Escort (staff)']], correctsField(r.visits)], L('入室を記録', 'Record the entry'), async (v) => {
        await api('POST', '/api/entry-log', v); await renderEntryLog(recorded());
      })),
      isLead() ? formCard(L('月次点検', 'Monthly check'), formOf('entry-check-form', [
        ['month', ['月', 'Month'], 'month', { value: month, required: true }], ['note', ['メモ', 'Note']]],
      L('点検を記録', 'Record the check'), async (v) => { await api('POST', '/api/entry-log/checks', v); await renderEntryLog(recorded()); })) : ''),
    r.visits.some((v) => v.sealed) ? message('warn', L('台帳の権限がないため、氏名・所属・目的は表示されません', 'Names, affiliations and purposes are withheld without the ledgers grant')) : '',
    listTable('entry-log', ['#', L('日付', 'Date'), L('入室', 'In'), L('退室', 'Out'), L('氏名', 'Name'), L('所属', 'Affiliation'), L('目的', 'Purpose'), L('誓約書', 'Pledge'), L('承認', 'Approved by'), L('付添い', 'Escort')],
      r.visits.map((v) => [entryNo(v), v.date, v.time_in, exitButton(v), v.name, v.affiliation, v.purpose, yesNo(v.pledge), v.approved_by, v.escort])),
    el('h2', {}, L('月次点検の記録', 'Monthly checks')),
    listTable('entry-checks', [L('月', 'Month'), L('点検者', 'Checked by'), L('日時', 'At'), L('件数', 'Entries'), L('メモ', 'Note')],
      checks.checks.map((c) => [c.month, c.checked_by, fmtTime(c.at), c.entries, c.note])));
}
definePage('entry-log', 'ledger-group', () => L('入退室管理簿', 'Entry/exit log'), () => renderEntryLog());

// ---- 研修 training (S-HUM-1..3) ----
async function renderTraining(note) {
  const show = view();
  const r = await api('GET', '/api/training');
  const approve = (p) => (p.approved_by ? `${p.approved_by}` : state.session.role === 'head'
    ? el('button', { class: 'secondary', onclick: async (ev) => {
      try { await api('POST', `/api/training/plans/${p.id}/approve`); await renderTraining(L('承認しました', 'Approved')); }
      catch (e) { ev.target.parentElement.append(errorBox(e, L('計画の承認', 'Approving the plan'))); }
    } }, L('承認する', 'Approve')) : el('span', { class: 'pill warn' }, L('未承認', 'not approved')));
  show(el('h1', {}, L('研修の記録', 'Training')), note ? message('ok', note) : '',
    el('h2', {}, L('各職員の状況（1年以内の合格）', 'Standing (passed within a year)')),
    listTable('training-standing', [L('職員', 'Account'), L('最後の合格', 'Last pass'), L('状況', 'Standing')],
      r.standing.map((s) => [s.person, s.last_pass, el('span', { class: `pill ${s.current ? 'good' : 'bad'}` }, s.current ? L('有効', 'current') : L('要受講', 'due'))])),
    el('div', { class: 'forms' },
      formCard(L('研修計画の追加', 'Add a training plan'), formOf('plan-form', [
        ['fiscal_year', ['年度', 'Fiscal year'], 'number', { required: true, value: Number(today().slice(0, 4)) - (Number(today().slice(5, 7)) < 4 ? 1 : 0) }],
        ['title', ['題名', 'Title'], 'text', { required: true }],
        ['covers', ['内容（rules,roles,after-leaving）', 'Covers (rules,roles,after-leaving)'], 'text', { value: 'rules,roles,after-leaving' }],
        ['pass_mark', ['合格点', 'Pass mark'], 'number', { value: 80, min: 1, max: 100 }]],
      L('計画を追加', 'Add the plan'), async (v) => { await api('POST', '/api/training/plans', v); await renderTraining(recorded()); })),
      formCard(L('研修の実施', 'Record a session'), formOf('session-form', [
        ['plan_id', ['計画番号', 'Plan'], 'select', r.plans.filter((p) => p.approved_by).map((p) => [String(p.id), `#${p.id} ${p.fiscal_year} ${p.title}`])],
        ['date', ['実施日', 'Date'], 'date', { value: today() }],
        ['trainer', ['講師', 'Trainer'], 'text', { required: true }],
        ['content', ['内容', 'Content'], 'text', { required: true }],
        ['attendees', ['出席者（ID、カンマ区切り）', 'Attendees (ids, comma-separated)'], 'list'],
        ['contractors', ['委託先の出席者（氏名）', 'Contractor staff (names)'], 'list']],
      L('実施を記録', 'Record the session'), async (v) => { await api('POST', '/api/training/sessions', { ...v, plan_id: Number(v.plan_id) }); await renderTraining(recorded()); })),
      formCard(L('試験結果', 'Record a test result'), formOf('test-form', [
        ['session_id', ['研修', 'Session'], 'select', r.sessions.map((s) => [String(s.id), `#${s.id} ${s.date} ${s.content}`])],
        ['person', ['職員ID', 'Account'], 'text', { required: true }],
        ['score', ['点数', 'Score'], 'number', { required: true, min: 0, max: 100 }],
        ['retest_of', ['再試験の元の結果番号', 'Retest of result #'], 'number']],
      L('結果を記録', 'Record the result'), async (v) => { await api('POST', '/api/training/tests', { ...v, session_id: Number(v.session_id) }); await renderTraining(recorded()); }))),
    el('h2', {}, L('研修計画', 'Plans')),
    listTable('training-plans', ['#', L('年度', 'Year'), L('題名', 'Title'), L('内容', 'Covers'), L('合格点', 'Pass mark'), L('作成', 'Planned by'), L('承認', 'Approved by')],
      r.plans.map((p) => [p.id, p.fiscal_year, p.title, p.covers, p.pass_mark, p.planned_by, approve(p)])),
    el('h2', {}, L('実施記録', 'Sessions')),
    listTable('training-sessions', ['#', L('計画', 'Plan'), L('日付', 'Date'), L('講師', 'Trainer'), L('内容', 'Content'), L('出席者', 'Attendees'), L('委託先', 'Contractors')],
      r.sessions.map((s) => [s.id, s.plan_id, s.date, s.trainer, s.content, s.attendees.join(', '), s.contractors.join(', ')])),
    el('h2', {}, L('試験結果', 'Test results')),
    listTable('training-tests', ['#', L('研修', 'Session'), L('職員', 'Account'), L('日付', 'Date'), L('点数', 'Score'), L('合否', 'Result'), L('再試験', 'Retest of')],
      r.tests.map((x) => [x.id, x.session_id, x.person, x.date, `${x.score} / ${x.pass_mark}`,
        el('span', { class: `pill ${x.passed ? 'good' : 'bad'}` }, x.corrected_by ? L('訂正済み', 'corrected') : x.passed ? L('合格', 'passed') : L('不合格', 'failed')), x.retest_of || ''])));
}
definePage('training', 'people-group', () => L('研修', 'Training'), () => renderTraining());

// ---- 説明の記録 briefings (S-HUM-3) ----
async function renderBriefings(note) {
  const show = view();
  const r = await api('GET', '/api/briefings');
  const kinds = [['new-staff', '新任者への説明', 'new staff'], ['leaver', '退職者への説明', 'leaver']];
  show(el('h1', {}, L('室長による説明の記録', 'Briefings by the head')), note ? message('ok', note) : '',
    formCard(L('説明を記録', 'Record a briefing'), formOf('briefing-form', [
      ['kind', ['種類', 'Kind'], 'select', kinds], ['person', ['職員ID', 'Account'], 'text', { required: true }],
      ['given_by', ['説明した室長', 'Given by (head)']], ['date', ['日付', 'Date'], 'date', { value: today() }], ['note', ['メモ', 'Note']]],
    L('説明を記録', 'Record the briefing'), async (v) => { await api('POST', '/api/briefings', v); await renderBriefings(recorded()); })),
    listTable('briefings', ['#', L('日付', 'Date'), L('種類', 'Kind'), L('職員', 'Account'), L('説明者', 'Given by'), L('メモ', 'Note')],
      r.briefings.map((b) => [b.id, b.date, L(...(kinds.find((k) => k[0] === b.kind) ?? [b.kind, b.kind, b.kind]).slice(1)), b.person, b.given_by, b.note])));
}
definePage('briefings', 'people-group', () => L('説明の記録', 'Briefings'), () => renderBriefings());

// ---- 利用者IDの点検 the user-ID audit (S-SYS-3) ----
async function renderIdAudit(note) {
  const show = view();
  const [acc, audits] = await Promise.all([api('GET', '/api/id-audit/accounts'), api('GET', '/api/id-audits')]);
  const rows = acc.accounts.map((a) => {
    const ok = el('input', { type: 'checkbox', 'aria-label': `${a.name} ${L('本人を確認', 'holder confirmed')}`, checked: a.state === 'active', disabled: a.state !== 'active' });
    const found = el('input', { 'aria-label': `${a.name} ${L('不一致の内容', 'mismatch found')}`, disabled: a.state !== 'active' });
    return { a, ok, found };
  });
  const out = el('div');
  const record = el('button', { id: 'id-audit-record', onclick: async () => {
    const body = { trigger: trigger.value, note: noteInput.value, confirmed: [], mismatched: [] };
    for (const { a, ok, found } of rows) {
      if (a.state !== 'active') continue;
      if (found.value.trim()) body.mismatched.push({ account: a.name, found: found.value.trim() });
      else if (ok.checked) body.confirmed.push(a.name);
    }
    try { await api('POST', '/api/id-audits', body); await renderIdAudit(recorded()); } catch (e) { out.replaceChildren(errorBox(e, L('点検結果を記録', 'Record the audit'))); }
  } }, L('点検結果を記録', 'Record the audit'));
  const trigger = el('select', {}, el('option', { value: 'april' }, L('4月の定期点検', 'April audit')), el('option', { value: 'personnel-change' }, L('異動時の点検', 'personnel change')));
  const noteInput = el('input', { 'aria-label': L('メモ', 'Note') });
  show(el('h1', {}, L('利用者IDの点検', 'User-ID audit')), note ? message('ok', note) : '',
    el('p', { class: 'muted' }, L('各IDが本人のものであることを確認し、違いがあれば内容を書いてください（S-SYS-3）。', 'Confirm each account against its holder, or write what was found (S-SYS-3).')),
    tableWithId('id-audit-accounts', ['ID', L('役割', 'Role'), L('状態', 'State'), L('作成者', 'Created by'), L('指示した室長', 'Instructed by'), L('最後の研修合格', 'Last training pass'), L('新任説明', 'Briefed'), L('権限', 'Categories'), L('本人確認', 'Confirmed'), L('不一致の内容', 'Mismatch')],
      rows.map(({ a, ok, found }) => [a.name, T[state.lang].roles[a.role] ?? a.role, a.state, a.created_by, a.instructed_by, a.last_pass, yesNo(a.briefed),
        a.categories.map((c) => T[state.lang].categories[c] ?? c).join(', '), ok, found])),
    el('section', { class: 'card row' }, trigger, noteInput, state.session.custodian ? record : el('span', { class: 'muted' }, L('記録は管理者（室長・システム担当責任者）が行います', 'Custodians record the result'))), out,
    el('h2', {}, L('点検の記録', 'Audits recorded')),
    listTable('id-audits', ['#', L('日付', 'Date'), L('契機', 'Trigger'), L('点検者', 'Reviewer'), L('ID数', 'Accounts'), L('不一致', 'Mismatches'), L('メモ', 'Note')],
      audits.audits.map((x) => [x.id, x.date, x.trigger, x.reviewer, x.accounts, x.mismatches, x.note])));
}
definePage('id-audit', 'people-group', () => L('利用者IDの点検', 'User-ID audit'), () => renderIdAudit());

// ---- 事故 incidents (S-INC-1) and the emergency contact network (S-INC-2) ----
const STEPS = {
  'reported-to-head': ['登録室責任者へ報告', 'reported to the head'], contained: ['被害の拡大防止', 'contained'],
  cause: ['原因の究明', 'cause found'], prevention: ['再発防止策', 'prevention decided'],
  'head-to-governor': ['責任者から総括責任者（知事）へ報告', 'head to the governor'], 'head-to-ncc': ['責任者から国立がん研究センターへ報告', 'head to the NCC'],
  'governor-to-ministry': ['総括責任者から厚生労働省へ報告', 'governor to the ministry'], notified: ['通知', 'notified'], note: ['経過', 'note'],
};
const INCIDENT_KINDS = [['leak', '漏えい', 'leak'], ['loss', '紛失', 'loss'], ['unauthorised-access', '不正アクセス', 'unauthorised access'], ['system-fault', 'システム障害', 'system fault'], ['other', 'その他', 'other']];
const stepLabel = (s) => L(...(STEPS[s] ?? [s, s]));
const incidentKind = (k) => L(...(INCIDENT_KINDS.find((x) => x[0] === k) ?? [k, k, k]).slice(1));

async function renderIncidents(arg, note) {
  if (arg) return renderIncident(arg, note);
  const show = view();
  const list = await api('GET', '/api/incidents').catch((e) => e);
  const network = await api('GET', '/api/contact-network').catch((e) => e);
  show(el('h1', {}, L('事故の記録', 'Incidents')), note ? message('ok', note) : '',
    formCard(L('事故を報告', 'Report an incident'), formOf('incident-form', [
      ['kind', ['種類', 'Kind'], 'select', INCIDENT_KINDS],
      ['occurred', ['発生日時', 'Occurred'], 'datetime-local', { required: true }],
      ['summary', ['概要（暗号化して保存）', 'Summary (kept sealed)'], 'textarea']],
    L('報告する', 'Report'), async (v) => { const r = await api('POST', '/api/incidents', v); location.hash = `#/incidents/${r.id}`; })),
    list instanceof Error ? errorBox(list, L('事故の一覧', 'Incident list')) :
      listTable('incident-list', ['#', L('発生', 'Occurred'), L('種類', 'Kind'), L('報告者', 'Reported by'), L('概要', 'Summary'), L('未記録の手順', 'Steps missing')],
        list.incidents.map((i) => [el('a', { href: `#/incidents/${i.id}` }, i.id), i.occurred, incidentKind(i.kind), i.reported_by, i.summary,
          i.missing.length ? el('span', { class: 'pill bad' }, i.missing.map(stepLabel).join('、')) : el('span', { class: 'pill good' }, L('完了', 'complete'))])),
    el('h2', {}, L('緊急連絡網', 'Emergency contact network')),
    network instanceof Error ? errorBox(network, L('緊急連絡網', 'Emergency contact network'))
      : network.network ? el('section', { class: 'card', id: 'contact-network' }, el('div', { class: 'muted' }, `${L('作成・更新日', 'Updated on')} ${network.network.updated_on} · ${network.network.recorded_by}`), el('div', { class: 'pre' }, network.network.text))
        : message('warn', L('緊急連絡網が登録されていません（S-INC-2）', 'No emergency contact network is recorded (S-INC-2)')),
    state.session.role === 'head' ? formCard(L('緊急連絡網を更新', 'Update the contact network'), formOf('network-form', [
      ['updated_on', ['作成・更新日', 'Updated on'], 'date', { value: today(), required: true }], ['text', ['連絡網', 'Network'], 'textarea']],
    L('連絡網を保存', 'Save the network'), async (v) => { await api('POST', '/api/contact-network', v); await renderIncidents(null, recorded()); })) : '');
}

async function renderIncident(id, note) {
  const show = view();
  const i = await api('GET', `/api/incidents/${encodeURIComponent(id)}`);
  show(el('h1', {}, `${L('事故', 'Incident')} #${i.id}`), note ? message('ok', note) : '',
    table([L('発生', 'Occurred'), L('種類', 'Kind'), L('報告者', 'Reported by'), L('報告日時', 'Reported at')], [[i.occurred, incidentKind(i.kind), i.reported_by, fmtTime(i.at)]]),
    el('section', { class: 'card pre', id: 'incident-summary' }, i.summary),
    i.law ? message('warn', `${L('適用される法令', 'Law that applies')}: ${i.law}`) : '',
    el('h2', {}, L('報告の流れ', 'Reporting chain')),
    i.missing.length ? el('div', { class: 'msg warn', id: 'incident-missing' }, `${L('未記録の手順', 'Steps not recorded yet')}: ${i.missing.map(stepLabel).join('、')}`)
      : message('ok', L('必要な手順はすべて記録されています', 'Every required step is recorded')),
    listTable('incident-steps', [L('手順', 'Step'), L('実施日時', 'Done at'), L('記録者', 'Recorded by'), L('内容', 'Note'), L('通知先', 'To')],
      i.steps.map((s) => [stepLabel(s.step), s.done_at, s.recorded_by, s.note, s.to])),
    isLead() ? formCard(L('手順を記録', 'Record a step'), formOf('step-form', [
      ['step', ['手順', 'Step'], 'select', Object.entries(STEPS).map(([k, [ja, en]]) => [k, ja, en])],
      ['done_at', ['実施日時', 'Done at'], 'datetime-local'],
      ['note', ['内容（暗号化して保存）', 'What was done (sealed)'], 'textarea'], ['to', ['通知先', 'Notified to']]],
    L('手順を記録', 'Record the step'), async (v) => { await api('POST', `/api/incidents/${i.id}/steps`, v); await renderIncident(i.id, recorded()); })) : '',
    el('a', { href: '#/incidents' }, t('back')));
}
definePage('incidents', 'check-group', () => L('事故', 'Incidents'), (arg) => renderIncidents(arg));
