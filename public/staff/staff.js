// The staff console. Plain script, no framework, no CDN; every text that came from a citizen or a file is
// put in the page with textContent (never as HTML). Changes carry the session's CSRF token, the version of
// the ticket the staff member saw (a stale one gets 409) and an Idempotency-Key (a retried request is
// applied once; the same change sent again after no answer keeps its key). Updates arrive pushed over Server-Sent Events (/api/admin/events): no polling.
// A tab is a button in index.html's nav, a panel #tab-<name> and a loader registered with addTab().
/* global satisfactionText */
'use strict';

const STATUS = { new: 'Mới tiếp nhận', in_progress: 'Đang xử lý', resolved: 'Đã giải quyết', rejected: 'Không thể giải quyết' };
const FINAL = ['resolved', 'rejected'];
const KIND = { complaint: 'Khiếu nại', suggestion: 'Góp ý', question: 'Hỏi đáp' };
const CHANNEL = { webchat: 'Trang web', emulator: 'Emulator', msteams: 'Teams', zalo: 'Zalo OA', zalobot: 'Zalo Bot' };
const NOTICE_REASON = {
  'outside the channel messaging window': 'đã quá 7 ngày kể từ tin nhắn cuối của khách trên Zalo',
  'no conversation to write to (ticket of an earlier version)': 'phiếu cũ, không có cuộc trò chuyện để gửi',
};
/** What a 409 means, from the server's reason. */
const REFUSED = {
  final: 'Phiếu đã đóng: muốn đổi trạng thái, hãy chọn Mở lại và ghi lý do.',
  unchanged: 'Phiếu đã ở trạng thái này (hoặc người xử lý này), không có gì thay đổi.',
  notFinal: 'Phiếu đang mở, không cần mở lại.',
};
const PAGE_SIZE = 50;

const state = {
  csrf: '',
  me: '',
  tab: 'tickets',
  page: 1,
  tickets: [],
  selectedRef: '',
  /** The ticket shown, as last read (its version goes with every change). */
  ticket: undefined,
  chats: [],
  selectedChat: '',
  /** The chat shown, as last read (also once it has ended). */
  chat: undefined,
  baseTitle: document.title,
  attention: 0,
  templates: [],
};
const $ = (selector) => document.querySelector(selector);
const store = {
  get: (key, fallback) => {
    try {
      return JSON.parse(localStorage.getItem(key)) ?? fallback;
    } catch {
      return fallback;
    }
  },
  set: (key, value) => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Private mode: kept for this page only.
    }
  },
};
/** Drafts per chat (never one box for all), and when each chat was last read: kept across reloads. */
const drafts = store.get('cskh-drafts', {});
const seen = store.get('cskh-seen', {});

/** An element with text children only (strings become text nodes, never markup). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat())
    if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
}

/** "2026-11-26T15:07:12+07:00" → "15:07 26/11/2026" (the stored times are Vietnamese time already). */
function when(stamp) {
  if (!stamp) return '';
  return `${stamp.slice(11, 16)} ${stamp.slice(8, 10)}/${stamp.slice(5, 7)}/${stamp.slice(0, 4)}`;
}

function minutes(seconds) {
  return seconds < 60 ? 'dưới 1 phút' : `${Math.floor(seconds / 60)} phút`;
}

function age(hours) {
  return hours < 1 ? 'dưới 1 giờ' : hours < 48 ? `${Math.floor(hours)} giờ` : `${Math.floor(hours / 24)} ngày`;
}

class Unauthorized extends Error {}
/** No answer, or a server error: the change may or may not have been applied. */
class Unanswered extends Error {}
/** A 409: `data` holds the server's reason and the current state. */
class Conflict extends Error {
  constructor(data) {
    super('conflict');
    this.data = data;
  }
}
const FAILED = {
  400: 'Yêu cầu không hợp lệ.',
  403: 'Phiên làm việc không hợp lệ, vui lòng tải lại trang.',
  404: 'Không tìm thấy.',
  429: 'Quá nhiều yêu cầu, vui lòng thử lại sau.',
};

async function api(path, body, headers = {}) {
  const init = { credentials: 'same-origin', headers: { ...headers } };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers = { ...headers, 'content-type': 'application/json', 'x-csrf-token': state.csrf };
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new Unanswered('Không kết nối được máy chủ.');
  }
  const data = await response.json().catch(() => ({}));
  if (response.status === 401) {
    showSignIn();
    throw new Unauthorized();
  }
  if (response.status === 409) throw new Conflict(data);
  if (!response.ok) {
    const failed = FAILED[response.status] || `Máy chủ báo lỗi (${response.status}).`;
    throw response.status >= 500 ? new Unanswered(failed) : new Error(failed);
  }
  return data;
}

/** The keys of changes that got no answer: sending the same change again reuses its key (the server applies it once). */
const unanswered = new Map();

