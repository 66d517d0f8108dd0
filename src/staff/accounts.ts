// Named staff accounts for the console, kept in botbuilder Storage (see accountStorage.ts for which): the
// user name, a scrypt hash of the password (never the password) and the credential generation: a random
// value made anew with every password, which each session carries, so a password change (or remove and add
// again) ends every session signed in with the old one. Managed with `npm run staff`.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { StorageAccess } from './accountStorage.js';
import { addToIndex, indexIds, KEY_PREFIX, readItem, removeFromIndex, updateItem } from '../services/records.js';
import { vnTimestamp } from '../text/vnTime.js';
import { MAX_PASSWORD } from './passwordRules.js';

export interface StaffAccount {
  username: string;
  /** scrypt$N$r$p$salt$hash, base64url. */
  passwordHash: string;
  /** Made anew with each password; sessions carry it (absent on accounts made before it existed). */
  credential?: string;
  createdAt: string;
}

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/u;
// N=2^15, r=8: 32 MiB and about 0.19 s per hash on this (busy, 2-core) VM; OWASP's N=2^17 would take 128 MiB and
// four times as long per sign-in. The sign-in limit (per IP and per user name) bounds online guessing.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

const INDEX_KEY = `${KEY_PREFIX}/staff/accounts/index`;
const accountKey = (username: string): string => `${KEY_PREFIX}/staff/accounts/${username}`;

function scrypt(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a password no one has: checked against when the user name is unknown, so timing does not tell. */
let decoy: Promise<string> | undefined;

export class StaffAccounts {
  constructor(private readonly access: StorageAccess) {}

  /** Creates the account, or sets a new password on an existing one; true when it was created. */
  async set(username: string, password: string): Promise<boolean> {
    const passwordHash = await hashPassword(password);
    let created = false;
    await this.access(async (storage) => {
      await addToIndex(storage, INDEX_KEY, username);
      await updateItem<StaffAccount>(storage, accountKey(username), (current) => {
        created = current === undefined;
        const credential = randomBytes(16).toString('base64url');
        return { username, passwordHash, credential, createdAt: current?.createdAt ?? vnTimestamp(new Date()) };
      });
    }, true);
    return created;
  }

  async remove(username: string): Promise<boolean> {
    return this.access(async (storage) => {
      const existed = (await readItem<StaffAccount>(storage, accountKey(username))) !== undefined;
      await removeFromIndex(storage, INDEX_KEY, username);
      await storage.delete([accountKey(username)]);
      return existed;
    }, true);
  }

  async list(): Promise<string[]> {
    return (await this.access((storage) => indexIds(storage, INDEX_KEY))).sort();
  }

  async exists(username: string): Promise<boolean> {
    return (await this.credential(username)) !== undefined;
  }

  /** The account's credential generation ('' for an account made before generations), undefined when there is no account. */
  async credential(username: string): Promise<string | undefined> {
    if (!USERNAME.test(username)) return undefined;
    const account = await this.access((storage) => readItem<StaffAccount>(storage, accountKey(username)));
    return account && (account.credential ?? '');
  }

  async any(): Promise<boolean> {
    return (await this.list()).length > 0;
  }

  /** The account's credential generation when the user name exists and the password is its password. */
  async verify(username: string, password: string): Promise<string | undefined> {
    const account =
      USERNAME.test(username) && password.length <= MAX_PASSWORD
        ? await this.access((storage) => readItem<StaffAccount>(storage, accountKey(username)))
        : undefined;
    if (!account) {
      await passwordMatches(password.slice(0, MAX_PASSWORD), await (decoy ??= hashPassword(randomBytes(16).toString('hex'))));
      return undefined;
    }
    return (await passwordMatches(password, account.passwordHash)) ? (account.credential ?? '') : undefined;
  }
}
