// HEAD works wherever GET does (/, /healthz, the widget's and the console's files): uptime checkers use it.
// The request is routed as the GET it stands for; Node sends the GET's status and headers without its body,
// since the response was created for a HEAD request.
import type { Next, Request, Response, Server } from 'restify';

export function answerHeadAsGet(server: Server): void {
  server.pre((req: Request, _res: Response, next: Next) => {
    if (req.method === 'HEAD') req.method = 'GET';
    return next();
  });
}