/** A change: one request at a time per button (disabled meanwhile), with a key that makes a retry apply once. */
async function change(button, path, body) {
  if (button.disabled) return undefined;
  button.disabled = true;
  const what = `${path}\n${JSON.stringify(body)}`;
  const key = unanswered.get(what) ?? crypto.randomUUID();
  unanswered.set(what, key);
  try {
    const result = await api(path, body, { 'idempotency-key': key });
    unanswered.delete(what);
    return result;
  } catch (error) {
    if (!(error instanceof Unanswered)) unanswered.delete(what);
    throw error;
  } finally {
    button.disabled = false;
  }
}

// --- Sign-in ---

function show(id) {
  for (const section of ['loading', 'setup', 'login', 'app']) $(`#${section}`).hidden = section !== id;
}

function showSignIn() {
  state.csrf = '';
  $('#who').textContent = '';
  $('#logout').hidden = true;
  $('#signin-notice').hidden = true;
  stopEvents();
  show('login');
}

function signedIn(session) {
  state.csrf = session.csrf;
  state.me = session.username;
  $('#who').textContent = session.username;
  $('#logout').hidden = false;
  show('app');
  selectTab(state.tab);
  refreshChats().catch(report);
  loadTemplates().catch(report);
  startEvents();
}

async function start() {
  const session = await api('/api/staff/session');
  if (session.csrf) signedIn(session);
  else if (!session.accounts) show('setup');
  else showSignIn();
}

$('#login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  $('#login-error').textContent = '';
  const response = await fetch('/api/staff/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: form.username.value, password: form.password.value }),
  }).catch(() => undefined);
  const data = response ? await response.json().catch(() => ({})) : {};
  form.password.value = '';
  if (response?.ok) {
    signedIn(data);
    showFailedSignIns(data.failedSignIns);
  } else
    $('#login-error').textContent = !response
      ? 'Không kết nối được máy chủ.'
      : response.status === 429
        ? 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ít phút.'
        : 'Sai tên đăng nhập hoặc mật khẩu.';
});

/** Tells the staff member how many wrong passwords were tried on their name since they last signed in. */
function showFailedSignIns(failed) {
  const notice = $('#signin-notice');
  notice.hidden = !failed?.count;
  notice.textContent = failed?.count
    ? `Có ${failed.count} lần đăng nhập sai vào tài khoản này kể từ lần đăng nhập trước (lần gần nhất: ${failed.lastAt}). Nếu không phải anh/chị, vui lòng báo người quản trị.`
    : '';
}

$('#logout').addEventListener('click', async () => {
  await api('/api/staff/logout', {}).catch(() => undefined);
  showSignIn();
});

// --- Tabs: another view adds its button and panel in index.html and calls addTab(name, load) ---

const tabs = {};
function addTab(name, load) {
  tabs[name] = load;
  const button = document.querySelector(`[role=tab][data-tab="${name}"]`);
  button?.addEventListener('click', () => selectTab(name));
}

function selectTab(tab) {
  state.tab = tab;
  for (const button of document.querySelectorAll('[role=tab]')) button.setAttribute('aria-selected', String(button.dataset.tab === tab));
  for (const panel of document.querySelectorAll('[role=tabpanel]')) panel.hidden = panel.id !== `tab-${tab}`;
  tabs[tab]?.().catch(report);
}

/** One error line per tab, replaced by the next one, never stacked. */
function report(error) {
  if (error instanceof Unauthorized) return;
  const panel = $(`#tab-${state.tab}`);
  let line = panel.querySelector(':scope > .load-error');
  if (!line) panel.prepend((line = el('p', { class: 'error load-error', role: 'alert' })));
  line.textContent = `Không tải được dữ liệu: ${error.message}`;
}

function clearReport() {
  $(`#tab-${state.tab}`)?.querySelector(':scope > .load-error')?.remove();
}

// --- Live updates ---

let source;
let retryMs = 1000;
let retryTimer;
/** Whether the stream has been down since it last worked: everything shown is read again once it is back. */
let lost = false;

