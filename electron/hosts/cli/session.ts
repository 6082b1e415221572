// Opens a home for one CLI command, hands it the Api (the same door the UI uses), and closes it after.
import { CourierError, type CallName, type InputOf, type OutputOf } from '../../../shared/ipc';
import { createCourierApi, type Api } from '../../api';
import { defaultHome } from '../../core/home/paths';
import { openHome, type CourierContext } from '../../core/home/openHome';
import { passphraseProtector } from '../passphrase';

export interface CliSession {
  ctx: CourierContext;
  api: Api;
  call<N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
}

export async function withSession<T>(home: string | undefined, run: (session: CliSession) => Promise<T>): Promise<T> {
  const ctx = await openHome({ home: defaultHome(home), host: 'cli', protector: passphraseProtector() });
  const api = createCourierApi(ctx);
  try {
    return await run({
      ctx,
      api,
      async call(name, input) {
        const reply = await api.invoke(name, input);
        if (!reply.ok) throw CourierError.fromData(reply.error);
        return reply.output as OutputOf<typeof name>;
      },
    });
  } finally {
    ctx.close();
  }
}
