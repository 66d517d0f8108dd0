// Everything the website's chat widget needs, on the bot's own server: the widget files, the token route, and
// (without DIRECT_LINE_SECRET) the local Direct Line API with its adapter registered for proactive messages.
import type { App } from '../../app.js';
import type { DirectLineSettings } from '../../config/directLine.js';
import { answerPreflights } from './http.js';
import { LOCAL_PATH, LocalDirectLine } from './localDirectLine.js';
import { registerTokenRoute, TOKEN_PATH } from './tokenRoute.js';
import { registerWidgetFiles } from './widgetFiles.js';

export async function registerWebChat(app: App, settings: DirectLineSettings): Promise<LocalDirectLine | undefined> {
  const local = settings.secret ? undefined : await LocalDirectLine.create(app, settings);
  registerWidgetFiles(app);
  answerPreflights(app.server, local ? [TOKEN_PATH, LOCAL_PATH] : [TOKEN_PATH], settings.allowedOrigins);
  registerTokenRoute(app, settings, local);
  if (local) {
    local.register();
    // Open WebSockets would keep the HTTP server's close() waiting: end them first.
    const close = app.close.bind(app);
    app.close = async () => {
      local.stop();
      await close();
    };
  }
  return local;
}