function startEvents() {
  stopEvents();
  source = new EventSource('/api/admin/events');
  source.onopen = () => {
    retryMs = 1000;
    $('#offline').hidden = true;
    if (lost) {
      lost = false;
      reloadShown();
    }
  };
  source.onmessage = (message) => {
    try {
      onEvent(JSON.parse(message.data));
    } catch {
      // A malformed event is ignored; the next one reloads what it touches.
    }
  };
  source.onerror = () => {
    // One banner, and a new attempt later and later (1 s doubling up to 30 s), never a line per failure.
    source.close();
    lost = true;
    $('#offline').hidden = false;
    retryTimer = setTimeout(async () => {
      const session = await api('/api/staff/session').catch(() => undefined);
      if (session && !session.csrf) return showSignIn();
      if (state.csrf) startEvents();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  };
}

function stopEvents() {
  clearTimeout(retryTimer);
  source?.close();
  source = undefined;
}

function reloadShown() {
  refreshChats().catch(report);
  if (state.tab === 'tickets') loadTickets().catch(report);
  if (state.tab === 'history') loadHistory().catch(report);
}

let ticketsDue;
function onEvent(event) {
  if (event.type === 'chat') {
    refreshChats().catch(report);
    if (state.tab === 'history') loadHistory().catch(report);
  }
  if (event.type === 'ticket') {
    // Several changes in a burst: one reload of the list.
    clearTimeout(ticketsDue);
    ticketsDue = setTimeout(() => state.tab === 'tickets' && loadTickets(false).catch(report), 150);
    if (event.id === state.selectedRef) openTicket(event.id, false, event.by).catch(report);
  }
}

// --- Phiếu ---

function ticketQuery() {
  const form = $('#ticket-filters');
  const query = new URLSearchParams();
  for (const name of ['q', 'status', 'kind', 'owner', 'since', 'sort']) if (form[name].value) query.set(name, form[name].value.trim());
  if (form.overdue.checked) query.set('overdue', '1');
  return query;
}

async function loadTickets(resetPage = false) {
  if (resetPage) state.page = 1;
  const query = ticketQuery();
  $('#csv').href = `/api/admin/tickets?${new URLSearchParams([...query, ['format', 'csv']])}`;
  query.set('page', String(state.page));
  query.set('pageSize', String(PAGE_SIZE));
  const data = await api(`/api/admin/tickets?${query}`);
  clearReport();
  state.tickets = data.tickets;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  $('#ticket-count').textContent =
    `${data.total} phiếu${pages > 1 ? ` · trang ${state.page}/${pages}` : ''} · quá hạn sau ${data.targetHours} giờ`;
  $('#page-prev').hidden = state.page <= 1;
  $('#page-next').hidden = state.page >= pages;
  renderTickets();
}

function ownerText(owner) {
  return owner ? `Người xử lý: ${owner}` : 'Chưa ai nhận';
}

function renderTickets() {
  $('#ticket-list').replaceChildren(
    ...state.tickets.map((t) =>
      el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: `row${t.ref === state.selectedRef ? ' selected' : ''}${t.overdue ? ' overdue' : ''}`,
            'data-ref': t.ref,
            onclick: () => openTicket(t.ref, true).catch(report),
          },
          el('span', { class: 'ref' }, t.ref),
          el('span', { class: `status status-${t.status}` }, STATUS[t.status]),
          el(
            'span',
            { class: 'muted' },
            `${KIND[t.kind]} · ${when(t.createdAt)} · ${t.name} · ${ownerText(t.owner)} · ${t.overdue ? `Quá hạn (${age(t.ageHours)})` : age(t.ageHours)}`,
          ),
          el('span', { class: 'snippet' }, t.details),
        ),
      ),
    ),
  );
}

let filtersDue;
$('#ticket-filters').addEventListener('input', (event) => {
  clearTimeout(filtersDue);
  // Typing a search waits for a pause; a choice applies at once.
  filtersDue = setTimeout(() => loadTickets(true).catch(report), event.target.name === 'q' ? 250 : 0);
});
$('#ticket-filters').addEventListener('submit', (event) => event.preventDefault());
$('#page-prev').addEventListener('click', () => {
  state.page--;
  loadTickets().catch(report);
});
$('#page-next').addEventListener('click', () => {
  state.page++;
  loadTickets().catch(report);
});

/** What became of a message to the citizen (the outbox's state: queued, sending, retrying, delivered, failed). */
function noticeText(notice) {
  if (!notice) return 'không có tin nhắn cho khách';
  const reason = NOTICE_REASON[notice.lastError] || notice.lastError || '';
  const repeats = notice.repeats ? ` (có thể khách nhận ${notice.repeats + 1} lần)` : '';
  switch (notice.state) {
    case 'delivered':
      return `đã báo cho khách${repeats}`;
    case 'failed':
      return `gửi cho khách không được${reason ? `: ${reason}` : ''}`;
    case 'retrying':
      return `đang thử gửi lại (lần ${notice.attempts} lỗi${reason ? `: ${reason}` : ''})`;
    default:
      return 'đang gửi cho khách…';
  }
}

const TOLD = ['status', 'reopen', 'message'];
function historyEntry(h) {
  const type = h.type || 'status';
  const title = {
    status: STATUS[h.status],
    reopen: `Mở lại → ${STATUS[h.status]}`,
    message: 'Nhắn khách',
    internal: 'Ghi chú nội bộ (không gửi khách)',
    assign: h.owner ? `Giao cho ${h.owner}` : 'Bỏ nhận xử lý',
  }[type];
  return el(
    'li',
    { class: `change change-${type}` },
    el('strong', {}, title),
    ` · ${when(h.at)} · ${h.by}`,
    h.note ? el('p', {}, h.note) : undefined,
    TOLD.includes(type) ? el('p', { class: 'muted delivery' }, noticeText(h.notice)) : undefined,
  );
}

/** What the staff member typed in a ticket's forms, kept when the ticket is shown again (a colleague's change, an event). */
const ticketDrafts = {};

