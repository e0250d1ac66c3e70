// ganreg web client: the records' pages — consolidated tumours and their quality checks, deaths,
// the death review queue and the DCN follow-back. Uses app.js's helpers; values as text only.
'use strict';

// ---- 腫瘍 tumours ----
async function renderTumours(arg, offset = 0) {
  if (arg) return renderTumour(arg);
  const show = view();
  const limit = 50;
  const r = await api('GET', `/api/tumours?limit=${limit}&offset=${offset}`);
  show(el('h1', {}, L('腫瘍（集約）', 'Tumours (consolidated)')),
    listTable('tumour-list', [L('腫瘍', 'Tumour'), t('person'), t('site'), t('morphology'), t('diagnosisDate'), L('届出数', 'Notifications'), L('未確認の指摘', 'Open flags')],
      r.tumours.map((x) => [el('a', { href: `#/tumours/${x.tumour_id}` }, x.tumour_id), x.person_id, x.primary_site, x.morphology, x.diagnosis_date, x.notifications,
        x.open_flags ? el('span', { class: 'pill warn' }, x.open_flags) : 0])),
    el('div', { class: 'row' },
      el('button', { class: 'secondary', disabled: offset === 0, onclick: () => renderTumours(null, Math.max(0, offset - limit)).catch(fail) }, t('prev')),
      el('button', { class: 'secondary', disabled: r.tumours.length < limit, onclick: () => renderTumours(null, offset + limit).catch(fail) }, t('next'))));
}

async function renderTumour(id, note) {
  const show = view();
  const x = await api('GET', `/api/tumours/${encodeURIComponent(id)}`);
  show(el('h1', {}, `${L('腫瘍', 'Tumour')} ${x.tumour_id}`), note ? message('ok', note) : '',
    el('p', { class: 'muted' }, `${t('person')} ${x.person_id} · ${x.status} · ${L('集約', 'consolidated')} ${fmtTime(x.consolidated_at)} ${x.consolidated_by}${x.death_case ? ` · ${x.death_case}` : ''}`),
    tableWithId('tumour-items', [t('item'), t('value'), L('出典の届出', 'From notification'), t('hospital')],
      x.items.map((i) => [i.label, i.value, i.source_key_no !== '0' ? el('a', { href: `#/notifications/${i.source_key_no}` }, i.source_key_no) : '', i.source_hospital])),
    el('h2', {}, L('精度管理の指摘', 'Quality-check flags')), flagsTable('tumour-flags', x.flags, () => renderTumour(id, L('確認済みにしました', 'Accepted'))),
    el('a', { href: '#/tumours' }, t('back')));
}

function flagsTable(id, flags, after) {
  return listTable(id, [L('腫瘍', 'Tumour'), L('チェック', 'Check'), L('重要度', 'Severity'), L('内容', 'Message'), L('状態', 'Status')],
    flags.map((f) => [el('a', { href: `#/tumours/${f.tumour_id}` }, f.tumour_id), f.check_id, f.severity, f.message,
      f.status === 'open' ? el('button', { class: 'secondary', 'data-accept': `${f.tumour_id}/${f.check_id}`, onclick: async (ev) => {
        try { await api('POST', '/api/qc/accept', { tumour_id: f.tumour_id, check_id: f.check_id }); await after(); }
        catch (e) { ev.target.parentElement.append(errorBox(e, L('指摘の確認', 'Accepting the flag'))); }
      } }, L('確認済みにする', 'Accept')) : `${L('確認済み', 'accepted')} ${f.decided_by}`]));
}

// ---- 精度管理 quality checks ----
async function renderQc(note) {
  const show = view();
  const all = state.qcAll ?? false;
  const r = await api('GET', `/api/qc?all=${all ? 1 : 0}`);
  show(el('h1', {}, L('精度管理の指摘', 'Quality checks')), note ? message('ok', note) : '',
    el('label', { class: 'row' }, el('input', { type: 'checkbox', id: 'qc-all', checked: all, onchange: (ev) => { state.qcAll = ev.target.checked; renderQc().catch(fail); } }), L('確認済みも表示', 'Show accepted flags too')),
    flagsTable('qc-flags', r.flags, () => renderQc(L('確認済みにしました', 'Accepted'))));
}

