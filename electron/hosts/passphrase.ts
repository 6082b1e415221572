// How serve and the CLI obtain the passphrase that protects the master key: COURIER_PASSPHRASE, else a
// hidden prompt on a terminal, else a clear error (never a hang on a closed stdin).
import { createInterface } from 'node:readline';
import { CourierError } from '../../shared/ipc';
import type { MasterKeyProtector, ScryptCost } from '../core/secrets/masterKey';

export const PASSPHRASE_ENV = 'COURIER_PASSPHRASE';

export function passphraseProtector(options: { fallback?: string; cost?: ScryptCost } = {}): MasterKeyProtector {
  return {
    kind: 'passphrase',
    cost: options.cost,
    async passphrase(purpose) {
      const fromEnv = process.env[PASSPHRASE_ENV];
      if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
      if (options.fallback !== undefined) return options.fallback;
      if (!process.stdin.isTTY) {
        throw new CourierError('PASSPHRASE_REQUIRED', 'A passphrase is needed to open this Courier home.', `Set ${PASSPHRASE_ENV}, or run the command in a terminal to be asked.`);
      }
      if (purpose === 'unlock') return promptHidden('Passphrase: ');
      const first = await promptHidden('New passphrase for this Courier home: ');
      const second = await promptHidden('Repeat it: ');
      if (first !== second) throw new CourierError('BAD_INPUT', 'The two passphrases differ.', 'Run the command again and type the same passphrase twice.');
      return first;
    },
  };
}

/** Reads one line from the terminal without echoing it. */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    process.stderr.write(question);
    output._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new CourierError('BAD_INPUT', 'Cancelled.'));
    });
  });
}