function ticketForm(t, id, title, fields, submitLabel, send) {
  const draft = (ticketDrafts[t.ref] ??= {});
  const form = el('form', { id, class: 'change-form' }, el('h3', {}, title), ...fields, el('button', { type: 'submit' }, submitLabel));
  for (const field of form.querySelectorAll('[name]')) {
    if (draft[`${id}.${field.name}`] !== undefined) field.value = draft[`${id}.${field.name}`];
    field.addEventListener('input', () => (draft[`${id}.${field.name}`] = field.value));
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = send(form);
    if (!body) return;
    const [path, payload] = body;
    change(form.querySelector('button[type=submit]'), `/api/admin/tickets/${encodeURIComponent(t.ref)}/${path}`, {
      ...payload,
      version: state.ticket.version ?? state.ticket.history.length,
    })
      .then((ticket) => {
        if (!ticket) return;
        for (const field of form.querySelectorAll('[name]')) delete draft[`${id}.${field.name}`];
        renderTicket(ticket, 'Đã lưu.');
        loadTickets().catch(report);
      })
      .catch((error) => {
        if (error instanceof Unauthorized) return;
        if (error instanceof Conflict && error.data.ticket) {
          const current = error.data.ticket;
          const message =
            error.data.reason === 'stale'
              ? `Phiếu đã được ${current.updatedBy || 'người khác'} cập nhật lúc ${when(current.updatedAt)}. Đã tải lại phiếu: xem lại trước khi thay đổi.`
              : REFUSED[error.data.reason] || 'Không thay đổi được phiếu.';
          renderTicket(current, message, true);
          loadTickets().catch(report);
        } else $('#ticket-result').textContent = `Chưa lưu được: ${error.message}`;
      });
  });
  return form;
}

/** Shows a ticket; `reveal` scrolls it into view (on a phone the detail is below the list); `by`: a colleague changed it. */
async function openTicket(ref, reveal = false, by = '') {
  state.selectedRef = ref;
  const t = await api(`/api/admin/tickets/${encodeURIComponent(ref)}`);
  const news =
    by && by !== state.me && by !== 'notice' && state.ticket?.ref === ref
      ? `Phiếu đã được ${t.updatedBy || by} cập nhật lúc ${when(t.updatedAt)}. Đã tải lại phiếu.`
      : by && state.ticket?.ref === ref
        ? $('#ticket-result')?.textContent
        : '';
  renderTicket(t, news, Boolean(news) && by !== state.me && by !== 'notice');
  if (reveal) $('#ticket-detail').scrollIntoView({ block: 'start' });
}

function renderTicket(t, message = '', warn = false) {
  state.ticket = t;
  for (const row of document.querySelectorAll('#ticket-list .row')) row.classList.toggle('selected', row.dataset.ref === t.ref);
  const fields = [
    ['Loại', KIND[t.kind]],
    ['Trạng thái', STATUS[t.status]],
    ['Gửi lúc', when(t.createdAt)],
    ['Kênh', CHANNEL[t.channelId] || t.channelId],
    ['Họ tên', t.name || '—'],
    ['Số điện thoại', t.phone || '—'],
    ['Mã bưu gửi', t.trackingCode || '—'],
    ['Người xử lý', t.owner || 'Chưa ai nhận'],
    ['Khách đánh giá', satisfactionText(t.satisfaction)],
  ];
  const closed = FINAL.includes(t.status);
  const statusForm = closed
    ? ticketForm(
        t,
        'reopen-form',
        'Mở lại phiếu',
        [
          el(
            'label',
            {},
            'Lý do mở lại (bắt buộc, gửi cho khách) ',
            el('textarea', { name: 'note', rows: '2', maxlength: '1000', required: true }),
          ),
        ],
        'Mở lại',
        (form) => (form.note.value.trim() ? ['reopen', { note: form.note.value.trim() }] : undefined),
      )
    : ticketForm(
        t,
        'status-form',
        'Cập nhật trạng thái',
        [
          el(
            'label',
            {},
            'Trạng thái mới ',
            el(
              'select',
              { name: 'status', required: true },
              el('option', { value: '' }, '— Chọn trạng thái —'),
              ...['in_progress', 'resolved', 'rejected'].filter((s) => s !== t.status).map((s) => el('option', { value: s }, STATUS[s])),
            ),
          ),
          el(
            'label',
            {},
            'Ghi chú gửi khách (bắt buộc khi không thể giải quyết) ',
            el('textarea', { name: 'note', rows: '3', maxlength: '1000' }),
          ),
        ],
        'Cập nhật và báo khách',
        (form) => {
          if (form.status.value === 'rejected' && !form.note.value.trim()) {
            $('#ticket-result').textContent = 'Vui lòng ghi lý do không thể giải quyết.';
            return undefined;
          }
          return form.status.value ? ['status', { status: form.status.value, note: form.note.value.trim() }] : undefined;
        },
      );
  const messageForm = ticketForm(
    t,
    'message-form',
    'Nhắn khách',
    [
      el(
        'label',
        {},
        'Tin nhắn gửi khách (không đổi trạng thái) ',
        el('textarea', { name: 'text', rows: '2', maxlength: '1000', required: true }),
      ),
    ],
    'Gửi cho khách',
    (form) => (form.text.value.trim() ? ['messages', { text: form.text.value.trim() }] : undefined),
  );
  const noteForm = ticketForm(
    t,
    'note-form',
    'Ghi chú nội bộ',
    [
      el(
        'label',
        {},
        'Ghi chú cho đồng nghiệp (không gửi khách) ',
        el('textarea', { name: 'text', rows: '2', maxlength: '1000', required: true }),
      ),
    ],
    'Lưu ghi chú',
    (form) => (form.text.value.trim() ? ['notes', { text: form.text.value.trim() }] : undefined),
  );
  const claim = el('button', { type: 'button', class: 'secondary', id: 'claim-ticket' }, t.owner ? 'Nhận xử lý thay' : 'Nhận xử lý');
  claim.addEventListener('click', () =>
    change(claim, `/api/admin/tickets/${encodeURIComponent(t.ref)}/assign`, { version: t.version ?? t.history.length })
      .then((ticket) => ticket && (renderTicket(ticket, 'Bạn đã nhận xử lý phiếu này.'), loadTickets().catch(report)))
      .catch(
        (error) =>
          error instanceof Conflict && error.data.ticket && renderTicket(error.data.ticket, REFUSED[error.data.reason] || '', true),
      ),
  );
  $('#ticket-detail').hidden = false;
  // Through el(): the parts a ticket does not have (undefined) are left out.
  $('#ticket-detail').replaceChildren(
    ...el(
      'div',
      {},
      el('h2', {}, `Phiếu ${t.ref}`),
      el('p', { id: 'ticket-result', class: warn ? 'notice' : 'muted', role: 'status' }, message),
      el('dl', {}, ...fields.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])),
      t.owner === state.me ? undefined : el('div', { class: 'actions' }, claim),
      el('h3', {}, 'Nội dung'),
      el('p', { class: 'details' }, t.details),
      t.transcript?.length ? el('h3', {}, 'Cuộc trò chuyện kèm theo') : undefined,
      t.transcript?.length ? transcriptList(t.transcript, 'ticket-transcript') : undefined,
      el('h3', {}, 'Lịch sử'),
      t.history.length ? el('ol', { class: 'history' }, ...t.history.map(historyEntry)) : el('p', { class: 'muted' }, 'Chưa có thay đổi.'),
      statusForm,
      messageForm,
      noteForm,
    ).childNodes,
  );
}

