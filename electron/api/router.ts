// The single door into the core for every host: find the procedure, validate its input with the
// contract's schema before anything else, run the handler, pass the output through its schema (which
// drops any field the contract does not name), and turn every failure into a CourierError.
import type { z } from 'zod';
import {
  CourierError,
  isProcedureName,
  procedures,
  type CallName,
  type OutputOf,
  type ParsedInputOf,
  type Reply,
  type SubscriptionName,
} from '../../shared/ipc';
import { toCourierError } from '../core/errors';
import type { CourierContext } from '../core/home/openHome';
import { logInternalError } from '../core/log';

export type CallHandler<N extends CallName> = (input: ParsedInputOf<N>, ctx: CourierContext) => Promise<OutputOf<N>> | OutputOf<N>;
export type SubscriptionHandler<N extends SubscriptionName> = (
  input: ParsedInputOf<N>,
  ctx: CourierContext,
  emit: (event: OutputOf<N>) => void,
) => () => void;

/** One handler per procedure name: a procedure without a handler fails the build. */
export type Handlers = { [N in CallName]: CallHandler<N> } & { [N in SubscriptionName]: SubscriptionHandler<N> };

export interface Subscription {
  reply: Reply;
  unsubscribe: () => void;
}

export interface Api {
  invoke(name: string, input: unknown): Promise<Reply>;
  subscribe(name: string, input: unknown, emit: (data: unknown) => void): Subscription;
}

function fail(error: unknown): Reply {
  const courierError = toCourierError(error);
  if (courierError.code === 'INTERNAL' && !(error instanceof CourierError)) logInternalError(error);
  return { ok: false, error: courierError.toData() };
}

function procedureOf(name: string, kinds: readonly string[]) {
  if (!isProcedureName(name)) {
    throw new CourierError('UNKNOWN_PROCEDURE', `There is no procedure named "${name.slice(0, 100)}".`, 'Update Courier so both sides speak the same contract.');
  }
  const procedure = procedures[name];
  if (!kinds.includes(procedure.kind)) {
    throw new CourierError('UNKNOWN_PROCEDURE', `"${name}" is a ${procedure.kind}, not called this way.`);
  }
  return procedure;
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown, name: string): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
  throw new CourierError('BAD_INPUT', `Invalid input for ${name}${where}: ${issue?.message ?? 'not accepted'}.`, 'Correct the value and try again.');
}

export function createApi(ctx: CourierContext, handlers: Handlers): Api {
  return {
    async invoke(name, input) {
      try {
        const procedure = procedureOf(name, ['query', 'mutation']);
        const parsedInput = parseInput(procedure.input, input, name);
        const handler = handlers[name as CallName] as (input: unknown, ctx: CourierContext) => unknown;
        const output = procedure.output.parse(await handler(parsedInput, ctx));
        return { ok: true, output };
      } catch (error) {
        return fail(error);
      }
    },

    subscribe(name, input, emit) {
      try {
        const procedure = procedureOf(name, ['subscription']);
        const parsedInput = parseInput(procedure.input, input, name);
        const handler = handlers[name as SubscriptionName] as (input: unknown, ctx: CourierContext, emit: (event: unknown) => void) => () => void;
        const unsubscribe = handler(parsedInput, ctx, (event) => emit(procedure.output.parse(event)));
        return { reply: { ok: true, output: null }, unsubscribe };
      } catch (error) {
        return { reply: fail(error), unsubscribe: () => undefined };
      }
    },
  };
}
