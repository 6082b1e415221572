// Files dragged onto the window while a page that takes files is open (Certificates, Send): the browser must
// not open them itself, the page shows where to let go, and the dropped files are handed over. While such a
// page is open it owns every drop; on other pages the shell's drop-to-send takes them (pageTakesFiles).
import { useEffect, useRef, useState } from 'react';

export function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

let pagesTakingFiles = 0;

/** Whether the open page takes dropped files itself (then nothing else may act on a drop). */
export function pageTakesFiles(): boolean {
  return pagesTakingFiles > 0;
}

/** Returns whether files are being dragged over the window now. */
export function useFileDrop(onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onFiles);
  latest.current = onFiles;
  useEffect(() => {
    // dragenter/dragleave fire for every child crossed; count them to know when the pointer left the window.
    let depth = 0;
    pagesTakingFiles += 1;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length > 0) latest.current(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      pagesTakingFiles -= 1;
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}
