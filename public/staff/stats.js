// Thống kê: the figures of a period and channel from /api/admin/stats, per-day charts (Chart.js, served by
// this server), the heat of demand by weekday and hour, the most asked topics and unanswered questions.
// Uses the console's helpers (api, el, report, when) from staff.js; texts from files only as textContent.
/* global Chart, $, api, el, report, addTab */
'use strict';

const STATS_CHANNELS = { all: 'Tất cả kênh', web: 'Trang web', teams: 'Teams', zalo: 'Zalo', other: 'Khác (Emulator)' };
const WEEKDAYS = ['Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7', 'CN'];
const SCORES = ['1 – Rất không hài lòng', '2 – Không hài lòng', '3 – Bình thường', '4 – Hài lòng', '5 – Rất hài lòng'];
const statsState = { period: 'today', channel: 'all', from: '', to: '', charts: [] };

/** A local (Vietnamese) date, `offset` days from today. */
function vnDay(offset = 0) {
  return new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

function statsRange() {
  const days = { today: 0, week: 6, month: 29 }[statsState.period];
  if (days !== undefined) return { from: vnDay(-days), to: vnDay() };
  return { from: statsState.from || vnDay(), to: statsState.to || vnDay() };
}

function duration(seconds) {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} giây`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} phút`;
  if (seconds < 86_400) return `${Math.round(seconds / 360) / 10} giờ`;
  return `${Math.round(seconds / 8640) / 10} ngày`;
}

const percent = (share) => (share === null ? '—' : `${Math.round(share * 1000) / 10} %`);

/** A figure: its label, its value (data-stat names it for scripts and tests) and an optional note. */
function figure(label, name, value, note) {
  return el(
    'div',
    { class: 'figure' },
    el('span', { class: 'figure-label' }, label),
    el('strong', { 'data-stat': name }, String(value)),
    note ? el('span', { class: 'muted' }, note) : undefined,
  );
}

