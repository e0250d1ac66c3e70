// ganreg web client: the ledgers' pages — the inquiry book, portable media, disposals, the
// hand-over book with how each entry travelled, the take-out register, the maintenance record, the acquisition register, definition updates and
// the September self-assessment. Uses app.js's helpers; values are put in the page as text.
'use strict';

const saved = () => L('記録しました', 'Recorded');
const DELIVERY_METHODS = [['letter-pack', 'レターパック', 'Letter Pack'], ['registered-mail', '書留', 'registered mail'],
  ['specified-record-mail', '特定記録郵便', 'specified record mail'], ['yu-pack', 'ゆうパック', 'Yu-Pack'], ['hand-carried', '持参', 'hand-carried']];
const optLabel = (opts, v) => { const o = opts.find((x) => x[0] === v); return o ? L(o[1], o[2]) : v; };
definePage('handover', 'ledger-group', 'handover', () => renderHandover());  // first in its group

// ---- 問合せ記録 the inquiry book (S-INQ-1..6) ----
const INQUIRY_GROUPS = [['ア', 'ア 医師会・市町村・保健所・医療機関等', 'ア medical associations, municipalities, health centres, hospitals'],
  ['イ', 'イ 研究者等', 'イ researchers'], ['ウ', 'ウ 報道機関', 'ウ the press'], ['エ', 'エ 患者・家族', 'エ patients and families'], ['オ', 'オ その他', 'オ others']];
const CHANNELS = [['letter', '文書', 'letter'], ['email', '電子メール', 'e-mail'], ['phone', '電話', 'phone'], ['fax', 'FAX', 'fax']];

async function renderInquiries(arg, note) {
  if (arg) return renderInquiry(arg, note);
  const show = view();
  const list = await api('GET', '/api/inquiries').catch((e) => e);
  const contacts = await api('GET', '/api/inquiry-contacts');
  show(el('h1', {}, t('inquiries')), note ? message('ok', note) : '',
    el('div', { class: 'forms' },
      formCard(L('問合せを記録', 'Record an inquiry'), formOf('inquiry-form', [
        ['group', ['区分', 'Group'], 'select', INQUIRY_GROUPS], ['channel', ['方法', 'Channel'], 'select', CHANNELS],
        ['counterpart', ['相手先', 'Counterpart'], 'text', { required: true }], ['content', ['内容（暗号化して保存）', 'Content (sealed)'], 'textarea'],
        ['personal', ['個人情報に関わる', 'Concerns personal information'], 'checkbox'],
        ['verified_facts', ['本人確認のために確かめた事実', 'Facts checked to verify the inquirer']],
        ['escalated', ['オをアとして扱う', 'Treat オ as ア'], 'checkbox'], correctsField(list instanceof Error ? [] : list.inquiries)],
      L('問合せを記録', 'Record the inquiry'), async (v) => {
        const r = await api('POST', '/api/inquiries', v);
        location.hash = `#/inquiries/${r.id}`;
      })),
      state.session.custodian ? formCard(L('折り返し先の登録', 'Register a call-back number'), formOf('contact-form', [
        ['body', ['相手先', 'Body'], 'text', { required: true }], ['phone', ['電話番号', 'Phone'], 'text', { required: true }],
        ['group', ['区分', 'Group'], 'select', INQUIRY_GROUPS]],
      L('番号を登録', 'Register the number'), async (v) => { await api('POST', '/api/inquiry-contacts', v); await renderInquiries(null, saved()); })) : ''),
    list instanceof Error ? errorBox(list, t('inquiries'))
      : listTable('inquiry-list', ['#', t('at'), t('group'), t('channel'), t('counterpart'), t('content'), L('回答', 'Answers'), t('handledBy')],
        list.inquiries.map((q) => [el('a', { href: `#/inquiries/${q.id}` }, entryNo(q)), fmtTime(q.at), q.group, optLabel(CHANNELS, q.channel), q.counterpart, q.content,
          q.answers ? q.answers : el('span', { class: 'pill warn' }, L('未回答', 'open')), q.handled_by])),
    el('h2', {}, L('登録済みの折り返し先', 'Registered call-back numbers')),
    listTable('inquiry-contacts', [L('相手先', 'Body'), L('電話番号', 'Phone'), t('group'), L('登録者', 'Added by')],
      contacts.contacts.map((c) => [c.body, c.phone, c.group, c.added_by])));
}

