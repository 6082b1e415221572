// The schema, as an ordered list of steps. A step is never edited once released: add a new one.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'meta, append-only audit log, message archive',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
      );

      CREATE TABLE audit_log (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_action ON audit_log(action, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE messages (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        direction   TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        protocol    TEXT NOT NULL,
        message_id  TEXT,
        wire_sha256 TEXT NOT NULL,
        wire_size   INTEGER NOT NULL,
        status      TEXT NOT NULL,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX messages_created_at ON messages(created_at);
      CREATE INDEX messages_message_id ON messages(message_id);
    `,
  },
  {
    version: 2,
    name: 'key pairs (public half and fingerprints; private halves live encrypted in keys/)',
    // Purposes, key types and origins are checked in code, not by CHECK, so a new one needs no table rebuild.
    // A certificate table refers to keys(id) and finds its key by spki_sha256; rotation sets successor_id.
    sql: `
      CREATE TABLE keys (
        id             TEXT PRIMARY KEY,
        label          TEXT NOT NULL,
        purpose        TEXT NOT NULL,
        key_type       TEXT NOT NULL,
        rsa_bits       INTEGER,
        ec_curve       TEXT,
        origin         TEXT NOT NULL,
        spki           BLOB NOT NULL,
        spki_sha256    TEXT NOT NULL UNIQUE,
        jwk_thumbprint TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        successor_id   TEXT REFERENCES keys(id) ON DELETE SET NULL
      );
      CREATE INDEX keys_purpose ON keys(purpose, created_at);
      CREATE INDEX keys_successor ON keys(successor_id);
    `,
  },
  {
    version: 3,
    name: 'per-profile TLS trust: extra CA certificates and SPKI SHA-256 pins',
    // scope is a profile's trust scope name (e.g. fiscal:default); profiles refer to it, so no foreign key.
    sql: `
      CREATE TABLE tls_trust (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        scope       TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('ca', 'pin')),
        label       TEXT,
        spki_sha256 TEXT NOT NULL,
        cert_sha256 TEXT,
        not_after   TEXT,
        pem         TEXT,
        created_at  TEXT NOT NULL,
        CHECK ((kind = 'ca') = (cert_sha256 IS NOT NULL AND pem IS NOT NULL))
      );
      CREATE UNIQUE INDEX tls_trust_ca ON tls_trust(scope, cert_sha256) WHERE kind = 'ca';
      CREATE UNIQUE INDEX tls_trust_pin ON tls_trust(scope, spki_sha256) WHERE kind = 'pin';
    `,
  },
  {
    version: 4,
    name: 'key rotations: the state machine and timeline of replacing a key by its successor',
    // successor_id is reserved before its key row exists (planned), so it is no foreign key. At most one
    // rotation per predecessor has not ended; a key's role (active, incoming…) is derived from these rows.
    sql: `
      CREATE TABLE key_rotations (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        predecessor_id TEXT NOT NULL REFERENCES keys(id) ON DELETE CASCADE,
        successor_id   TEXT NOT NULL UNIQUE,
        state          TEXT NOT NULL CHECK (state IN ('planned', 'ready', 'switched', 'retired', 'cancelled')),
        job_id         TEXT NOT NULL,
        overlap_days   INTEGER NOT NULL CHECK (overlap_days >= 0),
        switch_at      TEXT,
        retire_at      TEXT,
        started_at     TEXT NOT NULL,
        ready_at       TEXT,
        switched_at    TEXT,
        retired_at     TEXT,
        cancelled_at   TEXT,
        cancel_reason  TEXT CHECK (cancel_reason IN ('requested', 'generation-failed', 'interrupted')),
        generator      TEXT,
        CHECK ((state = 'cancelled') = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL)),
        CHECK (state NOT IN ('switched', 'retired') OR (switched_at IS NOT NULL AND switch_at IS NOT NULL AND retire_at IS NOT NULL))
      );
      CREATE INDEX key_rotations_predecessor ON key_rotations(predecessor_id, state);
      CREATE UNIQUE INDEX key_rotations_open ON key_rotations(predecessor_id) WHERE state IN ('planned', 'ready', 'switched');
      CREATE INDEX key_rotations_state ON key_rotations(state);
    `,
  },
  {
    version: 5,
    name: 'certificates: partners\', CAs\' and our own, once each by SHA-256 fingerprint',
    // The DER is the record; the other columns serve queries (expiry, issuer lookup for chains). Which key a
    // certificate certifies is joined by spki_sha256 = keys.spki_sha256, never stored, so it cannot go stale.
    sql: `
      CREATE TABLE certificates (
        id                 TEXT PRIMARY KEY,
        sha256_fingerprint TEXT NOT NULL UNIQUE,
        spki_sha256        TEXT NOT NULL,
        subject            TEXT NOT NULL,
        issuer             TEXT NOT NULL,
        not_after          TEXT NOT NULL,
        der                BLOB NOT NULL,
        source             TEXT NOT NULL,
        added_at           TEXT NOT NULL
      );
      CREATE INDEX certificates_spki ON certificates(spki_sha256);
      CREATE INDEX certificates_subject ON certificates(subject);
      CREATE INDEX certificates_not_after ON certificates(not_after);
    `,
  },
  {
    version: 6,
    name: 'PACO profiles: endpoints, PACO public keys, merchant key references, sealed token and Basic password',
    // Merchant keys are referenced by keystore id (not a foreign key: deleting a key must not delete the
    // profile; the call names the missing key). token_sealed / basic_password_sealed are SecretBox output.
    sql: `
      CREATE TABLE paco_profiles (
        id                    TEXT PRIMARY KEY,
        name                  TEXT NOT NULL UNIQUE,
        environment           TEXT NOT NULL CHECK (environment IN ('uat', 'production')),
        base_url              TEXT NOT NULL,
        api_key               TEXT NOT NULL,
        basic_user            TEXT NOT NULL,
        token_sealed          BLOB NOT NULL,
        basic_password_sealed BLOB NOT NULL,
        paco_keys             TEXT NOT NULL,
        merchant_signing_key_id    TEXT NOT NULL,
        merchant_encryption_key_id TEXT NOT NULL,
        signing_algorithm     TEXT NOT NULL,
        content_encryption    TEXT NOT NULL,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'AS2: stations, partners, message details for Inbox/Outbox, MDNs, the outbound queue',
    // Keys and certificates are referenced by id (not foreign keys: deleting a certificate must not delete a
    // partner; a send names what is missing). JSON columns hold what is read whole and never queried by part.
    sql: `
      CREATE TABLE as2_stations (
        id             TEXT PRIMARY KEY,
        as2_id         TEXT NOT NULL UNIQUE,
        name           TEXT NOT NULL,
        environment    TEXT NOT NULL CHECK (environment IN ('test', 'production')),
        signing        TEXT NOT NULL,
        decryption     TEXT NOT NULL,
        public_url     TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE TABLE as2_partners (
        id             TEXT PRIMARY KEY,
        as2_id         TEXT NOT NULL,
        station_id     TEXT NOT NULL REFERENCES as2_stations(id),
        name           TEXT NOT NULL,
        url            TEXT NOT NULL,
        environment    TEXT NOT NULL CHECK (environment IN ('test', 'production')),
        encryption_certificate_id TEXT,
        signature_certificate_id  TEXT,
        settings       TEXT NOT NULL,
        pause_incoming INTEGER NOT NULL DEFAULT 0,
        pause_outgoing INTEGER NOT NULL DEFAULT 0,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        UNIQUE (station_id, as2_id)
      );

      ALTER TABLE messages ADD COLUMN partner_id TEXT;
      ALTER TABLE messages ADD COLUMN station_id TEXT;
      ALTER TABLE messages ADD COLUMN subject TEXT;
      ALTER TABLE messages ADD COLUMN file_name TEXT;
      ALTER TABLE messages ADD COLUMN content_type TEXT;
      ALTER TABLE messages ADD COLUMN payload_sha256 TEXT;
      ALTER TABLE messages ADD COLUMN payload_size INTEGER;
      ALTER TABLE messages ADD COLUMN headers TEXT;
      ALTER TABLE messages ADD COLUMN security TEXT;
      ALTER TABLE messages ADD COLUMN problem TEXT;
      ALTER TABLE messages ADD COLUMN status_text TEXT;
      ALTER TABLE messages ADD COLUMN updated_at TEXT;
      CREATE INDEX messages_direction_created ON messages(direction, created_at, id);
      CREATE INDEX messages_partner_created ON messages(partner_id, direction, created_at);
      CREATE INDEX messages_status_created ON messages(status, direction, created_at);
      CREATE UNIQUE INDEX messages_inbound_once ON messages(protocol, ifnull(partner_id, ''), message_id)
        WHERE direction = 'inbound' AND message_id IS NOT NULL;

      CREATE TABLE mdns (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        message_row_id INTEGER NOT NULL UNIQUE REFERENCES messages(id),
        direction      TEXT NOT NULL CHECK (direction IN ('received', 'sent')),
        delivery       TEXT NOT NULL CHECK (delivery IN ('sync', 'async')),
        state          TEXT NOT NULL CHECK (state IN ('pending', 'complete', 'failed')),
        wire_sha256    TEXT,
        wire_size      INTEGER,
        headers        TEXT,
        disposition    TEXT,
        mic_algorithm  TEXT,
        mic_returned   TEXT,
        mic_expected   TEXT,
        mic_matches    INTEGER,
        signature      TEXT,
        text           TEXT,
        async_url      TEXT,
        attempts       INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error     TEXT,
        at             TEXT,
        created_at     TEXT NOT NULL
      );
      CREATE INDEX mdns_pending ON mdns(state, next_attempt_at) WHERE state = 'pending';

      CREATE TABLE as2_outbound_queue (
        message_row_id  INTEGER PRIMARY KEY REFERENCES messages(id),
        state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'awaiting-mdn', 'stopped', 'done', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        request         TEXT NOT NULL,
        history         TEXT NOT NULL DEFAULT '[]'
      );
      CREATE INDEX as2_outbound_due ON as2_outbound_queue(state, next_attempt_at);
    `,
  },
  {
    version: 8,
    name: 'Pagero: send profiles (sealed login, cached OAuth2 tokens), push endpoints and the access tokens Courier issues them',
    // *_sealed columns are SecretBox output. Push client secrets and Basic passwords are kept as scrypt hashes
    // (only ever compared); the access tokens Courier issues are kept as SHA-256 digests, never in clear.
    sql: `
      CREATE TABLE pagero_profiles (
        id                  TEXT PRIMARY KEY,
        name                TEXT NOT NULL UNIQUE,
        base_url            TEXT NOT NULL,
        document_type       TEXT NOT NULL,
        send_mode           TEXT NOT NULL,
        auth_mode           TEXT NOT NULL CHECK (auth_mode IN ('basic', 'oauth2-password')),
        username            TEXT NOT NULL,
        password_sealed     BLOB NOT NULL,
        sso_url             TEXT,
        client_id           TEXT,
        client_secret_sealed BLOB,
        access_sealed       BLOB,
        access_expires_at   TEXT,
        refresh_sealed      BLOB,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      );
      CREATE TABLE pagero_endpoints (
        id                  TEXT PRIMARY KEY,
        name                TEXT NOT NULL UNIQUE,
        auth_mode           TEXT NOT NULL CHECK (auth_mode IN ('none', 'basic', 'oauth2-client-credentials', 'mtls')),
        basic_user          TEXT,
        basic_password_hash TEXT,
        client_id           TEXT,
        client_secret_hash  TEXT,
        access_lifetime_s   INTEGER NOT NULL,
        client_ca_pem       TEXT,
        record_headers      TEXT NOT NULL,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      );
      CREATE TABLE pagero_push_tokens (
        digest              TEXT PRIMARY KEY,
        endpoint_id         TEXT NOT NULL,
        expires_at          TEXT NOT NULL
      );
      CREATE INDEX pagero_push_tokens_expiry ON pagero_push_tokens(expires_at);
    `,
  },
  {
    version: 9,
    name: 'FISCAL: upload profiles (sealed access token with its expiry) and what each upload was sent as',
    // token_sealed is SecretBox output. fiscal_uploads keeps what a resend needs (profile, file type) and the
    // server's whole answer beside the message row; profile_id is no foreign key, so History outlives a profile.
    sql: `
      CREATE TABLE fiscal_profiles (
        id                  TEXT PRIMARY KEY,
        name                TEXT NOT NULL UNIQUE,
        region              TEXT NOT NULL CHECK (region IN ('uksouth', 'euwest', 'uswest')),
        customer            TEXT NOT NULL,
        unit                TEXT NOT NULL,
        base_url            TEXT,
        token_sealed        BLOB NOT NULL,
        token_expires_on    TEXT NOT NULL,
        remind_days_before  INTEGER NOT NULL,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      );
      CREATE TABLE fiscal_uploads (
        message_row_id      INTEGER PRIMARY KEY REFERENCES messages(id),
        profile_id          TEXT NOT NULL,
        file_type           TEXT NOT NULL,
        url                 TEXT NOT NULL,
        source_file_name    TEXT NOT NULL,
        attempts            INTEGER NOT NULL DEFAULT 0,
        response_status     INTEGER,
        response_body       TEXT
      );
    `,
  },
  {
    version: 10,
    name: 'AS2 Gateway: accounts (sealed password and session token) and which gateway message each Inbox/Outbox row is',
    // *_sealed columns are SecretBox output. as2g_messages ties a message row to its account and gateway ID: the
    // sync refreshes outbound rows until settled; account_id is no foreign key, so messages outlive an account.
    sql: `
      CREATE TABLE as2g_accounts (
        id                  TEXT PRIMARY KEY,
        name                TEXT NOT NULL UNIQUE,
        base_url            TEXT NOT NULL,
        username            TEXT NOT NULL,
        password_sealed     BLOB NOT NULL,
        session_sealed      BLOB,
        session_expires_at  INTEGER,
        last_sync_at        TEXT,
        last_sync_outcome   TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      );
      CREATE TABLE as2g_messages (
        message_row_id      INTEGER PRIMARY KEY REFERENCES messages(id),
        account_id          TEXT NOT NULL,
        gateway_message_id  TEXT NOT NULL,
        settled             INTEGER NOT NULL DEFAULT 0,
        checked_at          TEXT
      );
      CREATE INDEX as2g_messages_open ON as2g_messages(account_id, settled);
    `,
  },
];
