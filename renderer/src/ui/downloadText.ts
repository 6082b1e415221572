// Saves what the page already holds (a public key, a certificate, a CSR, a payload or an audit zip Courier
// just returned) as a file through the browser's own download, so nothing is written on the Courier side for it.
function save(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadText(fileName: string, text: string, type: string): void {
  save(fileName, new Blob([text], { type }));
}

export function downloadBase64(fileName: string, contentBase64: string, type: string): void {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  save(fileName, new Blob([bytes], { type }));
}
