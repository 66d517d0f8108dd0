// The Bot Framework's token service on 127.0.0.1, standing in for login.botframework.com: an OpenID
// metadata document and its signing keys (with the channels each key is endorsed for), and channel tokens
// signed with that key the way Azure Bot Service signs the requests it posts to /api/messages (issuer
// https://api.botframework.com, audience the bot's app id, the serviceurl claim). The bot verifies them
// with botbuilder's own JWT validation, pointed here by ToBotFromChannelOpenIdMetadataUrl.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const APP_ID = '00000000-0000-0000-0000-0000000000b0';

export interface BotFrameworkIssuer {
  /** What createApp's credentials need to check tokens against this issuer instead of Microsoft's. */
  auth: Record<string, string>;
  /** The env of a bot with app credentials. */
  env: Record<string, string>;
  /** "Bearer <channel token>" for an activity of a channel, posted from that service URL. */
  authorization(channelId: string, serviceUrl: string): string;
  close(): Promise<void>;
}

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(key: KeyObject, kid: string, claims: object): string {
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

export async function startBotFrameworkIssuer(
  endorsements = ['msteams', 'webchat', 'directline', 'emulator'],
): Promise<BotFrameworkIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-signing-key';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, kty: 'RSA', use: 'sig', endorsements };
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/v1/.well-known/openidconfiguration'
        ? { issuer: 'https://api.botframework.com', jwks_uri: `${base}/v1/.well-known/keys` }
        : req.url === '/v1/.well-known/keys'
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const metadata = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  return {
    // Any one of these set, botbuilder expects the whole set: the public cloud's values but for the metadata.
    auth: {
      ToBotFromChannelOpenIdMetadataUrl: metadata,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromEmulatorOpenIdMetadataUrl: metadata,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: 'true',
    },
    env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-app-secret', MicrosoftAppType: 'MultiTenant' },
    authorization(_channelId, serviceUrl) {
      const now = Math.floor(Date.now() / 1000);
      return `Bearer ${sign(privateKey, kid, { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 })}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
