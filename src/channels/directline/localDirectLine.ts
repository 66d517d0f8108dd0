// A Direct Line 3.0–compatible API under /v3/directline, served by the bot itself so that Web Chat and
// botframework-directlinejs work with no Azure account: the same paths and shapes as Azure's, tokens scoped to
// one conversation, activities by watermark (polling) and pushed over the WebSocket streamUrl.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { ActivityTypes, type Activity, type ChannelAccount, type TurnContext } from 'botbuilder';
import { setTurnAddress } from '../../services/turnAddress.js';
import type { Request, Response } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import { conversationKey } from '../../bot/turnRunner.js';
import type { ChannelHost } from '../channelHost.js';
import { ConversationStore, type Conversation, type Listener, type Refusal } from './conversations.js';
import { DIRECT_LINE_CHANNEL, DirectLineAdapter, LOCAL_SERVICE_URL } from './directLineAdapter.js';
import { refuseUpgrade } from '../../http/sockets.js';
import { allowCors, bearer, clientUserId, fail, isObject, originAllowed, publicOrigin, refuse, USER_ID_PREFIX } from './http.js';
import type { DirectLineSettings } from '../../config/directLine.js';
import { TokenStore, type IssuedToken, type TokenGrant } from './tokens.js';

export const LOCAL_PATH = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/u;
/** Open WebSockets per conversation: a few tabs, not a flood (per address: DIRECT_LINE_SOCKETS_PER_ADDRESS). */
const MAX_SOCKETS = 5;

export class LocalDirectLine {
  readonly tokens: TokenStore;
  readonly conversations: ConversationStore;
  readonly adapter: DirectLineAdapter;
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly sweeper: NodeJS.Timeout;
  /** Open WebSockets per client address. */
  private readonly socketsOf = new Map<string, number>();

  private constructor(
    private readonly app: ChannelHost,
    private readonly settings: DirectLineSettings,
    tokens: TokenStore,
  ) {
    this.tokens = tokens;
    this.conversations = new ConversationStore({
      maxActivities: settings.maxActivities,
      maxConversations: settings.maxConversations,
      idleMs: settings.idleMinutes * 60_000,
      perAddress: settings.conversationsPerAddress,
    });
    const bot: ChannelAccount = { id: app.botId, name: 'Bưu điện tỉnh Bắc Kạn', role: 'bot' };
    this.adapter = new DirectLineAdapter(this.conversations, bot, app.botFramework);
    // The same error handling as /api/messages: log, reset the conversation's dialog, apologise.
    this.adapter.onTurnError = app.onTurnError;
    this.sweeper = setInterval(() => this.conversations.sweep(), Math.min(60_000, settings.idleMinutes * 60_000));
    this.sweeper.unref();
  }

  static async create(app: ChannelHost, settings: DirectLineSettings): Promise<LocalDirectLine> {
    return new LocalDirectLine(app, settings, await TokenStore.open(app.storage, settings.tokenTtlSeconds));
  }

  /** Registers the routes and the WebSocket upgrade on the app's server. */
  register(): void {
    const { server } = this.app;
    const allowed = this.settings.allowedOrigins;
    const route =
      (handler: (req: Request, res: Response) => Promise<void>) =>
      async (req: Request, res: Response): Promise<void> => {
        allowCors(req, res, allowed);
        await handler(req, res);
      };
    server.post(
      `${LOCAL_PATH}/tokens/generate`,
      route(async (req, res) => {
        const issued = this.generate(req.body, this.app.clientAddress(req));
        if (typeof issued === 'string') refuse(res, issued);
        else res.json(200, issued);
      }),
    );
    server.post(
      `${LOCAL_PATH}/tokens/refresh`,
      route(async (req, res) => this.refresh(req, res)),
    );
    server.post(
      `${LOCAL_PATH}/conversations`,
      route(async (req, res) => this.start(req, res)),
    );
    server.get(
      `${LOCAL_PATH}/conversations/:id`,
      route(async (req, res) => this.reconnect(req, res)),
    );
    server.get(
      `${LOCAL_PATH}/conversations/:id/activities`,
      route(async (req, res) => this.list(req, res)),
    );
    server.post(
      `${LOCAL_PATH}/conversations/:id/activities`,
      route(async (req, res) => this.post(req, res)),
    );
    server.post(
      `${LOCAL_PATH}/conversations/:id/upload`,
      route(async (_req, res) => fail(res, 400, 'BadArgument', 'File uploads are not supported by this bot')),
    );
    server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
    this.app.registerAdapter(DIRECT_LINE_CHANNEL, this.adapter);
  }

  /** Closes every WebSocket (they would hold the HTTP server's close open) and forgets all conversations. */
  stop(): void {
    clearInterval(this.sweeper);
    this.conversations.removeAll();
    for (const ws of this.sockets.clients) ws.terminate();
    this.sockets.close();
  }