// --- Trò chuyện ---

let audio;
/** A short two-note chime when a citizen starts waiting or writes again (made here: no sound file to fetch). */
function chime() {
  try {
    audio ??= new AudioContext();
    [660, 880].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.value = 0.08;
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + i * 0.18);
      tone.stop(audio.currentTime + i * 0.18 + 0.15);
    });
  } catch {
    // No audio on this device: the badge and the title still tell.
  }
}

/**
 * Whether the citizen's last message is not the one last read here (by its mark: two messages can share a second).
 * A chat read by an earlier console is kept as the time it was read, compared as before.
 */
function unread(c) {
  const read = seen[c.id] || '';
  return read.includes(' ') ? c.lastCitizenMark !== read : c.lastCitizenAt > read;
}

/** A chat with something for staff: nobody has answered yet, or the citizen wrote after it was last read here. */
const needsAttention = (c) => !c.answeredAt || (!!c.lastCitizenMark && unread(c));

function markSeen(chat) {
  if (!chat.lastCitizenMark || seen[chat.id] === chat.lastCitizenMark || document.hidden) return;
  seen[chat.id] = chat.lastCitizenMark;
  store.set('cskh-seen', seen);
}

function renderAttention() {
  const count = state.chats.filter(needsAttention).length;
  if (count > state.attention) chime();
  state.attention = count;
  const badge = $('#waiting-badge');
  badge.hidden = count === 0;
  badge.textContent = String(count);
  document.title = count ? `(${count}) ${state.baseTitle}` : state.baseTitle;
}

async function refreshChats() {
  const data = await api('/api/admin/handoffs');
  state.chats = data.handoffs;
  const open = state.chats.find((c) => c.id === state.selectedChat);
  if (open && state.tab === 'chats') markSeen(open);
  renderAttention();
  renderChats();
  if (state.selectedChat) await openChat(state.selectedChat);
}

