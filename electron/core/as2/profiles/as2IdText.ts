// AS2 IDs reach messages from the wire (AS2-From, AS2-To): before one goes into an error message it is cut and
// everything outside printable ASCII escaped, so a hostile header cannot forge lines in a log or a terminal.
const MAX_SHOWN = 128;

export function quoteAs2Id(value: string): string {
  const cut = value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) : value;
  const escaped = cut.replace(/[\\"]|[^\x20-\x7e]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return `"${escaped}${cut.length < value.length ? '…' : ''}"`;
}