// ---- 死亡者情報 deaths ----
async function renderDeaths(offset = 0) {
  const show = view();
  const limit = 50;
  const r = await api('GET', `/api/deaths?limit=${limit}&offset=${offset}`);
  const source = el('input', { name: 'source', required: true, pattern: '[0-9]{6}|ncc', placeholder: L('6桁の地方公共団体コード、または ncc', '6-digit local-government code, or ncc') });
  show(el('h1', {}, L('死亡者情報票', 'Death information forms')),
    state.session.role !== 'admin-staff' ? el('details', { class: 'card form-card' }, el('summary', {}, L('死亡者情報票ファイルの受領', 'Take in a death form file')),
      uploadForm('death-upload-form', 'death-upload-result', '/api/deaths/intake', [['source', L('提供元（市町村コード または ncc）', 'Source (municipality code or ncc)'), source]])) : '',
    listTable('death-list', ['#', L('死亡日', 'Death date'), L('原死因', 'Cause'), L('死亡場所', 'Place'), L('施設', 'Institution'), t('person'), L('照合', 'Linked by'), L('遡り調査', 'Follow-back')],
      r.deaths.map((d) => [d.death_id, d.death_date, d.cause, d.place_kind, d.place_institution, d.person_id || '', d.link_method, d.case_status])),
    el('div', { class: 'row' },
      el('button', { class: 'secondary', disabled: offset === 0, onclick: () => renderDeaths(Math.max(0, offset - limit)).catch(fail) }, t('prev')),
      el('button', { class: 'secondary', disabled: r.deaths.length < limit, onclick: () => renderDeaths(offset + limit).catch(fail) }, t('next'))));
}

// ---- 死亡者情報の照合確認 death review ----
async function renderDeathReview(note) {
  const show = view();
  const r = await api('GET', '/api/death-review/next');
  const undo = state.lastDeathPair ? el('button', { class: 'secondary', id: 'death-undo', onclick: async () => {
    try { await api('POST', `/api/death-review/${state.lastDeathPair}/undo`); state.lastDeathPair = null; await renderDeathReview(t('undone')); } catch (e) { main().prepend(errorBox(e, t('undo'))); }
  } }, `${t('undo')} (${t('pair')} ${state.lastDeathPair})`) : '';
  const title = L('死亡者情報の照合確認', 'Death review');
  if (!r.pair) { show(el('h1', {}, title), note ? message('ok', note) : '', undo, message('ok', t('noPairs'))); return; }
  const p = r.pair;
  const ids = ['family_name', 'given_name', 'name', 'kana_name', 'sex', 'birth_date', 'address'];
  const keys = [...new Set([...Object.keys(p.death), ...ids.filter((k) => k in p.notification)])].filter((k) => k in p.death || k in p.notification);
  const rows = keys.map((k) => [p.differing.includes(k) ? '≠' : '', r.labels[k] ?? k, p.death[k] ?? '', p.notification[k] ?? '']);
  const tbl = tableWithId('death-pair', ['', t('item'), L('死亡者情報票', 'Death form'), `${L('届出', 'Notification')} ${p.key_no} (${t('person')} ${p.person_id})`], rows,
    (i) => (rows[i][0] ? { class: 'diff' } : {}));
  const noteInput = el('input', { id: 'death-review-note' });
  const decide = (same) => async () => {
    try { await api('POST', `/api/death-review/${p.id}/decide`, { decision: same ? 'same' : 'different', note: noteInput.value }); state.lastDeathPair = p.id; await renderDeathReview(t('decided')); }
    catch (e) { main().prepend(errorBox(e, t('decide'))); }
  };
  show(el('h1', {}, `${title}: ${t('pair')} ${p.id} (${t('openPairs')} ${p.open_pairs})`), note ? message('ok', note) : '', undo, tbl,
    p.blind ? '' : el('p', {}, `${t('score')}: ${p.weight.toFixed(2)} — ${p.contributions.map((c) => `${T[state.lang].fields[c.field] ?? c.field} ${c.level} ${c.weight.toFixed(1)}`).join(', ')}`),
    el('section', { class: 'card row' }, el('label', {}, t('note'), noteInput),
      el('button', { id: 'death-same', onclick: decide(true) }, t('same')), el('button', { id: 'death-different', class: 'danger', onclick: decide(false) }, t('different'))));
}