function renderChats() {
  const filter = $('#chat-filter').value;
  const shown = state.chats.filter((c) => !filter || (filter === 'me' ? c.owner === state.me : !c.owner));
  $('#chat-count').textContent = state.chats.length
    ? `${state.chats.length} khách đang chờ hoặc đang trò chuyện`
    : 'Không có khách nào đang chờ.';
  $('#chat-list').replaceChildren(
    ...shown.map((c) => {
      const last = c.lastLines[c.lastLines.length - 1];
      return el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: `row${c.id === state.selectedChat ? ' selected' : ''}${needsAttention(c) ? ' unread' : ''}`,
            'data-id': c.id,
            onclick: () => openChat(c.id, true).catch(report),
          },
          el('span', { class: 'ref' }, `${CHANNEL[c.channelId] || c.channelId}${c.name ? ` · ${c.name}` : ''}`),
          el(
            'span',
            { class: c.answeredAt ? 'status' : 'status status-new' },
            !c.answeredAt ? `Chờ ${minutes(c.waitingSeconds)}` : needsAttention(c) ? 'Tin nhắn mới' : 'Đang trò chuyện',
          ),
          el('span', { class: 'muted' }, ownerText(c.owner)),
          el('span', { class: 'snippet' }, last ? `${SPEAKER[last.from]}${last.by ? ` ${last.by}` : ''}: ${last.text}` : ''),
        ),
      );
    }),
  );
}
$('#chat-filter').addEventListener('change', renderChats);

const SPEAKER = { user: 'Khách', bot: 'Bot', staff: 'Nhân viên' };

/** A transcript; a staff line sent through the outbox shows its message's state when `notices` are given. */
function transcriptList(lines, id, notices = []) {
  const byId = new Map(notices.map((n) => [n.id, n]));
  return el(
    'ol',
    { class: 'transcript', id },
    ...lines.map((line) =>
      el(
        'li',
        { class: `line line-${line.from}` },
        el('span', { class: 'speaker' }, `${SPEAKER[line.from] || line.from}${line.by ? ` ${line.by}` : ''} · ${when(line.at)}`),
        el('span', { class: 'text' }, line.text),
        byId.has(line.messageId) ? el('span', { class: 'muted delivery' }, noticeText(byId.get(line.messageId))) : undefined,
      ),
    ),
  );
}

/** Why a chat is no longer open, in words. */
function endedText(chat) {
  const by =
    chat.endedBy === 'citizen'
      ? 'khách đã rời cuộc trò chuyện'
      : chat.endedBy === 'office hours ended'
        ? 'hết giờ làm việc'
        : `đã kết thúc bởi ${chat.endedBy === 'staff' || chat.endedBy === 'api' ? 'nhân viên' : chat.endedBy}`;
  return `Cuộc trò chuyện đã kết thúc (${by}) lúc ${when(chat.endedAt)}.`;
}

function saveDraft() {
  if (!state.selectedChat) return;
  const text = $('#reply').text.value;
  if (text) drafts[state.selectedChat] = text;
  else delete drafts[state.selectedChat];
  store.set('cskh-drafts', drafts);
}

async function openChat(id, reveal = false) {
  const selectedBefore = state.selectedChat;
  if (selectedBefore !== id) {
    // The box holds this chat's draft only: the one typed for the other chat stays with it.
    saveDraft();
    $('#reply').text.value = drafts[id] || '';
    $('#reply-status').textContent = '';
    $('#chat-ticket').hidden = true;
  }
  state.selectedChat = id;
  const chat = await api(`/api/admin/handoffs/${encodeURIComponent(id)}`);
  if (state.selectedChat !== id) return;
  state.chat = chat;
  if (state.tab === 'chats') markSeen(chat);
  renderAttention();
  $('#chat-detail').hidden = false;
  $('#chat-title').textContent =
    `${CHANNEL[chat.channelId] || chat.channelId}${chat.name ? ` · ${chat.name}` : ''} · từ ${when(chat.requestedAt)}`;
  $('#chat-owner').textContent =
    chat.owner && chat.owner !== state.me
      ? `Đang do ${chat.owner} xử lý.`
      : chat.owner
        ? 'Bạn đang xử lý cuộc trò chuyện này.'
        : 'Chưa ai nhận.';
  const ended = chat.status !== 'active';
  $('#chat-ended').hidden = !ended;
  $('#chat-ended').textContent = ended ? endedText(chat) : '';
  for (const button of $('#reply').querySelectorAll('button')) button.hidden = ended && button.id !== 'ticket-from-chat';
  $('#reply').text.disabled = ended;
  $('#claim-chat').hidden = ended || chat.owner === state.me;
  const list = $('#transcript');
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
  list.replaceChildren(...transcriptList(chat.transcript || [], 'x', chat.notices).children);
  if (atBottom || selectedBefore !== id) list.scrollTop = list.scrollHeight;
  for (const row of document.querySelectorAll('#chat-list .row')) row.classList.toggle('selected', row.dataset.id === id);
  if (reveal) $('#chat-detail').scrollIntoView({ block: 'start' });
}

$('#reply').text.addEventListener('input', () => {
  saveDraft();
  suggestTemplates();
});
$('#reply').text.addEventListener('keydown', (event) => {
  // Enter sends, Shift+Enter makes a new line (and an IME composing a word keeps its Enter).
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('#reply').requestSubmit();
  }
});

