// The staff console. Plain script, no framework, no CDN; every text that came from a citizen or a file is
// put in the page with textContent (never as HTML). Changes carry the session's CSRF token.
/* global satisfactionText */
'use strict';

const STATUS = { new: 'Mới tiếp nhận', in_progress: 'Đang xử lý', resolved: 'Đã giải quyết', rejected: 'Không thể giải quyết' };
const KIND = { complaint: 'Khiếu nại', suggestion: 'Góp ý', question: 'Hỏi đáp' };
const CHANNEL = { webchat: 'Trang web', emulator: 'Emulator', msteams: 'Teams', zalo: 'Zalo OA', zalobot: 'Zalo Bot' };
const NOTICE_REASON = {
  'outside the channel messaging window': 'đã quá 7 ngày kể từ tin nhắn cuối của khách trên Zalo',
  'no conversation to write to (ticket of an earlier version)': 'phiếu cũ, không có cuộc trò chuyện để gửi',
};
const POLL_MS = 3000;

const state = {
  csrf: '',
  tickets: [],
  selectedRef: '',
  chats: [],
  selectedChat: '',
  tab: 'tickets',
  baseTitle: document.title,
  waiting: 0,
};
const $ = (selector) => document.querySelector(selector);
/** Views of other scripts (stats.js …): tab name → its load function. */
const staffViews = {};

