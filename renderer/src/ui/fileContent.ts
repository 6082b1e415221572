// A file the user chose or dropped, read in the page for the contract (which carries files as base64), and
// the one error type for a file refused before or while reading it, with what to do instead.
export class FileRefusal extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      // A data URL: "data:<type>;base64,<content>".
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new FileRefusal(`${file.name} could not be read.`, 'Check that the file still exists and that you may read it.'));
    reader.readAsDataURL(file);
  });
}