async function sendReply(id, text, takeOver) {
  const button = $('#reply button[type=submit]');
  try {
    const result = await change(button, `/api/admin/handoffs/${encodeURIComponent(id)}/messages`, { text, takeOver });
    if (!result) return;
    if (drafts[id] === text || state.selectedChat !== id) delete drafts[id];
    if (state.selectedChat === id) $('#reply').text.value = '';
    store.set('cskh-drafts', drafts);
    $('#reply-status').textContent = result.message.state === 'delivered' ? 'Đã gửi.' : `Tin nhắn ${noticeText(result.message)}`;
    await refreshChats();
  } catch (error) {
    if (error instanceof Unauthorized) return;
    if (error instanceof Conflict && error.data.reason === 'owned') {
      // A colleague is on this chat: ask before answering over them.
      if (confirm(`Cuộc trò chuyện đang do ${error.data.owner} xử lý. Bạn vẫn muốn gửi và nhận xử lý thay?`))
        return sendReply(id, text, true);
      $('#reply-status').textContent = `Chưa gửi: cuộc trò chuyện đang do ${error.data.owner} xử lý.`;
      return;
    }
    $('#reply-status').textContent =
      error instanceof Conflict ? 'Cuộc trò chuyện đã kết thúc, tin nhắn chưa được gửi.' : `Chưa gửi được: ${error.message}`;
    await refreshChats().catch(report);
  }
}

$('#reply').addEventListener('submit', (event) => {
  event.preventDefault();
  const id = state.selectedChat;
  const text = event.currentTarget.text.value.trim();
  if (!text || !id) return;
  // Sent to the chat it was typed for, whatever is opened meanwhile.
  $('#reply-status').textContent = 'Đang gửi…';
  sendReply(id, text, false).catch(report);
});

$('#claim-chat').addEventListener('click', (event) => {
  const id = state.selectedChat;
  const owner = state.chat?.owner;
  if (owner && owner !== state.me && !confirm(`Cuộc trò chuyện đang do ${owner} xử lý. Nhận xử lý thay?`)) return;
  change(event.currentTarget, `/api/admin/handoffs/${encodeURIComponent(id)}/assign`, {})
    .then(() => refreshChats())
    .catch((error) => error instanceof Unauthorized || ($('#reply-status').textContent = 'Không nhận được: cuộc trò chuyện đã kết thúc.'));
});

$('#close-chat').addEventListener('click', (event) => {
  const id = state.selectedChat;
  if (!id || !confirm('Kết thúc cuộc trò chuyện này? Khách sẽ được báo và bot trả lời lại.')) return;
  change(event.currentTarget, `/api/admin/handoffs/${encodeURIComponent(id)}/close`, {})
    .then(() => refreshChats())
    .catch(report);
});

$('#ticket-from-chat').addEventListener('click', () => {
  const form = $('#chat-ticket');
  const said = (state.chat?.transcript || []).filter((line) => line.from === 'user').map((line) => line.text);
  form.details.value ||= said.slice(-3).join('\n').slice(0, 1000);
  form.name.value ||= state.chat?.name || '';
  form.hidden = false;
  form.scrollIntoView({ block: 'nearest' });
});
$('#chat-ticket-cancel').addEventListener('click', () => ($('#chat-ticket').hidden = true));
$('#chat-ticket').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const id = state.selectedChat;
  change(form.querySelector('button[type=submit]'), `/api/admin/handoffs/${encodeURIComponent(id)}/ticket`, {
    kind: form.kind.value,
    details: form.details.value.trim(),
    name: form.name.value.trim(),
    phone: form.phone.value.trim(),
  })
    .then((result) => {
      if (!result) return;
      form.reset();
      form.hidden = true;
      $('#reply-status').textContent = `Đã tạo phiếu ${result.ref} (kèm nội dung trò chuyện).`;
    })
    .catch((error) => error instanceof Unauthorized || ($('#reply-status').textContent = `Chưa tạo được phiếu: ${error.message}`));
});

// --- Mẫu trả lời ---

async function loadTemplates() {
  state.templates = (await api('/api/admin/reply-templates')).templates;
  renderTemplates();
}

function insertTemplate(template) {
  const box = $('#reply').text;
  box.value = box.value.startsWith('/') ? template.text : `${box.value}${box.value && !box.value.endsWith(' ') ? ' ' : ''}${template.text}`;
  $('#template-suggestions').hidden = true;
  saveDraft();
  box.focus();
}

function renderTemplates() {
  $('#templates').replaceChildren(
    ...state.templates.map((t) =>
      el('button', { type: 'button', class: 'chip', onclick: () => insertTemplate(t), title: t.text }, t.title),
    ),
  );
  $('#template-list').replaceChildren(
    ...state.templates.map((t) =>
      el(
        'li',
        {},
        el('strong', {}, t.title),
        ` ${t.text} `,
        el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: (event) =>
              change(event.currentTarget, '/api/admin/reply-templates/delete', { id: t.id }).then(loadTemplates).catch(report),
          },
          'Xóa',
        ),
      ),
    ),
  );
}