/** An element with text children only (strings become text nodes, never markup). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat())
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
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

class Unauthorized extends Error {}

async function api(path, body) {
  const init = { credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers = { 'content-type': 'application/json', 'x-csrf-token': state.csrf };
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({}));
  if (response.status === 401) {
    showSignIn();
    throw new Unauthorized();
  }
  if (!response.ok) throw new Error(data.message || `Lỗi ${response.status}`);
  return data;
}

// --- Sign-in ---

function show(id) {
  for (const section of ['loading', 'setup', 'login', 'app']) $(`#${section}`).hidden = section !== id;
}

function showSignIn() {
  state.csrf = '';
  $('#who').textContent = '';
  $('#logout').hidden = true;
  show('login');
}

function signedIn(session) {
  state.csrf = session.csrf;
  $('#who').textContent = session.username;
  $('#logout').hidden = false;
  show('app');
  selectTab(state.tab);
  refreshChats().catch(report);
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
  });
  const data = await response.json().catch(() => ({}));
  form.password.value = '';
  if (response.ok) signedIn(data);
  else
    $('#login-error').textContent =
      response.status === 429 ? 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ít phút.' : 'Sai tên đăng nhập hoặc mật khẩu.';
});

$('#logout').addEventListener('click', async () => {
  await api('/api/staff/logout', {}).catch(() => undefined);
  showSignIn();
});

// --- Tabs ---

function selectTab(tab) {
  state.tab = tab;
  for (const button of document.querySelectorAll('[role=tab]')) button.setAttribute('aria-selected', String(button.dataset.tab === tab));
  for (const panel of document.querySelectorAll('[role=tabpanel]')) panel.hidden = panel.id !== `tab-${tab}`;
  const load = { tickets: loadTickets, chats: refreshChats, knowledge: loadKnowledge, ...staffViews }[tab];
  load().catch(report);
}

for (const button of document.querySelectorAll('[role=tab]')) button.addEventListener('click', () => selectTab(button.dataset.tab));

function report(error) {
  if (error instanceof Unauthorized) return;
  const panel = $(`#tab-${state.tab}`);
  panel.prepend(el('p', { class: 'error', role: 'alert' }, `Không tải được dữ liệu: ${error.message}`));
}

// --- Phiếu ---

async function loadTickets() {
  const since = $('#ticket-filters').since.value;
  const data = await api(`/api/admin/tickets${since ? `?since=${since}` : ''}`);
  state.tickets = data.tickets.reverse();
  renderTickets();
  if (state.selectedRef) await openTicket(state.selectedRef);
}

function renderTickets() {
  const form = $('#ticket-filters');
  const q = form.q.value.trim().toUpperCase().replace(/\s+/g, '');
  const shown = state.tickets.filter(
    (t) =>
      (!form.status.value || t.status === form.status.value) &&
      (!form.kind.value || t.kind === form.kind.value) &&
      (!q || t.ref.includes(q) || t.phone.includes(q)),
  );
  $('#csv').href = `/api/admin/tickets?format=csv${form.since.value ? `&since=${form.since.value}` : ''}`;
  $('#ticket-count').textContent = `${shown.length} phiếu`;
  $('#ticket-list').replaceChildren(
    ...shown.map((t) =>
      el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: t.ref === state.selectedRef ? 'row selected' : 'row',
            'data-ref': t.ref,
            onclick: () => openTicket(t.ref, true).catch(report),
          },
          el('span', { class: 'ref' }, t.ref),
          el('span', { class: `status status-${t.status}` }, STATUS[t.status]),
          el('span', { class: 'muted' }, `${KIND[t.kind]} · ${when(t.createdAt)} · ${t.name}`),
          el('span', { class: 'snippet' }, t.details),
        ),
      ),
    ),
  );
}

$('#ticket-filters').addEventListener('input', (event) => {
  if (event.target.name === 'since') loadTickets().catch(report);
  else renderTickets();
});
$('#ticket-filters').addEventListener('submit', (event) => event.preventDefault());

function noticeText(notice) {
  if (!notice) return 'đang gửi cho khách…';
  if (notice.status === 'sent') return 'đã báo cho khách';
  const reason = NOTICE_REASON[notice.reason] || notice.reason || '';
  return `${notice.status === 'skipped' ? 'không gửi cho khách' : 'gửi cho khách không được'}${reason ? `: ${reason}` : ''}`;
}

/** Shows a ticket; `reveal` scrolls it into view (on a phone the detail is below the list). */
async function openTicket(ref, reveal = false) {
  state.selectedRef = ref;
  const t = await api(`/api/admin/tickets/${encodeURIComponent(ref)}`);
  for (const row of document.querySelectorAll('#ticket-list .row')) row.classList.toggle('selected', row.dataset.ref === ref);
  const fields = [
    ['Loại', KIND[t.kind]],
    ['Trạng thái', STATUS[t.status]],
    ['Gửi lúc', when(t.createdAt)],
    ['Kênh', CHANNEL[t.channelId] || t.channelId],
    ['Họ tên', t.name],
    ['Số điện thoại', t.phone],
    ['Mã bưu gửi', t.trackingCode || '—'],
    ['Khách đánh giá', satisfactionText(t.satisfaction)],
  ];
  const form = el(
    'form',
    { id: 'status-form' },
    el('h3', {}, 'Cập nhật trạng thái'),
    el(
      'label',
      {},
      'Trạng thái mới ',
      el(
        'select',
        { name: 'status' },
        ...['in_progress', 'resolved', 'rejected'].map((s) => el('option', { value: s, selected: s === t.status }, STATUS[s])),
      ),
    ),
    el(
      'label',
      {},
      'Ghi chú gửi khách (bắt buộc khi không thể giải quyết) ',
      el('textarea', { name: 'note', rows: '3', maxlength: '1000' }),
    ),
    el('button', { type: 'submit' }, 'Cập nhật và báo khách'),
    el('p', { id: 'status-result', class: 'muted', role: 'status' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    changeStatus(t.ref, form).catch((error) => {
      if (!(error instanceof Unauthorized)) $('#status-result').textContent = `Chưa cập nhật được: ${error.message}`;
    });
  });
  $('#ticket-detail').hidden = false;
  $('#ticket-detail').replaceChildren(
    el('h2', {}, `Phiếu ${t.ref}`),
    el('dl', {}, ...fields.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])),
    el('h3', {}, 'Nội dung'),
    el('p', { class: 'details' }, t.details),
    el('h3', {}, 'Lịch sử'),
    t.history.length
      ? el(
          'ol',
          { class: 'history' },
          ...t.history.map((h) =>
            el(
              'li',
              {},
              el('strong', {}, STATUS[h.status]),
              ` · ${when(h.at)} · ${h.by}`,
              h.note ? el('p', {}, h.note) : undefined,
              el('p', { class: 'muted' }, noticeText(h.notice)),
            ),
          ),
        )
      : el('p', { class: 'muted' }, 'Chưa có thay đổi.'),
    form,
  );
  if (reveal) $('#ticket-detail').scrollIntoView({ block: 'start' });
}

async function changeStatus(ref, form) {
  const status = form.status.value;
  const note = form.note.value.trim();
  if (status === 'rejected' && !note) {
    $('#status-result').textContent = 'Vui lòng ghi lý do không thể giải quyết.';
    return;
  }
  await api(`/api/admin/tickets/${encodeURIComponent(ref)}/status`, { status, note });
  await loadTickets();
  $('#status-result').textContent = 'Đã cập nhật.';
  // The message to the citizen goes in the background: show what became of it a moment later.
  setTimeout(() => state.selectedRef === ref && openTicket(ref).catch(report), 1500);
}

