// Passwords, tokens and passphrases reach the CLI as the first line of a file named by a flag, never on the command
// line (shell history, `ps`); one reader gives every command the same size cap, line rule and typed errors.
import { CourierError } from '../../../shared/ipc';
import { inputFileName, readInputText } from './inputFile';

/** Far above any password, passphrase or access token; a larger file is the wrong file. */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

export interface SecretFile {
  /** The flag that named the file, e.g. `--password-file`: every error names it. */
  flag: string;
  /** What the first line holds, for messages: "password", "access token". */
  secret: string;
  /** An empty first line is a value (the empty password some PKCS#12 files have), not a mistake. */
  allowEmpty?: boolean;
  /** The value never holds white space (an access token), so spaces an editor left around it are dropped. */
  trim?: boolean;
}

/** The first line of the file, without its line ending; the file's other lines are never used. */
export async function readSecretFile(path: string, { flag, secret, allowEmpty = false, trim = false }: SecretFile): Promise<string> {
  const file = { what: `${secret} file`, flag, maxBytes: MAX_SECRET_FILE_BYTES, hint: `Put the ${secret} alone on the first line of the file.` };
  const firstLine = (await readInputText(path, file)).split(/\r?\n/, 1)[0]!;
  const value = trim ? firstLine.trim() : firstLine;
  if (value === '' && !allowEmpty) throw new CourierError('BAD_INPUT', `The ${inputFileName(path, file)} is empty.`, file.hint);
  return value;
}

/** The secret when its flag was given, else undefined (the command keeps what is stored). */
export async function optionalSecretFile(path: string | undefined, spec: SecretFile): Promise<string | undefined> {
  return path === undefined ? undefined : readSecretFile(path, spec);
}
