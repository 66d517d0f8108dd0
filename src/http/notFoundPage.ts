// A browser asking for a page that does not exist gets a short Vietnamese page with a link home; API clients
// (and every path under /api/ or /v3/) keep the JSON error body.
import type { Request, Response, Server } from 'restify';

const API_PATH = /^\/(?:api|v3)\//u;

const PAGE = `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Không tìm thấy trang</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.4rem">Không tìm thấy trang</h1>
<p>Dạ, trang Quý khách tìm không có trên hệ thống. Quý khách vui lòng kiểm tra lại địa chỉ.</p>
<p><a href="/">Về trang chủ</a></p>
</body>
</html>
`;

/** Whether the request comes from a browser opening a page: it asks for HTML first. */
function wantsPage(req: Request): boolean {
  return req.method === 'GET' && !API_PATH.test(req.getPath()) && /^\s*text\/html\b/iu.test(String(req.headers.accept ?? ''));
}

export function answerUnknownPages(server: Server): void {
  server.on('NotFound', (req: Request, res: Response, _err: unknown, done: () => void) => {
    if (wantsPage(req)) res.sendRaw(404, PAGE, { 'Content-Type': 'text/html; charset=utf-8' });
    return done();
  });
}