function statsControls() {
  const { from, to } = statsRange();
  const period = el(
    'select',
    { name: 'period' },
    ...Object.entries({ today: 'Hôm nay', week: '7 ngày', month: '30 ngày', custom: 'Tùy chọn' }).map(([value, label]) =>
      el('option', { value, selected: value === statsState.period }, label),
    ),
  );
  const channel = el(
    'select',
    { name: 'channel' },
    ...Object.entries(STATS_CHANNELS).map(([value, label]) => el('option', { value, selected: value === statsState.channel }, label)),
  );
  const custom = statsState.period === 'custom';
  const form = el(
    'form',
    { class: 'filters', id: 'stats-filters' },
    el('label', {}, 'Thời gian ', period),
    el('label', { hidden: !custom }, 'Từ ngày ', el('input', { type: 'date', name: 'from', value: from })),
    el('label', { hidden: !custom }, 'Đến ngày ', el('input', { type: 'date', name: 'to', value: to })),
    el('label', {}, 'Kênh ', channel),
    el(
      'a',
      { id: 'stats-csv', href: `/api/admin/stats?from=${from}&to=${to}&channel=${statsState.channel}&format=csv`, download: true },
      'Xuất CSV theo ngày',
    ),
  );
  form.addEventListener('change', () => {
    statsState.period = form.period.value;
    statsState.channel = form.channel.value;
    statsState.from = form.from.value;
    statsState.to = form.to.value;
    loadStats().catch(report);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  return form;
}

function heatTable(heat) {
  const max = Math.max(1, ...heat.flat());
  return el(
    'table',
    { class: 'heat', 'aria-label': 'Tin nhắn của khách theo giờ trong tuần' },
    el('thead', {}, el('tr', {}, el('th', {}, ''), ...Array.from({ length: 24 }, (_, h) => el('th', {}, String(h))))),
    el(
      'tbody',
      {},
      ...heat.map((row, d) =>
        el(
          'tr',
          {},
          el('th', {}, WEEKDAYS[d]),
          ...row.map((n, h) => {
            const cell = el('td', { title: `${WEEKDAYS[d]}, ${h}:00–${h + 1}:00: ${n} tin nhắn` }, n ? String(n) : '');
            // CSSOM, not a style attribute: allowed under the console's style-src 'self'.
            cell.style.backgroundColor = `rgba(0, 74, 143, ${n ? 0.1 + (0.8 * n) / max : 0})`;
            if (n / max > 0.55) cell.style.color = '#fff';
            return cell;
          }),
        ),
      ),
    ),
  );
}

function chartCanvas(id, label) {
  return el('div', { class: 'chart' }, el('canvas', { id, role: 'img', 'aria-label': label }));
}

function drawCharts(s) {
  for (const chart of statsState.charts) chart.destroy();
  statsState.charts = [];
  if (typeof Chart === 'undefined') return;
  const labels = s.days.map((d) => `${d.day.slice(8, 10)}/${d.day.slice(5, 7)}`);
  const common = { responsive: true, maintainAspectRatio: false, animation: false };
  statsState.charts.push(
    new Chart(document.getElementById('stats-days'), {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'Bot trả lời được', data: s.days.map((d) => d.answered), backgroundColor: '#2e7d32', stack: 'q' },
          { label: 'Hỏi lại cho rõ', data: s.days.map((d) => d.clarifications), backgroundColor: '#f9a825', stack: 'q' },
          { label: 'Chưa có thông tin', data: s.days.map((d) => d.fallbacks), backgroundColor: '#c62828', stack: 'q' },
          { label: 'Cuộc trò chuyện', data: s.days.map((d) => d.conversations), type: 'line', borderColor: '#004a8f' },
        ],
      },
      options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    }),
    new Chart(document.getElementById('stats-care'), {
      type: 'line',
      data: {
        labels,
        datasets: [
          { label: 'Yêu cầu gặp nhân viên', data: s.days.map((d) => d.handoffsRequested), borderColor: '#6a1b9a' },
          { label: 'Phiếu mới', data: s.days.map((d) => d.ticketsOpened), borderColor: '#ef6c00' },
          { label: 'Phiếu đã giải quyết', data: s.days.map((d) => d.ticketsResolved), borderColor: '#2e7d32' },
        ],
      },
      options: { ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    new Chart(document.getElementById('stats-satisfaction'), {
      type: 'bar',
      data: {
        labels: ['1', '2', '3', '4', '5'],
        datasets: [{ label: 'Lượt đánh giá', data: s.satisfaction.distribution, backgroundColor: '#004a8f' }],
      },
      options: { ...common, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
  );
}

async function loadStats() {
  const { from, to } = statsRange();
  const s = await api(`/api/admin/stats?from=${from}&to=${to}&channel=${statsState.channel}`);
  const h = s.handoffs;
  const t = s.tickets;
  const sat = s.satisfaction;
  $('#tab-stats').replaceChildren(
    el('h2', {}, 'Thống kê'),
    statsControls(),
    el(
      'p',
      { class: 'muted' },
      `Từ ${from.split('-').reverse().join('/')} đến ${to.split('-').reverse().join('/')} · ${STATS_CHANNELS[s.channel]}`,
    ),
    el('h3', {}, 'Bot'),
    el(
      'div',
      { class: 'figures' },
      figure('Cuộc trò chuyện', 'conversations', s.conversations),
      figure('Tin nhắn của khách', 'messages', s.messages),
      figure('Bot trả lời được', 'answeredShare', percent(s.answeredShare), `${s.answered} câu hỏi`),
      figure('Chưa có thông tin', 'fallbacks', s.fallbacks),
      figure('Hỏi lại cho rõ', 'clarifications', s.clarifications),
      figure('Đánh giá 👍 / 👎', 'ratings', `${s.up} / ${s.down}`),
    ),
    el('h3', {}, 'Nhân viên'),
    el(
      'div',
      { class: 'figures' },
      figure('Yêu cầu gặp nhân viên', 'handoffsRequested', h.requested),
      figure('Được nhân viên tiếp', 'handoffsServed', h.served),
      figure('Không được tiếp', 'handoffsNotServed', h.notServed),
      figure(
        'Thời gian chờ (trung vị)',
        'waitMedian',
        duration(h.waitMedianSeconds),
        `90 % khách chờ không quá ${duration(h.waitP90Seconds)}`,
      ),
      figure('Phiếu mới', 'ticketsOpened', t.opened),
      figure('Phiếu đã giải quyết', 'ticketsResolved', t.resolved),
      figure('Phiếu không thể giải quyết', 'ticketsRejected', t.rejected),
      figure('Phiếu còn mở cuối kỳ', 'ticketsOpen', t.openAtEnd),
      figure('Thời gian giải quyết (trung vị)', 'resolveMedian', duration(t.resolveMedianSeconds)),
    ),
    el('h3', {}, 'Mức độ hài lòng'),
    el(
      'div',
      { class: 'figures' },
      figure('Điểm trung bình (1–5)', 'satisfactionAverage', sat.average === null ? '—' : String(sat.average).replace('.', ',')),
      figure('Lượt đánh giá', 'satisfactionCount', sat.count),
      ...sat.distribution.map((n, i) => figure(SCORES[i], `satisfaction${i + 1}`, n)),
    ),
    chartCanvas('stats-satisfaction', 'Phân bố điểm hài lòng'),
    sat.comments.length
      ? el(
          'ul',
          { class: 'comments' },
          ...sat.comments.map((c) => el('li', {}, el('strong', {}, `${c.score}/5`), ` · ${c.about} · ${when(c.at)}: `, c.text)),
        )
      : el('p', { class: 'muted' }, 'Chưa có góp ý kèm đánh giá.'),
    el('h3', {}, 'Theo ngày'),
    chartCanvas('stats-days', 'Câu hỏi và cuộc trò chuyện theo ngày'),
    chartCanvas('stats-care', 'Gặp nhân viên và phiếu theo ngày'),
    el('h3', {}, 'Khách nhắn tin vào lúc nào'),
    el('div', { class: 'heat-wrap' }, heatTable(s.heat)),
    el(
      'div',
      { class: 'stats-lists' },
      el(
        'div',
        {},
        el('h3', {}, '10 chủ đề được hỏi nhiều nhất'),
        s.topics.length
          ? el(
              'ol',
              { id: 'stats-topics' },
              ...s.topics.map((x) => el('li', {}, `${x.title || x.id}: `, el('strong', {}, String(x.count)))),
            )
          : el('p', { class: 'muted' }, 'Chưa có câu trả lời nào trong kỳ.'),
      ),
      el(
        'div',
        {},
        el('h3', {}, '10 nhóm câu hỏi chưa trả lời được'),
        s.unanswered.length
          ? el(
              'ol',
              { id: 'stats-unanswered' },
              ...s.unanswered.map((g) => el('li', {}, el('strong', {}, `${g.count} lượt`), ` · ${g.examples.join(' · ')}`)),
            )
          : el('p', { class: 'muted' }, 'Không có câu hỏi nào chưa trả lời được trong kỳ.'),
      ),
    ),
  );
  drawCharts(s);
}

/** A ticket's or chat's satisfaction, as the ticket detail shows it. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- used by staff.js
function satisfactionText(s) {
  if (!s) return '—';
  if (s.score) return `${s.score}/5 – ${SCORES[s.score - 1].slice(4)}${s.comment ? ` · “${s.comment}”` : ''}`;
  const state = s.delivery ? s.delivery.state : 'delivered';
  if (state === 'failed') return 'chưa hỏi được khách (ngoài thời hạn nhắn tin của kênh hoặc gửi lỗi)';
  if (state !== 'delivered') return 'đang gửi câu hỏi cho khách';
  return 'đã hỏi, khách chưa trả lời';
}

addTab('stats', loadStats);
