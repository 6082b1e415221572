// The one reader behind every --password-file, --token-file and --passphrase-file: the first line only, bounded
// before it is read, and a typed BAD_INPUT that names the file and its flag but never what the file holds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CourierError } from '../../../shared/ipc';
import { MAX_SECRET_FILE_BYTES, optionalSecretFile, readSecretFile } from '../../../electron/hosts/cli/secretFile';
import { tempDir } from '../../support/home';

const dir = tempDir('courier-secret-file-');
afterAll(() => dir.remove());
const file = (name: string, content: string | Buffer) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};
const PASSWORD = { flag: '--password-file', secret: 'password' };

async function refusal(promise: Promise<unknown>): Promise<CourierError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CourierError);
  expect((error as CourierError).code).toBe('BAD_INPUT');
  return error as CourierError;
}

describe('a secret file', () => {
  it('gives its first line without the line ending, whatever follows, and drops a byte-order mark', async () => {
    expect(await readSecretFile(file('lf', 's3cret\n'), PASSWORD)).toBe('s3cret');
    expect(await readSecretFile(file('crlf', 's3cret\r\nsecond line\r\n'), PASSWORD)).toBe('s3cret');
    expect(await readSecretFile(file('bare', ' with spaces '), PASSWORD)).toBe(' with spaces ');
    expect(await readSecretFile(file('bom', '\uFEFFs3cret\n'), PASSWORD)).toBe('s3cret');
    expect(await readSecretFile(file('cr', 'a\rb\n'), PASSWORD)).toBe('a\rb');
  });

  it('trims only where the value never holds white space, and allows an empty line only where it is a value', async () => {
    expect(await readSecretFile(file('token', '  eyJ.token  \n'), { flag: '--token-file', secret: 'access token', trim: true })).toBe('eyJ.token');
    expect(await readSecretFile(file('empty-p12', '\nignored\n'), { ...PASSWORD, allowEmpty: true })).toBe('');
    const blank = await refusal(readSecretFile(file('blank-token', '   \n'), { flag: '--token-file', secret: 'access token', trim: true }));
    expect(blank.message).toMatch(/^The access token file .*blank-token \(--token-file\) is empty\.$/);
  });

  it('refuses an empty, missing, oversized, endless or non-UTF-8 file with BAD_INPUT naming the flag, never the content', async () => {
    const cases: Array<[() => Promise<unknown>, RegExp]> = [
      [() => readSecretFile(file('empty', ''), PASSWORD), /empty \(--password-file\) is empty\./],
      [() => readSecretFile(file('newline', '\nsecond-line-secret\n'), PASSWORD), /is empty\./],
      [() => readSecretFile(join(dir.path, 'missing'), PASSWORD), /^Cannot read the password file .*missing \(--password-file\)\.$/],
      [() => readSecretFile(dir.path, PASSWORD), /^Cannot read the password file/],
      [() => readSecretFile(file('huge', `huge-secret${'x'.repeat(MAX_SECRET_FILE_BYTES)}`), PASSWORD), new RegExp(`is ${MAX_SECRET_FILE_BYTES + 11} bytes, more than ${MAX_SECRET_FILE_BYTES}\\.$`)],
      [() => readSecretFile('/dev/zero', PASSWORD), new RegExp(`/dev/zero \\(--password-file\\) holds more than ${MAX_SECRET_FILE_BYTES} bytes\\.$`)],
      [() => readSecretFile(file('latin1', Buffer.from([0x70, 0xe4, 0x73, 0x73, 0x0a])), PASSWORD), /is not UTF-8 text\./],
    ];
    for (const [read, message] of cases) {
      const error = await refusal(read());
      expect(error.message).toMatch(message);
      expect(`${error.message} ${error.hint}`).not.toMatch(/huge-secret|second-line-secret|xxxx/);
    }
  });

  it('is undefined when its flag was not given', async () => {
    expect(await optionalSecretFile(undefined, PASSWORD)).toBeUndefined();
    expect(await optionalSecretFile(file('given', 'pw\n'), PASSWORD)).toBe('pw');
  });
});
