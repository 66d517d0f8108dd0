// Câu hỏi chưa trả lời: the questions the bot could not answer well, grouped, each group turned into knowledge
// from here — added to an existing entry (found by search), drafted as a new entry, or marked out of scope —
// with the problems shown by field, the bot's reply after the change, and the history of changes.
// Uses the console's helpers (api, el, report, when, $) from staff.js; texts only as textContent.
/* global $, api, el, report, addTab, state, Unauthorized */
'use strict';

const GAP_ACTION = { addToEntry: 'thêm vào mục có sẵn', newEntry: 'soạn mục mới', outOfScope: 'ngoài phạm vi' };
const DRAFT_LABELS = {
  title: 'Tiêu đề (tối đa 40 ký tự)',
  answerVi: 'Câu trả lời tiếng Việt (bắt đầu bằng “Dạ, …”)',
  answerEn: 'Câu trả lời tiếng Anh (không bắt buộc)',
  sourceTitle: 'Nguồn thông tin',
  sourceUrl: 'Địa chỉ nguồn (không bắt buộc)',
};

/** Posts a decision; answers 400/409 are results to show, not failures. */
async function decide(body) {
  const response = await fetch('/api/admin/gaps/decisions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': state.csrf },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401) throw new Unauthorized();
  if (!response.ok && response.status !== 400 && response.status !== 409) throw new Error(data.message || `Lỗi ${response.status}`);
  return data;
}

/** What came of a change: problems by field, the file to download, or the bot's reply now. */
function showResult(box, form, result) {
  for (const node of form.querySelectorAll('.field-error')) node.remove();
  if (result.status === 'invalid') {
    const general = [];
    for (const problem of result.problems) {
      const input = form.querySelector(`[name="${problem.field}"]`);
      const message = el('p', { class: 'error field-error', role: 'alert' }, problem.message);
      if (input) input.closest('label').after(message);
      else general.push(message);
    }
    box.replaceChildren(el('p', { class: 'error' }, 'Chưa lưu: vui lòng sửa các lỗi được ghi dưới từng ô.'), ...general);
    return;
  }
  if (result.status === 'readOnly') {
    const link = el('a', { download: result.file.split('/').pop() }, `Tải tệp ${result.file}`);
    link.href = URL.createObjectURL(new Blob([result.content], { type: 'application/json' }));
    box.replaceChildren(
      el('p', { class: 'error' }, 'Thư mục kiến thức chỉ đọc trên máy chủ này: thay đổi chưa được lưu.'),
      el('p', {}, 'Tải tệp dưới đây (đã kiểm tra, không có lỗi) và nhờ người quản trị đặt vào thư mục kiến thức: ', link),
    );
    return;
  }
  if (result.status === 'decided') {
    box.replaceChildren(el('p', {}, 'Đã đánh dấu ngoài phạm vi.'));
    return;
  }
  box.replaceChildren(
    el(
      'p',
      {},
      `Đã lưu vào ${result.file} (mục ${result.entryId})${result.live ? ', bot đã dùng ngay.' : '; bot sẽ dùng trong giây lát.'}`,
    ),
    el('p', {}, el('strong', {}, 'Bot trả lời bây giờ:')),
    el(
      'ul',
      { class: 'replies' },
      ...result.replies.map((r) =>
        el('li', {}, el('span', { class: 'muted' }, `“${r.question}” → `), el('span', { class: 'bot-reply' }, r.text)),
      ),
    ),
    el('button', { type: 'button', class: 'secondary', onclick: () => loadGapsView().catch(report) }, 'Tải lại danh sách'),
  );
}

function labelled(name, input) {
  return el('label', {}, `${DRAFT_LABELS[name]} `, input);
}

function addToEntryForm(group, box) {
  const results = el('div', { class: 'entry-results' });
  const form = el(
    'form',
    { class: 'gap-form' },
    el('label', {}, 'Tìm mục hỏi đáp ', el('input', { name: 'q', type: 'search', value: group.wordings[0] })),
    results,
    el('button', { type: 'submit' }, 'Thêm các câu hỏi vào mục đã chọn'),
  );
  const search = async () => {
    const { entries } = await api(`/api/admin/knowledge/entries?q=${encodeURIComponent(form.q.value)}`);
    results.replaceChildren(
      ...entries.map((e, i) =>
        el(
          'label',
          { class: 'choice' },
          el('input', { type: 'radio', name: 'entryId', value: e.id, checked: i === 0 }),
          ` ${e.title || e.id} `,
          el('span', { class: 'muted' }, `(${e.file}: ${e.questions.join(' · ')})`),
        ),
      ),
    );
  };
  form.q.addEventListener('input', () => search().catch(report));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector('input[name="entryId"]:checked');
    if (!chosen) return box.replaceChildren(el('p', { class: 'error' }, 'Vui lòng chọn một mục.'));
    decide({ questions: group.wordings, action: 'addToEntry', entryId: chosen.value })
      .then((result) => showResult(box, form, result))
      .catch(report);
  });
  search().catch(report);
  return form;
}

