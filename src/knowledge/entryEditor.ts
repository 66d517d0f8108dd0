// Changes to knowledge/entries/*.json made from the staff console (an unanswered question added to an
// entry, a new entry drafted): the whole new file is checked exactly as a hand edit is — the folder's
// schema, ids unique across every file, follow-ups that exist — and written only when it passes, at once
// (a temporary file renamed over it), so the store's watcher never sees half a file. A folder that cannot be
// written (KNOWLEDGE_DIR read-only) is reported with the file's new content, for staff to put in place.
import { characterCount } from '../text/characters.js';
import { replaceFile } from '../storage/replaceFile.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { duplicateIdProblems, EntryFileReader, followUpProblems, type Entry, type EntryWithFile } from './entryFiles.js';
import { SCHEMA_FILE } from './sourceFiles.js';

/** A problem with what staff entered, by the field of the form it concerns. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type EditResult =
  | { status: 'written'; file: string; entryId: string }
  | { status: 'invalid'; problems: FieldProblem[] }
  /** The folder cannot be written: the file as it would be, to download and put in place. */
  | { status: 'readOnly'; file: string; content: string; reason: string };

/** Where entries drafted in the console go. */
export const CONSOLE_ENTRIES_FILE = 'entries/cskh.json';

export interface EntryDraft {
  title: string;
  questions: string[];
  answerVi: string;
  answerEn?: string;
  sourceTitle: string;
  sourceUrl?: string;
}

const text = (value: string | undefined): string => (value ?? '').normalize('NFC').replace(/\s+/gu, ' ').trim();

/** "Giờ mở cửa bưu cục" → "gio-mo-cua-buu-cuc" (the schema's id form). */
export function slug(title: string): string {
  return (
    text(title)
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/gu, 'd')
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-+|-+$/gu, '')
      .slice(0, 50)
      .replace(/-+$/u, '') || 'muc-moi'
  );
}

/** The schema's path of a problem ("entries.3.answer.vi") as the console's field. */
function fieldOf(message: string): string {
  const where = /^"entries\.\d+\.([\w.]+)"/u.exec(message)?.[1] ?? '';
  if (where.startsWith('answer.en')) return 'answerEn';
  if (where.startsWith('answer')) return 'answerVi';
  if (where.startsWith('source.url')) return 'sourceUrl';
  if (where.startsWith('source')) return 'sourceTitle';
  if (where.startsWith('questions')) return 'questions';
  if (where.startsWith('title')) return 'title';
  return 'file';
}

/** How an edit replaces a file (a test stands a read-only disk in for it). */
export type ReplaceText = (file: string, text: string) => Promise<void>;

const replaceText: ReplaceText = async (file, text) => {
  await replaceFile(file, (handle) => handle.writeFile(text, 'utf8'));
};

export class EntryEditor {
  constructor(
    private readonly dir: string,
    private readonly today: () => string,
    private readonly replace: ReplaceText = replaceText,
  ) {}

  /** Adds the wordings as Vietnamese questions of an entry (those it already has are left out). */
  async addQuestions(entry: EntryWithFile, questions: string[], others: readonly EntryWithFile[]): Promise<EditResult> {
    const file = entry.file;
    const content = await this.readFile(file);
    const target = content.entries.find((e) => e.id === entry.id);
    if (!target) return { status: 'invalid', problems: [{ field: 'entry', message: `Mục "${entry.id}" không còn trong ${file}.` }] };
    const known = new Set(target.questions.vi.map((q) => text(q).toLowerCase()));
    const added = questions.map(text).filter((q) => q && !known.has(q.toLowerCase()));
    if (!added.length) return { status: 'invalid', problems: [{ field: 'questions', message: 'Mục này đã có các câu hỏi này.' }] };
    target.questions.vi.push(...added);
    target.updated = this.today();
    return this.write(file, content, entry.id, others);
  }

  /** A new entry in the console's file (made when missing). */
  async addEntry(draft: EntryDraft, others: readonly EntryWithFile[]): Promise<EditResult> {
    const problems: FieldProblem[] = [];
    const title = text(draft.title);
    const answerVi = text(draft.answerVi);
    const sourceTitle = text(draft.sourceTitle);
    if (!title) problems.push({ field: 'title', message: 'Cần có tiêu đề.' });
    else if (characterCount(title) > 40) problems.push({ field: 'title', message: 'Tiêu đề tối đa 40 ký tự (là nhãn nút bấm).' });
    if (!answerVi) problems.push({ field: 'answerVi', message: 'Cần có câu trả lời tiếng Việt.' });
    else if (!/^Dạ[\s,.]/u.test(answerVi)) problems.push({ field: 'answerVi', message: 'Câu trả lời bắt đầu bằng “Dạ, …” cho lịch sự.' });
    if (!sourceTitle) problems.push({ field: 'sourceTitle', message: 'Cần ghi nguồn của thông tin (để nhân viên kiểm tra được).' });
    const questions = draft.questions.map(text).filter(Boolean);
    if (!questions.length) problems.push({ field: 'questions', message: 'Cần ít nhất một câu hỏi.' });
    if (problems.length) return { status: 'invalid', problems };
    const content = await this.readFile(CONSOLE_ENTRIES_FILE).catch(() => ({ $schema: '../schema/entries.schema.json', entries: [] as Entry[] }));
    const taken = new Set([...others.map((e) => e.id), ...content.entries.map((e) => e.id)]);
    let id = slug(title);
    for (let n = 2; taken.has(id); n++) id = `${slug(title)}-${n}`;
    const entry: Entry = {
      id,
      title,
      questions: { vi: questions },
      answer: { vi: answerVi, ...(text(draft.answerEn) ? { en: text(draft.answerEn) } : {}) },
      source: { title: sourceTitle, ...(text(draft.sourceUrl) ? { url: text(draft.sourceUrl) } : {}) },
      updated: this.today(),
    };
    content.entries.push(entry);
    return this.write(CONSOLE_ENTRIES_FILE, content, id, others);
  }

  private async readFile(file: string): Promise<{ $schema?: string; entries: Entry[] }> {
    return JSON.parse(await fs.readFile(path.join(this.dir, file), 'utf8')) as { $schema?: string; entries: Entry[] };
  }

  /** Checks the whole new file as a hand edit is checked, then replaces the old one at once. */
  private async write(file: string, content: object, entryId: string, others: readonly EntryWithFile[]): Promise<EditResult> {
    const raw = `${JSON.stringify(content, null, 2)}\n`;
    const reader = new EntryFileReader(JSON.parse(await fs.readFile(path.join(this.dir, SCHEMA_FILE), 'utf8')) as object);
    const { entries, problems } = reader.readEntries(file, raw);
    const everyEntry = [...others.filter((e) => e.file !== file), ...entries];
    const found = [...problems, ...duplicateIdProblems(everyEntry), ...followUpProblems(everyEntry)].filter((p) => p.file === file);
    if (found.length) return { status: 'invalid', problems: found.map((p) => ({ field: fieldOf(p.message), message: p.message })) };
    try {
      await this.replace(path.join(this.dir, file), raw);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (['EACCES', 'EPERM', 'EROFS'].includes(code)) return { status: 'readOnly', file, content: raw, reason: code };
      throw error;
    }
    return { status: 'written', file, entryId };
  }
}