  /** A token for a new conversation of a client at `address`, bound to the user id it chose (or a random one); or why there is none. */
  generate(body: unknown, address: string): IssuedToken | Refusal {
    const user = isObject(body) && isObject(body.user) ? clientUserId(body.user.id) : undefined;
    const conversation = this.conversations.create(user ?? `${USER_ID_PREFIX}${randomBytes(12).toString('base64url')}`, address);
    return typeof conversation === 'string' ? conversation : this.tokens.issue(conversation.id, conversation.userId);
  }

  /** The token's conversation: in memory, or taken up again after a restart (undefined when there is no room). */
  private conversationOf(grant: TokenGrant): Conversation | undefined {
    return this.conversations.get(grant.conversationId) ?? this.conversations.restore(grant.conversationId, grant.userId);
  }

  private grant(req: Request, res: Response, conversationId?: string): TokenGrant | undefined {
    const token = bearer(req);
    if (!token) {
      fail(res, 401, 'BadArgument', 'Missing "Authorization: Bearer <token>" header');
      return undefined;
    }
    const grant = this.tokens.verify(token);
    if (!grant || (conversationId !== undefined && grant.conversationId !== conversationId)) {
      fail(res, 403, 'TokenExpired', grant ? 'The token is not valid for this conversation' : 'The token is invalid or has expired');
      return undefined;
    }
    return grant;
  }

  /** The conversation a request may use: its token must be live and for this conversation. */
  private access(req: Request, res: Response): Conversation | undefined {
    const grant = this.grant(req, res, String(req.params?.id ?? ''));
    if (!grant) return undefined;
    const conversation = this.conversationOf(grant);
    if (!conversation) full(res);
    return conversation;
  }

  private details(req: Request, conversation: Conversation, token: string, watermark?: string): Record<string, unknown> {
    const grant = this.tokens.verify(token);
    const query = new URLSearchParams({ ...(watermark ? { watermark } : {}), t: token });
    return {
      conversationId: conversation.id,
      token,
      expires_in: grant ? Math.max(0, Math.round((grant.expiresAt - Date.now()) / 1000)) : 0,
      streamUrl: `${publicOrigin(req, 'ws')}${LOCAL_PATH}/conversations/${conversation.id}/stream?${query}`,
    };
  }

  private async refresh(req: Request, res: Response): Promise<void> {
    const token = bearer(req);
    const issued = token ? this.tokens.refresh(token) : undefined;
    if (!issued) return fail(res, 403, 'TokenExpired', 'The token is invalid or has expired');
    res.json(200, issued);
  }

  /** POST /conversations: starts the token's conversation (or, with no token at all, a new one). */
  private async start(req: Request, res: Response): Promise<void> {
    const issued = bearer(req) ?? this.generate(req.body, this.app.clientAddress(req));
    if (typeof issued === 'string' && (issued === 'address' || issued === 'full')) return refuse(res, issued);
    const token = typeof issued === 'string' ? issued : issued.token;
    const grant = this.tokens.verify(token);
    if (!grant) return fail(res, 403, 'TokenExpired', 'The token is invalid or has expired');
    const conversation = this.conversationOf(grant);
    if (!conversation) return full(res);
    const locale = isObject(req.body) && typeof req.body.locale === 'string' ? req.body.locale.slice(0, 20) : undefined;
    const isNew = !conversation.started;
    if (isNew) await this.begin(conversation, locale);
    res.json(isNew ? 201 : 200, this.details(req, conversation, token));
  }

  /** GET /conversations/{id}: the streamUrl again (after a page reload or a dropped WebSocket). */
  private async reconnect(req: Request, res: Response): Promise<void> {
    const conversation = this.access(req, res);
    if (!conversation) return;
    if (!conversation.started) await this.begin(conversation, undefined);
    const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
    res.json(200, this.details(req, conversation, bearer(req)!, watermark));
  }

  private async list(req: Request, res: Response): Promise<void> {
    const raw = req.query?.watermark;
    const watermark = raw === undefined || raw === '' ? undefined : Number(raw);
    if (watermark !== undefined && !(Number.isSafeInteger(watermark) && watermark >= 0)) {
      return fail(res, 400, 'BadArgument', 'watermark must be a whole number');
    }
    const conversation = this.access(req, res);
    if (conversation) res.json(200, this.conversations.since(conversation, watermark));
  }