async function renderInquiry(id, note) {
  const show = view();
  const q = await api('GET', `/api/inquiries/${encodeURIComponent(id)}`);
  show(el('h1', {}, `${t('inquiries')} #${q.id}`), note ? message('ok', note) : '',
    table([t('at'), t('group'), t('channel'), t('counterpart'), L('個人情報', 'Personal'), t('handledBy')],
      [[fmtTime(q.at), q.group, optLabel(CHANNELS, q.channel), q.counterpart, yesNo(q.personal), q.handled_by]]),
    el('section', { class: 'card pre', id: 'inquiry-content' }, q.content),
    message('warn', `${L('回答できること', 'What may be answered')}: ${localised(q.may_answer)}`),
    el('h2', {}, L('回答', 'Answers')),
    listTable('inquiry-answers', ['#', t('at'), t('handledBy'), L('回答', 'Answer'), L('折り返し先', 'Called back'), L('確認した事実', 'Facts checked'), L('訂正', 'Corrections')],
      q.answers.map((a) => [a.id, fmtTime(a.at), a.handled_by, a.text, a.callback_to, a.verified_facts, correctionNote(a)])),
    formCard(L('回答を記録', 'Record the answer'), formOf('answer-form', [
      ['answer', ['回答', 'Answer'], 'textarea'], ['callback_to', ['折り返した番号（電話の場合）', 'Number called back (phone)']],
      ['verified_facts', ['折り返し時に確かめた事実', 'Facts checked at the call-back']],
      ['corrects', ['訂正する回答の番号（訂正の場合）', 'Answer # this one corrects (a correction)'], 'number', { min: 1, step: 1 }]],
    L('回答を記録', 'Record the answer'), async (v) => { await api('POST', `/api/inquiries/${q.id}/answer`, v); await renderInquiry(q.id, saved()); })),
    el('a', { href: '#/inquiries' }, t('back')));
}
definePage('inquiries', 'ledger-group', 'inquiries', (arg) => renderInquiries(arg));

// "corrects #3" / "corrected by #5": an append-only entry's place among its corrections.
function correctionNote(e) {
  return [e.corrects ? L(`#${e.corrects}を訂正`, `corrects #${e.corrects}`) : '',
    e.corrected_by ? L(`#${e.corrected_by}で訂正済み`, `corrected by #${e.corrected_by}`) : ''].filter(Boolean).join(' ');
}

// ---- 可搬媒体の一覧 portable media (S-STO-2) ----
async function renderMedia(note) {
  const show = view();
  const r = await api('GET', '/api/media');
  show(el('h1', {}, t('media')), printBar('media'), note ? message('ok', note) : '',
    formCard(L('媒体を登録', 'List a medium'), formOf('medium-form', [
      ['id', ['媒体ID', 'Medium id'], 'text', { required: true }],
      ['kind', ['種類', 'Kind'], 'select', [['usb', 'USB', 'USB'], ['cd-r', 'CD-R', 'CD-R'], ['paper-file', '紙ファイル', 'paper file']]],
      ['received', ['受入日', 'Received'], 'date', { value: today(), required: true }]],
    L('媒体を登録', 'List the medium'), async (v) => { await api('POST', '/api/media', v); await renderMedia(saved()); })),
    listTable('media-list', ['ID', t('kind'), t('received'), t('disposed'), L('登録者', 'Added by')],
      r.media.map((m) => [m.id, m.kind, m.received, m.disposed || '', m.added_by])));
}
definePage('media', 'ledger-group', 'media', () => renderMedia());

