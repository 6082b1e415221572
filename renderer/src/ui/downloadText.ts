// Saves text the page already holds (a public key, a certificate, a CSR) as a file through the browser's own
// download, so nothing is written on the Courier side for it.
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