/** Typing "/" then a few letters lists the matching templates; a click inserts one. */
function suggestTemplates() {
  const box = $('#reply').text;
  const list = $('#template-suggestions');
  if (!box.value.startsWith('/')) {
    list.hidden = true;
    return;
  }
  const wanted = fold(box.value.slice(1));
  const found = state.templates.filter((t) => fold(`${t.title} ${t.text}`).includes(wanted));
  list.hidden = found.length === 0;
  list.replaceChildren(
    ...found.map((t) =>
      el('li', {}, el('button', { type: 'button', class: 'secondary', onclick: () => insertTemplate(t) }, `${t.title}: ${t.text}`)),
    ),
  );
}

const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/giu, 'd').toLowerCase().trim();

$('#template-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  change(form.querySelector('button'), '/api/admin/reply-templates', { title: form.title.value.trim(), text: form.text.value.trim() })
    .then(() => {
      form.reset();
      return loadTemplates();
    })
    .catch(report);
});

// --- Lịch sử trò chuyện ---

async function loadHistory() {
  const form = $('#history-filters');
  const query = new URLSearchParams();
  if (form.q.value.trim()) query.set('q', form.q.value.trim());
  if (form.day.value) query.set('day', form.day.value);
  const data = await api(`/api/admin/handoffs/history?${query}`);
  clearReport();
  $('#history-count').textContent = data.total ? `${data.total} cuộc trò chuyện đã kết thúc` : 'Không có cuộc trò chuyện nào.';
  $('#history-list').replaceChildren(
    ...data.handoffs.map((c) =>
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', class: 'row', 'data-id': c.id, onclick: () => openHistory(c.id).catch(report) },
          el('span', { class: 'ref' }, `${CHANNEL[c.channelId] || c.channelId}${c.name ? ` · ${c.name}` : ''}`),
          el('span', { class: 'status' }, when(c.endedAt)),
          el('span', { class: 'muted' }, ownerText(c.owner)),
          el('span', { class: 'snippet' }, c.lastLines.at(-1)?.text || ''),
        ),
      ),
    ),
  );
}

async function openHistory(id) {
  const chat = await api(`/api/admin/handoffs/${encodeURIComponent(id)}`);
  $('#history-detail').hidden = false;
  $('#history-detail').replaceChildren(
    el('h2', {}, `${CHANNEL[chat.channelId] || chat.channelId}${chat.name ? ` · ${chat.name}` : ''} · từ ${when(chat.requestedAt)}`),
    el('p', { class: 'muted' }, chat.status === 'active' ? 'Đang diễn ra.' : endedText(chat)),
    el('p', {}, `Khách đánh giá: ${satisfactionText(chat.satisfaction)}`),
    transcriptList(chat.transcript || [], 'history-transcript'),
  );
  $('#history-detail').scrollIntoView({ block: 'start' });
}

let historyDue;
$('#history-filters').addEventListener('input', () => {
  clearTimeout(historyDue);
  historyDue = setTimeout(() => loadHistory().catch(report), 250);
});
$('#history-filters').addEventListener('submit', (event) => event.preventDefault());

// --- Kiến thức ---

async function loadKnowledge() {
  const k = await api('/api/admin/knowledge');
  $('#tab-knowledge').replaceChildren(
    el('h2', {}, 'Kiến thức đang dùng'),
    el('p', {}, `Phiên bản ${k.version}: ${k.articles} bài viết, ${k.entries} mục hỏi đáp.`),
    el('h3', {}, 'Lỗi trong các tệp'),
    k.problems.length
      ? el(
          'div',
          {},
          el(
            'p',
            { class: 'error' },
            'Các tệp sau có lỗi: mỗi tệp vẫn dùng nội dung tốt gần nhất (tệp mới có lỗi chưa được dùng), các thay đổi khác đã được áp dụng. Sửa các lỗi sau rồi lưu lại:',
          ),
          el('ul', { class: 'problems' }, ...k.problems.map((p) => el('li', {}, el('code', {}, `${p.file}:${p.line}`), ` ${p.message}`))),
        )
      : el('p', { class: 'muted' }, 'Không có lỗi.'),
    el('h3', {}, `Các tệp (${k.files.length})`),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', {}, 'Tệp'), el('th', {}, 'Nội dung'))),
      el(
        'tbody',
        {},
        ...k.files.map((f) =>
          el('tr', {}, el('td', {}, el('code', {}, f.file)), el('td', {}, f.kind === 'article' ? 'bài viết' : `${f.items} mục hỏi đáp`)),
        ),
      ),
    ),
  );
}

addTab('tickets', () => loadTickets());
addTab('chats', () => refreshChats());
addTab('history', loadHistory);
addTab('knowledge', loadKnowledge);
// The waiting times shown move on by themselves (no request: the list is pushed when it changes).
setInterval(() => state.csrf && renderChats(), 30_000);
document.addEventListener('visibilitychange', () => {
  const open = state.chats.find((c) => c.id === state.selectedChat);
  if (!document.hidden && open && state.tab === 'chats') {
    markSeen(open);
    renderAttention();
  }
});
window.cskh = { api, el, when, addTab, change };
start().catch(() => show('login'));
