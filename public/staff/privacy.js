// Dữ liệu cá nhân: everything held about one phone number or ticket reference — shown, exported as JSON, or
// deleted after the number or reference is typed again — and the history of exports, deletions and sweeps.
// Uses the console's helpers (api, el, report, $) from staff.js; texts only as textContent.
/* global $, api, el, report, addTab, STATUS */
'use strict';

const PRIVACY_ACTION = { export: 'xuất dữ liệu', delete: 'xóa dữ liệu', sweep: 'tự động xóa dữ liệu quá hạn' };

/** phone=… or ref=… for what was typed (a reference looks like KN-7K3Q). */
function privacyQuery(typed) {
  const text = typed.trim();
  return /^(KN|GY|HD)[\s-]?[2-9A-Z]{4}$/iu.test(text) ? `ref=${encodeURIComponent(text)}` : `phone=${encodeURIComponent(text)}`;
}

function privacyHistory(lines) {
  return lines.length
    ? el(
        'ul',
        { class: 'changes' },
        ...lines.map((l) =>
          el(
            'li',
            {},
            `${when(l.at)} · ${l.by} · ${PRIVACY_ACTION[l.action]} · ${l.subject} · ${l.tickets} phiếu, ${l.chats} cuộc trò chuyện`,
          ),
        ),
      )
    : el('p', { class: 'muted' }, 'Chưa có.');
}

async function findPersonalData(typed, result) {
  const query = privacyQuery(typed);
  const data = await api(`/api/admin/privacy?${query}`);
  const confirm = el('input', { name: 'confirm', autocomplete: 'off' });
  const status = el('p', { role: 'status' });
  const remove = el(
    'form',
    {},
    el('label', {}, 'Nhập lại số điện thoại hoặc mã phiếu để xác nhận xóa ', confirm),
    el('button', { type: 'submit' }, 'Xóa tất cả'),
    status,
  );
  remove.addEventListener('submit', (event) => {
    event.preventDefault();
    const field = query.startsWith('ref=') ? 'ref' : 'phone';
    api('/api/admin/privacy/delete', { [field]: typed.trim(), confirm: confirm.value })
      .then(({ deleted }) => {
        status.textContent = `Đã xóa ${deleted.tickets} phiếu và ${deleted.chats} cuộc trò chuyện.`;
      })
      .catch((error) => {
        status.textContent = `Chưa xóa: ${error.message}`;
      });
  });
  result.replaceChildren(
    el('p', {}, `Tìm thấy ${data.tickets.length} phiếu và ${data.chats.length} cuộc trò chuyện với nhân viên.`),
    el(
      'ul',
      {},
      ...data.tickets.map((t) => el('li', {}, `${t.ref} · ${STATUS[t.status]} · ${when(t.createdAt)} · ${t.name} · ${t.phone}`)),
      ...data.chats.map((c) => el('li', {}, `Trò chuyện từ ${when(c.requestedAt)} · ${(c.transcript || []).length} dòng`)),
    ),
    data.tickets.length || data.chats.length
      ? el('div', {}, el('a', { href: `/api/admin/privacy/export?${query}`, download: true }, 'Xuất dữ liệu (JSON)'), remove)
      : '',
    el('h3', {}, 'Lịch sử'),
    privacyHistory(data.history),
  );
}

async function loadPrivacy() {
  const result = el('div', { id: 'privacy-result' });
  const form = el(
    'form',
    { class: 'filters' },
    el(
      'label',
      {},
      'Số điện thoại hoặc mã phiếu ',
      el('input', { name: 'who', type: 'search', placeholder: '0912…, KN-7K3Q', required: true }),
    ),
    el('button', { type: 'submit' }, 'Tìm'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    findPersonalData(form.who.value, result).catch(report);
  });
  $('#tab-privacy').replaceChildren(
    el('h2', {}, 'Dữ liệu cá nhân của khách'),
    el(
      'p',
      { class: 'muted' },
      'Phiếu đã đóng, nội dung trò chuyện và câu hỏi của khách được tự động xóa khi quá hạn lưu giữ (RETENTION_DAYS); số liệu thống kê vẫn giữ. Khi khách yêu cầu, tìm mọi dữ liệu theo số điện thoại hoặc mã phiếu để xuất hoặc xóa.',
    ),
    form,
    result,
  );
}

addTab('privacy', loadPrivacy);