// ---- 消去・廃棄記録簿 disposals (S-STO-4, S-STO-5) ----
async function renderDisposals(note) {
  const show = view();
  // The acquisitions are listed to those who may read the register (others dispose of other things).
  const [r, media, acq] = await Promise.all([api('GET', '/api/disposals'), api('GET', '/api/media'), api('GET', '/api/acquisitions').catch(() => null)]);
  show(el('h1', {}, t('disposals')), printBar('disposals'), note ? message('ok', note) : '',
    formCard(L('廃棄を記録', 'Record a disposal'), formOf('disposal-form', [
      ['item', ['廃棄したもの（個人情報は書かない）', 'What (no personal information)'], 'text', { required: true }],
      ['medium_id', ['一覧の媒体', 'Listed medium'], 'select', [['', '—', '—'], ...media.media.filter((m) => !m.disposed).map((m) => [m.id, `${m.id} (${m.kind})`])]],
      ['method', ['方法', 'Method'], 'select', [['shred', 'シュレッダー', 'shred'], ['dissolve', '溶解', 'dissolve'], ['incinerate', '焼却', 'incinerate'],
        ['erase-software', 'ソフトウェア消去', 'software erase'], ['physical-destroy', '物理破壊', 'physical destruction']]],
      ['strip_width_mm', ['裁断幅（mm）', 'Strip width (mm)'], 'number', { step: 0.1, min: 0 }], ['particle_mm2', ['細片の面積（mm²）', 'Particle (mm²)'], 'number', { step: 0.1, min: 0 }],
      ['combined_with', ['併用', 'Combined with'], 'select', [['', 'なし', 'none'], ['dissolution', '溶解', 'dissolution'], ['incineration', '焼却', 'incineration']]],
      ['place', ['場所', 'Place'], 'select', [['room', '登録室内', 'in the room'], ['designated-outside', '指定の場所（室外）', 'designated place outside'], ['contractor', '委託業者', 'contractor']]],
      ['witnesses', ['実施・立会いの職員（カンマ区切り）', 'Staff who did it or were present (comma-separated)'], 'list'],
      ['date', ['日付', 'Date'], 'date', { value: today() }], ['time', ['時刻', 'Time'], 'time'],
      ['approved_by', ['承認した作業責任者（一時的な資料以外）', 'Approved by (task lead; all but temporary material, STO-P4)']],
      ['contract', ['委託契約（責任者が守秘義務条項を確認したもの）', "Contract (clause checked by the head, S-STO-5)"]],
      ['certificate', ['委託業者の廃棄証明書', "Contractor's certificate of destruction"]],
      ['acquisition', ['保管期間を終えた取得（取得台帳）', 'Acquisition at the end of its retention'], 'select',
        [['', '—', '—'], ...(acq?.acquisitions ?? []).filter((a) => !a.disposal_id && !a.corrected_by).map((a) => [String(a.id), `#${a.id} ${a.date} ${a.kind_label || a.kind} ${a.source}`])]],
      correctsField(r.disposals)],
    L('廃棄を記録', 'Record the disposal'), async (v) => { await api('POST', '/api/disposals', { ...v, acquisition: Number(v.acquisition) || 0 }); await renderDisposals(saved()); })),
    listTable('disposal-list', ['#', t('date'), t('summary'), L('媒体', 'Medium'), L('取得', 'Acquisition'), t('method'), t('place'), t('witnesses'), L('承認', 'Approved'),
      L('委託契約・証明書', 'Contract, certificate'), L('記録者', 'By')],
      r.disposals.map((d) => [entryNo(d), `${d.date} ${d.time}`.trim(), d.item, d.medium_id, d.acquisition ? `#${d.acquisition}` : '', d.method, d.place, d.witnesses, d.approved_by,
        [d.contract && `${d.contractor} ${d.contract} (${L('守秘義務条項確認', 'clause checked by')} ${d.clause_checked_by})`, d.certificate].filter(Boolean).join(' / '),
        d.recorded_by])));
}
definePage('disposals', 'ledger-group', 'disposals', () => renderDisposals());

