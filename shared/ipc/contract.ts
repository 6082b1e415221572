// How a procedure is declared: one name, zod schemas for input and output, and its kind.
// Both sides derive their types from these objects, so a renamed field fails the build on both.
import type { z } from 'zod';

export type ProcedureKind = 'query' | 'mutation' | 'subscription';

export interface Procedure<
  Name extends string = string,
  Kind extends ProcedureKind = ProcedureKind,
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
> {
  readonly name: Name;
  readonly kind: Kind;
  /** One line for people reading the contract (and `courier --help`). */
  readonly summary: string;
  readonly input: Input;
  /** For a subscription: the schema of each event it delivers. */
  readonly output: Output;
}

export function defineProcedure<
  const Name extends string,
  const Kind extends ProcedureKind,
  Input extends z.ZodType,
  Output extends z.ZodType,
>(procedure: Procedure<Name, Kind, Input, Output>): Procedure<Name, Kind, Input, Output> {
  return procedure;
}
