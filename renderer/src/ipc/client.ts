// The renderer's typed client, derived from the shared contract: names, inputs and outputs are checked
// by the compiler, and every reply is parsed with the procedure's output schema before use.
import {
  CourierError,
  procedures,
  type CallName,
  type InputOf,
  type OutputOf,
  type SubscriptionName,
} from '../../../shared/ipc';
import type { ConnectionState, Transport } from './transport';

export interface CourierClient {
  readonly hostKind: Transport['kind'];
  call<N extends CallName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  subscribe<N extends SubscriptionName>(name: N, input: InputOf<N>, onEvent: (event: OutputOf<N>) => void): () => void;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

export function createClient(transport: Transport): CourierClient {
  return {
    hostKind: transport.kind,
    async call(name, input) {
      const reply = await transport.invoke(name, input);
      if (!reply.ok) throw CourierError.fromData(reply.error);
      return procedures[name].output.parse(reply.output) as OutputOf<typeof name>;
    },
    subscribe(name, input, onEvent) {
      return transport.subscribe(name, input, (data) => {
        const parsed = procedures[name].output.safeParse(data);
        if (parsed.success) onEvent(parsed.data as OutputOf<typeof name>);
      });
    },
    onConnectionChange: (listener) => transport.onStateChange(listener),
  };
}