// ---- 配送物等受渡簿 hand-over book (S-ACQ-5, S-TRN-1, S-TRN-5) ----
async function renderHandover(note) {
  const show = view();
  const r = await api('GET', '/api/handover');
  const needsDelivery = r.entries.filter((e) => e.medium !== 'online' && !e.has_delivery);
  const delivery = (e) => (e.has_delivery
    ? [optLabel(DELIVERY_METHODS, e.method), e.tracking, e.carriers, e.unused_medium ? L('未使用媒体', 'unused medium') : '', e.opened_in_room ? L('室内で開封', 'opened in the room') : ''].filter(Boolean).join(' · ')
    : e.medium === 'online' ? '' : el('span', { class: 'pill warn' }, L('未記録', 'not recorded')));
  show(el('h1', {}, t('handover')), printBar('handover'), note ? message('ok', note) : '',
    needsDelivery.length ? formCard(L('送付・受領の方法を記録', 'Record how an entry travelled'), formOf('delivery-form', [
      ['entry', ['受渡簿の番号', 'Entry'], 'select', needsDelivery.map((e) => [String(e.id), `#${e.id} ${e.direction} ${e.medium} ${e.counterpart}`])],
      ['method', ['方法', 'Method'], 'select', DELIVERY_METHODS],
      ['tracking', ['追跡番号', 'Tracking number']],
      ['carriers', ['持参した職員（2名以上、カンマ区切り）', 'Carried by (two or more staff, comma-separated)'], 'list'],
      ['unused_medium', ['未使用の媒体を使った（送付時）', 'An unused medium was used (dispatch)'], 'checkbox'],
      ['opened_in_room', ['登録室内で開封した（受領時）', 'Opened inside the registry room (receipt)'], 'checkbox']],
    L('方法を記録', 'Record the delivery'), async (v) => {
      const { entry, ...body } = v;
      await api('POST', `/api/handover/${Number(entry)}/delivery`, body); await renderHandover(saved());
    })) : '',
    listTable('handover-book', ['#', t('at'), t('direction'), t('counterpart'), t('recipient'), t('summary'), t('medium'), L('送付・受領の方法', 'How it travelled'), t('handledBy')],
      r.entries.map((e) => [e.id, fmtTime(e.at), e.direction, e.counterpart, e.recipient, e.summary, e.medium, delivery(e), e.handled_by])));
}

// ---- 持出し管理台帳 take-out and return register (STO-3, S-STO-3) ----
async function renderTakeouts(note) {
  const show = view();
  const r = await api('GET', '/api/takeouts');
  const kinds = [['paper', '紙', 'paper'], ['usb', 'USB', 'USB'], ['cd-r', 'CD-R', 'CD-R']];
  const back = (x) => {
    if (x.returned) return `${x.returned_date} ${x.returned_time} (${x.returned_count})${x.missing ? ` ${L('不足', 'missing')}` : ''}`;
    const time = el('input', { type: 'time', 'aria-label': L('返却時刻', 'Time in') });
    return el('span', { class: 'row' }, x.overdue ? el('span', { class: 'pill bad' }, L('期限切れ', 'overdue')) : '', time,
      el('button', { class: 'secondary', onclick: async (ev) => {
        try { await api('POST', `/api/takeouts/${x.id}/return`, { time_in: time.value }); await renderTakeouts(saved()); }
        catch (e) { ev.target.parentElement.append(errorBox(e, L('返却を記録', 'Record the return'))); }
      } }, L('返却', 'Return')));
  };
  show(el('h1', {}, L('持出し管理台帳', 'Take-out and return register')), printBar('takeouts'), note ? message('ok', note) : '',
    formCard(L('持出しを記録', 'Record a take-out'), formOf('takeout-form', [
      ['kind', ['種類', 'Kind'], 'select', kinds], ['what', ['持ち出すもの（暗号化して保存）', 'What (sealed)'], 'text', { required: true }],
      ['quantity', ['数量', 'Quantity'], 'number', { value: 1, min: 1 }], ['reason', ['理由（暗号化して保存）', 'Reason (sealed)']],
      ['approved_by', ['承認した作業責任者', 'Approved by (task lead)']], ['date', ['日付', 'Date'], 'date', { value: today() }],
      ['time_out', ['持出し時刻', 'Time out'], 'time', { required: true }], ['due_back', ['返却予定日', 'Due back'], 'date'], correctsField(r.takeouts)],
    L('持出しを記録', 'Record the take-out'), async (v) => { await api('POST', '/api/takeouts', v); await renderTakeouts(saved()); })),
    r.takeouts.some((x) => x.sealed) ? message('warn', L('台帳の権限がないため、持ち出したものと理由は表示されません', 'What and why are withheld without the ledgers grant')) : '',
    listTable('takeouts', ['#', L('日付', 'Date'), L('時刻', 'Out'), L('持出し者', 'Taken by'), L('種類', 'Kind'), L('数量', 'Qty'), L('内容', 'What'), L('理由', 'Reason'), L('承認', 'Approved by'), L('返却予定', 'Due back'), L('返却', 'Back')],
      r.takeouts.map((x) => [entryNo(x), x.date, x.time_out, x.taken_by, optLabel(kinds, x.kind), x.quantity, x.what, x.reason, x.approved_by, x.due_back, back(x)])));
}
definePage('takeouts', 'ledger-group', () => L('持出し', 'Take-outs'), () => renderTakeouts());

