// Opens (or initialises) a Courier home and assembles the services every host shares. A home is the
// pair keys/master.json + courier.db; if one exists without the other, that is an error, never a reset.
import { existsSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { HostKind } from '../../../shared/ipc';
import type { As2Profiles } from '../as2/profiles/as2Profiles';
import { SqliteAs2Profiles } from '../as2/profiles/sqliteAs2Profiles';
import { CertificateService } from '../certificates/certificateService';
import { CourierError } from '../errors';
import { EventBus } from '../events/eventBus';
import { KeyService } from '../keys/keyService';
import { MASTER_KEY_FILE, MasterKey, type MasterKeyProtector } from '../secrets/masterKey';
import { SecretBox } from '../secrets/secretBox';
import { jsonFilePreferences, SettingsService, type PreferencesBackend } from '../settings/settingsService';
import { AuditLog } from '../store/audit';
import { BlobStore } from '../store/blobs';
import { openDatabase, type CourierDatabase } from '../store/database';
import { MessageQueries } from '../messages/messageQueries';
import { MessageStore } from '../messages/messageStore';
import { TlsTrustStore } from '../tls/trustStore';
import { COURIER_VERSION } from '../version';
import { homePaths, type HomePaths } from './paths';

export interface OpenHomeOptions {
  home: string;
  host: HostKind;
  protector: MasterKeyProtector;
  /** Defaults to preferences.json in the home. */
  preferences?: PreferencesBackend;
  busyTimeoutMs?: number;
}

export interface CourierContext {
  readonly version: string;
  readonly host: HostKind;
  readonly paths: HomePaths;
  readonly startedAt: string;
  readonly created: boolean;
  readonly db: CourierDatabase;
  readonly blobs: BlobStore;
  /** Inbox and Outbox: message and MDN records (blobs first, then rows) and their queries. */
  readonly messages: MessageStore;
  readonly messageQueries: MessageQueries;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly settings: SettingsService;
  readonly masterKey: MasterKey;
  readonly secrets: SecretBox;
  /** Per-profile TLS trust (extra CAs, pins); connections take their options from tls/tlsOptions. */
  readonly tlsTrust: TlsTrustStore;
  readonly keys: KeyService;
  /** Partners', CAs' and our own certificates; PKCS#12 keys go into the same keystore as `keys`. */
  readonly certificates: CertificateService;
  /** AS2 stations (ours) and partners: routing by AS2 IDs, station keys, partner certificates. */
  readonly as2Profiles: As2Profiles;
  close(): void;
}

/** A sealed known value in the database proves the master key belongs to this database. */
const CHECK_KEY = 'master_key_check';
const CHECK_CONTEXT = 'meta:master_key_check';
const CHECK_VALUE = 'courier';

export async function openHome(options: OpenHomeOptions): Promise<CourierContext> {
  const paths = homePaths(options.home);
  await ensureDirectory(paths.home);
  const hasKey = existsSync(join(paths.keys, MASTER_KEY_FILE));
  const hasDb = existsSync(paths.database);
  if (hasKey && !hasDb) {
    throw new CourierError('STORE_MISSING', `${paths.database} is missing although this home has a master key.`, 'Restore courier.db from a backup; Courier will not start an empty store over existing keys.');
  }
  if (!hasKey && hasDb) {
    throw new CourierError('HOME_UNUSABLE', `keys/${MASTER_KEY_FILE} is missing from ${paths.home}.`, 'Restore the master key with `courier master-key restore FILE --home DIR`.');
  }
  const created = !hasKey;
  await ensureDirectory(paths.keys);
  await ensureDirectory(paths.blobs);

  const masterKey = created ? MasterKey.random() : await MasterKey.loadFrom(paths.keys, options.protector);
  const secrets = new SecretBox(masterKey);
  const db = openDatabase(paths.database, { create: created, busyTimeoutMs: options.busyTimeoutMs });
  try {
    if (created) {
      // The database is made first and the key file last: a crash in between leaves a home that says so.
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(CHECK_KEY, secrets.seal(CHECK_VALUE, CHECK_CONTEXT));
      await masterKey.saveTo(paths.keys, options.protector);
    } else {
      assertMasterKeyFits(db, secrets);
    }
  } catch (error) {
    db.close();
    // A home that failed while being created (a passphrase refused, a keystore error) holds nothing yet: remove
    // the new store so the next attempt creates the home afresh instead of finding a store without its key.
    if (created) for (const suffix of ['', '-wal', '-shm']) rmSync(`${paths.database}${suffix}`, { force: true });
    throw error;
  }

  const events = new EventBus();
  const audit = new AuditLog(db, `${options.host}:${safeUserName()}`, (entry) => events.publish({ type: 'audit.appended', entry }));
  if (created) audit.append({ action: 'home.created', target: paths.home, details: { protection: options.protector.kind } });
  const blobs = new BlobStore(paths.blobs);
  const messages = new MessageStore(db, blobs, events);
  const keys = new KeyService({ db, keysDir: paths.keys, masterKey, audit, events });
  const certificates = new CertificateService({ db, audit, keysDir: paths.keys, masterKey });
  return {
    version: COURIER_VERSION,
    host: options.host,
    paths,
    startedAt: new Date().toISOString(),
    created,
    db,
    blobs,
    messages,
    messageQueries: new MessageQueries(db, blobs, messages),
    audit,
    events,
    settings: new SettingsService(options.preferences ?? jsonFilePreferences(paths.preferences), events),
    masterKey,
    secrets,
    tlsTrust: new TlsTrustStore(db, audit),
    keys,
    certificates,
    as2Profiles: new SqliteAs2Profiles({ db, keys, certificates, audit }),
    close: () => db.close(),
  };
}

export function assertMasterKeyFits(db: CourierDatabase, secrets: SecretBox): void {
  const row = db.prepare<[string], { value: Buffer }>('SELECT value FROM meta WHERE key = ?').get(CHECK_KEY);
  if (!row || secrets.openText(row.value, CHECK_CONTEXT) !== CHECK_VALUE) {
    throw new CourierError('MASTER_KEY_MISMATCH', 'The master key does not belong to this database.', 'Restore the master key this home was created with.');
  }
}

async function ensureDirectory(path: string): Promise<void> {
  if (existsSync(path) && !statSync(path).isDirectory()) {
    throw new CourierError('HOME_UNUSABLE', `${path} exists and is not a folder.`, 'Choose another --home, or move that file away.');
  }
  try {
    await mkdir(path, { recursive: true, mode: 0o700 });
  } catch {
    throw new CourierError('HOME_UNUSABLE', `Cannot create the folder ${path}.`, 'Check the permissions of its parent folder, or choose another --home.');
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
