// DESIGN §2: no output schema may carry secret material. This walks every procedure's output (and every
// event a subscription delivers) down to each field name and fails on any that can hold a secret.
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { procedures } from '../../../shared/ipc';

const SECRET_FIELD = /private|pass(word|phrase)?|secret|token|pkcs8|pkcs12|pfx|credential|authorization|apikey|api_key/i;

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
}

/** Every field path below a schema, as `a.b[].c`. */
export function fieldPaths(schema: z.ZodType, prefix = '', seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  const walk = (child: z.ZodType | undefined, path = prefix) => (child ? fieldPaths(child, path, seen) : []);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, child]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        return [path, ...walk(child, path)];
      });
    case 'array':
      return walk(def.element, `${prefix}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return walk(def.innerType);
    case 'union':
      return (def.options ?? []).flatMap((option) => walk(option));
    case 'intersection':
      return [...walk(def.left), ...walk(def.right)];
    case 'record':
    case 'map':
      return walk(def.valueType, `${prefix}{}`);
    case 'tuple':
      return (def.items ?? []).flatMap((item) => walk(item, `${prefix}[]`));
    case 'pipe':
      return [...walk(def.in), ...walk(def.out)];
    case 'lazy':
      return walk(def.getter?.());
    default:
      return [];
  }
}

describe('the contract keeps secrets in the main process', () => {
  for (const procedure of Object.values(procedures)) {
    it(`${procedure.name}: no output field can carry a secret`, () => {
      const paths = fieldPaths(procedure.output);
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.filter((path) => SECRET_FIELD.test(path.split('.').at(-1) ?? ''))).toEqual([]);
    });
  }

  it('the walker finds a secret field wherever it hides (so the check above can fail)', async () => {
    const { z } = await import('zod');
    const leaky = z.object({
      profile: z.object({ name: z.string(), auth: z.union([z.object({ clientSecret: z.string() }), z.null()]) }).optional(),
      keys: z.array(z.object({ privateKeyPem: z.string() })),
      map: z.record(z.string(), z.object({ password: z.string() })),
    });
    const flagged = fieldPaths(leaky).filter((path) => SECRET_FIELD.test(path.split('.').at(-1) ?? ''));
    expect(flagged).toEqual(['profile.auth.clientSecret', 'keys[].privateKeyPem', 'map{}.password']);
  });
});