// ---- 保守作業記録 maintenance record (S-SYS-6) ----
async function renderMaintenance(note) {
  const show = view();
  const r = await api('GET', '/api/maintenance');
  show(el('h1', {}, L('保守作業の記録', 'Maintenance record')), printBar('maintenance'), note ? message('ok', note) : '',
    formCard(L('保守作業を記録', 'Record maintenance work'), formOf('maintenance-form', [
      ['date', ['日付', 'Date'], 'date', { value: today() }], ['time_from', ['開始', 'From'], 'time', { required: true }], ['time_to', ['終了', 'To'], 'time', { required: true }],
      ['worker_kind', ['作業者の区分', 'Worker'], 'select', [['staff', '職員', 'staff'], ['contractor', '委託業者', 'contractor']]],
      ['worker', ['作業者（暗号化して保存）', 'Worker name (sealed)']], ['affiliation', ['所属（暗号化して保存）', 'Company (sealed)']],
      ['work', ['作業内容', 'Work done'], 'textarea'], ['result', ['結果', 'Result']],
      ['approved_by', ['事前に承認した作業責任者', 'Approved beforehand by']], ['witness', ['立ち会った職員', 'Witness (staff)']],
      ['nda', ['守秘義務契約を確認した', 'Confidentiality agreement confirmed'], 'checkbox'], correctsField(r.maintenance)],
    L('作業を記録', 'Record the work'), async (v) => { await api('POST', '/api/maintenance', v); await renderMaintenance(saved()); })),
    listTable('maintenance', ['#', L('日付', 'Date'), L('時間', 'Time'), L('作業者', 'Worker'), L('所属', 'Company'), L('内容', 'Work'), L('結果', 'Result'), L('承認', 'Approved'), L('立会い', 'Witness'), 'NDA'],
      r.maintenance.map((m) => [entryNo(m), m.date, `${m.time_from}–${m.time_to}`, m.worker || m.worker_kind, m.affiliation, m.work, m.result, m.approved_by, m.witness, yesNo(m.nda)])));
}
definePage('maintenance', 'ledger-group', () => L('保守作業', 'Maintenance'), () => renderMaintenance());

// ---- 取得台帳 acquisition register (S-ACQ-2, S-ACQ-4) ----
async function renderAcquisitions(note) {
  const show = view();
  const r = await api('GET', '/api/acquisitions');
  const kinds = [['notification', '届出票・遡り調査票', 'notification forms'], ['death', '死亡者情報票', 'death information forms'],
    ['address-change', '住所異動情報', 'address changes'], ['linkage-file', '照合用ファイル', 'linkage files']];
  show(el('h1', {}, L('取得台帳', 'Acquisition register')), printBar('acquisitions'), note ? message('ok', note) : '',
    formCard(L('取得を記録', 'Record an acquisition'), formOf('acquisition-form', [
      ['date', ['日付', 'Date'], 'date', { value: today() }], ['kind', ['情報の種類', 'Kind'], 'select', kinds],
      ['medium', ['媒体', 'Medium'], 'select', [['electronic', '電子', 'electronic'], ['paper', '紙', 'paper']]],
      ['route', ['経路', 'Route'], 'select', [['online', 'オンライン', 'online'], ['tracked-delivery', '追跡できる送付', 'tracked delivery'], ['hand-carried', '持参', 'hand-carried']]],
      ['source', ['提供元', 'Source'], 'text', { required: true }], ['count', ['件数', 'Count'], 'number', { min: 1, required: true }],
      ['tracking', ['追跡番号', 'Tracking number']], ['carriers', ['持参した職員（カンマ区切り）', 'Carried by (comma-separated)'], 'list'],
      ['storage', ['保管場所', 'Stored in'], 'text', { required: true }], correctsField(r.acquisitions)],
    L('取得を記録', 'Record the acquisition'), async (v) => { await api('POST', '/api/acquisitions', v); await renderAcquisitions(saved()); })),
    listTable('acquisitions', ['#', L('日付', 'Date'), L('種類', 'Kind'), L('媒体', 'Medium'), L('経路', 'Route'), L('提供元', 'Source'), L('件数', 'Count'), L('追跡番号', 'Tracking'), L('保管', 'Stored in'), L('受領者', 'Received by'), L('廃棄', 'Disposed')],
      r.acquisitions.map((a) => [entryNo(a), a.date, optLabel(kinds, a.kind), a.medium, a.route, a.source, a.count, a.tracking || a.carriers, a.storage, a.received_by,
        a.disposal_id ? `${L('廃棄記録', 'disposal')} #${a.disposal_id}` : ''])));
}
definePage('acquisitions', 'ledger-group', () => L('取得台帳', 'Acquisitions'), () => renderAcquisitions());