function newEntryForm(group, box) {
  const form = el(
    'form',
    { class: 'gap-form' },
    el('p', { class: 'muted' }, `Câu hỏi của mục: ${group.wordings.join(' · ')}`),
    labelled('title', el('input', { name: 'title', maxlength: '40' })),
    labelled('answerVi', el('textarea', { name: 'answerVi', rows: '3' })),
    labelled('answerEn', el('textarea', { name: 'answerEn', rows: '2' })),
    labelled('sourceTitle', el('input', { name: 'sourceTitle' })),
    labelled('sourceUrl', el('input', { name: 'sourceUrl', type: 'url' })),
    el('button', { type: 'submit' }, 'Lưu mục mới'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const entry = Object.fromEntries(Object.keys(DRAFT_LABELS).map((name) => [name, form[name].value]));
    decide({ questions: group.wordings, action: 'newEntry', entry })
      .then((result) => showResult(box, form, result))
      .catch(report);
  });
  return form;
}

function groupItem(group) {
  const work = el('div', { class: 'gap-work' });
  const box = el('div', { class: 'gap-result', role: 'status' });
  const open = (make) => work.replaceChildren(make(group, box));
  return el(
    'li',
    { 'data-group': group.id },
    el('strong', {}, `${group.count} lượt`),
    el('span', { class: 'muted' }, ` · gần nhất ${when(group.lastAskedAt)}`),
    el('ul', {}, ...group.wordings.map((w) => el('li', {}, w))),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', onclick: () => open(addToEntryForm) }, 'Thêm vào mục có sẵn'),
      el('button', { type: 'button', class: 'secondary', onclick: () => open(newEntryForm) }, 'Soạn mục mới'),
      el(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () =>
            decide({ questions: group.wordings, action: 'outOfScope' })
              .then((result) => showResult(box, work, result))
              .catch(report),
        },
        'Ngoài phạm vi',
      ),
    ),
    work,
    box,
  );
}

async function loadGapsView() {
  const data = await api('/api/admin/gaps');
  $('#tab-gaps').replaceChildren(
    el('h2', {}, 'Câu hỏi bot chưa trả lời được'),
    el(
      'p',
      { class: 'muted' },
      `${data.questions} lượt hỏi (bot chưa có thông tin, phải hỏi lại, chỉ trả lời “chưa có thông tin xác nhận”, hoặc bị đánh giá “Chưa đúng”), ${data.groups.length} nhóm câu hỏi giống nhau, hỏi nhiều nhất trước.`,
    ),
    data.writable
      ? ''
      : el(
          'p',
          { class: 'error' },
          'Thư mục kiến thức chỉ đọc trên máy chủ này: mỗi thay đổi sẽ được đưa về dưới dạng tệp JSON để tải về.',
        ),
    el('ol', { class: 'groups', id: 'gap-groups' }, ...data.groups.map(groupItem)),
    el('h2', {}, 'Câu trả lời bị khách đánh giá “Chưa đúng”'),
    data.disliked.length
      ? el(
          'ol',
          { class: 'groups' },
          ...data.disliked.map((d) =>
            el(
              'li',
              {},
              el('strong', {}, d.title || d.answerId),
              el('span', { class: 'muted' }, ` · ${d.down} lượt “Chưa đúng”, ${d.up} lượt “Hữu ích” · mục ${d.answerId}`),
              el('ul', {}, ...d.examples.map((e) => el('li', {}, e))),
            ),
          ),
        )
      : el('p', { class: 'muted' }, 'Chưa có câu trả lời nào bị đánh giá “Chưa đúng”.'),
    el('h2', {}, 'Lịch sử thay đổi kiến thức'),
    data.changes.length
      ? el(
          'ul',
          { class: 'changes' },
          ...data.changes.map((c) =>
            el(
              'li',
              {},
              `${when(c.at)} · ${c.by} · ${GAP_ACTION[c.action]}`,
              c.file ? ` · ${c.file}${c.entryId ? ` (mục ${c.entryId})` : ''}` : '',
              el('span', { class: 'muted' }, ` · ${c.questions.join(' · ')}`),
            ),
          ),
        )
      : el('p', { class: 'muted' }, 'Chưa có thay đổi nào từ bảng điều khiển.'),
  );
}

addTab('gaps', loadGapsView);