// --- Trò chuyện ---

let audio;
/** A short two-note chime when another citizen starts waiting (made here: no sound file to fetch). */
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

async function refreshChats() {
  const data = await api('/api/admin/handoffs');
  state.chats = data.handoffs;
  const waiting = state.chats.filter((c) => !c.answeredAt).length;
  if (waiting > state.waiting) chime();
  state.waiting = waiting;
  const badge = $('#waiting-badge');
  badge.hidden = waiting === 0;
  badge.textContent = String(waiting);
  document.title = waiting ? `(${waiting}) ${state.baseTitle}` : state.baseTitle;
  if (state.tab !== 'chats') return;
  $('#chat-count').textContent = state.chats.length
    ? `${state.chats.length} khách đang chờ hoặc đang trò chuyện`
    : 'Không có khách nào đang chờ.';
  $('#chat-list').replaceChildren(
    ...state.chats.map((c) => {
      const last = c.lastLines[c.lastLines.length - 1];
      return el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: c.id === state.selectedChat ? 'row selected' : 'row',
            'data-id': c.id,
            onclick: () => openChat(c.id, true).catch(report),
          },
          el('span', { class: 'ref' }, CHANNEL[c.channelId] || c.channelId),
          el(
            'span',
            { class: c.answeredAt ? 'status' : 'status status-new' },
            c.answeredAt ? 'Đang trò chuyện' : `Chờ ${minutes(c.waitingSeconds)}`,
          ),
          el('span', { class: 'snippet' }, last ? last.text : ''),
        ),
      );
    }),
  );
  if (state.selectedChat) {
    if (state.chats.some((c) => c.id === state.selectedChat)) await openChat(state.selectedChat);
    else {
      state.selectedChat = '';
      $('#chat-detail').hidden = true;
    }
  }
}

const SPEAKER = { user: 'Khách', bot: 'Bot', staff: 'Nhân viên' };

async function openChat(id, reveal = false) {
  const selectedBefore = state.selectedChat;
  state.selectedChat = id;
  const chat = await api(`/api/admin/handoffs/${encodeURIComponent(id)}`);
  $('#chat-detail').hidden = false;
  $('#chat-title').textContent = `${CHANNEL[chat.channelId] || chat.channelId} · từ ${when(chat.requestedAt)}`;
  const list = $('#transcript');
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
  list.replaceChildren(
    ...(chat.transcript || []).map((line) =>
      el(
        'li',
        { class: `line line-${line.from}` },
        el('span', { class: 'speaker' }, `${SPEAKER[line.from]}${line.by ? ` ${line.by}` : ''} · ${when(line.at).slice(0, 5)}`),
        el('span', { class: 'text' }, line.text),
      ),
    ),
  );
  if (atBottom || selectedBefore !== id) list.scrollTop = list.scrollHeight;
  for (const row of document.querySelectorAll('#chat-list .row')) row.classList.toggle('selected', row.dataset.id === id);
  if (reveal) $('#chat-detail').scrollIntoView({ block: 'start' });
}

$('#reply').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const text = form.text.value.trim();
  if (!text || !state.selectedChat) return;
  $('#reply-status').textContent = 'Đang gửi…';
  try {
    const { delivery } = await api(`/api/admin/handoffs/${encodeURIComponent(state.selectedChat)}/messages`, { text });
    form.text.value = '';
    $('#reply-status').textContent = delivery.status === 'sent' ? 'Đã gửi.' : `Gửi không được: ${delivery.reason || ''}`;
    await openChat(state.selectedChat);
  } catch (error) {
    if (!(error instanceof Unauthorized)) $('#reply-status').textContent = `Chưa gửi được: ${error.message}`;
  }
});

$('#close-chat').addEventListener('click', async () => {
  if (!state.selectedChat) return;
  await api(`/api/admin/handoffs/${encodeURIComponent(state.selectedChat)}/close`, {}).catch(report);
  state.selectedChat = '';
  $('#chat-detail').hidden = true;
  await refreshChats().catch(report);
});

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

setInterval(() => {
  if (state.csrf) refreshChats().catch(report);
}, POLL_MS);
start().catch(() => show('login'));