// ---- 定義の更新 hospital and municipality definitions (S-SYS-4) ----
async function renderDefinitions(note) {
  const show = view();
  const r = await api('GET', '/api/definitions');
  show(el('h1', {}, L('医療機関・市町村定義の更新', 'Definition updates')), printBar('definitions'), note ? message('ok', note) : '',
    state.session.custodian ? formCard(L('更新を記録', 'Record an update'), formOf('definition-form', [
      ['kind', ['種類', 'Kind'], 'select', [['hospital', '医療機関', 'hospital'], ['municipality', '市町村', 'municipality']]],
      ['code', ['コード', 'Code'], 'text', { required: true, inputmode: 'numeric' }],
      ['change', ['変更', 'Change'], 'select', [['add', '追加', 'add'], ['change', '変更', 'change'], ['remove', '削除', 'remove']]],
      ['changed_on', ['定義が変わった日', 'Changed on'], 'date', { required: true }], ['applied_on', ['反映日', 'Applied on'], 'date', { value: today() }],
      ['source', ['情報源', 'Source'], 'text', { required: true }], ['description', ['内容', 'Description'], 'text', { required: true }], correctsField(r.definitions)],
    L('更新を記録', 'Record the update'), async (v) => { await api('POST', '/api/definitions', v); await renderDefinitions(saved()); })) : '',
    listTable('definitions', ['#', L('種類', 'Kind'), L('コード', 'Code'), L('変更', 'Change'), L('変更日', 'Changed on'), L('反映日', 'Applied on'), L('内容', 'Description'), L('情報源', 'Source'), L('相手先登録', 'Partner'), L('記録者', 'By')],
      r.definitions.map((d) => [entryNo(d), d.kind, d.code, d.change, d.changed_on, d.applied_on, d.description, d.source, yesNo(d.partner_registered), d.recorded_by])));
}
definePage('definitions', 'ledger-group', () => L('定義の更新', 'Definitions'), () => renderDefinitions());

