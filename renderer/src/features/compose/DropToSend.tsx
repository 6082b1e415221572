// Finance staff drop ERP extracts (CSV, TXT, XLSX) onto the window wherever they are: the files open on the
// Send page, previewed before anything leaves the machine. Pages that take files themselves (Certificates,
// Send) keep their own drop; elsewhere, other files are refused in words instead of the browser opening them.
import { Overlay, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useUiStore } from '../../state/uiStore';
import { carriesFiles, pageTakesFiles } from '../../ui/useFileDrop';
import { isSendableByDrop, useSendBatch } from './sendBatch';

export function DropToSend() {
  const navigate = useNavigate();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const mine = (event: DragEvent) => carriesFiles(event) && !pageTakesFiles();
    const enter = (event: DragEvent) => {
      if (!mine(event)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!mine(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (!mine(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!mine(event)) return;
      event.preventDefault();
      const files = Array.from(event.dataTransfer?.files ?? []);
      const sendable = files.filter((file) => isSendableByDrop(file.name));
      const refused = files.filter((file) => !isSendableByDrop(file.name));
      if (refused.length > 0) {
        useUiStore.getState().showToast({
          title: `${refused.map((file) => file.name).join(', ')} ${refused.length === 1 ? 'was' : 'were'} not opened.`,
          hint: 'Drop CSV, TXT or XLSX files to send them; other documents go on the Send page, certificates on the Certificates page.',
        });
      }
      if (sendable.length === 0) return;
      useSendBatch.getState().add(sendable);
      navigate('/send');
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [navigate]);
  if (!dragging) return null;
  return (
    <Overlay fixed color="var(--mantine-color-body)" backgroundOpacity={0.85} blur={2} zIndex={250} center>
      <Text size="xl" fw={600}>
        Drop CSV, TXT or XLSX files to preview and send them
      </Text>
    </Overlay>
  );
}
