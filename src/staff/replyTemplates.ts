// Mẫu trả lời: the canned replies staff insert in a live chat (a click, or "/" and a few letters), kept in
// storage and edited from the console by any staff member, so every instance and every console shares them.
//   GET  /api/admin/reply-templates                   {templates: [{id, title, text}]}
//   POST /api/admin/reply-templates {title, text}      adds one (title up to 60, text up to 2,000 characters)
//   POST /api/admin/reply-templates/delete {id}        removes one
import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import { sendError } from '../http/httpError.js';
import { KEY_PREFIX, readItem, updateItem } from '../services/records.js';
import { MAX_STAFF_TEXT } from '../services/handoffService.js';
import { characterCount } from '../text/characters.js';
import { objectBody } from './adminRoutes.js';
import { authorize, type StaffAuth } from './staffAuth.js';

interface Template {
  id: string;
  title: string;
  text: string;
}

const KEY = `${KEY_PREFIX}/staff/reply-templates`;
const MAX_TEMPLATES = 100;
const MAX_TITLE = 60;

export function registerReplyTemplates(server: Server, storage: Storage, auth: StaffAuth): void {
  const list = async (): Promise<Template[]> => (await readItem<{ templates: Template[] }>(storage, KEY))?.templates ?? [];

  server.get('/api/admin/reply-templates', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    res.header('cache-control', 'no-store');
    res.json(200, { templates: await list() });
  });

  server.post('/api/admin/reply-templates', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const body = objectBody(req);
    const title = typeof body?.title === 'string' ? body.title.trim().normalize('NFC') : '';
    const text = typeof body?.text === 'string' ? body.text.trim().normalize('NFC') : '';
    if (!title || characterCount(title) > MAX_TITLE || !text || characterCount(text) > MAX_STAFF_TEXT)
      return sendError(res, 400, `Send JSON {"title": "…" (up to ${MAX_TITLE}), "text": "…" (up to ${MAX_STAFF_TEXT} characters)}.`);
    if ((await list()).length >= MAX_TEMPLATES) return sendError(res, 400, `At most ${MAX_TEMPLATES} templates.`);
    const saved = await updateItem<{ templates: Template[] }>(storage, KEY, (current) => ({
      templates: [...(current?.templates ?? []), { id: randomUUID(), title, text }].slice(0, MAX_TEMPLATES),
    }));
    res.json(200, saved);
  });

  server.post('/api/admin/reply-templates/delete', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const id = objectBody(req)?.id;
    if (typeof id !== 'string') return sendError(res, 400, 'Send JSON {"id": "…"}.');
    res.json(
      200,
      await updateItem<{ templates: Template[] }>(storage, KEY, (current) => ({
        templates: (current?.templates ?? []).filter((t) => t.id !== id),
      })),
    );
  });
}