// ---- 9月の自己点検 the September self-assessment (S-CHK-1) ----
const RESULTS = { met: ['適', 'met', 'good'], 'not-met': ['不適', 'not met', 'bad'], 'not-applicable': ['該当なし', 'n/a', ''], 'needs-answer': ['要回答', 'needs an answer', 'warn'] };
async function renderSelfAssessment(arg, note) {
  const show = view();
  const year = Number(arg) || Number(today().slice(0, 4));
  const yearInput = el('input', { type: 'number', value: year, id: 'assessment-year', 'aria-label': L('年', 'Year'), onchange: (ev) => { location.hash = `#/self-assessment/${Number(ev.target.value)}`; } });
  let a;
  try { a = await api('GET', `/api/self-assessment/${year}`); } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    const out = el('div');
    show(el('h1', {}, L('自己点検', 'Self-assessment')), el('div', { class: 'row' }, yearInput),
      message('warn', L(`${year}年の自己点検はまだ始まっていません`, `The ${year} self-assessment has not been started`)),
      el('button', { id: 'assessment-start', onclick: async () => {
        try { await api('POST', '/api/self-assessment', { year }); await renderSelfAssessment(String(year), L('開始しました', 'Started')); }
        catch (err) { out.replaceChildren(errorBox(err, L('自己点検の開始', 'Starting the self-assessment'))); }
      } }, L('記録から自己点検を始める', 'Start from the records')), out);
    return;
  }
  const signed = a.signed_at > 0;
  const answerForm = (i) => {
    if (signed) return '';
    const status = el('select', { 'aria-label': L('結果', 'Result') }, el('option', { value: '' }, '—'),
      ...['met', 'not-met', 'not-applicable'].map((s) => el('option', { value: s, selected: i.answer === s }, L(RESULTS[s][0], RESULTS[s][1]))));
    const noteInput = el('input', { 'aria-label': L('根拠メモ', 'Evidence note'), placeholder: L('根拠メモ', 'evidence note'), value: i.note });
    const action = el('input', { 'aria-label': L('改善策', 'Action'), placeholder: L('不適の場合の改善策', 'action if not met'), value: i.action });
    const box = el('div', { class: 'row', 'data-item': i.no }, status, noteInput, action);
    box.append(el('button', { class: 'secondary', onclick: async () => {
      try {
        await api('POST', `/api/self-assessment/${year}/answer`, { item: i.no, status: status.value, note: noteInput.value, action: action.value });
        await renderSelfAssessment(String(year), `${i.no}: ${saved()}`);
      } catch (e) { box.append(errorBox(e, `${L('回答', 'Answer')} ${i.no}`)); }
    } }, L('回答', 'Answer')));
    return box;
  };
  const signOut = el('div');
  show(el('h1', {}, `${L('自己点検', 'Self-assessment')} ${year}`), note ? message('ok', note) : '',
    el('div', { class: 'row' }, yearInput,
      el('a', { href: `/api/self-assessment/${year}/report`, target: '_blank', rel: 'noopener', id: 'assessment-report' }, L('報告書（印刷用）を開く', 'Open the printable report')),
      el('button', { class: 'secondary', id: 'assessment-download', onclick: async () => {
        try { signOut.replaceChildren(message('ok', `${L('保存しました', 'Saved')}: ${await download('GET', `/api/print/self-assessment/${year}?format=pdf`)}`)); }
        catch (e) { signOut.replaceChildren(errorBox(e, L('報告書の保存', 'Saving the report'))); }
      } }, L('報告書をPDFで保存', 'Save the report as PDF')),
      signed ? el('a', { href: `#/revisions/${year}` }, L('手順の改訂を記録', 'Record procedure revisions')) : ''),
    signOut,
    el('div', { class: 'cards' },
      ...[['met', a.met], ['not-met', a.not_met], ['not-applicable', a.not_applicable], ['needs-answer', a.unanswered]].map(([k, n]) =>
        el('section', { class: 'card' }, el('div', { class: 'muted' }, L(RESULTS[k][0], RESULTS[k][1])), el('div', { class: `metric ${n && k !== 'met' ? RESULTS[k][2] : ''}` }, n)))),
    signed ? message('ok', `${L('室長の確認済み', 'Signed by the head')}: ${a.signed_by} ${fmtTime(a.signed_at)}`)
      : el('p', { class: 'muted' }, `${L('記録の読み取り', 'Records read')}: ${fmtTime(a.evaluated_at)} · ${L('開始', 'started')} ${a.started_by}`),
    tableWithId('assessment-items', ['No.', L('項目', 'Item'), L('根拠', 'Rules'), L('出所', 'Source'), L('記録が示すこと', 'What the records show'), L('結果', 'Result'), L('回答', 'Answer')],
      a.items.map((i) => [el('span', { class: 'nowrap' }, i.no), el('div', { class: 'wide' }, L(i.text_ja, i.text_en)), i.rules,
        el('span', { class: 'nowrap' }, i.from_records ? L('記録から', 'records') : L('要回答', 'a person')), localised(i.evidence), el('span', { class: `pill ${RESULTS[i.result]?.[2] ?? ''}` }, L(...(RESULTS[i.result] ?? [i.result, i.result]).slice(0, 2))),
        el('div', {}, i.answered_by ? el('div', { class: 'muted' }, `${i.answered_by}: ${i.note}${i.action ? ` → ${i.action}` : ''}`) : '', answerForm(i))])),
    !signed && state.session.role === 'head' ? el('section', { class: 'card' }, formOf('assessment-sign', [['note', ['所見', 'Note']]],
      L('室長として確認（署名）', 'Sign as the head'), async (v) => { await api('POST', `/api/self-assessment/${year}/sign`, v); await renderSelfAssessment(String(year), L('署名しました', 'Signed')); })) : '');
}
definePage('self-assessment', 'check-group', () => L('自己点検', 'Self-assessment'), (arg) => renderSelfAssessment(arg));
