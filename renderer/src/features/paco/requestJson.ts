// The request editor's check as the user types: the text either is JSON (an object, as every PACO request
// is) or is not, and then the problem is named with the line and column where the parser stopped.
export type RequestJsonCheck = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

export function checkRequestJson(text: string): RequestJsonCheck {
  if (text.trim() === '') return { ok: false, error: 'The request is empty; PACO requests are JSON objects.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    const reason = message.replace(/\s*(?:in JSON )?at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
    if (position === undefined) return { ok: false, error: `Not valid JSON: ${reason}` };
    const { line, column } = lineAndColumn(text, Number(position));
    return { ok: false, error: `Line ${line}, column ${column}: ${reason}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'A PACO request is a JSON object ({ … }).' };
  return { ok: true, value: value as Record<string, unknown> };
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