// ---- 遡り調査 the follow-back (DCN) ----
async function renderFollowback(note) {
  const show = view();
  const status = state.fbStatus ?? 'followback';
  const r = await api('GET', `/api/followback?status=${encodeURIComponent(status)}`);
  const statuses = [['followback', '回答待ち', 'waiting'], ['notified', '届出あり', 'notified'], ['dco', 'DCO', 'DCO'], ['all', 'すべて', 'all']];
  const answer = (c) => (c.status !== 'followback' ? `${c.closed_by} ${fmtTime(c.closed_at)}` : el('span', { class: 'row' },
    ...[['notified', L('届出あり', 'notified')], ['dco', 'DCO']].map(([a, label]) => el('button', { class: 'secondary', 'data-answer': `${c.death_id}/${a}`, onclick: async (ev) => {
      try { await api('POST', `/api/followback/${c.death_id}/answer`, { answer: a }); await renderFollowback(L('回答を記録しました', 'Answer recorded')); }
      catch (e) { ev.target.parentElement.append(errorBox(e, L('遡り調査の回答', 'Follow-back answer'))); }
    } }, label))));
  const exportCard = isLead() ? formCard(L('照会リストの書き出し', 'Export a hospital\'s list'), formOf('followback-export', [
    ['hospital', ['照会先の医療機関コード（10桁）', 'Hospital code (10 digits)'], 'text', { required: true, inputmode: 'numeric', pattern: '[0-9]{10}' }],
    ['format', ['形式', 'Format'], 'select', [['csv', 'CSV', 'CSV'], ['text', '依頼文（テキスト）', 'letter (text)']]]],
  L('書き出して保存', 'Export and save'), async (v) => {
    const name = await download('POST', '/api/followback/export', v);
    await renderFollowback(`${L('保存しました。送付は ganreg dispatch で行い、控えは廃棄してください', 'Saved. Send it with ganreg dispatch and dispose of the copy')}: ${name}`);
  })) : '';
  show(el('h1', {}, L('遡り調査（DCN）', 'Follow-back (DCN)')), note ? message('ok', note) : '', exportCard,
    el('label', { class: 'row' }, L('状態', 'Status'), el('select', { id: 'fb-status', onchange: (ev) => { state.fbStatus = ev.target.value; renderFollowback().catch(fail); } },
      statuses.map(([v, ja, en]) => el('option', { value: v, selected: v === status }, L(ja, en))))),
    listTable('followback-list', ['#', L('照会先', 'Hospital'), L('死亡日', 'Death date'), L('原死因', 'Cause'), L('死亡場所', 'Place'), L('状態', 'Status'), L('開始', 'Opened'), L('回答', 'Answer')],
      r.cases.map((c) => [c.death_id, c.hospital || L('照会先なし', 'none to ask'), c.death_date, c.cause, c.place_kind, c.status, fmtTime(c.opened_at), answer(c)])));
}

definePage('tumours', 'intake-group', () => L('腫瘍', 'Tumours'), (arg) => renderTumours(arg));
definePage('qc', 'intake-group', () => L('精度管理', 'Quality checks'), () => renderQc());
definePage('deaths', 'intake-group', () => L('死亡者情報', 'Deaths'), () => renderDeaths());
definePage('death-review', 'intake-group', () => L('死亡照合の確認', 'Death review'), () => renderDeathReview());
definePage('followback', 'intake-group', () => L('遡り調査', 'Follow-back'), () => renderFollowback());
