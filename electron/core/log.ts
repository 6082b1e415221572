// Diagnostics on stderr. An internal error is logged by its type and stack frames only: the message line
// is left out because library messages can quote the input that caused them, and input may be secret.
export function logInternalError(error: unknown): void {
  const frames = error instanceof Error && error.stack ? error.stack.split('\n').slice(1, 8).join('\n') : '';
  const name = error instanceof Error ? error.name : typeof error;
  process.stderr.write(`courier: internal error (${name})\n${frames}\n`);
}

export function logInfo(message: string): void {
  process.stderr.write(`courier: ${message}\n`);
}
