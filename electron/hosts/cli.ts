// `courier`: the command-line host. Every command goes through the same Api as the UI; errors are one line
// on stderr (`error: <code>: <message> (<hint>)`) and the exit code is 0 ok, 1 failure, 2 bad input.
import { CourierError } from '../../shared/ipc';
import { toCourierError } from '../core/errors';
import { COURIER_VERSION } from '../core/version';
import { auditCommand, infoCommand, settingsCommand } from './cli/appCommands';
import { as2gCommand } from './cli/as2gCommand';
import { certsCommand } from './cli/certsCommand';
import { fiscalCommand } from './cli/fiscalCommand';
import { keysCommand } from './cli/keysCommand';
import { masterKeyCommand } from './cli/masterKeyCommand';
import { as2Command, messagesCommand } from './cli/messagesCommand';
import { processIo, type CliIo } from './cli/options';
import { pacoCommand } from './cli/pacoCommand';
import { pageroCommand } from './cli/pageroCommand';
import { partnersCommand } from './cli/partnersCommand';
import { stationsCommand } from './cli/stationsCommand';
import { serveCommand } from './cli/serveCommand';
import { tlsCommand } from './cli/tlsCommand';

interface Command {
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const commands: Record<string, Command> = {
  demo: { summary: 'Start the app on a fresh demo home with the simulators, and open it.', run: (a, io) => serveCommand(a, io, 'demo') },
  serve: { summary: 'Serve the app to a browser on 127.0.0.1 (prints the URL with its token).', run: (a, io) => serveCommand(a, io, 'serve') },
  info: { summary: 'Version, host and where the data lives.', run: infoCommand },
  audit: { summary: 'audit list: the audit trail, newest first.', run: auditCommand },
  settings: { summary: 'settings get|set: preferences.', run: settingsCommand },
  'master-key': { summary: 'master-key export|restore: back up or restore the key that wraps all secrets.', run: masterKeyCommand },
  keys: { summary: 'keys generate|list|export-public|export-private|delete|rotate|rotation: key pairs for PACO, AS2 and TLS.', run: keysCommand },
  tls: { summary: 'tls inspect|export-chain|trust-ca|pin|trust-list|trust-remove: a server\'s chain and a profile\'s TLS trust.', run: tlsCommand },
  certs: { summary: 'certs import|list|show|self-sign|csr|attach|delete: partner, CA and own certificates, PKCS#12 identities.', run: certsCommand },
  paco: { summary: 'paco call|profiles list|show|save|delete|templates: 2C2P PACO calls and profiles.', run: pacoCommand },
  pagero: { summary: 'pagero send|profiles|endpoints: documents to the Pagero Interchange API, and the push endpoints Pagero posts to.', run: pageroCommand },
  stations: { summary: 'stations add|list|delete: our AS2 stations (AS2 ID, signing and decryption keys).', run: stationsCommand },
  partners: { summary: 'partners add|list|show|export|import|delete: AS2 partners, their certificates and settings.', run: partnersCommand },
  as2: { summary: 'as2 send: send a document (and attachments) to a partner and follow it to its MDN.', run: as2Command },
  as2g: { summary: 'as2g accounts|login|send|list|get|download|batch-download|stop|retry|delete|partners|stations|sync: the hosted AS2 Gateway.', run: as2gCommand },
  messages: { summary: 'messages list|show|export|stop|resume|resend: Inbox and Outbox.', run: messagesCommand },
  fiscal: { summary: 'fiscal upload|inspect|profiles list|show|save|delete: CSV/TXT/XLSX uploads to FISCAL over HTTPS.', run: fiscalCommand },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`);
  return ['usage: courier <command> [options] [--home DIR] [--json]', '', 'commands:', ...lines].join('\n');
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(usage());
      return 0;
    }
    if (name === '--version') {
      io.out(COURIER_VERSION);
      return 0;
    }
    const command = commands[name];
    if (!command) throw new CourierError('BAD_INPUT', `Unknown command "${name}".`, 'Run `courier --help` for the list of commands.');
    return await command.run(rest, io);
  } catch (error) {
    const courierError = toCourierError(error);
    io.err(courierError.toLine());
    return courierError.isInputError ? 2 : 1;
  }
}
