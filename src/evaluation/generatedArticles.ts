// Articles generated from the real ones in knowledge/articles, for the knowledge benchmarks: each copy gets its
// own publication date (file name and lead agree), its own title and its own figures and years, so the index
// grows the way a folder of real articles would. Never written into knowledge/: only into a temporary folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';

const PLACES = ['Ba Bể', 'Bạch Thông', 'Chợ Đồn', 'Chợ Mới', 'Na Rì', 'Ngân Sơn', 'Pác Nặm', 'thành phố Bắc Kạn'];
const TOPICS = ['hội nghị', 'tổng kết', 'triển khai', 'sơ kết', 'phát động thi đua', 'tập huấn', 'kiểm tra', 'ra quân'];
const DATE_LEAD = /^Ngày\s+\d{1,2}\s*\/\s*\d{1,2}(?:\s*\/\s*\d{4})?/mu;
const FILE_DATE = /^\d{4}-\d{2}-\d{2}-/u;

/** The i-th variant of an article: date i days after 2010-01-01 (wrapping), its years, title and figures changed. */
export function articleVariant(file: string, raw: string, i: number): { file: string; raw: string } {
  const date = new Date(Date.UTC(2010, 0, 1) + (i % 6000) * 86_400_000);
  const year = date.getUTCFullYear();
  const [dd, mm] = [date.getUTCDate(), date.getUTCMonth() + 1];
  const iso = date.toISOString().slice(0, 10);
  const original = Number(path.basename(file).slice(0, 4)) || 2020;
  const lines = raw.split('\n');
  // The title is the first line with letters that is not the hotline header.
  const titleAt = lines.findIndex((l) => /\p{L}/u.test(l) && !/^Đường dây nóng/iu.test(l.trim()));
  const place = PLACES[i % PLACES.length];
  const topic = TOPICS[Math.floor(i / PLACES.length) % TOPICS.length];
  lines[titleAt] = `${lines[titleAt].trim()} – ${topic} tại ${place} (số ${i + 1})`;
  const text = lines
    .join('\n')
    .replace(DATE_LEAD, `Ngày ${dd}/${mm}`)
    // Years move with the date; other numbers change with the variant.
    .replace(/(năm\s+)((?:19|20)\d\d)\b/giu, (_, before: string, y: string) => `${before}${year + (Number(y) - original)}`)
    .replace(/\b(\d{2,3})(?=\s*(?:tỷ|triệu|%))/gu, (n) => String(((Number(n) * (i + 7)) % 900) + 10));
  return {
    file: `${iso}-${path
      .basename(file)
      .replace(FILE_DATE, '')
      .replace(/\.txt$/u, '')}-${i + 1}.txt`,
    raw: text,
  };
}

/** Copies the knowledge folder to `into` with `count` articles generated from its own. */
export async function generateKnowledge(from: string, into: string, count: number): Promise<void> {
  await fs.cp(from, into, { recursive: true });
  const articles = path.join(into, 'articles');
  const originals = (await fs.readdir(articles)).filter((n) => n.endsWith('.txt')).sort();
  const sources = await Promise.all(originals.map(async (name) => ({ name, raw: await fs.readFile(path.join(articles, name), 'utf8') })));
  for (const name of originals) await fs.rm(path.join(articles, name));
  await fs.rm(path.join(into, 'kb.json'), { force: true });
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length];
    const variant = articleVariant(source.name, source.raw, i);
    await fs.writeFile(path.join(articles, variant.file), variant.raw);
  }
}
