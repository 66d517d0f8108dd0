// Bot Framework authentication that reuses the outbound clients between turns. CloudAdapter asks for a
// new ConnectorClient and UserTokenClient on every turn, and building their HTTP pipelines costs more
// than the bench's margin allows (measured: docs/operations.md, Framework defaults). A client holds only its base URL and credentials,
// so one per (app id, service URL, audience) serves every turn, as the older BotFrameworkAdapter did. Each
// client's requests are given a time limit (connectorTimeout.ts).
import { ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import {
  AuthenticationConstants,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { BoundedCache } from '../boundedCache.js';
import { limitRequestTime } from './connectorTimeout.js';

/** Service URLs come from requests; without credentials anyone can send new ones, so the cache is bounded. */
const MAX_CLIENTS = 256;

/** A bounded map of promised clients; a failed creation is forgotten, so the next turn tries again. */
class ClientCache<T> {
  private readonly clients = new BoundedCache<string, Promise<T>>(MAX_CLIENTS);

  get(key: string, create: () => Promise<T>): Promise<T> {
    return this.clients.get(key, () => {
      const client = create();
      client.catch(() => this.clients.delete(key));
      return client;
    });
  }
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly cache: ClientCache<ConnectorClient>,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(JSON.stringify([this.appId, serviceUrl, audience ?? '']), async () =>
      limitRequestTime(await this.inner.create(serviceUrl, audience), this.timeoutMs),
    );
  }
}

/** The bot's app id as botbuilder finds it: the audience of a channel's token, the appid claim of the Emulator's. */
const appIdOf = (identity: ClaimsIdentity): string =>
  identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';

export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly userTokens = new ClientCache<UserTokenClient>();

  /** `timeoutMs`: the most any request to a channel's connector may take (CONNECTOR_TIMEOUT_MS). */
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const { connectorFactory, claimsIdentity } = result;
    return connectorFactory
      ? {
          ...result,
          connectorFactory: new ReusingConnectorFactory(connectorFactory, appIdOf(claimsIdentity), this.connectors, this.timeoutMs),
        }
      : result;
  }

  createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(super.createConnectorFactory(identity), appIdOf(identity), this.connectors, this.timeoutMs);
  }

  createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(identity), () => super.createUserTokenClient(identity));
  }
}