  private async post(req: Request, res: Response): Promise<void> {
    const body: unknown = req.body;
    if (!isObject(body) || typeof body.type !== 'string' || !body.type || body.type.length > 64) {
      return fail(res, 400, 'BadArgument', 'The body must be an activity with a "type"');
    }
    if (body.text !== undefined && typeof body.text !== 'string') return fail(res, 400, 'BadArgument', '"text" must be a string');
    const conversation = this.access(req, res);
    if (!conversation) return;
    // Charged to the user the token was issued for, whatever the body claims.
    if (!this.app.chargeUser(res, `${DIRECT_LINE_CHANNEL}/${conversation.userId}`)) return;
    if (!conversation.started) await this.begin(conversation, undefined);
    const from = isObject(body.from) ? body.from : {};
    const activity: Partial<Activity> = {
      ...(body as Partial<Activity>),
      channelId: DIRECT_LINE_CHANNEL,
      conversation: { id: conversation.id } as Activity['conversation'],
      // The token decides who the user is, whatever the body claims.
      from: { id: conversation.userId, name: typeof from.name === 'string' ? from.name.slice(0, 100) : '', role: 'user' },
      recipient: this.adapter.botAccount,
      serviceUrl: LOCAL_SERVICE_URL,
    };
    // The echo carries channelData.clientActivityID back, which is how Web Chat marks the message as sent.
    const stored = this.conversations.append(conversation, activity);
    const address = this.app.clientAddress(req);
    await this.turn(
      conversation,
      { ...activity, id: stored.id, timestamp: new Date(stored.timestamp as unknown as string) },
      req.socket,
      address,
    );
    res.json(200, { id: stored.id });
  }

  /** Tells the bot the user joined (it welcomes them), once per conversation. */
  private async begin(conversation: Conversation, locale: string | undefined): Promise<void> {
    conversation.started = true;
    const user: ChannelAccount = { id: conversation.userId, name: '', role: 'user' };
    await this.turn(conversation, {
      type: ActivityTypes.ConversationUpdate,
      id: randomBytes(8).toString('hex'),
      channelId: DIRECT_LINE_CHANNEL,
      conversation: { id: conversation.id } as Activity['conversation'],
      from: user,
      recipient: this.adapter.botAccount,
      membersAdded: [this.adapter.botAccount, user],
      locale,
      timestamp: new Date(),
      serviceUrl: LOCAL_SERVICE_URL,
    });
  }

  /**
   * Runs a turn after the conversation's previous one (the app's turn runner: tracked for shutdown); `connection`
   * waits for its answer; `address` is the client's, for what the services cap per address (turnAddress.ts).
   */
  private turn(conversation: Conversation, activity: Partial<Activity>, connection?: object, address?: string): Promise<void> {
    const logic = (context: TurnContext): Promise<void> => {
      if (address !== undefined) setTurnAddress(context, address);
      return this.app.runTurn(context);
    };
    return this.app.turns
      .run(conversationKey(DIRECT_LINE_CHANNEL, conversation.id), () => this.adapter.receive(activity, logic), connection)
      .catch((error: unknown) => this.app.log.error({ err: error, channel: DIRECT_LINE_CHANNEL }, 'Direct Line turn failed'));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://local');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) {
      // Outside /v3/directline the server's own listener refuses it.
      if (url.pathname.startsWith(LOCAL_PATH)) refuseUpgrade(socket, 404);
      return;
    }
    const grant = this.tokens.verify(url.searchParams.get('t') ?? '');
    const conversation = grant?.conversationId === match[1] ? this.conversationOf(grant) : undefined;
    if (!conversation) return refuseUpgrade(socket, 403);
    if (!originAllowed(req.headers.origin, this.settings.allowedOrigins)) return refuseUpgrade(socket, 403);
    if (conversation.listeners.size >= MAX_SOCKETS) return refuseUpgrade(socket, 429);
    const address = this.app.clientAddress(req);
    const perAddress = this.settings.socketsPerAddress;
    if (perAddress && (this.socketsOf.get(address) ?? 0) >= perAddress) return refuseUpgrade(socket, 429);
    const raw = url.searchParams.get('watermark');
    const watermark = raw && /^\d{1,15}$/u.test(raw) ? Number(raw) : undefined;
    this.socketsOf.set(address, (this.socketsOf.get(address) ?? 0) + 1);
    socket.once('close', () => {
      const left = (this.socketsOf.get(address) ?? 1) - 1;
      if (left > 0) this.socketsOf.set(address, left);
      else this.socketsOf.delete(address);
    });
    this.sockets.handleUpgrade(req, socket, head, (ws) => this.stream(ws, conversation, watermark));
  }

  /** Sends what the client has not seen yet, then each new activity as {activities, watermark}. */
  private stream(ws: WebSocket, conversation: Conversation, watermark: number | undefined): void {
    const listener: Listener = {
      push: (set) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(set));
      },
      end: () => ws.close(1000, 'conversation ended'),
    };
    const backlog = this.conversations.since(conversation, watermark);
    if (backlog.activities.length) listener.push(backlog);
    conversation.listeners.add(listener);
    ws.on('close', () => conversation.listeners.delete(listener));
    ws.on('error', () => ws.terminate());
    // The client's empty keep-alive messages need no answer, and keep nothing alive: a socket whose
    // conversation has had no activity for DIRECT_LINE_IDLE_MINUTES is closed by the store's sweep.
  }
}

/** No room for another conversation: every one kept is live. */
function full(res: Response): void {
  refuse(res, 'full');
}
